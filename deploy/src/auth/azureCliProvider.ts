// `--azure-cli`: reuses the Azure CLI's login (`az account get-access-token --resource-type
// ms-graph`, which follows az's own cloud setting). Useful after a service principal, federated or
// managed identity `az login` (azure/login in GitHub, the AzureCLI task in Azure Pipelines): that
// token carries the app's roles. A *user* login cannot manage entitlement management: the Azure
// CLI's own app has no EntitlementManagement delegated permission, so Graph answers 403 whatever
// the user's roles; forbiddenAdvice() says so when it happens.
import { spawn } from 'node:child_process';
import type { AccessToken, TokenProvider } from './tokenProvider';
import { SignInError } from './errors';
import { createAuthLogger, type AuthLogSink, type AuthLogger } from './log';
import { Redactor } from './redact';
import { claimText, readJwtClaims } from './jwtClaims';
import { CLOUDS, type CloudName } from '../cloud';

/** The Azure CLI's first-party client id (the app a user `az login` signs in to). */
export const AZURE_CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

export interface AzureCliProviderOptions {
  /** Passed as --tenant, so az returns a token for the deploy's tenant. */
  tenant: string;
  /** The cloud the deploy targets; az follows its own `az cloud set`, so the two are compared. */
  cloud?: CloudName;
  log?: AuthLogSink;
  /** Program to run (tests put a script named az on PATH instead). */
  command?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export interface AzureCliIdentity {
  kind: 'user' | 'app';
  /** appid / azp of the token: the app the CLI signed in as or to. */
  appId?: string;
  tenantId?: string;
}

const REFRESH_MARGIN_MS = 5 * 60_000;
const TENANT = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

export class AzureCliTokenProvider implements TokenProvider {
  private readonly redactor = new Redactor();
  private readonly logger: AuthLogger;
  private cached?: AccessToken;
  /** Who the last token was for; known after the first getToken. */
  identity?: AzureCliIdentity;

  constructor(private readonly options: AzureCliProviderOptions) {
    // The tenant goes on az's command line; only a tenant id or domain is accepted.
    if (!TENANT.test(options.tenant)) throw new SignInError('configuration', `"${options.tenant}" is not a tenant id or domain name.`);
    this.logger = createAuthLogger(options.log, this.redactor);
  }

  async getToken(opts: { signal?: AbortSignal; forceRefresh?: boolean } = {}): Promise<AccessToken> {
    if (opts.signal?.aborted) throw new SignInError('cancelled', 'Sign-in was cancelled.');
    if (this.cached && !opts.forceRefresh && this.cached.expiresOn.getTime() - Date.now() > REFRESH_MARGIN_MS) return this.cached;
    const out = await this.run(
      ['account', 'get-access-token', '--resource-type', 'ms-graph', '--tenant', this.options.tenant, '--output', 'json'],
      opts.signal,
    );
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(out) as Record<string, unknown>;
    } catch {
      throw new SignInError('azureCliUnavailable', 'The Azure CLI did not print the JSON of "az account get-access-token".');
    }
    const token = typeof parsed.accessToken === 'string' ? parsed.accessToken : '';
    if (!token) throw new SignInError('azureCliUnavailable', 'The Azure CLI printed no access token.');
    this.redactor.addSecret(token);
    const claims = readJwtClaims(token);
    this.assertCloud(claimText(claims, 'aud'));
    const idtyp = claimText(claims, 'idtyp');
    this.identity = {
      kind: idtyp === 'app' || (!claims?.scp && idtyp !== 'user') ? 'app' : 'user',
      appId: claimText(claims, 'appid') ?? claimText(claims, 'azp'),
      tenantId: claimText(claims, 'tid') ?? (typeof parsed.tenant === 'string' ? parsed.tenant : undefined),
    };
    // expires_on (POSIX seconds) is what newer az versions print; expiresOn is local time.
    const seconds = Number(parsed.expires_on);
    const expiresOn = Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date(String(parsed.expiresOn ?? ''));
    this.cached = {
      token,
      expiresOn: Number.isNaN(expiresOn.getTime()) ? new Date(Date.now() + REFRESH_MARGIN_MS) : expiresOn,
      account: { tenantId: this.identity.tenantId ?? this.options.tenant },
    };
    this.logger.info(
      `Azure CLI token for ${this.identity.kind === 'user' ? 'a user' : 'app'} ${this.identity.appId ?? ''} in tenant ${this.cached.account.tenantId}`,
    );
    return this.cached;
  }

