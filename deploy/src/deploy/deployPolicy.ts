// One policy file, end to end: plan, apply, and write the id back into the file after a create
// (or an adoption by name). The CLI's path; the editor command runs the same steps one by one
// (planVerified with the language server's verdict, its own preview and confirmation, applyPlan,
// planIdWriteBack on the buffer).
import { promises as fs } from 'node:fs';
import type { DeployPlan, PlanContext } from './planner';
import { planDeploy } from './planDeploy';
import { applyPlan, type ApplyContext, type DeployOutcome } from './executor';
import { writePolicyIdToFile } from './writeBack';
import { DeployError } from './deployError';
import { errorMessage } from '../../../core/src';

export interface DeployPolicyOptions extends PlanContext, Omit<ApplyContext, 'graph' | 'signal' | 'tenantLabel'> {
  /** Only plan; change nothing. */
  planOnly?: boolean;
}

export interface DeployPolicyResult {
  plan: DeployPlan;
  /** Absent when only planned. */
  outcome?: DeployOutcome;
  idWritten: boolean;
  notes: string[];
}

export async function deployPolicyText(input: { text: string; label: string; file?: string }, options: DeployPolicyOptions): Promise<DeployPolicyResult> {
  const plan = await planDeploy(input, options);
  if (options.planOnly) return { plan, idWritten: false, notes: [] };
  const outcome = await applyPlan(plan, options);
  const notes = [...outcome.notes];
  let idWritten = false;
  if (plan.needsIdWriteBack && input.file) {
    try {
      const r = await writePolicyIdToFile(input.file, outcome.policyId, input.text);
      idWritten = r.written;
      if (r.note) notes.push(r.note);
    } catch (e) {
      // The tenant has the policy; say so loudly, since deploying again would adopt it by name anyway.
      notes.push(`The policy is deployed (${outcome.policyId}) but its id could not be written into the file: ${errorMessage(e)}. Add "id": "${outcome.policyId}" by hand.`);
    }
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
