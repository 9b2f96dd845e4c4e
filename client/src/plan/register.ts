// *Access Policy: Plan Workspace*, *Plan* (one file, from the CodeLens) and *Apply Workspace*.
// Plan reads only; each file's verdict comes from the language server (the extension bundles no
// validator). Apply plans afresh, confirms in a modal naming the tenant and the counts, then
// applies one policy at a time through the folder apply core (every guarantee of deploy: no
// duplicate, Retry-After, ids written back atomically). Apply is off in untrusted workspaces.
import * as vscode from 'vscode';
import path from 'node:path';
import { COMMANDS, VIEWS, VALIDATE_REQUEST, SETTINGS } from '../../../common/src';
import {
  planFolderVerified,
  type FolderPlan,
  type PlanEntry,
  type PlanScope,
  applyFolderPlan,
  type ApplyResult,
  POLICY_SUFFIX,
  policyGetQuery,
  policyItemPath,
  type PolicyValue,
} from '../../../deploy/src';
import { readSetting } from '../config';
import type { PolicyServer } from '../languageClient';
import { describeTenant } from '../deploy/confirmation';
import { POLICY_FILE, policyUriOf } from '../policyUri';
import { withCancellableProgress } from '../progress';
import { tenantDocument, type TenantViewParts } from '../tenantView/register';
import { PreviewDocuments } from '../deploy/previewDocuments';
import { applyConfirmation, applySummary, entryTarget, type PlanNode } from './planModel';
import { PlanTree } from './planView';

interface Deps {
  output: vscode.LogOutputChannel;
  server: PolicyServer;
  tenant: TenantViewParts;
  planTree: PlanTree;
  previews: PreviewDocuments;
}

export function registerPlan(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  server: PolicyServer,
  tenant: TenantViewParts,
): void {
  const planTree = new PlanTree();
  const previews = new PreviewDocuments();
  const deps: Deps = { output, server, tenant, planTree, previews };
  let applying = false;
  context.subscriptions.push(
    planTree,
    previews,
    vscode.window.createTreeView(VIEWS.plan, { treeDataProvider: planTree }),
    vscode.commands.registerCommand(COMMANDS.planWorkspace, () => planAndShow(deps, undefined)),
    vscode.commands.registerCommand(COMMANDS.planFile, (arg?: unknown) => {
      const uri = policyUriOf(arg);
      if (!uri || uri.scheme !== 'file' || !POLICY_FILE.test(uri.path))
        return void vscode.window.showErrorMessage('Open or select a *.accesspolicy.json file to plan.');
      return planAndShow(deps, uri);
    }),
    vscode.commands.registerCommand(COMMANDS.applyWorkspace, async () => {
      // One apply at a time: two would race on the same creates and id write-backs.
      if (applying) return void vscode.window.showInformationMessage('An apply is already running; wait for it to finish.');
      applying = true;
      try {
        return await apply(deps);
      } finally {
        applying = false;
      }
    }),
    vscode.commands.registerCommand(COMMANDS.openPlanEntry, (node?: PlanNode) => node?.kind === 'entry' && openEntry(deps, node.entry)),
  );
}

async function workspaceFiles(): Promise<string[]> {
  const uris = await vscode.workspace.findFiles(`**/*${POLICY_SUFFIX}`, '**/{node_modules,.git}/**');
  return uris.map((u) => u.fsPath).sort();
}

/** The plan reads files from disk; unsaved edits of policies are saved first, as deploy does. */
async function saveDirtyPolicies(only?: vscode.Uri): Promise<void> {
  for (const d of vscode.workspace.textDocuments) {
    if (d.isDirty && POLICY_FILE.test(d.uri.path) && (!only || d.uri.toString() === only.toString())) await d.save();
  }
}

interface Planned {
  plan: FolderPlan;
  tenantLabel: string;
  cloudLabel: string;
}

