// *Access Policy: Deploy Policy*: validate the file, sign in, preview what will be sent as a diff,
// confirm in a modal that names tenant, cloud, API version, action and policy, deploy with a
// cancellable progress, write the new id into the file, and report with quick actions.
import * as vscode from 'vscode';
import {
  SignInError,
  GraphError,
  planVerified,
  refuseInvalid,
  type DeployPlan,
  applyPlan,
  type DeployOutcome,
  planIdWriteBack,
  DeployError,
  recordId,
  type ActiveEnvironment,
} from '../../../deploy/src';
import { IDS_FILE_NAME, errorMessage, formatLocation } from '../../../core/src';
import type { Environments } from '../environments/environments';
import { VALIDATE_REQUEST, type ValidateResult, SETTINGS } from '../../../common/src';
import { readSetting } from '../config';
import type { PolicyServer } from '../languageClient';
import type { AuthService } from '../auth/authService';
import { POLICY_FILE, policyUriOf } from '../policyUri';
import { withCancellableProgress } from '../progress';
import { openGraphSession, readTenantInfo, type GraphSession } from '../graphSession';
import { confirmationText, describeTenant, resultText, type TenantInfo } from './confirmation';
import type { PreviewDocuments } from './previewDocuments';

export interface DeployDeps {
  output: vscode.LogOutputChannel;
  auth: AuthService;
  previews: PreviewDocuments;
  /** Gives the validation verdict the deploy refuses a file on. */
  server: PolicyServer;
  /** The active environment, in a workspace with an accesspolicy.config.json. */
  environments?: Environments;
}

export async function runDeployCommand(deps: DeployDeps, arg?: unknown): Promise<DeployOutcome | undefined> {
  const { output } = deps;
  const log = (line: string): void => output.info(`[deploy] ${line}`);
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Deploying policies is disabled in an untrusted workspace. Trust the workspace first.');
    return undefined;
  }
  const uri = policyUriOf(arg);
  if (!uri || !POLICY_FILE.test(uri.path)) {
    void vscode.window.showErrorMessage('Open or select a *.accesspolicy.json file to deploy.');
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  // The deploy sends the saved file and writes the id back into it, so editor and disk must agree.
  if (document.isDirty && !(await document.save())) {
    void vscode.window.showErrorMessage(`Could not save ${vscode.workspace.asRelativePath(uri)}; nothing was deployed.`);
    return undefined;
  }
  const label = vscode.workspace.asRelativePath(uri);
  // In a folder with environments: the active one's tenant and cloud (confirmed by the user once
  // per workspace and environment), its ids file for the policy's id. Client id, sign-in method and
  // the dev overrides stay the user's settings.
  let environment: ActiveEnvironment | undefined;
  try {
    environment = await deps.environments?.forDeploy(uri);
  } catch (e) {
    void vscode.window.showErrorMessage(errorMessage(e));
    return undefined;
  }
  let session: GraphSession;
  try {
    session = openGraphSession(output, deps.auth, 'deploy', environment && { tenant: environment.tenant, cloud: environment.cloud });
  } catch (e) {
    void vscode.window.showErrorMessage(errorMessage(e));
    return undefined;
  }
  const { graph, settings, graphRoot, cloudLabel } = session;
  const defaultApiVersion = readSetting(SETTINGS.defaultApiVersion);
  // Validate before anything else: a broken file must not cause a sign-in prompt or a request.
  // The language server judges the text that will be sent, with the same core as the Problems panel.
  const policyText = document.getText();
  let verdict: ValidateResult;
  try {
    verdict = await deps.server.request(VALIDATE_REQUEST, { text: policyText, defaultApiVersion });
    refuseInvalid(label, verdict);
  } catch (e) {
    reportFailure(e, deps, document, label);
    return undefined;
  }
  log(
    `${label}: deploying to ${environment ? `environment "${environment.name}", tenant ${environment.tenant}, ` : ''}${graphRoot} (${cloudLabel})`,
  );

  let plan: DeployPlan;
  let tenant: TenantInfo;
  try {
    const planned = await withCancellableProgress(`Access Policy: preparing ${label}`, async (signal, report) => {
      report('Signing in and reading the tenant…');
      const t = await readTenantInfo(graph, deps.auth, settings.tenant, signal);
      report('Comparing with the tenant…');
      const p = await planVerified(
        { text: policyText, label, verdict },
        {
          graph,
          signal,
          tenantLabel: describeTenant(t),
          environmentId: environment && {
            id: environment.ids.idOf(uri.fsPath, environment.name),
            where: `${IDS_FILE_NAME} (environment "${environment.name}")`,
          },
          confirmAdopt: async (c) => {
            const choice = await vscode.window.showWarningMessage(
              `Access package ${c.accessPackageId} already has a policy named "${c.displayName}" (${c.id}).`,
              {
                modal: true,
                detail: `The file has no "id". Adopt that policy: update it from this file and write its id into the file?\nTenant: ${describeTenant(t)}`,
              },
              'Adopt and continue',
            );
            return choice === 'Adopt and continue';
          },
        },
      );
      return { p, t };
    });
    plan = planned.p;
    tenant = planned.t;
  } catch (e) {
    reportFailure(e, deps, document, label);
    return undefined;
  }

  for (const w of plan.warnings) output.warn(`[deploy] ${formatLocation(w.range, label)} ${w.severity} ${w.code} ${w.message}`);
  if (plan.duplicates) output.warn(`[deploy] ${label}: ${plan.duplicates.message}`);
  if (plan.action === 'unchanged') {
    // No confirmation is shown for "unchanged", so a duplicate is reported on its own.
    if (plan.duplicates) void vscode.window.showWarningMessage(plan.duplicates.message);
    const outcome = await applyPlan(plan, { graph });
    await afterDeploy(deps, document, plan, outcome, tenant, log, environment);
    return outcome;
  }

  await showPreview(deps.previews, plan, tenant);
  const text = confirmationText(plan, tenant, cloudLabel);
  const choice = await vscode.window.showWarningMessage(text.message, { modal: true, detail: text.detail }, text.button);
  if (choice !== text.button) {
    log(`${label}: not confirmed; nothing was sent`);
    return undefined;
  }

  let outcome: DeployOutcome;
  try {
    outcome = await withCancellableProgress(`Access Policy: deploying ${label}`, async (signal, report) => {
      report(plan.action === 'create' ? 'Creating the policy…' : 'Updating the policy…');
      return applyPlan(plan, { graph, signal, tenantLabel: describeTenant(tenant), onProgress: report });
    });
  } catch (e) {
    reportFailure(e, deps, document, label);
    return undefined;
  }
  await afterDeploy(deps, document, plan, outcome, tenant, log, environment);
  return outcome;
}

