// One policy, end to end: plan, confirm, apply, and write the id back into the file after a
// create (or an adoption by name). Shared by the CLI and the VS Code command.
import { promises as fs } from 'node:fs';
import { planDeploy, type DeployPlan, type PlanContext } from './planner';
import { applyPlan, type ApplyContext, type DeployOutcome } from './executor';
import { writePolicyIdToFile } from './writeBack';
import { DeployError } from './deployError';

export interface DeployPolicyOptions extends PlanContext, Omit<ApplyContext, 'graph' | 'signal' | 'tenantLabel'> {
  /** Only plan; change nothing. */
  planOnly?: boolean;
  /** Asked with the plan before anything is written; false stops without changes. */
  confirm?: (plan: DeployPlan) => Promise<boolean>;
  /** Writes the id into the source; defaults to an atomic rewrite of `file`. */
  writeId?: (id: string, plan: DeployPlan) => Promise<{ written: boolean; note?: string }>;
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
  if (plan.action !== 'unchanged' && options.confirm && !(await options.confirm(plan))) {
    throw new DeployError('unconfirmed', 'Deploy not confirmed; nothing was sent.');
  }
  const outcome = await applyPlan(plan, options);
  const notes = [...outcome.notes];
  let idWritten = false;
  if (plan.needsIdWriteBack) {
    const writeId = options.writeId ?? (input.file ? (id: string) => writePolicyIdToFile(input.file!, id, input.text) : undefined);
    if (writeId) {
      try {
        const r = await writeId(outcome.policyId, plan);
        idWritten = r.written;
        if (r.note) notes.push(r.note);
      } catch (e) {
        // The tenant has the policy; say so loudly, since deploying again would adopt it by name anyway.
        notes.push(`The policy is deployed (${outcome.policyId}) but its id could not be written into the file: ${e instanceof Error ? e.message : String(e)}. Add "id": "${outcome.policyId}" by hand.`);
      }
    }
  }
  return { plan, outcome, idWritten, notes };
}

export async function deployPolicyFile(file: string, options: DeployPolicyOptions): Promise<DeployPolicyResult> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new DeployError('invalid', `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))}`);
  }
  return deployPolicyText({ text, label: file, file }, options);
}