async function makePlan(deps: Deps, files: string[], scope: PlanScope, title: string): Promise<Planned> {
  const c = deps.tenant.tree.connection();
  return withCancellableProgress(title, async (signal, report) => {
    report('signing in…');
    const tenant = await c.tenant;
    let checked = 0;
    const plan = await planFolderVerified({
      graph: c.session.graph,
      files,
      scope,
      tenant: tenant.id,
      defaultApiVersion: readSetting(SETTINGS.defaultApiVersion),
      signal,
      onProgress: report,
      // The language server's verdict on exactly the text the plan read.
      verdict: async (text, defaultApiVersion) => {
        const v = await deps.server.request(VALIDATE_REQUEST, { text, defaultApiVersion });
        if (++checked % 25 === 0 || checked === files.length) report(`checked ${checked} of ${files.length} files…`);
        return v;
      },
    });
    return { plan, tenantLabel: describeTenant(tenant), cloudLabel: c.session.cloudLabel };
  });
}

async function planAndShow(deps: Deps, file: vscode.Uri | undefined): Promise<FolderPlan | undefined> {
  await saveDirtyPolicies(file);
  const subject = file ? path.basename(file.fsPath) : 'the workspace';
  let planned: Planned;
  try {
    const files = file ? [file.fsPath] : await workspaceFiles();
    planned = await makePlan(deps, files, file ? 'files' : 'packages', `Access Policy: planning ${subject}`);
  } catch (e) {
    reportError(deps.output, 'plan', e, 'No plan was made.');
    return undefined;
  }
  const { plan, tenantLabel } = planned;
  deps.planTree.show({ plan, subject, tenantLabel });
  void vscode.commands.executeCommand(`${VIEWS.plan}.focus`);
  logPlan(deps.output, plan);
  const counts = countText(plan);
  if (file && plan.entries.length === 1) {
    const entry = plan.entries[0];
    const what =
      entry.action === 'update' || entry.action === 'adopt'
        ? `${entry.action} (${entry.changes.length} change${entry.changes.length === 1 ? '' : 's'}${
            entry.changes.length
              ? `: ${entry.changes
                  .slice(0, 3)
                  .map((c) => c.path)
                  .join(', ')}${entry.changes.length > 3 ? ', …' : ''}`
              : ''
          })`
        : entry.action;
    const show = entryTarget(entry) === 'diff' ? 'Show Diff' : undefined;
    const message = `${subject} against ${tenantLabel}: ${what}.${entry.reason && entry.action !== 'adopt' ? ` ${entry.reason}` : ''}`;
    const notify =
      entry.action === 'refused' || entry.action === 'missing' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void notify(message, ...(show ? [show] : [])).then(async (choice) => {
      if (choice === show) await openEntry(deps, entry);
    });
  } else {
    const apply =
      plan.entries.some((e) => e.action === 'create' || e.action === 'update' || e.action === 'adopt') && vscode.workspace.isTrusted
        ? 'Apply Workspace'
        : undefined;
    void vscode.window
      .showInformationMessage(`Plan of ${subject} against ${tenantLabel}: ${counts}.`, ...(apply ? [apply] : []))
      .then((choice) => choice === apply && vscode.commands.executeCommand(COMMANDS.applyWorkspace));
  }
  return plan;
}

function countText(plan: FolderPlan): string {
  const counts = new Map<string, number>();
  for (const e of plan.entries) counts.set(e.action, (counts.get(e.action) ?? 0) + 1);
  return [...counts].map(([a, n]) => `${n} ${a}`).join(', ') || 'no policies';
}

function logPlan(output: vscode.LogOutputChannel, plan: FolderPlan): void {
  for (const e of plan.entries) {
    const where = e.file ? vscode.workspace.asRelativePath(e.file) : `tenant policy ${e.id}`;
    output.info(
      `[plan] ${where}: ${e.action}${e.changes.length ? ` (${e.changes.map((c) => c.path).join(', ')})` : ''}${e.reason ? `: ${e.reason}` : ''}`,
    );
  }
}