async function afterDeploy(
  deps: DeployDeps,
  document: vscode.TextDocument,
  plan: DeployPlan,
  outcome: DeployOutcome,
  tenant: TenantInfo,
  log: (l: string) => void,
  environment?: ActiveEnvironment,
): Promise<void> {
  for (const n of outcome.notes) log(`${plan.label}: ${n}`);
  if (plan.needsIdWriteBack && environment) {
    // The id belongs to this environment's tenant: into the ids file, never into the policy file.
    const recorded = await recordId(document.uri.fsPath, outcome.policyId, plan.sourceText, environment);
    for (const n of recorded.notes) log(`${plan.label}: ${n}`);
    if (!recorded.written)
      void vscode.window.showWarningMessage(`The policy was deployed (${outcome.policyId}). ${recorded.notes.join(' ')}`);
  } else if (plan.needsIdWriteBack) {
    try {
      const r = await writeIdIntoDocument(document, outcome.policyId, plan.sourceText);
      if (r.note) log(`${plan.label}: ${r.note}`);
      if (r.written) log(`${plan.label}: wrote "id": "${outcome.policyId}" into the file`);
      else if (r.note) void vscode.window.showWarningMessage(`The policy was deployed (${outcome.policyId}). ${r.note}`);
    } catch (e) {
      deps.output.error(`[deploy] ${plan.label}: could not write the id into the file: ${errorMessage(e)}`);
      void vscode.window.showWarningMessage(
        `The policy was deployed (${outcome.policyId}), but its id could not be written into the file. Add "id": "${outcome.policyId}" by hand.`,
      );
    }
  }
  const message = resultText(plan, outcome, tenant);
  log(message);
  // Not awaited: the deploy is over, and a notification the user leaves open must not hold the
  // command (and its one-deploy-at-a-time lock) until it is dismissed.
  vscode.window
    .showInformationMessage(message, 'Open in output', 'Copy policy id')
    .then(
      async (choice) => {
        if (choice === 'Open in output') deps.output.show(true);
        if (choice === 'Copy policy id') await vscode.env.clipboard.writeText(outcome.policyId);
      },
      () => undefined,
    )
    .then(undefined, (e: unknown) => deps.output.error(`[deploy] could not carry out the notification's action: ${errorMessage(e)}`));
}

