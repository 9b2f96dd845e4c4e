// The *Entra Access Policies* tenant view: the signed-in tenant → catalogs → access packages →
// policies, each policy with how it stands against the workspace, and the workspace files whose
// policy the tenant lacks. Nodes load when expanded (TenantLoader); a workspace change only
// recomputes the standings, a refresh reads the tenant again. Not signed in: no nodes, so the
// view shows its welcome (package.json `viewsWelcome`).
import * as vscode from 'vscode';
import { COMMANDS, VIEWS } from '../../../common/src';
import type { AuthService } from '../auth/authService';
import type { TenantInfo } from '../deploy/confirmation';
import { openGraphSession, readTenantInfo, type GraphSession } from '../graphSession';
import { TenantLoader } from './tenantLoader';
import { treeItem } from '../treeItems';
import { byName, filesById, missingFiles, packageOfFile, policyStanding, presentation, type TenantNode } from './tenantModel';
import type { WorkspacePolicies } from './workspacePolicies';

/** The tenant view reads policies as v1.0, the version pull writes (docs/tenant-folder.md). */
export const VIEW_API_VERSION = 'v1.0';

interface Connected {
  session: GraphSession;
  loader: TenantLoader;
  tenant: Promise<TenantInfo>;
}

export class TenantTree implements vscode.TreeDataProvider<TenantNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TenantNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private connected: Connected | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly auth: AuthService,
    readonly workspace: WorkspacePolicies,
  ) {
    this.disposables.push(
      this.changed,
      auth.onDidChangeAccount(() => this.refresh()),
      // Standings follow the files; the tenant's lists stay as read.
      workspace.onDidChange(() => this.changed.fire(undefined)),
    );
  }

  /** Reads the tenant again on the next expansion. */
  refresh(): void {
    this.connected = undefined;
    this.changed.fire(undefined);
  }

  /** The loader of the current session (signs in through the token provider when needed). */
  connection(): Connected {
    if (!this.connected) {
      const session = openGraphSession(this.output, this.auth, 'tenant view');
      const loader = new TenantLoader(session.graph, VIEW_API_VERSION);
      const tenant = readTenantInfo(session.graph, this.auth, session.settings.tenant);
      tenant.catch(() => {
        if (this.connected?.tenant === tenant) this.connected = undefined;
      });
      this.connected = { session, loader, tenant };
    }
    return this.connected;
  }

  getTreeItem(node: TenantNode): vscode.TreeItem {
    const p = presentation(node, (f) => vscode.workspace.asRelativePath(f));
    const S = vscode.TreeItemCollapsibleState;
    const item = treeItem(p, node.kind === 'tenant' ? S.Expanded : p.collapsible ? S.Collapsed : S.None);
    // A click on a policy shows what matters next: its diff when it differs, else the tenant's version.
    if (node.kind === 'policy') {
      item.command =
        node.standing.status === 'differs'
          ? { command: COMMANDS.compareWithFile, title: 'Compare with File', arguments: [node] }
          : { command: COMMANDS.openTenantVersion, title: 'Open Tenant Version', arguments: [node] };
    }
    if (node.kind === 'missing') item.command = { command: 'vscode.open', title: 'Open File', arguments: [vscode.Uri.file(node.file)] };
    return item;
  }

  async getChildren(node?: TenantNode): Promise<TenantNode[]> {
    if (!node && !this.auth.currentAccount()) return [];
    try {
      return await vscode.window.withProgress({ location: { viewId: VIEWS.tenant } }, () => this.children(node));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.output.error(`[tenant view] ${message}`);
      // Nothing below a failed read is shown: a partial list would make policies look absent.
      return [{ kind: 'message', text: `Could not read the tenant: ${message.split('\n')[0]}`, error: true }];
    }
  }

  private async children(node?: TenantNode): Promise<TenantNode[]> {
    const c = this.connection();
    if (!node) {
      const t = await c.tenant;
      return [{ kind: 'tenant', id: t.id, displayName: t.displayName }];
    }
    switch (node.kind) {
      case 'tenant': {
        const [catalogs, packages, files] = await Promise.all([c.loader.catalogs(), c.loader.packages(), this.workspace.files()]);
        const counts = new Map<string, number>();
        for (const p of packages.values()) counts.set(p.catalogId, (counts.get(p.catalogId) ?? 0) + 1);
        const out: TenantNode[] = byName(catalogs.values()).map((catalog) => ({
          kind: 'catalog',
          catalog,
          packageCount: counts.get(catalog.id.toLowerCase()) ?? 0,
        }));
        if (out.length === 0) out.push({ kind: 'message', text: 'No catalogs are readable in this tenant.' });
        if (files.some((f) => f.id)) out.push({ kind: 'missingGroup' });
        return out;
      }
      case 'catalog': {
        const packages = await c.loader.packages();
        const mine = byName([...packages.values()].filter((p) => p.catalogId === node.catalog.id.toLowerCase()));
        return mine.length
          ? mine.map((pkg) => ({ kind: 'package', pkg, catalog: node.catalog }))
          : [{ kind: 'message', text: 'No access packages in this catalog.' }];
      }
      case 'package': {
        const pkgId = node.pkg.id.toLowerCase();
        const [policiesOf, files, packages] = await Promise.all([
          c.loader.policiesOf([pkgId]),
          this.workspace.files(),
          c.loader.packages(),
        ]);
        const policies = byName(policiesOf.get(pkgId) ?? []);
        const index = filesById(files);
        const out: TenantNode[] = [];
        for (const policy of policies) {
          const found = index.get(policy.id.toLowerCase());
          const file = found && (await this.workspace.withVersion(found));
          out.push({
            kind: 'policy',
            policy,
            pkg: node.pkg,
            catalog: node.catalog,
            standing: policyStanding(policy, file, c.loader.apiVersion),
            file: file?.file,
          });
        }
        const naming = files.filter((f) => f.id && packageOfFile(f) === pkgId);
        out.push(...missingFiles(naming, packages, policiesOf));
        return out.length ? out : [{ kind: 'message', text: 'No policies in this access package.' }];
      }
      case 'missingGroup': {
        const [files, packages] = await Promise.all([this.workspace.files(), c.loader.packages()]);
        const withId = files.filter((f) => f.id);
        const named = [...new Set(withId.map(packageOfFile).filter((id): id is string => !!id && packages.has(id)))];
        const policiesOf = await c.loader.policiesOf(named);
        const missing = missingFiles(withId, packages, policiesOf);
        return missing.length ? missing : [{ kind: 'message', text: 'Every workspace file with an id is in the tenant.' }];
      }
      default:
        return [];
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
