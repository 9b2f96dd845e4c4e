// Sign-in for the extension and the CLI. Pick a provider with createTokenProvider; everything
// returns the one TokenProvider interface the Graph client uses.
import { ConfidentialClientTokenProvider, type ConfidentialClientProviderOptions } from './confidentialClientProvider';
import { PublicClientTokenProvider, type PublicClientProviderOptions } from './publicClientProvider';
import type { TokenProvider } from './tokenProvider';

export type { AccessToken, SignedInAccount, TokenProvider } from './tokenProvider';
export { SignInError, type SignInErrorKind } from './errors';
export { PublicClientTokenProvider, type PublicClientProviderOptions, type PublicSignInMethod } from './publicClientProvider';
export { ConfidentialClientTokenProvider, type ConfidentialClientProviderOptions, type AppCredential, loadCertificatePem, readSecretFromEnv } from './confidentialClientProvider';
export { secretStoreCachePlugin, MemorySecretStore, type SecretStore, DEFAULT_CACHE_KEY } from './cachePlugin';
export { LoopbackRoutingNetworkClient } from './loopbackNetworkClient';
export { DEFAULT_CLIENT_ID, resolveAuthSettings, type AuthSettings } from './settings';
export { delegatedScopes, appOnlyScopes } from './scopes';
export type { DeviceCodeInfo } from './userFlows';
export type { AuthLogSink } from './log';

export type TokenProviderOptions =
  | ({ flow: 'public' } & PublicClientProviderOptions)
  | ({ flow: 'app' } & ConfidentialClientProviderOptions);

export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  return options.flow === 'public' ? new PublicClientTokenProvider(options) : new ConfidentialClientTokenProvider(options);
}
