// Sign-in for the extension and the CLI. Pick a provider with createTokenProvider; everything
// returns the one TokenProvider interface the Graph client uses. Flows: a user (browser, device
// code), an app (secret, certificate, workload identity token), a managed identity, the Azure CLI.
import { ConfidentialClientTokenProvider, type ConfidentialClientProviderOptions } from './confidentialClientProvider';
import { PublicClientTokenProvider, type PublicClientProviderOptions } from './publicClientProvider';
import { ManagedIdentityTokenProvider, type ManagedIdentityProviderOptions } from './managedIdentityProvider';
import { AzureCliTokenProvider, type AzureCliProviderOptions } from './azureCliProvider';
import type { TokenProvider } from './tokenProvider';

export type { AccessToken, SignedInAccount, TokenProvider } from './tokenProvider';
export { SignInError, type SignInErrorKind } from './errors';
export { PublicClientTokenProvider, type PublicClientProviderOptions, type PublicSignInMethod } from './publicClientProvider';
export {
  ConfidentialClientTokenProvider,
  type ConfidentialClientProviderOptions,
  type AppCredential,
  loadCertificatePem,
  readSecretFromEnv,
} from './confidentialClientProvider';
export { secretStoreCachePlugin, MemorySecretStore, type SecretStore, DEFAULT_CACHE_KEY } from './cachePlugin';
export { LoopbackRoutingNetworkClient } from './loopbackNetworkClient';
export { DEFAULT_CLIENT_ID, resolveAuthSettings, type AuthSettings } from './settings';
export {
  delegatedScopes,
  appOnlyScopes,
  delegatedPermissionsFor,
  directoryReadsOf,
  DIRECTORY_READ_PERMISSIONS,
  EDITOR_LOOKUP_READS,
  type DirectoryRead,
} from './scopes';
export { ManagedIdentityTokenProvider, type ManagedIdentityProviderOptions } from './managedIdentityProvider';
export { AzureCliTokenProvider, AZURE_CLI_CLIENT_ID, type AzureCliProviderOptions } from './azureCliProvider';
export {
  federatedTokenFileSource,
  readFederatedTokenFile,
  githubActionsSource,
  azurePipelinesSource,
  type AssertionSource,
} from './workloadTokens';
export type { DeviceCodeInfo } from './userFlows';
export type { AuthLogSink, AuthLogLevel } from './log';

export type TokenProviderOptions =
  | ({ flow: 'public' } & PublicClientProviderOptions)
  | ({ flow: 'app' } & ConfidentialClientProviderOptions)
  | ({ flow: 'managedIdentity' } & ManagedIdentityProviderOptions)
  | ({ flow: 'azureCli' } & AzureCliProviderOptions);

export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  switch (options.flow) {
    case 'public':
      return new PublicClientTokenProvider(options);
    case 'app':
      return new ConfidentialClientTokenProvider(options);
    case 'managedIdentity':
      return new ManagedIdentityTokenProvider(options);
    case 'azureCli':
      return new AzureCliTokenProvider(options);
  }
}