/**
 * A minimal edit in the editor buffer (keeps comments, cursor and undo), then save. The deploy
 * core decides whether to write at all (the same rule as the CLI's file write-back).
 */
async function writeIdIntoDocument(
  document: vscode.TextDocument,
  id: string,
  planned: string,
): Promise<{ written: boolean; note?: string }> {
  const decision = planIdWriteBack(document.getText(), planned, id);
  if (decision.kind === 'skip') return { written: false, note: decision.note };
  const edit = new vscode.WorkspaceEdit();
  for (const e of decision.edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.content);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the editor refused the edit');
  if (!(await document.save())) throw new Error('the file could not be saved');
  return { written: true, note: decision.note };
}

async function showPreview(previews: PreviewDocuments, plan: DeployPlan, tenant: TenantInfo): Promise<void> {
  const left = previews.put(plan.action === 'create' ? 'tenant (no policy yet).json' : `tenant ${plan.policyId}.json`, plan.currentText);
  const right = previews.put(`${plan.action === 'create' ? 'to create' : 'to send'}.json`, plan.proposedText);
  const title = `${plan.displayName}: ${plan.action === 'create' ? 'create in' : 'tenant ↔ file,'} ${describeTenant(tenant)}`;
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true, preserveFocus: true });
}

function reportFailure(e: unknown, deps: DeployDeps, document: vscode.TextDocument, label: string): void {
  const log = (line: string): void => deps.output.info(`[deploy] ${line}`);
  const logError = (line: string): void => deps.output.error(`[deploy] ${line}`);
  if (e instanceof DeployError) {
    if (e.kind === 'cancelled' || e.kind === 'unconfirmed') {
      log(`${label}: ${e.message}`);
      void vscode.window.showInformationMessage(e.message.split('\n')[0]);
      return;
    }
    logError(`${label}: ${e.message}`);
    const first = notificationText(e.message);
    const actions = [
      e.kind === 'invalid' ? 'Show problems' : undefined,
      e.details.location ? 'Show in file' : undefined,
      'Open in output',
    ].filter((x): x is string => !!x);
    vscode.window
      .showErrorMessage(first, ...actions)
      .then(async (choice) => {
        if (choice === 'Open in output') deps.output.show(true);
        if (choice === 'Show problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
        if (choice === 'Show in file' && e.details.location) {
          const r = e.details.location.range;
          await vscode.window.showTextDocument(document, {
            selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character),
          });
        }
      })
      .then(undefined, (err: unknown) => logError(`could not carry out the notification's action: ${errorMessage(err)}`));
    return;
  }
  // Cancelled while only reading (signing in, reading the tenant): nothing was sent.
  if (e instanceof GraphError && e.kind === 'cancelled') {
    log(`${label}: cancelled; nothing was sent`);
    void vscode.window.showInformationMessage('Deploy cancelled; nothing was sent.');
    return;
  }
  // Sign-in errors carry user-facing messages without secrets (auth engineer's SignInError).
  const message = errorMessage(e);
  if (e instanceof SignInError && e.kind === 'cancelled') {
    log(`${label}: ${message}`);
    void vscode.window.showInformationMessage(`Deploy cancelled: ${message}`);
    return;
  }
  logError(`${label}: ${message}`);
  void vscode.window.showErrorMessage(`Deploy failed: ${message}`, 'Open in output').then((c) => {
    if (c) deps.output.show(true);
  });
}

/**
 * A notification shows one paragraph: the message's lines run together, cut to a readable length
 * (the whole message is in the output channel).
 */
export function notificationText(message: string, limit = 400): string {
  const text = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
  return text.length > limit ? text.slice(0, limit - 1) + '…' : text;
}
