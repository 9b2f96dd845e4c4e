// How the beta (legacy) policy types are modelled. Structure comes from the hand-checked table
// schemas/inputs/beta-policy-types.json; this file adds formats, read-only flags, the documented
// values of beta's free-string "enums" and the few documented required fields.
// Facts are tagged by their source: [DOC] Microsoft's documentation, [TF] the Terraform provider,
// [INF] inference; docs/policy-facts.md states the facts the product relies on, with their sources.

const G = 'microsoft.graph';
const POLICY = `${G}.accessPackageAssignmentPolicy`;

const uuid = { format: 'uuid' };
const ro = { readOnly: true };

export const betaProfile = {
  apiVersion: 'beta',
  id: 'https://entra-access-policy.dev/schemas/accesspolicy-beta.schema.json',
  title: 'Access package assignment policy (Microsoft Graph beta, legacy shape)',
  description: 'Request body of POST/PUT /identityGovernance/entitlementManagement/accessPackageAssignmentPolicies (Microsoft Graph beta).',
  root: POLICY,
  discriminated: {
    [`${G}.userSet`]: {},
    [`${G}.accessPackageQuestion`]: {},
  },
  merged: {
    [`${G}.approvalStage`]: [`${G}.accessPackageDynamicApprovalStage`],
  },
  references: {
    [`${G}.customCalloutExtension`]: [
      `${G}.accessPackageAssignmentRequestWorkflowExtension`,
      `${G}.accessPackageAssignmentWorkflowExtension`,
    ],
    [`${G}.customAccessPackageWorkflowExtension`]: [],
  },
  opaqueNavs: {
    [`${POLICY}.accessPackage`]: 'read-only in beta (the body names the package with accessPackageId)',
    [`${POLICY}.accessPackageCatalog`]: 'read-only; returned by $expand only',
  },
  overrides: {
    [`${POLICY}.id`]: { ...uuid, ...ro },
    [`${POLICY}.accessPackageId`]: { ...uuid, reference: 'accessPackage' },
    [`${POLICY}.createdBy`]: ro,
    [`${POLICY}.createdDateTime`]: ro,
    [`${POLICY}.modifiedBy`]: ro,
    [`${POLICY}.modifiedDateTime`]: ro,
    [`${POLICY}.customExtensionHandlers`]: {
      description: 'Deprecated by Microsoft; use customExtensionStageSettings.',
    },
    [`${G}.requestorSettings.scopeType`]: {
      enum: [
        'NoSubjects',
        'SpecificDirectorySubjects',
        'SpecificConnectedOrganizationSubjects',
        'AllConfiguredConnectedOrganizationSubjects',
        'AllExistingConnectedOrganizationSubjects',
        'AllExistingDirectoryMemberUsers',
        'AllExistingDirectorySubjects',
        'AllExternalSubjects',
      ],
      'x-source':
        'Edm.String in the metadata; values documented in the Kiota beta SDK comments, same as terraform-provider-azuread constants',
    },
    [`${G}.approvalSettings.approvalMode`]: {
      enum: ['SingleStage', 'Serial', 'Parallel', 'NoApproval'],
      'x-source': 'Edm.String in the metadata; values documented in the beta docs and Kiota beta SDK comments',
    },
    [`${G}.assignmentReviewSettings.reviewerType`]: {
      enum: ['Self', 'Reviewers', 'Manager'],
      'x-source': 'Edm.String in the metadata; values documented in the Kiota beta SDK comments and terraform-provider-azuread',
    },
    [`${G}.assignmentReviewSettings.recurrenceType`]: {
      enum: ['weekly', 'monthly', 'quarterly', 'halfyearly', 'annual'],
      'x-source':
        'Edm.String in the metadata; the docs name monthly and quarterly, the full lower-case list is the one terraform-provider-azuread accepts [TF]',
    },
    [`${G}.approvalStage.customExtension`]: {
      description: 'Only meaningful on an accessPackageDynamicApprovalStage.',
    },
    [`${G}.singleUser.id`]: { ...uuid, reference: 'user' },
    [`${G}.singleUser.description`]: { ...ro, description: 'Display name of the user, filled in by the service.' },
    [`${G}.groupMembers.id`]: { ...uuid, reference: 'group' },
    [`${G}.groupMembers.description`]: { ...ro, description: 'Display name of the group, filled in by the service.' },
    [`${G}.connectedOrganizationMembers.id`]: { ...uuid, reference: 'connectedOrganization' },
    [`${G}.connectedOrganizationMembers.description`]: {
      ...ro,
      description: 'Name of the connected organization, filled in by the service.',
    },
    [`${G}.accessPackageMultipleChoiceQuestion.id`]: ro,
    [`${G}.accessPackageTextInputQuestion.id`]: ro,
    [`${G}.customExtensionStageSetting.id`]: ro,
    [`${G}.customExtensionHandler.id`]: ro,
    [`${G}.customCalloutExtension.id`]: { ...uuid, reference: 'customExtension' },
    [`${G}.customAccessPackageWorkflowExtension.id`]: { ...uuid, reference: 'customExtension' },
  },
  // Only fields the docs mark Required (R20 in docs/policy-facts.md). accessPackageLocalizedContent.defaultText
  // is documented as required too, but the docs' own question example omits it on answer choices,
  // so that check is left to the rule layer rather than rejecting Microsoft's example.
  required: {
    [`${G}.accessPackageMultipleChoiceQuestion`]: ['text'],
    [`${G}.accessPackageTextInputQuestion`]: ['text'],
    [`${G}.accessPackageAnswerChoice`]: ['actualValue', 'displayValue'],
    [`${G}.accessPackageLocalizedText`]: ['languageCode', 'text'],
  },
  skip: {},
};

/** Loads the beta table into the same Map shape that readCsdl produces. */
export function loadBetaModel(json) {
  if (!json || typeof json !== 'object' || !json.types || typeof json.types !== 'object') {
    throw new Error('beta type table: expected an object with a "types" map');
  }
  const types = new Map();
  for (const [fullName, t] of Object.entries(json.types)) {
    if (!['entity', 'complex', 'enum'].includes(t.kind)) throw new Error(`beta type table: ${fullName} has bad kind ${t.kind}`);
    const dot = fullName.lastIndexOf('.');
    const prop = (nav) => (p) => {
      if (typeof p.name !== 'string' || typeof p.type !== 'string') {
        throw new Error(`beta type table: ${fullName} has a property without name/type`);
      }
      return { name: p.name, type: p.type, nullable: p.nullable !== false, nav, containsTarget: p.containsTarget === true };
    };
    types.set(fullName, {
      fullName,
      name: fullName.slice(dot + 1),
      namespace: fullName.slice(0, dot),
      kind: t.kind,
      baseType: t.baseType,
      abstract: t.abstract === true,
      openType: false,
      properties: (t.properties ?? []).map(prop(false)),
      navigationProperties: (t.navigationProperties ?? []).map(prop(true)),
      members: (t.members ?? []).map((m) => ({ name: m.name, value: m.value })),
    });
  }
  return { types };
}