async function apply(deps: Deps): Promise<ApplyResult[] | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Applying policies is disabled in an untrusted workspace. Trust the workspace first.');
    return undefined;
  }
  await saveDirtyPolicies();
  let planned: Planned;
  try {
    planned = await makePlan(deps, await workspaceFiles(), 'packages', 'Access Policy: planning the workspace');
  } catch (e) {
    reportError(deps.output, 'apply', e, 'Nothing was changed.');
    return undefined;
  }
  const { plan, tenantLabel, cloudLabel } = planned;
  deps.planTree.show({ plan, subject: 'the workspace', tenantLabel });
  logPlan(deps.output, plan);
  const confirm = applyConfirmation(plan, tenantLabel, cloudLabel);
  if (!confirm) {
    void vscode.window.showInformationMessage(
      `Nothing to apply: the tenant ${tenantLabel} already matches the workspace (${countText(plan)}).`,
    );
    return undefined;
  }
  const choice = await vscode.window.showWarningMessage(confirm.message, { modal: true, detail: confirm.detail }, confirm.button);
  if (choice !== confirm.button) {
    deps.output.info('[apply] not confirmed; nothing was sent');
    return undefined;
  }
  const c = deps.tenant.tree.connection();
  const todo = plan.entries.filter((e) => e.action === 'create' || e.action === 'update' || e.action === 'adopt').length;
  let results: ApplyResult[];
  try {
    results = await withCancellableProgress(`Access Policy: applying to ${tenantLabel}`, async (signal, report) => {
      let done = 0;
      return applyFolderPlan(plan, {
        graph: c.session.graph,
        tenantLabel,
        signal,
        onProgress: (m) => report(`${done} of ${todo} done · ${m}`),
        onResult: (r) => {
          if (r.action === 'created' || r.action === 'updated' || r.action === 'adopted' || (r.action === 'failed' && r.entry.file)) done++;
          const where = r.entry.file ? vscode.workspace.asRelativePath(r.entry.file) : `tenant policy ${r.entry.id}`;
          const line = `[apply] ${where}: ${r.action}${r.id ? ` ${r.id}` : ''}${r.message ? ` (${r.message})` : ''}`;
          if (r.action === 'failed') deps.output.error(line);
          else deps.output.info(line);
          report(`${done} of ${todo} done`);
        },
      });
    });
  } catch (e) {
    reportError(deps.output, 'apply', e, 'See the output for what was done.');
    return undefined;
  }
  const failed = results.some((r) => r.action === 'failed');
  const summary = applySummary(results, tenantLabel);
  void (failed ? vscode.window.showErrorMessage : vscode.window.showInformationMessage)(summary, 'Open in output').then(
    (x) => x && deps.output.show(true),
  );
  // The tenant changed: read it again; the ids written back show in the files by themselves.
  deps.tenant.workspace.invalidate();
  deps.tenant.tree.refresh();
  return results;
}

async function openEntry(deps: Deps, entry: PlanEntry): Promise<void> {
  const target = entryTarget(entry);
  if (target === 'file') {
    await vscode.window.showTextDocument(vscode.Uri.file(entry.file!), { preview: true });
    return;
  }
  if (target === 'diff') {
    const d = entry.deploy!;
    const left = deps.previews.put(`tenant ${entry.id}.json`, d.currentText);
    const right = deps.previews.put(`${path.basename(entry.file!)} (to send).json`, d.proposedText);
    await vscode.commands.executeCommand('vscode.diff', left, right, `${entry.displayName}: tenant ↔ ${path.basename(entry.file!)}`, {
      preview: true,
    });
    return;
  }
  // A tenant policy no file describes: its version in the tenant, read now.
  try {
    const c = deps.tenant.tree.connection();
    const raw = (
      await c.session.graph.request<PolicyValue>('GET', policyItemPath(entry.apiVersion, entry.id!), {
        query: policyGetQuery(entry.apiVersion),
      })
    ).body;
    const pkg = (await c.loader.packages()).get(entry.accessPackageId ?? '');
    const catalog = (await c.loader.catalogs()).get(pkg?.catalogId ?? '');
    const uri = tenantDocument(
      deps.tenant.tenantDocuments,
      raw,
      entry.apiVersion,
      { catalog: catalog?.displayName, accessPackage: pkg?.displayName ?? entry.accessPackageId ?? undefined },
      entry.displayName || entry.id!,
    );
    await vscode.window.showTextDocument(uri, { preview: true });
  } catch (e) {
    reportError(deps.output, 'plan', e, '');
  }
}

function reportError(output: vscode.LogOutputChannel, tag: string, e: unknown, after: string): void {
  const message = e instanceof Error ? e.message : String(e);
  output.error(`[${tag}] ${message}`);
  void vscode.window
    .showErrorMessage(
      `${tag === 'apply' ? 'Apply' : 'Plan'} failed: ${message.split('\n')[0]}${after ? ` ${after}` : ''}`,
      'Open in output',
    )
    .then((x) => x && output.show(true));
}
