// App-only sign-in for CI and other headless runs: client credentials with a secret (read from an
// environment variable whose *name* is given, so the value never appears on a command line or in
// shell history), a certificate (PEM file with private key and certificate), or a workload identity
// token (workload identity federation: GitHub Actions, Azure DevOps, a token file) fetched afresh
// by msal's clientAssertion callback for every token request.
import { ConfidentialClientApplication, type AuthenticationResult, type Configuration } from '@azure/msal-node';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AccessToken, TokenProvider } from './tokenProvider';
import { SignInError, toSignInError } from './errors';
import { createAuthLogger, type AuthLogSink, type AuthLogger } from './log';
import { msalSystem } from './msalSystem';
import { Redactor } from './redact';
import { appOnlyScopes } from './scopes';
import { isSpecificTenant, resolveAuthSettings, type AuthSettings, type ResolvedAuthSettings } from './settings';
import { presentedClaims, type AssertionSource } from './workloadTokens';
import type { FederatedContext } from './errors';

export type AppCredential =
  | { kind: 'secret'; envVar: string }
  /** `loaded`: the file already read by the caller; a pipe or /dev/stdin can be read only once. */
  | { kind: 'certificate'; pemPath: string; loaded?: LoadedCertificate }
  | { kind: 'assertion'; source: AssertionSource };

export interface ConfidentialClientProviderOptions extends AuthSettings {
  credential: AppCredential;
  /** Defaults to process.env; injectable for tests. */
  env?: Record<string, string | undefined>;
  log?: AuthLogSink;
  verboseMsalLog?: boolean;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CONVENTIONAL_ENV_NAME = /^[A-Z_][A-Z0-9_]{0,63}$/;

export function readSecretFromEnv(envVar: string, env: Record<string, string | undefined>): string {
  if (!ENV_NAME.test(envVar)) {
    throw new SignInError(
      'configuration',
      `The value given is not an environment variable name. Pass the NAME of the variable that holds the secret, not the secret itself.`,
    );
  }
  const value = env[envVar];
  if (value === undefined || value.trim() === '') {
    // Client secrets can be letters, digits and underscores only, so a secret pasted where the
    // name belongs passes the check above. Name the variable only when it looks like one by
    // convention (upper case); otherwise it may be the secret, and this message goes to CI logs.
    const named = CONVENTIONAL_ENV_NAME.test(envVar)
      ? `Environment variable ${envVar}`
      : 'The environment variable named for the client secret (name not shown: it does not look like a variable name; was the secret itself given?)';
    throw new SignInError('configuration', `${named} is not set or empty; it should hold the app's client secret.`);
  }
  return value.trim();
}

export interface LoadedCertificate {
  privateKeyPem: string;
  certificatePem: string;
  thumbprintSha256: string;
}

/** Reads a PEM file holding the private key and the certificate; checks they belong together. */
export function loadCertificatePem(path: string): LoadedCertificate {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new SignInError('configuration', `Cannot read certificate file ${path} (${code}).`);
  }
  const certMatch = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text);
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(text)) {
    throw new SignInError(
      'configuration',
      `The private key in ${path} is encrypted; provide an unencrypted PEM (keep the file itself protected).`,
    );
  }
  const keyMatch = /-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA )?PRIVATE KEY-----/.exec(text);
  if (!certMatch || !keyMatch) {
    throw new SignInError(
      'configuration',
      `${path} must contain both a private key (BEGIN PRIVATE KEY) and a certificate (BEGIN CERTIFICATE).`,
    );
  }
  let cert: X509Certificate;
  let privateKeyPem: string;
  try {
    cert = new X509Certificate(certMatch[0]);
    const key = createPrivateKey(keyMatch[0]);
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not rsa');
    if (!cert.checkPrivateKey(key)) {
      throw new SignInError('configuration', `The private key in ${path} does not belong to its certificate.`);
    }
    // msal wants PKCS#8 ("BEGIN PRIVATE KEY"); an RSA (PKCS#1) key is converted.
    privateKeyPem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  } catch (e) {
    if (e instanceof SignInError) throw e;
    throw new SignInError('configuration', `${path} does not hold a valid RSA private key and X.509 certificate.`);
  }
  return {
    privateKeyPem,
    certificatePem: certMatch[0],
    // msal 7 signs with PS256 and sends x5t#S256 when given the SHA-256 thumbprint.
    thumbprintSha256: cert.fingerprint256.replace(/:/g, '').toUpperCase(),
  };
}

