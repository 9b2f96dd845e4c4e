// How the v1.0 policy types are modelled. Structure, nullability and enum members come from the
// CSDL slice in schemas/inputs/; this file adds what the CSDL cannot say (formats of object ids,
// read-only flags, documented required fields, how polymorphic types are shaped).
// Facts are tagged by their source: [DOC] Microsoft's documentation, [CSDL] Graph's metadata, [INF]
// inference; docs/policy-facts.md states the facts the product relies on, with their sources.

const G = 'microsoft.graph';
const POLICY = `${G}.accessPackageAssignmentPolicy`;

const uuid = { format: 'uuid' };
const ro = { readOnly: true };

export const v1Profile = {
  apiVersion: 'v1.0',
  id: 'https://entra-access-policy.dev/schemas/accesspolicy-v1.0.schema.json',
  title: 'Access package assignment policy (Microsoft Graph v1.0)',
  description: 'Request body of POST/PUT /identityGovernance/entitlementManagement/assignmentPolicies (Microsoft Graph v1.0).',
  root: POLICY,
  discriminated: {
    [`${G}.subjectSet`]: {
      // Lifecycle Workflows scopes derive from subjectSet too, but policies never use them.
      exclude: [`${G}.identityGovernance.groupBasedSubjectSet`, `${G}.identityGovernance.ruleBasedSubjectSet`],
    },
    [`${G}.accessPackageQuestion`]: {},
  },
  // Plain stages carry no @odata.type, so stages are one definition with an optional tag.
  merged: {
    [`${G}.accessPackageApprovalStage`]: [`${G}.accessPackageDynamicApprovalStage`],
  },
  // Non-contained navigations that a body sends inline as { "id": "<guid>" }.
  references: {
    [`${G}.accessPackage`]: [],
    [`${G}.customCalloutExtension`]: [
      `${G}.accessPackageAssignmentRequestWorkflowExtension`,
      `${G}.accessPackageAssignmentWorkflowExtension`,
    ],
  },
  opaqueNavs: {
    [`${POLICY}.catalog`]: 'read-only; a GET with $expand=catalog returns it, a body never needs it',
  },
  overrides: {
    [`${POLICY}.id`]: { ...uuid, ...ro },
    [`${POLICY}.createdDateTime`]: ro,
    [`${POLICY}.modifiedDateTime`]: ro,
    [`${G}.accessPackage.id`]: { ...uuid, reference: 'accessPackage' },
    [`${G}.customCalloutExtension.id`]: { ...uuid, reference: 'customExtension' },
    [`${G}.customExtensionStageSetting.id`]: ro,
    [`${G}.accessPackageMultipleChoiceQuestion.id`]: ro,
    [`${G}.accessPackageTextInputQuestion.id`]: ro,
    [`${G}.singleUser.userId`]: { ...uuid, reference: 'user' },
    [`${G}.singleUser.description`]: { ...ro, description: 'Display name of the user, filled in by the service.' },
    [`${G}.groupMembers.groupId`]: { ...uuid, reference: 'group' },
    [`${G}.groupMembers.description`]: { ...ro, description: 'Display name of the group, filled in by the service.' },
    [`${G}.connectedOrganizationMembers.connectedOrganizationId`]: { ...uuid, reference: 'connectedOrganization' },
    [`${G}.connectedOrganizationMembers.description`]: {
      ...ro,
      description: 'Name of the connected organization, filled in by the service. [INF]',
    },
    [`${G}.singleServicePrincipal.servicePrincipalId`]: { ...uuid, reference: 'servicePrincipal' },
    [`${G}.singleServicePrincipal.description`]: {
      ...ro,
      description: 'Name of the service principal, filled in by the service. [INF]',
    },
  },
  // Only fields the docs mark Required (R20 in docs/policy-facts.md); create-body requirements are rules.
  required: {
    [`${G}.accessPackageMultipleChoiceQuestion`]: ['text'],
    [`${G}.accessPackageTextInputQuestion`]: ['text'],
    [`${G}.accessPackageAnswerChoice`]: ['actualValue', 'text'],
    [`${G}.accessPackageLocalizedText`]: ['languageCode', 'text'],
  },
  skip: {},
};
