// What a person editing a policy file notices from the schemas alone: wrong spellings, wrong
// version's field names, unknown approver types, nulls where Graph forbids them, bad durations and
// ids are rejected; bodies copied from a GET (with read-only fields) are accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ValidateFunction } from 'ajv';
import { loadSchema, validators } from './support';

const ID = '7deff43e-1f17-44ef-9e5f-d516b0ba11d4';

function errorsOf(validate: ValidateFunction, body: unknown): string[] {
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${e.message}`);
}

function assertRejected(validate: ValidateFunction, body: unknown, at: string, keyword: string) {
  const errors = errorsOf(validate, body);
  assert.ok(
    errors.some((e) => e.startsWith(`${at} ${keyword} `)),
    `expected a ${keyword} error at ${at}, got:\n${errors.join('\n') || '(valid)'}`,
  );
}

const v1Stage = (extra: Record<string, unknown> = {}) => ({
  durationBeforeAutomaticDenial: 'P14D',
  durationBeforeEscalation: 'PT0S',
  primaryApprovers: [{ '@odata.type': '#microsoft.graph.singleUser', userId: ID }],
  ...extra,
});

test('v1.0: a body as returned by GET (read-only fields, expanded package, null settings) is accepted', () => {
  const { v1 } = validators();
  const body = {
    $schema: './accesspolicy-v1.0.schema.json',
    '@odata.type': '#microsoft.graph.accessPackageAssignmentPolicy',
    id: ID,
    displayName: 'p',
    description: null,
    createdDateTime: '2024-01-02T03:04:05.678Z',
    modifiedDateTime: '2024-01-02T03:04:05Z',
    allowedTargetScope: 'allDirectoryAgentIdentities',
    automaticRequestSettings: null,
    reviewSettings: null,
    notificationSettings: { isAssignmentNotificationDisabled: false },
    requestApprovalSettings: {
      isApprovalRequiredForAdd: true,
      stages: [v1Stage({ '@odata.type': '#microsoft.graph.accessPackageDynamicApprovalStage', approverInformationVisibility: 'notVisible' })],
    },
    accessPackage: { id: ID, displayName: 'Sales', isHidden: false },
    catalog: { id: ID, displayName: 'General' },
    questions: [
      { '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion', id: 'q1', text: 'Why?', isSingleLineQuestion: true },
    ],
    customExtensionStageSettings: [
      { id: 'x', stage: 'assignmentRequestCreated', customExtension: { id: ID, '@odata.type': '#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension' } },
    ],
  };
  assert.deepEqual(errorsOf(v1, body), []);
});

test('v1.0: misspelled enum values and unknown properties are rejected', () => {
  const { v1 } = validators();
  assertRejected(v1, { allowedTargetScope: 'NotSpecified' }, '/allowedTargetScope', 'enum');
  assertRejected(v1, { displayname: 'x' }, '', 'additionalProperties');
  assertRejected(v1, { expiration: { type: 'noExpiration', durationInDays: 3 } }, '/expiration', 'additionalProperties');
  assertRejected(v1, { '@odata.type': '#microsoft.graph.accessPackage' }, '/@odata.type', 'const');
});

test('v1.0: beta field names are not accepted in a v1.0 body', () => {
  const { v1 } = validators();
  assertRejected(v1, { accessPackageId: ID }, '', 'additionalProperties');
  assertRejected(
    v1,
    { specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.singleUser', id: ID, isBackup: true }] },
    '/specificAllowedTargets/0',
    'additionalProperties',
  );
});

test('v1.0: subject sets need a known @odata.type', () => {
  const { v1 } = validators();
  assertRejected(v1, { specificAllowedTargets: [{ userId: ID }] }, '/specificAllowedTargets/0', 'required');
  assertRejected(v1, { specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.user', userId: ID }] }, '/specificAllowedTargets/0', 'discriminator');
  assertRejected(
    v1,
    { specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.identityGovernance.ruleBasedSubjectSet', rule: 'x' }] },
    '/specificAllowedTargets/0',
    'discriminator',
  );
  assert.deepEqual(errorsOf(v1, { requestorSettings: { onBehalfRequestors: [{ '@odata.type': '#microsoft.graph.targetManager', managerLevel: 2 }] } }), []);
});

test('v1.0: ids, durations, dates and Int32 values are checked', () => {
  const { v1 } = validators();
  assertRejected(v1, { accessPackage: { id: 'string (identifier)' } }, '/accessPackage/id', 'format');
  assertRejected(v1, { requestApprovalSettings: { stages: [v1Stage({ durationBeforeAutomaticDenial: '14 days' })] } }, '/requestApprovalSettings/stages/0/durationBeforeAutomaticDenial', 'format');
  assertRejected(v1, { reviewSettings: { schedule: { startDateTime: '2024-13-01' } } }, '/reviewSettings/schedule/startDateTime', 'format');
  assertRejected(v1, { reviewSettings: { schedule: { recurrence: { range: { startDate: '2024/01/01' } } } } }, '/reviewSettings/schedule/recurrence/range/startDate', 'format');
  assertRejected(v1, { reviewSettings: { schedule: { recurrence: { pattern: { interval: 2147483648 } } } } }, '/reviewSettings/schedule/recurrence/pattern/interval', 'maximum');
  assertRejected(v1, { reviewSettings: { schedule: { recurrence: { pattern: { interval: 1.5 } } } } }, '/reviewSettings/schedule/recurrence/pattern/interval', 'type');
});

test('v1.0: null is refused where the CSDL says Nullable="false"', () => {
  const { v1 } = validators();
  assertRejected(v1, { requestApprovalSettings: { stages: [v1Stage({ approverInformationVisibility: null })] } }, '/requestApprovalSettings/stages/0/approverInformationVisibility', 'type');
  assertRejected(v1, { customExtensionStageSettings: [{ stage: null }] }, '/customExtensionStageSettings/0/stage', 'type');
  assertRejected(v1, { reviewSettings: { schedule: { recurrence: { pattern: { month: null } } } } }, '/reviewSettings/schedule/recurrence/pattern/month', 'type');
  assertRejected(v1, { id: null }, '/id', 'type');
});

test('v1.0: stages take an optional @odata.type of the two stage types only', () => {
  const { v1 } = validators();
  assert.deepEqual(errorsOf(v1, { requestApprovalSettings: { stages: [v1Stage()] } }), []);
  assertRejected(v1, { requestApprovalSettings: { stages: [v1Stage({ '@odata.type': '#microsoft.graph.approvalStage' })] } }, '/requestApprovalSettings/stages/0/@odata.type', 'enum');
});

test('v1.0: questions need their type and text; localized texts need a language code', () => {
  const { v1 } = validators();
  assertRejected(v1, { questions: [{ text: 'Why?' }] }, '/questions/0', 'required');
  assertRejected(v1, { questions: [{ '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion' }] }, '/questions/0', 'required');
  assertRejected(
    v1,
    { questions: [{ '@odata.type': '#microsoft.graph.accessPackageMultipleChoiceQuestion', text: 'Pick', choices: [{ actualValue: 'a', text: 'A', localizations: [{ text: 'A' }] }] }] },
    '/questions/0/choices/0/localizations/0',
    'required',
  );
  // v1 names multiple selection differently from beta.
  assertRejected(v1, { questions: [{ '@odata.type': '#microsoft.graph.accessPackageMultipleChoiceQuestion', text: 'Pick', allowsMultipleSelection: true }] }, '/questions/0', 'additionalProperties');
});

test('beta: a body as returned by GET is accepted, v1.0 field names are not', () => {
  const { beta } = validators();
  const body = {
    id: ID,
    accessPackageId: ID,
    displayName: 'p',
    createdBy: 'admin@contoso.com',
    createdDateTime: '2024-01-02T03:04:05Z',
    modifiedBy: 'admin@contoso.com',
    modifiedDateTime: '2024-01-02T03:04:05Z',
    durationInDays: 365,
    expirationDateTime: null,
    accessPackageNotificationSettings: { isAssignmentNotificationDisabled: true },
    verifiableCredentialSettings: { credentialTypes: [{ credentialType: 'VerifiedEmployee', issuers: ['did:ion:abc'] }] },
    requestorSettings: { scopeType: 'SpecificDirectorySubjects', acceptRequests: true, allowedRequestors: [{ '@odata.type': '#microsoft.graph.singleUser', id: ID, isBackup: false, description: 'Alice' }] },
    requestApprovalSettings: {
      isApprovalRequired: true,
      approvalMode: 'SingleStage',
      approvalStages: [{ '@odata.type': '#microsoft.graph.accessPackageDynamicApprovalStage', approvalStageTimeOutInDays: 14, primaryApprovers: [{ '@odata.type': '#microsoft.graph.requestorManager', managerLevel: 1 }], escalationApprovers: [], customExtension: { id: ID } }],
    },
    accessReviewSettings: { isEnabled: true, recurrenceType: 'halfyearly', reviewerType: 'Manager', accessReviewTimeoutBehavior: 'removeAccess' },
    customExtensionHandlers: [{ id: 'h', stage: null, customExtension: { id: ID } }],
    accessPackage: { id: ID, displayName: 'Sales' },
  };
  assert.deepEqual(errorsOf(beta, body), []);
  assertRejected(beta, { allowedTargetScope: 'notSpecified' }, '', 'additionalProperties');
  assertRejected(beta, { accessPackage: { id: ID }, accessPackageId: 'nope' }, '/accessPackageId', 'format');
  assertRejected(beta, { requestorSettings: { allowedRequestors: [{ '@odata.type': '#microsoft.graph.singleUser', userId: ID }] } }, '/requestorSettings/allowedRequestors/0', 'additionalProperties');
  assertRejected(beta, { requestorSettings: { allowedRequestors: [{ '@odata.type': '#microsoft.graph.targetManager' }] } }, '/requestorSettings/allowedRequestors/0', 'discriminator');
});

test('beta: documented string values are case-exact', () => {
  const { beta } = validators();
  assertRejected(beta, { requestApprovalSettings: { approvalMode: 'singleStage' } }, '/requestApprovalSettings/approvalMode', 'enum');
  assertRejected(beta, { requestorSettings: { scopeType: 'AllExternalUsers' } }, '/requestorSettings/scopeType', 'enum');
  assertRejected(beta, { accessReviewSettings: { recurrenceType: 'Quarterly' } }, '/accessReviewSettings/recurrenceType', 'enum');
  assertRejected(beta, { accessReviewSettings: { reviewerType: 'self' } }, '/accessReviewSettings/reviewerType', 'enum');
  assertRejected(beta, { customExtensionStageSettings: [{ stage: null }] }, '/customExtensionStageSettings/0/stage', 'type');
  assertRejected(beta, { accessPackageNotificationSettings: { isAssignmentNotificationDisabled: null } }, '/accessPackageNotificationSettings/isAssignmentNotificationDisabled', 'type');
});

test('beta: questions need text; choices need a value and display text', () => {
  const { beta } = validators();
  assertRejected(beta, { questions: [{ '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion', isRequired: true }] }, '/questions/0', 'required');
  assertRejected(beta, { questions: [{ '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion', text: 'plain string' }] }, '/questions/0/text', 'type');
  assertRejected(
    beta,
    { questions: [{ '@odata.type': '#microsoft.graph.accessPackageMultipleChoiceQuestion', text: { defaultText: 'Pick' }, choices: [{ actualValue: 'a' }] }] },
    '/questions/0/choices/0',
    'required',
  );
});

test('schemas follow the conventions the validation core relies on', () => {
  for (const version of ['v1.0', 'beta'] as const) {
    const s = loadSchema(version);
    assert.equal(s.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(s.$id, `https://entra-access-policy.dev/schemas/accesspolicy-${version}.schema.json`);
    assert.equal(s.additionalProperties, false);
    assert.equal(typeof s.title, 'string');
    assert.deepEqual(Object.keys(s.definitions), [...Object.keys(s.definitions)].sort(), 'definition keys sorted');
    for (const [name, def] of Object.entries<Record<string, any>>(s.definitions)) {
      assert.ok(name.startsWith('microsoft.graph.'), `${version} ${name} keyed by Graph type name`);
      assert.equal(def.type, 'object', `${version} ${name} type`);
      if (!def.oneOf) assert.equal(def.additionalProperties, false, `${version} ${name} closed`);
      for (const [p, ps] of Object.entries<Record<string, any>>(def.properties ?? {})) {
        assert.equal(ps.title, undefined, `${name}.${p} has no title`);
        if (ps.anyOf) assert.deepEqual(ps.anyOf[0], { type: 'null' }, `${name}.${p}: null branch first`);
      }
    }
  }
});
