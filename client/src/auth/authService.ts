// Sign-in state of the extension: which account is signed in, a TokenProvider for the deploy
// commands, and the interactive flows with VS Code UI (progress with Cancel, device code with Copy).
import * as vscode from 'vscode';
import {
  PublicClientTokenProvider,
  SignInError,
  type DeviceCodeInfo,
  type PublicSignInMethod,
  type AccessToken,
  type SignedInAccount,
  type TokenProvider,
  type AuthLogLevel,
  delegatedPermissionsFor,
  EDITOR_LOOKUP_READS,
} from '../../../deploy/src';
import { readAuthSettings, type ExtensionAuthSettings } from './settings';
import { secretStorageCachePlugin } from './secretStorageCache';
import { SETTINGS, settingId } from '../../../common/src';
import { errorMessage } from '../../../core/src';

/** The delegated reads the editor's tenant lookups ask for (deploy/src/auth/scopes.ts). */
const LOOKUP_PERMISSIONS = delegatedPermissionsFor(EDITOR_LOOKUP_READS);

const noTenant = () =>
  new SignInError('configuration', `Set ${settingId(SETTINGS.tenant)} (tenant id or domain) in your user settings before signing in.`);

export interface AuthService {
  /**
   * The provider the deploy commands use: silent first, then asks the user to sign in. Given
   * `settings`, every token comes from those (the ones the deploy read its Graph root from and
   * named in its confirmation), whatever the settings say by the time a token is needed.
   */
  getTokenProvider(settings?: ExtensionAuthSettings): TokenProvider;
  /**
   * A provider that never asks the user: a cached or refreshed token, or an `interactionRequired`
   * error. For background work (the editor's tenant lookups while typing). Given `settings` (an
   * environment's confirmed tenant and cloud), tokens are for those.
   */
  getSilentTokenProvider(settings?: ExtensionAuthSettings): TokenProvider;
  currentAccount(): SignedInAccount | undefined;
  readonly onDidChangeAccount: vscode.Event<SignedInAccount | undefined>;
  signIn(method?: PublicSignInMethod): Promise<SignedInAccount | undefined>;
  signOut(): Promise<void>;
}

export class ExtensionAuthService implements AuthService, vscode.Disposable {
  private account: SignedInAccount | undefined;
  private readonly changed = new vscode.EventEmitter<SignedInAccount | undefined>();
  readonly onDidChangeAccount = this.changed.event;
  /** Graph permissions asked for beyond the deploy's own in this session (name references' reads). */
  private readonly permissions = new Set<string>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  dispose(): void {
    this.changed.dispose();
  }

  currentAccount(): SignedInAccount | undefined {
    return this.account;
  }

  private setAccount(a: SignedInAccount | undefined): void {
    const same = a?.homeAccountId === this.account?.homeAccountId && a?.tenantId === this.account?.tenantId;
    this.account = a;
    if (!same) this.changed.fire(a);
  }

  /** msal-node's and the sign-in core's lines (deploy/src/auth), already redacted, at their level. */
  private log = (line: string, level: AuthLogLevel) => this.output[level](line);

  private settings(): ExtensionAuthSettings {
    const s = readAuthSettings();
    if (!s.tenant) throw noTenant();
    if (s.overrides)
      this.output.warn(`[auth] using local sign-in stand-in ${s.overrides.authorityUrl ?? ''} (${settingId(SETTINGS.devAuthorityUrl)})`);
    return s;
  }

  /** Browser when the extension host can reach the user's browser over loopback, else device code. */
  defaultMethod(s: ExtensionAuthSettings): PublicSignInMethod {
    if (s.method !== 'auto') return s.method;
    // A remote extension host (SSH, WSL, container, Codespaces) listens on the remote machine, which
    // the browser's http://localhost redirect cannot reach. An extension running in the UI host
    // of a remote window still can, so the extension kind decides, with remoteName as the trigger.
    const remote = vscode.env.remoteName !== undefined && this.context.extension.extensionKind !== vscode.ExtensionKind.UI;
    return remote ? 'deviceCode' : 'browser';
  }

  private provider(
    s: ExtensionAuthSettings,
    method: PublicSignInMethod,
    signal?: AbortSignal,
    allowInteraction = true,
    progress?: vscode.Progress<{ message?: string }>,
    extraPermissions: readonly string[] = [],
  ): PublicClientTokenProvider {
    return new PublicClientTokenProvider({
      tenant: s.tenant,
      clientId: s.clientId,
      cloud: s.cloud,
      overrides: s.overrides,
      method,
      allowInteraction,
      cachePlugin: secretStorageCachePlugin(this.context.secrets, s.cloud, s.clientId),
      permissions: [...this.permissions, ...extraPermissions],
      log: this.log,
      openBrowser: async (url) => {
        const ok = await vscode.env.openExternal(vscode.Uri.parse(url, true));
        if (!ok) throw new SignInError('cancelled', 'The browser could not be opened.');
      },
      // The notification's actions (clipboard, browser) must not become an unhandled rejection.
      onDeviceCode: (info) =>
        void this.showDeviceCode(info, signal, progress).catch((e: unknown) => this.output.warn(`[auth] ${errorMessage(e)}`)),
    });
  }

