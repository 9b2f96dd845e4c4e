// The words of the deploy confirmation and result, kept free of VS Code so they can be tested:
// the dialog must say which tenant (name and id), cloud, API version, action and policy.
import type { DeployPlan, DeployOutcome } from '../../../deploy/src';

export interface TenantInfo {
  id: string;
  /** Absent when the organization could not be read (then only the id is shown). */
  displayName?: string;
}

export interface ConfirmationText {
  message: string;
  detail: string;
  button: string;
}

export function describeTenant(t: TenantInfo): string {
  return t.displayName ? `${t.displayName} (${t.id})` : t.id;
}

export function confirmationText(plan: DeployPlan, tenant: TenantInfo, cloudLabel: string): ConfirmationText {
  const policy = `"${plan.displayName}"`;
  const action =
    plan.action === 'create'
      ? `Create policy ${policy}`
      : plan.adopted
        ? `Update existing policy ${policy} (${plan.policyId}), adopted by its display name`
        : `Update policy ${policy} (${plan.policyId})`;
  const lines = [
    `Tenant: ${describeTenant(tenant)}`,
    `Cloud: ${cloudLabel}`,
    `API version: ${plan.apiVersion}`,
    `Action: ${action}`,
    `Access package: ${plan.accessPackageId}`,
  ];
  if (plan.action === 'update') {
    lines.push(
      `Changes: ${
        plan.changes
          .filter((c) => c.kind !== 'reset')
          .map((c) => c.path)
          .join(', ') || 'none besides resets'
      }`,
    );
    if (plan.resets.length) lines.push(`Reset because the file leaves them out (PUT replaces the whole policy): ${plan.resets.join(', ')}`);
  }
  if (plan.needsIdWriteBack) lines.push('The policy id will be written into the file.');
  if (plan.duplicates) lines.push(`Warning: ${plan.duplicates.message}`);
  return {
    message: `${plan.action === 'create' ? 'Create' : 'Update'} access package assignment policy ${policy} in ${describeTenant(tenant)}?`,
    detail: lines.join('\n'),
    button: plan.action === 'create' ? 'Create' : 'Update',
  };
}

export function resultText(plan: DeployPlan, outcome: DeployOutcome, tenant: TenantInfo): string {
  const verb = outcome.action === 'created' ? 'Created' : outcome.action === 'updated' ? 'Updated' : 'No change to';
  return `${verb} policy "${plan.displayName}" (${outcome.policyId}) in ${describeTenant(tenant)}${outcome.action === 'unchanged' ? ': the tenant already matches the file.' : '.'}`;
}
