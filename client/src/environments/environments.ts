// The active environment in VS Code, for a workspace whose folders hold an accesspolicy.config.json:
// a status-bar item naming it (shown only when a configuration exists), a picker, the choice
// remembered per workspace (workspaceState, per configuration file), and the one confirmation a
// tenant named by a workspace file needs before it is used: a modal naming the tenant and cloud,
// asked once per workspace, environment and tenant (a changed tenant is asked again). The
// configuration is read by the language server (accessPolicy/config): the client has no validator.
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, type AccessPolicyConfig } from '../../../core/src';
import { CLOUDS, environmentOf, isCloudName, type ActiveEnvironment } from '../../../deploy/src';
import { COMMANDS, CONFIG_REQUEST } from '../../../common/src';
import type { PolicyServer } from '../languageClient';

const CHOSEN = 'accessPolicy.environment';
const CONFIRMED = 'accessPolicy.confirmedTenant';

interface ReadConfig {
  uri: vscode.Uri;
  config: AccessPolicyConfig | undefined;
  /** The first error, when the file is not valid. */
  problem?: string;
}

/** The environment the editor's tenant lookups use: the status bar's, with whether its tenant was confirmed. */
export interface LookupEnvironment {
  config: string;
  name: string;
  tenant: string;
  cloud: string;
  confirmed: boolean;
}