export class ConfidentialClientTokenProvider implements TokenProvider {
  readonly settings: ResolvedAuthSettings;
  private app?: ConfidentialClientApplication;
  private readonly redactor = new Redactor();
  private readonly logger: AuthLogger;
  private lastAssertion?: FederatedContext['claims'];
  /** Workload identity tokens fetched so far (each token request fetches one). */
  assertionsFetched = 0;

  constructor(private readonly options: ConfidentialClientProviderOptions) {
    this.settings = resolveAuthSettings(options);
    if (!isSpecificTenant(this.settings.tenant)) {
      throw new SignInError('configuration', 'App-only sign-in needs a specific tenant (id or domain), not "common" or "organizations".');
    }
    this.logger = createAuthLogger(options.log, this.redactor);
  }

  /** Built on first use so a missing secret is reported when a token is needed, with context. */
  private application(): ConfidentialClientApplication {
    if (this.app) return this.app;
    const auth: Configuration['auth'] = { clientId: this.settings.clientId, authority: this.settings.authority };
    const cred = this.options.credential;
    if (cred.kind === 'secret') {
      const secret = readSecretFromEnv(cred.envVar, this.options.env ?? process.env);
      this.redactor.addSecret(secret);
      auth.clientSecret = secret;
      this.logger.info(`app-only sign-in with the client secret from environment variable ${cred.envVar}`);
    } else if (cred.kind === 'assertion') {
      const source = cred.source;
      // msal calls this for every token it fetches from Entra (not for cache hits): a new CI
      // token each time, so a job outliving one token keeps working.
      auth.clientAssertion = async () => {
        const token = await source.fetch();
        this.redactor.addSecret(token);
        this.assertionsFetched++;
        this.lastAssertion = presentedClaims(token);
        return token;
      };
      this.logger.info(`app-only sign-in with ${source.label} (workload identity federation)`);
    } else {
      const c = cred.loaded ?? loadCertificatePem(cred.pemPath);
      this.redactor.addSecret(c.privateKeyPem);
      auth.clientCertificate = { thumbprintSha256: c.thumbprintSha256, privateKey: c.privateKeyPem, x5c: c.certificatePem };
      this.logger.info(`app-only sign-in with certificate ${c.thumbprintSha256} (SHA-256)`);
    }
    const { system } = msalSystem(this.settings, this.redactor, this.options.log, this.options.verboseMsalLog);
    this.app = new ConfidentialClientApplication({ auth, system });
    return this.app;
  }

  async getToken(opts: { signal?: AbortSignal; forceRefresh?: boolean } = {}): Promise<AccessToken> {
    if (opts.signal?.aborted) throw new SignInError('cancelled', 'Sign-in was cancelled.');
    const cred = this.options.credential;
    const secretEnvVar = cred.kind === 'secret' ? cred.envVar : undefined;
    let r: AuthenticationResult | null;
    try {
      r = await this.application().acquireTokenByClientCredential({
        scopes: appOnlyScopes(this.settings.cloud),
        skipCache: opts.forceRefresh ?? false,
      });
    } catch (e) {
      const assertion =
        cred.kind === 'assertion'
          ? { label: cred.source.label, audience: cred.source.audience, expiredHint: cred.source.expiredHint, claims: this.lastAssertion }
          : undefined;
      throw toSignInError(e, {
        clientId: this.settings.clientId,
        tenant: this.settings.tenant,
        secretEnvVar,
        assertion,
        redactor: this.redactor,
      });
    }
    if (!r?.accessToken) throw new SignInError('unknown', 'Sign-in returned no access token.');
    this.redactor.addSecret(r.accessToken);
    return {
      token: r.accessToken,
      expiresOn: r.expiresOn ?? new Date(Date.now() + 3600_000),
      account: { tenantId: r.tenantId || this.settings.tenant },
    };
  }

  async signOut(): Promise<void> {
    this.app = undefined; // the in-memory app cache goes with it
  }
}
