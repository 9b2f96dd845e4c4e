// Delegated sign-in (a user) with msal's PublicClientApplication: browser (auth code + PKCE on a
// loopback redirect) or device code. Every getToken tries the cache first (acquireTokenSilent, which
// also redeems the refresh token) and only then asks the user.
import { PublicClientApplication, type AccountInfo, type AuthenticationResult, type ICachePlugin } from '@azure/msal-node';
import type { AccessToken, SignedInAccount, TokenProvider } from './tokenProvider';
import { SignInError, toSignInError } from './errors';
import { createAuthLogger, type AuthLogSink, type AuthLogger } from './log';
import { msalSystem } from './msalSystem';
import { Redactor } from './redact';
import { delegatedScopes } from './scopes';
import { resolveAuthSettings, type AuthSettings, type ResolvedAuthSettings } from './settings';
import { runInteractive, runDeviceCode, type DeviceCodeInfo } from './userFlows';

export type PublicSignInMethod = 'browser' | 'deviceCode';

export interface PublicClientProviderOptions extends AuthSettings {
  method: PublicSignInMethod;
  /** Opens the sign-in page (VS Code: vscode.env.openExternal). Required for 'browser'. */
  openBrowser?: (url: string) => Promise<void>;
  /** Shows the device code to the user. Required for 'deviceCode'. */
  onDeviceCode?: (info: DeviceCodeInfo) => void;
  /** Give up on an unanswered browser or device code sign-in after this long (default 5 min). */
  interactiveTimeoutMs?: number;
  /** false: only silent; throws SignInError('interactionRequired') instead of asking the user. */
  allowInteraction?: boolean;
  cachePlugin?: ICachePlugin;
  /** Graph permissions (short names) to ask for beyond the deploy's own, from the first token on. */
  permissions?: readonly string[];
  log?: AuthLogSink;
  verboseMsalLog?: boolean;
}

export class PublicClientTokenProvider implements TokenProvider {
  readonly settings: ResolvedAuthSettings;
  private readonly app: PublicClientApplication;
  private readonly redactor = new Redactor();
  private readonly logger: AuthLogger;
  private readonly rewriteForBrowser: (url: string) => string;
  private homeAccountId?: string;
  /** Permissions asked for beyond the deploy's own (requestPermissions), in the order first asked. */
  private readonly extraPermissions: string[];

  constructor(private readonly options: PublicClientProviderOptions) {
    this.settings = resolveAuthSettings(options);
    this.extraPermissions = [...(options.permissions ?? [])];
    this.logger = createAuthLogger(options.log, this.redactor);
    const { system, router } = msalSystem(this.settings, this.redactor, options.log, options.verboseMsalLog);
    this.rewriteForBrowser = router ? (u) => router.rewriteForBrowser(u) : (u) => u;
    this.app = new PublicClientApplication({
      auth: { clientId: this.settings.clientId, authority: this.settings.authority },
      cache: options.cachePlugin ? { cachePlugin: options.cachePlugin } : undefined,
      system,
    });
  }

  private get scopes(): string[] {
    return delegatedScopes(this.settings.cloud, this.extraPermissions);
  }

  async requestPermissions(permissions: readonly string[], opts: { signal?: AbortSignal } = {}): Promise<void> {
    const added = permissions.filter((p) => !this.extraPermissions.some((x) => x.toLowerCase() === p.toLowerCase()));
    if (added.length === 0) return;
    this.extraPermissions.push(...added);
    try {
      // One token now, so the lookups that follow (several at once) find it in the cache.
      await this.getToken({ signal: opts.signal });
    } catch (e) {
      this.extraPermissions.splice(this.extraPermissions.length - added.length, added.length);
      const error =
        e instanceof SignInError
          ? e
          : toSignInError(e, { clientId: this.settings.clientId, tenant: this.settings.tenant, redactor: this.redactor });
      if (error.kind === 'cancelled') throw error;
      throw new SignInError(
        error.kind,
        `The name references need the delegated permission${added.length === 1 ? '' : 's'} ${added.join(', ')} (to read the directory), and the sign-in for ${added.length === 1 ? 'it' : 'them'} failed: ${error.message} An admin can grant consent for ${added.length === 1 ? 'it' : 'them'} to app ${this.settings.clientId} (Enterprise applications → Permissions), or write ids instead of references.`,
        error.aadsts,
      );
    }
  }

