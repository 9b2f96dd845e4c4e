// A v1.0 policy body that names its package, approvers and extension by reference, shared by the
// folder tests that deploy one file to several tenants. `approvers` and `extra` vary it per test.
export function referencePolicyText(
  displayName: string,
  options: { description?: string; approvers?: Record<string, unknown>[]; extra?: Record<string, unknown> } = {},
): string {
  const body = {
    displayName,
    description: options.description ?? 'Sales staff request the tools; a sales approver and Alice decide.',
    allowedTargetScope: 'allMemberUsers',
    specificAllowedTargets: [],
    expiration: { type: 'afterDuration', duration: 'P90D' },
    requestorSettings: {
      enableTargetsToSelfAddAccess: true,
      enableTargetsToSelfUpdateAccess: false,
      enableTargetsToSelfRemoveAccess: true,
      allowCustomAssignmentSchedule: false,
      enableOnBehalfRequestorsToAddAccess: false,
      enableOnBehalfRequestorsToUpdateAccess: false,
      enableOnBehalfRequestorsToRemoveAccess: false,
      onBehalfRequestors: [],
    },
    requestApprovalSettings: {
      isApprovalRequiredForAdd: true,
      isApprovalRequiredForUpdate: false,
      stages: [
        {
          durationBeforeAutomaticDenial: 'P7D',
          isApproverJustificationRequired: false,
          isEscalationEnabled: false,
          primaryApprovers: options.approvers ?? [
            { '@odata.type': '#microsoft.graph.groupMembers', groupId: '${group:Sales Approvers}' },
            { '@odata.type': '#microsoft.graph.singleUser', userId: '${user:alice@contoso.com}' },
          ],
          fallbackPrimaryApprovers: [],
          escalationApprovers: [],
          fallbackEscalationApprovers: [],
        },
      ],
    },
    accessPackage: { id: '${accessPackage:Sales/Sales tools}' },
    ...options.extra,
  };
  return JSON.stringify(body, null, 2) + '\n';
}