  /** A token for another cloud's Graph would only be refused there; say how to switch az. */
  private assertCloud(aud: string | undefined): void {
    const cloud = CLOUDS[this.options.cloud ?? 'global'];
    let host: string | undefined;
    try {
      host = aud && /^https:\/\//i.test(aud) ? new URL(aud).host.toLowerCase() : undefined;
    } catch {
      host = undefined;
    }
    if (host && host !== new URL(cloud.graphHost).host) {
      const azCloud: Record<CloudName, string> = {
        global: 'AzureCloud',
        usgov: 'AzureUSGovernment',
        usgovdod: 'AzureUSGovernment',
        china: 'AzureChinaCloud',
      };
      throw new SignInError(
        'configuration',
        `The Azure CLI gave a token for ${aud}, but cloud ${cloud.label} uses ${cloud.graphHost}. Switch az with "az cloud set --name ${azCloud[cloud.name]}" and sign in again, or fix --cloud.`,
      );
    }
  }

  /** Why Graph said 403 and what to do instead, when the CLI is signed in as a user. */
  forbiddenAdvice(): string | undefined {
    if (this.identity?.kind !== 'user') return undefined;
    return (
      `The Azure CLI is signed in as a user. Its sign-in app (Microsoft Azure CLI, ${AZURE_CLI_CLIENT_ID}) has no EntitlementManagement delegated permission, ` +
      "so Graph refuses entitlement management to any user token it issues, whatever the user's roles (even Global Administrator). " +
      'Instead: "az login --service-principal" (federated credential or certificate) or "az login --identity" before --azure-cli; ' +
      'or sign in here with --device-code; or, in a pipeline, --github-oidc, --azure-devops-oidc, --federated-token-file or --managed-identity.'
    );
  }

  private run(args: string[], signal?: AbortSignal): Promise<string> {
    const env = this.options.env ?? process.env;
    // No shell: the arguments are fixed words and a checked tenant. On Windows az is a .cmd
    // script, which only cmd.exe can start.
    const [file, argv] =
      process.platform === 'win32' && !this.options.command
        ? ['cmd.exe', ['/d', '/s', '/c', 'az', ...args]]
        : [this.options.command ?? 'az', args];
    return new Promise((resolve, reject) => {
      const child = spawn(file, argv, { env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, signal });
      // Our own timer rather than spawn's `timeout`, whose timer outlives a spawn that failed.
      const timer = setTimeout(() => child.kill(), this.options.timeoutMs ?? 60_000);
      const done = () => clearTimeout(timer);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('error', (e: NodeJS.ErrnoException) => {
        done();
        if (e.code === 'ENOENT')
          reject(
            new SignInError(
              'azureCliUnavailable',
              '--azure-cli: the Azure CLI (az) was not found on PATH. Install it and run "az login", or choose another sign-in method.',
            ),
          );
        else if (e.name === 'AbortError') reject(new SignInError('cancelled', 'Sign-in was cancelled.'));
        else reject(new SignInError('azureCliUnavailable', `--azure-cli: could not run az (${e.code ?? e.message}).`));
      });
      child.on('close', (code, sig) => {
        done();
        if (code === 0) return resolve(stdout);
        const said = this.redactor
          .redact(
            stderr
              .split(/\r?\n/)
              .map((l) => l.trim())
              .find(Boolean) ?? '',
          )
          .slice(0, 300)
          .replace(/\.+$/, '');
        const loginHint = /az login|not logged in|expired|refresh token/i.test(stderr)
          ? ` Run "az login" (for CI: "az login --service-principal" or "az login --identity") for tenant ${this.options.tenant}.`
          : '';
        reject(
          new SignInError(
            'azureCliUnavailable',
            `"az account get-access-token" failed (${sig ? `signal ${sig}` : `exit ${code}`})${said ? `: ${said}` : ''}.${loginHint}`,
          ),
        );
      });
    });
  }
}