  /** The cached account for this tenant, if a previous sign-in left one. */
  async cachedAccount(): Promise<AccountInfo | undefined> {
    const accounts = await this.app.getTokenCache().getAllAccounts();
    if (this.homeAccountId) {
      const a = accounts.find((x) => x.homeAccountId === this.homeAccountId);
      if (a) return a;
    }
    const t = this.settings.tenant.toLowerCase();
    const guid = /^[0-9a-f-]{36}$/.test(t);
    const matching = guid ? accounts.filter((a) => a.tenantId.toLowerCase() === t) : accounts;
    return matching[0];
  }

  async getToken(opts: { signal?: AbortSignal; forceRefresh?: boolean } = {}): Promise<AccessToken> {
    const ctx = { clientId: this.settings.clientId, tenant: this.settings.tenant, redactor: this.redactor };
    const account = await this.cachedAccount();
    if (account) {
      try {
        const r = await this.app.acquireTokenSilent({ account, scopes: this.scopes, forceRefresh: opts.forceRefresh ?? false });
        this.logger.info(`token from cache or refresh for tenant ${account.tenantId}`);
        return this.remember(r);
      } catch (e) {
        const mapped = toSignInError(e, ctx);
        if (mapped.kind !== 'interactionRequired') throw mapped;
        this.logger.info('cached sign-in can no longer be used silently; asking the user');
      }
    }
    if (this.options.allowInteraction === false) {
      throw new SignInError('interactionRequired', 'You are not signed in. Run "Access Policy: Sign In" first.');
    }
    try {
      const r = await this.interact(opts.signal);
      return this.remember(r);
    } catch (e) {
      throw toSignInError(e, ctx);
    }
  }

  /** Always asks the user (the Sign In command), ignoring a cached account. */
  async signIn(signal?: AbortSignal): Promise<AccessToken> {
    try {
      return this.remember(await this.interact(signal));
    } catch (e) {
      throw toSignInError(e, { clientId: this.settings.clientId, tenant: this.settings.tenant, redactor: this.redactor });
    }
  }

  private interact(signal?: AbortSignal): Promise<AuthenticationResult> {
    const timeoutMs = this.options.interactiveTimeoutMs ?? 5 * 60_000;
    if (this.options.method === 'browser') {
      const open = this.options.openBrowser;
      if (!open) throw new SignInError('configuration', 'Browser sign-in needs a way to open the browser.');
      this.logger.info('starting browser sign-in');
      return runInteractive(this.app, this.scopes, (u) => open(this.rewriteForBrowser(u)), { signal, timeoutMs });
    }
    const show = this.options.onDeviceCode;
    if (!show) throw new SignInError('configuration', 'Device code sign-in needs a way to show the code.');
    this.logger.info('starting device code sign-in');
    return runDeviceCode(this.app, this.scopes, show, { signal, timeoutMs });
  }

  private remember(r: AuthenticationResult | null): AccessToken {
    if (!r || !r.accessToken) throw new SignInError('unknown', 'Sign-in returned no access token.');
    this.redactor.addSecret(r.accessToken);
    this.redactor.addSecret(r.idToken);
    if (r.account) this.homeAccountId = r.account.homeAccountId;
    const account: SignedInAccount = {
      username: r.account?.username,
      tenantId: r.tenantId || r.account?.tenantId || this.settings.tenant,
      homeAccountId: r.account?.homeAccountId,
    };
    return { token: r.accessToken, expiresOn: r.expiresOn ?? new Date(Date.now() + 3600_000), account };
  }

  async signOut(): Promise<void> {
    const cache = this.app.getTokenCache();
    for (const a of await cache.getAllAccounts()) await cache.removeAccount(a);
    this.homeAccountId = undefined;
    this.logger.info('signed out; cached accounts removed');
  }
}
