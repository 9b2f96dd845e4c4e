// One policy file, end to end: plan, apply, and write the id back into the file after a create
// (or an adoption by name). The CLI's path; the editor command runs the same steps one by one
// (planVerified with the language server's verdict, its own preview and confirmation, applyPlan,
// planIdWriteBack on the buffer).
import { promises as fs } from 'node:fs';
import type { DeployPlan, PlanContext } from './planner';
import { planDeploy } from './planDeploy';
import { applyPlan, type ApplyContext, type DeployOutcome } from './executor';
import { DeployError } from './deployError';
import { IDS_FILE_NAME, errorMessage } from '../../../core/src';
import { recordId, type ActiveEnvironment } from '../environments/index';

export interface DeployPolicyOptions extends PlanContext, Omit<ApplyContext, 'graph' | 'signal' | 'tenantLabel'> {
  /** Only plan; change nothing. */
  planOnly?: boolean;
  /** In a folder with environments: the id comes from, and new ids go to, its ids file. */
  environment?: ActiveEnvironment;
}

export interface DeployPolicyResult {
  plan: DeployPlan;
  /** Absent when only planned. */
  outcome?: DeployOutcome;
  idWritten: boolean;
  notes: string[];
}

export async function deployPolicyText(
  input: { text: string; label: string; file?: string },
  options: DeployPolicyOptions,
): Promise<DeployPolicyResult> {
  const env = options.environment;
  if (env && !input.file)
    throw new DeployError(
      'invalid',
      `${input.label}: in a folder with environments a policy is deployed from its file, whose path keys its ids.`,
    );
  const environmentId =
    env && input.file ? { id: env.ids.idOf(input.file, env.name), where: `${IDS_FILE_NAME} (environment "${env.name}")` } : undefined;
  const plan = await planDeploy(input, { ...options, environmentId });
  if (options.planOnly) return { plan, idWritten: false, notes: [] };
  const outcome = await applyPlan(plan, options);
  const notes = [...outcome.notes];
  let idWritten = false;
  if (plan.needsIdWriteBack && input.file) {
    // The tenant has the policy either way; a failure to record the id says what to add by hand.
    const recorded = await recordId(input.file, outcome.policyId, input.text, env);
    idWritten = recorded.written === 'policy file';
    notes.push(...recorded.notes);
  }
  return { plan, outcome, idWritten, notes };
}

export async function deployPolicyFile(file: string, options: DeployPolicyOptions): Promise<DeployPolicyResult> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new DeployError('invalid', `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? errorMessage(e)}`);
  }
  return deployPolicyText({ text, label: file, file }, options);
}