  /**
   * The code goes into the sign-in's progress notification, which closes by itself when the
   * sign-in ends, and into a modal offering to copy it. (A plain notification with buttons would
   * stay on screen after the sign-in: VS Code cannot close one from code.)
   */
  private async showDeviceCode(
    info: DeviceCodeInfo,
    signal?: AbortSignal,
    progress?: vscode.Progress<{ message?: string }>,
  ): Promise<void> {
    const instruction = `open ${info.verificationUri} and enter the code ${info.userCode}`;
    progress?.report({ message: instruction });
    const copy = 'Copy code';
    const open = 'Copy code and open browser';
    const choice = await vscode.window.showInformationMessage(
      `To sign in, ${instruction}.`,
      {
        modal: true,
        detail:
          'Sign in with that code in any browser; this window carries on by itself once you have. The code stays in the progress notification.',
      },
      open,
      copy,
    );
    if (signal?.aborted || !choice) return;
    await vscode.env.clipboard.writeText(info.userCode);
    if (choice === open) await vscode.env.openExternal(vscode.Uri.parse(info.verificationUri, true));
  }

  /** Restores the account left in SecretStorage by an earlier session, without network calls. */
  async restore(): Promise<void> {
    try {
      const s = readAuthSettings();
      if (!s.tenant) return this.setAccount(undefined);
      const a = await this.provider(s, 'browser', undefined, false).cachedAccount();
      this.setAccount(a ? { username: a.username, tenantId: a.tenantId, homeAccountId: a.homeAccountId } : undefined);
    } catch (e) {
      this.output.warn(`[auth] ${errorMessage(e)}`);
      this.setAccount(undefined);
    }
  }

  async signIn(method?: PublicSignInMethod): Promise<SignedInAccount | undefined> {
    const s = this.settings();
    const m = method ?? this.defaultMethod(s);
    const token = await this.interactive(s, m, true);
    return token?.account;
  }

  /**
   * Runs a browser or device code sign-in under a cancellable progress notification. `outer` is
   * the signal of whoever asked for the token (a deploy): cancelling that ends the sign-in too.
   */
  private async interactive(
    s: ExtensionAuthSettings,
    method: PublicSignInMethod,
    fresh: boolean,
    outer?: AbortSignal,
  ): Promise<AccessToken | undefined> {
    const title = method === 'browser' ? 'Signing in to Microsoft Entra in your browser…' : 'Waiting for device code sign-in…';
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, cancel) => {
        const ac = new AbortController();
        const sub = cancel.onCancellationRequested(() => ac.abort());
        const onOuter = () => ac.abort();
        if (outer?.aborted) ac.abort();
        else outer?.addEventListener('abort', onOuter, { once: true });
        try {
          const provider = this.provider(s, method, ac.signal, true, progress);
          const t = fresh ? await provider.signIn(ac.signal) : await provider.getToken({ signal: ac.signal });
          this.setAccount(t.account);
          this.output.info(`[auth] signed in as ${t.account.username ?? '(app)'} in tenant ${t.account.tenantId}`);
          return t;
        } finally {
          sub.dispose();
          outer?.removeEventListener('abort', onOuter);
        }
      },
    );
  }

  async signOut(): Promise<void> {
    try {
      const s = readAuthSettings();
      await this.provider(s, 'browser', undefined, false).signOut();
    } finally {
      this.setAccount(undefined);
    }
  }

  getSilentTokenProvider(pinned?: ExtensionAuthSettings): TokenProvider {
    return {
      getToken: async (opts = {}) => {
        const s = pinned ?? this.settings();
        if (!s.tenant) throw noTenant();
        // The tenant lookups read the directory: ask for those reads (silently: the refresh token is
        // redeemed for them). Without consent for them, the deploy's own token still reads what it
        // may, and Graph's 403 makes the hover name the permission.
        try {
          return await this.provider(s, this.defaultMethod(s), opts.signal, false, undefined, LOOKUP_PERMISSIONS).getToken(opts);
        } catch (e) {
          if (!(e instanceof SignInError) || e.kind !== 'interactionRequired') throw e;
          return this.provider(s, this.defaultMethod(s), opts.signal, false).getToken(opts);
        }
      },
    };
  }

  getTokenProvider(pinned?: ExtensionAuthSettings): TokenProvider {
    return {
      getToken: async (opts = {}) => {
        const s = pinned ?? this.settings();
        if (!s.tenant) throw noTenant();
        try {
          const t = await this.provider(s, this.defaultMethod(s), opts.signal, false).getToken(opts);
          this.setAccount(t.account);
          return t;
        } catch (e) {
          if (!(e instanceof SignInError) || e.kind !== 'interactionRequired') throw e;
        }
        const t = await this.interactive(s, this.defaultMethod(s), false, opts.signal);
        if (!t) throw new SignInError('cancelled', 'Sign-in was cancelled.');
        return t;
      },
      signOut: () => this.signOut(),
      // A deploy whose files hold references asks for the directory reads (incremental consent).
      requestPermissions: async (permissions, opts = {}) => {
        const s = pinned ?? this.settings();
        if (!s.tenant) throw noTenant();
        await this.provider(s, this.defaultMethod(s), opts.signal, true).requestPermissions(permissions, opts);
        for (const p of permissions) this.permissions.add(p);
      },
    };
  }
}