export class Environments implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('accessPolicy.environment', vscode.StatusBarAlignment.Left, 99);
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the environment the lookups use (or its confirmation) changes. */
  readonly onDidChange = this.changed.event;
  private active: LookupEnvironment | undefined;
  /** A configuration exists (the status bar shows), even when no environment is chosen yet. */
  private configured = false;

  constructor(
    private readonly state: vscode.Memento,
    private readonly server: PolicyServer,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.item.name = 'Access Policy environment';
    this.item.command = COMMANDS.selectEnvironment;
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    this.disposables.push(
      this.item,
      watcher,
      watcher.onDidCreate(() => void this.refresh()),
      watcher.onDidChange(() => void this.refresh()),
      watcher.onDidDelete(() => void this.refresh()),
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
    );
    void this.refresh();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }

  /**
   * For the tenant lookups: undefined when no configuration governs the active file (the signed-in
   * tenant is asked, as without environments); `null` when one does but no environment is chosen;
   * otherwise the chosen environment (lookups go to it only once `confirmed`).
   */
  lookupEnvironment(): LookupEnvironment | null | undefined {
    return this.active ?? (this.configured ? null : undefined);
  }

  private setActive(active: LookupEnvironment | undefined, configured: boolean): void {
    const same = JSON.stringify(active) === JSON.stringify(this.active) && configured === this.configured;
    this.active = active;
    this.configured = configured;
    if (!same) this.changed.fire();
  }

  private isConfirmed(uri: vscode.Uri, name: string, tenant: string, cloud: string): boolean {
    return this.state.get<Record<string, string>>(CONFIRMED, {})[`${uri.toString()}#${name}`] === `${tenant.toLowerCase()}|${cloud}`;
  }

  /** The configuration governing a file: the nearest accesspolicy.config.json above it in its workspace folder. */
  async configFor(file?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const folder = file ? vscode.workspace.getWorkspaceFolder(file) : vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    if (file) {
      let dir = vscode.Uri.joinPath(file, '..');
      for (;;) {
        const candidate = vscode.Uri.joinPath(dir, CONFIG_FILE_NAME);
        if (await exists(candidate)) return candidate;
        if (dir.path === folder.uri.path || !dir.path.startsWith(folder.uri.path)) break;
        dir = vscode.Uri.joinPath(dir, '..');
      }
      return undefined;
    }
    const [found] = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `**/${CONFIG_FILE_NAME}`), '**/node_modules/**', 1);
    return found;
  }

  private async read(uri: vscode.Uri): Promise<ReadConfig> {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const answer = await this.server.request(CONFIG_REQUEST, { text });
    const error = answer.diagnostics.find((d) => d.severity === 'error');
    return {
      uri,
      config: answer.config ?? undefined,
      problem:
        error &&
        `${vscode.workspace.asRelativePath(uri)}:${error.range.start.line + 1}:${error.range.start.character + 1} ${error.code} ${error.message}`,
    };
  }

  private chosenName(uri: vscode.Uri): string | undefined {
    return this.state.get<Record<string, string>>(CHOSEN, {})[uri.toString()];
  }

  private async remember(uri: vscode.Uri, name: string): Promise<void> {
    await this.state.update(CHOSEN, { ...this.state.get<Record<string, string>>(CHOSEN, {}), [uri.toString()]: name });
  }

  /** Shows the status-bar item for the active file's configuration (or the workspace's), hides it without one. */
  async refresh(): Promise<void> {
    try {
      const uri = (await this.configFor(vscode.window.activeTextEditor?.document.uri ?? undefined)) ?? (await this.configFor());
      if (!uri) {
        this.item.hide();
        this.setActive(undefined, false);
        return;
      }
      const read = await this.read(uri);
      const name = this.chosenName(uri);
      const env = name && read.config?.environments[name];
      this.setActive(
        env
          ? {
              config: uri.toString(),
              name,
              tenant: env.tenant,
              cloud: env.cloud,
              confirmed: this.isConfirmed(uri, name, env.tenant, env.cloud),
            }
          : undefined,
        true,
      );
      this.item.text = `$(server-environment) ${env ? name : read.config ? 'no environment' : 'config has errors'}`;
      this.item.tooltip = env
        ? `Access Policy environment "${name}": tenant ${env.tenant}, cloud ${cloudLabel(env.cloud)} (${vscode.workspace.asRelativePath(uri)}). Click to choose another.`
        : (read.problem ?? `Choose the environment of ${vscode.workspace.asRelativePath(uri)} that deploys go to.`);
      this.item.show();
    } catch (e) {
      // The server may still be starting; the next editor change refreshes again.
      this.output.warn(`[environments] could not read the configuration: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /**
   * The picker: the environments of the configuration, with tenant and cloud; the choice is
   * remembered. Chosen by the user (`confirm`), a tenant not yet confirmed is confirmed now, so
   * the editor's lookups can use it; declined, it stays chosen and unused until confirmed.
   */
  async select(file?: vscode.Uri, options: { confirm?: boolean } = {}): Promise<string | undefined> {
    const uri = (await this.configFor(file ?? vscode.window.activeTextEditor?.document.uri)) ?? (await this.configFor());
    if (!uri) {
      void vscode.window.showInformationMessage(
        `No ${CONFIG_FILE_NAME} in this workspace: environments are named there (docs/environments.md).`,
      );
      return undefined;
    }
    const read = await this.read(uri);
    if (!read.config) {
      void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(uri)} has errors; fix them first. ${read.problem ?? ''}`);
      return undefined;
    }
    const current = this.chosenName(uri);
    const picked = await vscode.window.showQuickPick(
      Object.values(read.config.environments).map((e) => ({
        label: e.name,
        description: e.name === current ? '(active)' : undefined,
        detail: `tenant ${e.tenant}, cloud ${cloudLabel(e.cloud)}`,
      })),
      { title: 'Access Policy: environment to deploy to', placeHolder: vscode.workspace.asRelativePath(uri) },
    );
    if (!picked) return undefined;
    await this.remember(uri, picked.label);
    const env = read.config.environments[picked.label];
    if (options.confirm !== false && isCloudName(env.cloud))
      await this.confirm(uri, picked.label, env.tenant, env.cloud, 'use').catch(() => undefined);
    await this.refresh();
    return picked.label;
  }

  /**
   * The environment a deploy of `file` goes to: undefined without a configuration (deploy as
   * before); otherwise the chosen one (asking when none is), after the tenant was confirmed.
   * Throws a user-facing Error when the configuration is invalid or the user declines.
   */
  async forDeploy(file: vscode.Uri): Promise<ActiveEnvironment | undefined> {
    const uri = await this.configFor(file);
    if (!uri) return undefined;
    const read = await this.read(uri);
    if (!read.config)
      throw new Error(
        `${vscode.workspace.asRelativePath(uri)} has errors, so the environment is unknown; nothing was deployed. ${read.problem ?? ''}`,
      );
    let name = this.chosenName(uri);
    if (!name || !read.config.environments[name]) name = await this.select(file, { confirm: false });
    if (!name) throw new Error('No environment chosen; nothing was deployed.');
    const env = read.config.environments[name];
    if (!isCloudName(env.cloud)) throw new Error(`Environment "${name}" names unknown cloud "${env.cloud}".`);
    await this.confirm(uri, name, env.tenant, env.cloud);
    return environmentOf(read.config, name, uri.fsPath);
  }

  /** A tenant named by a workspace file is used only after the user confirms it (once per workspace, environment and tenant). */
  private async confirm(uri: vscode.Uri, name: string, tenant: string, cloud: string, purpose: 'deploy' | 'use' = 'deploy'): Promise<void> {
    const key = `${uri.toString()}#${name}`;
    const value = `${tenant.toLowerCase()}|${cloud}`;
    const confirmed = this.state.get<Record<string, string>>(CONFIRMED, {});
    if (confirmed[key] === value) return;
    const button = 'Use this tenant';
    const choice = await vscode.window.showWarningMessage(
      purpose === 'deploy'
        ? `Deploy to tenant ${tenant} (cloud ${cloudLabel(cloud)})?`
        : `Use tenant ${tenant} (cloud ${cloudLabel(cloud)}) for environment "${name}"?`,
      {
        modal: true,
        detail: `The workspace file ${vscode.workspace.asRelativePath(uri)} names this tenant for environment "${name}". Tokens are requested for it (deploys, and the editor's lookups of ids and names) only after you confirm; the answer is remembered for this workspace and environment until the file names another tenant.`,
      },
      button,
    );
    if (choice !== button) throw new Error(`Tenant ${tenant} of environment "${name}" was not confirmed; nothing was deployed.`);
    await this.state.update(CONFIRMED, { ...confirmed, [key]: value });
    void this.refresh();
    this.output.info(
      `[environments] tenant ${tenant} (cloud ${cloud}) of environment "${name}" in ${uri.fsPath} confirmed for this workspace`,
    );
  }
}

function cloudLabel(cloud: string): string {
  return isCloudName(cloud) ? CLOUDS[cloud].label : cloud;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export function registerEnvironments(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  server: PolicyServer,
): Environments {
  const environments = new Environments(context.workspaceState, server, output);
  context.subscriptions.push(
    environments,
    vscode.commands.registerCommand(COMMANDS.selectEnvironment, (arg?: unknown) =>
      environments.select(arg instanceof vscode.Uri ? arg : undefined),
    ),
  );
  return environments;
}
