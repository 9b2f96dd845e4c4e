// The deploy planner with the validation core in the same process: what the CLI (and every caller
// outside the editor) uses. Kept apart from planner.ts so the extension, which takes the verdict
// from the language server, bundles no validator.
import { validatePolicy, type ValidationResult, type ApiVersion } from '../../../core/src';
import { planVerified, refuseInvalid, type DeployPlan, type PlanContext } from './planner';

/** Validates the file and throws `invalid` when it has errors (see refuseInvalid). */
export function validateForDeploy(input: { text: string; label: string }, defaultApiVersion?: ApiVersion): ValidationResult {
  const result = validatePolicy(input.text, { defaultApiVersion });
  refuseInvalid(input.label, result);
  return result;
}

export async function planDeploy(input: { text: string; label: string }, ctx: PlanContext): Promise<DeployPlan> {
  return planVerified({ ...input, verdict: validateForDeploy(input, ctx.defaultApiVersion) }, ctx);
}
