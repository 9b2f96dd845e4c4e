// Registers the tenant view and its actions: Refresh, Pull into Workspace (a policy, a package, a
// catalog, or everything), Open Tenant Version (read-only), Compare with File (the diff editor).
// Deploy is the deploy command itself, given the node's file. Pull writes files, so it is off in
// untrusted workspaces (manifest `enablement` and the check here).
import * as vscode from 'vscode';
import path from 'node:path';
import { COMMANDS, CONTEXT_KEYS, VIEWS } from '../../../common/src';
import { pullTenant, type PullEntry, fileValue, newPolicyFileText, type PolicyValue } from '../../../deploy/src';
import type { AuthService } from '../auth/authService';
import type { PolicyServer } from '../languageClient';
import { describeTenant } from '../deploy/confirmation';
import { withCancellableProgress } from '../progress';
import { VirtualDocuments } from '../virtualDocuments';
import { TenantTree, VIEW_API_VERSION } from './tenantTree';
import { type ApiVersion } from '../../../core/src';
import type { TenantNode } from './tenantModel';
import { WorkspacePolicies } from './workspacePolicies';
import { pullSelection, pullSummary } from './pullText';

export const TENANT_SCHEME = 'accesspolicy-tenant';

export interface TenantViewParts {
  tree: TenantTree;
  workspace: WorkspacePolicies;
  tenantDocuments: VirtualDocuments;
}

type PolicyNode = Extract<TenantNode, { kind: 'policy' }>;

export function registerTenantView(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  auth: AuthService,
  server: PolicyServer,
): TenantViewParts {
  const workspace = new WorkspacePolicies(server, output);
  const tree = new TenantTree(output, auth, workspace);
  const tenantDocuments = new VirtualDocuments(TENANT_SCHEME, 30);
  const setSignedIn = (): Thenable<unknown> =>
    vscode.commands.executeCommand('setContext', CONTEXT_KEYS.signedIn, auth.currentAccount() !== undefined);
  void setSignedIn();
  context.subscriptions.push(
    workspace,
    tree,
    tenantDocuments,
    vscode.workspace.registerTextDocumentContentProvider(TENANT_SCHEME, tenantDocuments),
    vscode.window.createTreeView(VIEWS.tenant, { treeDataProvider: tree, showCollapseAll: true }),
    auth.onDidChangeAccount(() => void setSignedIn()),
    vscode.commands.registerCommand(COMMANDS.refreshTenantView, () => {
      workspace.invalidate();
      tree.refresh();
    }),
    vscode.commands.registerCommand(COMMANDS.pull, (node?: TenantNode) => pull(output, tree, workspace, node)),
    vscode.commands.registerCommand(COMMANDS.openTenantVersion, async (node?: PolicyNode) => {
      if (node?.kind !== 'policy') return void vscode.window.showInformationMessage('Choose a policy in the Entra Access Policies view.');
      await vscode.window.showTextDocument(tenantVersion(tenantDocuments, node), { preview: true });
    }),
    vscode.commands.registerCommand(COMMANDS.compareWithFile, async (node?: PolicyNode) => {
      if (node?.kind !== 'policy' || !node.file)
        return void vscode.window.showInformationMessage('Choose a policy that is in the workspace.');
      const left = tenantVersion(tenantDocuments, node);
      const title = `${node.policy.displayName || node.policy.id}: tenant ↔ ${path.basename(node.file)}`;
      await vscode.commands.executeCommand('vscode.diff', left, vscode.Uri.file(node.file), title, { preview: true });
    }),
  );
  return { tree, workspace, tenantDocuments };
}

/** The tenant's policy as pull would write it, in a read-only document. */
function tenantVersion(docs: VirtualDocuments, node: PolicyNode): vscode.Uri {
  return tenantDocument(
    docs,
    node.policy.raw,
    VIEW_API_VERSION,
    { catalog: node.catalog?.displayName, accessPackage: node.pkg?.displayName ?? node.policy.accessPackageId },
    node.policy.displayName || node.policy.id,
  );
}

/** A tenant policy (as Graph returned it) in the shape of its pulled file, as a read-only document. */
export function tenantDocument(
  docs: VirtualDocuments,
  raw: PolicyValue,
  apiVersion: ApiVersion,
  labels: { catalog?: string; accessPackage?: string },
  title: string,
): vscode.Uri {
  const text = newPolicyFileText(fileValue(raw, apiVersion), apiVersion, {
    catalog: labels.catalog ?? '(unknown catalog)',
    accessPackage: labels.accessPackage ?? '(unknown access package)',
  });
  // The name carries no .accesspolicy.json: the language server, which checks files on disk,
  // has nothing to say about the tenant's copy, and JSON with comments highlights it.
  return docs.put(`${safeTitle(title)} (tenant).jsonc`, text);
}

function safeTitle(s: string): string {
  return s.replace(/[\\/:*?"<>|]/g, '_').slice(0, 80);
}

async function targetFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Pull the policies into which folder?' });
}

async function pull(
  output: vscode.LogOutputChannel,
  tree: TenantTree,
  workspace: WorkspacePolicies,
  node?: TenantNode,
): Promise<PullEntry[] | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Pulling policies is disabled in an untrusted workspace. Trust the workspace first.');
    return undefined;
  }
  const folder = await targetFolder();
  if (!folder) {
    void vscode.window.showErrorMessage('Open a folder to pull policies into.');
    return undefined;
  }
  const selection = pullSelection(node);
  if (!selection) return undefined;
  if (node?.kind === 'policy' && node.standing.status === 'differs') {
    const ok = 'Pull';
    const choice = await vscode.window.showWarningMessage(
      `Replace ${vscode.workspace.asRelativePath(node.file!)} with the tenant's policy?`,
      {
        modal: true,
        detail: `The file differs from the tenant in: ${node.standing.changes.join(', ')}. Pulling writes the tenant's values into the file (comments and key order stay).`,
      },
      ok,
    );
    if (choice !== ok) return undefined;
  }
  // Pull writes files on disk; the editor's unsaved text of a policy would conflict with that.
  for (const d of vscode.workspace.textDocuments) if (d.isDirty && /\.accesspolicy\.json$/i.test(d.uri.path)) await d.save();
  let c;
  try {
    c = tree.connection();
  } catch (e) {
    void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
    return undefined;
  }
  try {
    const { entries, tenantLabel } = await withCancellableProgress(`Access Policy: pulling ${selection.label}`, async (signal, report) => {
      report('signing in…');
      const tenantLabel = describeTenant(await c.tenant);
      const result = await pullTenant({
        ...selection.options,
        graph: c.session.graph,
        apiVersion: c.loader.apiVersion,
        outDir: folder.uri.fsPath,
        signal,
        onProgress: report,
      });
      return { entries: result.entries, tenantLabel };
    });
    for (const e of entries) {
      const line = `[pull] ${vscode.workspace.asRelativePath(e.file)}: ${e.action} ${e.id}${e.reason ? ` (${e.reason})` : ''}`;
      if (e.action === 'failed') output.error(line);
      else output.info(line);
    }
    workspace.invalidate();
    const summary = pullSummary(entries, tenantLabel, folder.name);
    const show = entries.some((e) => e.action === 'failed') ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
    void show(summary, 'Open in output').then((choice) => choice && output.show(true));
    return entries;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    output.error(`[pull] ${message}`);
    void vscode.window
      .showErrorMessage(`Pull failed; no file was written: ${message.split('\n')[0]}`, 'Open in output')
      .then((choice) => choice && output.show(true));
    return undefined;
  }
}
