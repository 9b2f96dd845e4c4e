// Convert to v1.0: Microsoft's beta examples become v1.0 bodies the validator accepts, each field
// lands where the correspondence table says, and what v1.0 cannot say is refused with a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { convertBetaToV1, type ConversionResult } from '../../core/src/convert/betaToV1';
import { minutesToDuration } from '../../core/src/convert/durations';
import { validatePolicy } from '../../core/src/validate';
import { FIXTURES, docsExamples, exampleText, withGuids } from '../support/examples';

// Microsoft's beta examples with GUIDs in place of the docs' placeholders.
const fixture = exampleText;
const BETA_SCHEMA = '"$schema": "https://entra-access-policy.dev/schemas/accesspolicy-beta.schema.json"';

function converted(text: string): { text: string; value: Record<string, any>; notes: string[] } {
  const r = convertBetaToV1(text);
  assert.ok(r.ok, `conversion refused: ${JSON.stringify((r as { reasons?: string[] }).reasons)}`);
  return { text: r.text, value: JSON.parse(r.text), notes: r.notes };
}

function refused(r: ConversionResult): string[] {
  assert.equal(r.ok, false, `expected a refusal, got:\n${r.ok ? r.text : ''}`);
  return (r as { reasons: string[] }).reasons;
}

function assertValidV1(text: string, label: string): void {
  const v = validatePolicy(text);
  assert.equal(v.apiVersion, 'v1.0', label);
  assert.equal(v.apiVersionSource, 'schema', `${label}: the output names the v1.0 schema`);
  const errors = v.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => `${d.code} ${d.message}`),
    [],
    `${label}:\n${text}`,
  );
}

const betaPolicy = (body: string) => `{
  ${BETA_SCHEMA},
  "accessPackageId": "b2eba9a1-b357-42ee-83a8-336522ed6cbf",
  "displayName": "Test policy",
  "description": "Test",
  ${body}
}`;

test('every beta docs example converts to a v1.0 body with no errors', () => {
  const beta = docsExamples().filter((e) => e.version === 'beta');
  assert.ok(beta.length >= 3, 'expected the three beta docs examples');
  for (const e of beta) {
    const { text, value } = converted(withGuids(e.text));
    assert.equal(value.$schema, 'https://entra-access-policy.dev/schemas/accesspolicy-v1.0.schema.json');
    assertValidV1(text, e.name);
  }
});

test('multi-stage connected-organization example: stages, fallbacks, durations and the review schedule', () => {
  const { value, text } = converted(fixture('beta-create-connected-orgs-multistage.json'));
  assert.equal(value.accessPackage.id, '00000000-0000-4000-8000-000000000001');
  assert.equal(value.accessPackageId, undefined);
  assert.equal(value.allowedTargetScope, 'allConfiguredConnectedOrganizationUsers');
  assert.deepEqual(value.specificAllowedTargets, []);
  assert.deepEqual(value.expiration, { type: 'afterDuration', duration: 'P365D' });
  assert.deepEqual(value.requestorSettings, { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: false });
  const [stage1, stage2] = value.requestApprovalSettings.stages;
  assert.equal(value.requestApprovalSettings.isApprovalRequiredForAdd, true);
  assert.equal(value.requestApprovalSettings.approvalMode, undefined);
  assert.equal(stage1.durationBeforeAutomaticDenial, 'P14D');
  assert.equal(stage1.durationBeforeEscalation, 'P8D'); // 11520 minutes
  assert.deepEqual(stage1.primaryApprovers, [{ '@odata.type': '#microsoft.graph.externalSponsors' }]);
  assert.deepEqual(stage1.fallbackPrimaryApprovers, [
    { '@odata.type': '#microsoft.graph.groupMembers', groupId: '00000000-0000-4000-8000-000000000002' },
  ]);
  assert.deepEqual(stage1.escalationApprovers, []);
  assert.deepEqual(stage1.fallbackEscalationApprovers, [
    { '@odata.type': '#microsoft.graph.singleUser', userId: '00000000-0000-4000-8000-000000000003' },
  ]);
  assert.deepEqual(stage2.primaryApprovers, [{ '@odata.type': '#microsoft.graph.internalSponsors' }]);
  const review = value.reviewSettings;
  assert.equal(review.isEnabled, true);
  assert.equal(review.isSelfReview, true);
  assert.deepEqual(review.schedule.recurrence.pattern, { type: 'absoluteMonthly', interval: 3, month: 0, dayOfMonth: 0, daysOfWeek: [] });
  assert.deepEqual(review.schedule.expiration, { type: 'afterDuration', duration: 'P25D' });
  assert.equal(review.schedule.startDateTime, '2020-04-01T07:59:59.998Z');
  assert.ok(
    !/isBackup|approvalStageTimeOutInDays|escalationTimeInMinutes|approvalStages|accessReviewSettings|scopeType|canExtend|durationInDays/.test(
      text,
    ),
    'no beta names left',
  );
  // Formatted with the input's 4-space indentation.
  assert.match(text, /^\{\n {4}"\$schema"/);
  assert.equal(text, JSON.stringify(value, null, 4) + '\n');
});

test('questions: localized content becomes text + localizations; choices without a default text use their value', () => {
  const { value, notes } = converted(fixture('beta-create-with-questions.json'));
  const [choice, textInput] = value.questions;
  assert.equal(choice['@odata.type'], '#microsoft.graph.accessPackageMultipleChoiceQuestion');
  assert.equal(choice.text, 'what state are you from?');
  assert.deepEqual(choice.localizations, [{ languageCode: 'es', text: '¿De qué estado eres?' }]);
  assert.equal(choice.isMultipleSelectionAllowed, false);
  assert.equal(choice.allowsMultipleSelection, undefined);
  assert.deepEqual(choice.choices[0], { actualValue: 'AZ', text: 'AZ', localizations: [{ languageCode: 'es', text: 'Arizona' }] });
  assert.equal(textInput.isSingleLineQuestion, false);
  assert.ok(
    notes.some((n) => n.includes('"AZ"')),
    'the fallback is reported',
  );
});

test('direct assignment: NoSubjects becomes notSpecified with self-service off and no expiration', () => {
  const { value, text } = converted(fixture('beta-create-direct-assignment.json'));
  assert.equal(value.allowedTargetScope, 'notSpecified');
  assert.deepEqual(value.expiration, { type: 'noExpiration' });
  assert.equal(value.requestorSettings.enableTargetsToSelfAddAccess, false);
  assert.deepEqual(value.requestApprovalSettings.stages, []);
  assert.equal(value.reviewSettings, undefined);
  assert.match(text, /^\{\n {2}"\$schema"/);
});

test('specific requestors: scope and allowed requestors become target scope and targets with v1.0 id names', () => {
  const { value, text } = converted(
    betaPolicy(`"canExtend": true,
  "expirationDateTime": "2030-01-31T00:00:00Z",
  "requestorSettings": {
    "scopeType": "SpecificDirectorySubjects",
    "acceptRequests": true,
    "allowedRequestors": [
      { "@odata.type": "#microsoft.graph.singleUser", "id": "7deff43e-1f17-44ef-9e5f-d516b0ba11d4" },
      { "@odata.type": "#microsoft.graph.groupMembers", "id": "1623f912-5e86-41c2-af47-39dd67582b66" }
    ]
  },
  "requestApprovalSettings": {
    "isApprovalRequired": true,
    "isApprovalRequiredForExtension": true,
    "approvalMode": "SingleStage",
    "approvalStages": [
      {
        "approvalStageTimeOutInDays": 7,
        "isEscalationEnabled": true,
        "escalationTimeInMinutes": 2000,
        "primaryApprovers": [
          { "@odata.type": "#microsoft.graph.requestorManager", "managerLevel": 2 },
          { "@odata.type": "#microsoft.graph.singleUser", "isBackup": true, "id": "46184453-e63b-4f20-86c2-c557ed5d5df9" }
        ],
        "escalationApprovers": [ { "@odata.type": "#microsoft.graph.groupMembers", "isBackup": false, "id": "1623f912-5e86-41c2-af47-39dd67582b66" } ]
      }
    ]
  },
  "accessPackageNotificationSettings": { "isAssignmentNotificationDisabled": true }`),
  );
  assert.equal(value.allowedTargetScope, 'specificDirectoryUsers');
  assert.deepEqual(value.specificAllowedTargets, [
    { '@odata.type': '#microsoft.graph.singleUser', userId: '7deff43e-1f17-44ef-9e5f-d516b0ba11d4' },
    { '@odata.type': '#microsoft.graph.groupMembers', groupId: '1623f912-5e86-41c2-af47-39dd67582b66' },
  ]);
  assert.deepEqual(value.expiration, { type: 'afterDateTime', endDateTime: '2030-01-31T00:00:00Z' });
  assert.deepEqual(value.requestorSettings, { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: true });
  assert.equal(value.requestApprovalSettings.isApprovalRequiredForUpdate, true);
  const stage = value.requestApprovalSettings.stages[0];
  assert.equal(stage.durationBeforeAutomaticDenial, 'P7D');
  assert.equal(stage.durationBeforeEscalation, 'PT2000M');
  assert.deepEqual(stage.primaryApprovers, [{ '@odata.type': '#microsoft.graph.requestorManager', managerLevel: 2 }]);
  assert.deepEqual(stage.fallbackPrimaryApprovers, [
    { '@odata.type': '#microsoft.graph.singleUser', userId: '46184453-e63b-4f20-86c2-c557ed5d5df9' },
  ]);
  assert.deepEqual(stage.escalationApprovers, [
    { '@odata.type': '#microsoft.graph.groupMembers', groupId: '1623f912-5e86-41c2-af47-39dd67582b66' },
  ]);
  assert.deepEqual(value.notificationSettings, { isAssignmentNotificationDisabled: true });
  assertValidV1(text, 'specific requestors');
});

test('escalation minutes: whole days as P{d}D, otherwise PT{m}M', () => {
  assert.equal(minutesToDuration(1440), 'P1D');
  assert.equal(minutesToDuration(11520), 'P8D');
  assert.equal(minutesToDuration(90), 'PT90M');
  assert.equal(minutesToDuration(0), 'PT0S');
});

test('reviews: recurrence words map to v1.0 patterns; Manager reviews become requestorManager with fallbacks [INF]', () => {
  const cases: [string, string, number][] = [
    ['weekly', 'weekly', 1],
    ['monthly', 'absoluteMonthly', 1],
    ['halfyearly', 'absoluteMonthly', 6],
    ['annual', 'absoluteMonthly', 12],
  ];
  for (const [word, type, interval] of cases) {
    const { value } = converted(
      betaPolicy(
        `"accessReviewSettings": { "isEnabled": true, "recurrenceType": "${word}", "reviewerType": "Self", "durationInDays": 14, "startDateTime": "2030-01-01T00:00:00Z" }`,
      ),
    );
    assert.equal(value.reviewSettings.schedule.recurrence.pattern.type, type, word);
    assert.equal(value.reviewSettings.schedule.recurrence.pattern.interval, interval, word);
  }
  const { value, notes, text } = converted(
    betaPolicy(`"accessReviewSettings": {
    "isEnabled": true, "recurrenceType": "quarterly", "reviewerType": "Manager", "durationInDays": 14,
    "startDateTime": "2030-01-01T00:00:00Z", "accessReviewTimeoutBehavior": "removeAccess",
    "isAccessRecommendationEnabled": false, "isApprovalJustificationRequired": true,
    "reviewers": [ { "@odata.type": "#microsoft.graph.groupMembers", "isBackup": true, "id": "1623f912-5e86-41c2-af47-39dd67582b66" } ]
  }`),
  );
  const r = value.reviewSettings;
  assert.deepEqual(r.primaryReviewers, [{ '@odata.type': '#microsoft.graph.requestorManager', managerLevel: 1 }]);
  assert.deepEqual(r.fallbackReviewers, [
    { '@odata.type': '#microsoft.graph.groupMembers', groupId: '1623f912-5e86-41c2-af47-39dd67582b66' },
  ]);
  assert.equal(r.expirationBehavior, 'removeAccess');
  assert.equal(r.isRecommendationEnabled, false);
  assert.equal(r.isReviewerJustificationRequired, true);
  assert.equal(r.isSelfReview, false);
  assert.ok(notes.some((n) => n.includes('[INF]') && n.includes('Manager')));
  assertValidV1(text, 'manager review');
});

test('comments are reported, tabs and a relative $schema path are kept', () => {
  const text =
    '{\n\t// direct assignment\n\t"$schema": "../schemas/accesspolicy-beta.schema.json",\n\t"accessPackageId": "b2eba9a1-b357-42ee-83a8-336522ed6cbf",\n\t"displayName": "x"\n}\n';
  const r = convertBetaToV1(text);
  assert.ok(r.ok);
  assert.match(r.text, /^\{\n\t"\$schema": "\.\.\/schemas\/accesspolicy-v1\.0\.schema\.json",/);
  assert.ok(r.notes.some((n) => /comments/i.test(n)));
});

// ---- refusals: each names what has no v1.0 counterpart

test('refuses verifiable credential requirements (no v1.0 counterpart), accepts an empty one with a note', () => {
  const reasons = refused(
    convertBetaToV1(
      betaPolicy(
        '"verifiableCredentialSettings": { "credentialTypes": [ { "credentialType": "VerifiedEmployee", "issuers": ["did:web:example.com"] } ] }',
      ),
    ),
  );
  assert.match(reasons.join('\n'), /verifiableCredentialSettings/);
  const ok = convertBetaToV1(betaPolicy('"verifiableCredentialSettings": { "credentialTypes": [] }'));
  assert.ok(ok.ok && ok.notes.some((n) => n.includes('verifiableCredentialSettings')));
});

test('refuses deprecated customExtensionHandlers with entries', () => {
  const reasons = refused(
    convertBetaToV1(
      betaPolicy(
        '"customExtensionHandlers": [ { "stage": "assignmentRequestCreated", "customExtension": { "id": "1623f912-5e86-41c2-af47-39dd67582b66" } } ]',
      ),
    ),
  );
  assert.match(reasons.join('\n'), /customExtensionHandlers.*customExtensionStageSettings/);
});

test('refuses both durationInDays and expirationDateTime', () => {
  const reasons = refused(convertBetaToV1(betaPolicy('"durationInDays": 30, "expirationDateTime": "2030-01-01T00:00:00Z"')));
  assert.match(reasons.join('\n'), /durationInDays and expirationDateTime/);
});

test('refuses parallel approval across several stages and a custom extension on a stage', () => {
  const stage =
    '{ "approvalStageTimeOutInDays": 14, "primaryApprovers": [ { "@odata.type": "#microsoft.graph.singleUser", "id": "7deff43e-1f17-44ef-9e5f-d516b0ba11d4" } ], "escalationApprovers": [] }';
  const parallel = refused(
    convertBetaToV1(
      betaPolicy(
        `"requestApprovalSettings": { "isApprovalRequired": true, "approvalMode": "Parallel", "approvalStages": [ ${stage}, ${stage} ] }`,
      ),
    ),
  );
  assert.match(parallel.join('\n'), /Parallel/);
  const dynamic = stage.replace(
    '{ ',
    '{ "@odata.type": "#microsoft.graph.accessPackageDynamicApprovalStage", "customExtension": { "id": "1623f912-5e86-41c2-af47-39dd67582b66" }, ',
  );
  const ext = refused(
    convertBetaToV1(
      betaPolicy(
        `"requestApprovalSettings": { "isApprovalRequired": true, "approvalMode": "SingleStage", "approvalStages": [ ${dynamic} ] }`,
      ),
    ),
  );
  assert.match(ext.join('\n'), /customExtension/);
});

test('refuses agentic review experience', () => {
  const reasons = refused(
    convertBetaToV1(
      betaPolicy(
        '"accessReviewSettings": { "isEnabled": true, "recurrenceType": "monthly", "reviewerType": "Self", "durationInDays": 7, "isAgenticExperienceEnabled": true }',
      ),
    ),
  );
  assert.match(reasons.join('\n'), /isAgenticExperienceEnabled/);
});

test('refuses what is not a beta policy, with the reason: v1.0 already, broken JSON, schema errors, not an object', () => {
  assert.match(
    refused(
      convertBetaToV1(
        fixture('beta-create-direct-assignment.json').replace(
          '"accessPackageId": "56ff43fd-6b05-48df-9634-956a777fce6d"',
          '"accessPackage": { "id": "56ff43fd-6b05-48df-9634-956a777fce6d" }, "allowedTargetScope": "notSpecified", "expiration": { "type": "noExpiration" }',
        ),
      ),
    ).join('\n'),
    /already written for v1\.0|errors to fix/,
  );
  const v1 = readFileSync(path.join(FIXTURES, 'workspace', 'v1-direct-assignment.accesspolicy.json'), 'utf8');
  assert.match(refused(convertBetaToV1(v1)).join('\n'), /already written for v1\.0/);
  assert.match(refused(convertBetaToV1('{ "accessPackageId": ')).join('\n'), /Line 1: .*Fix the JSON first/);
  assert.match(refused(convertBetaToV1(betaPolicy('"canExtnd": true'))).join('\n'), /errors to fix[\s\S]*canExtnd/);
  assert.match(refused(convertBetaToV1('[]')).join('\n'), /policy object/);
});

test('docs placeholders do not block the conversion; they carry over and are reported in v1.0 again', () => {
  const text = fixture('beta-create-direct-assignment.json').replace('"56ff43fd-6b05-48df-9634-956a777fce6d"', '"string (identifier)"');
  const { text: out } = converted(text);
  const v = validatePolicy(out);
  assert.deepEqual(
    v.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code),
    ['AP1005'],
  );
});

test('quoted booleans and numbers (a scripted body) convert as what they mean, and come out as JSON values', () => {
  const text = readFileSync(
    path.join(__dirname, '..', 'fixtures', 'real-world', 'teams-runbook-external-sponsors-beta.accesspolicy.json'),
    'utf8',
  );
  const { text: out, value } = converted(text);
  assertValidV1(out, 'teams runbook');
  assert.deepEqual(value.expiration, { type: 'afterDuration', duration: 'P365D' });
  assert.equal(value.requestorSettings.enableTargetsToSelfUpdateAccess, true);
  // The owner marked "isBackup": true became a fallback approver beside the external sponsors.
  assert.deepEqual(
    value.requestApprovalSettings.stages[0].primaryApprovers.map((a: { '@odata.type': string }) => a['@odata.type']),
    ['#microsoft.graph.externalSponsors'],
  );
  assert.equal(value.requestApprovalSettings.stages[0].fallbackPrimaryApprovers.length, 1);
  assert.deepEqual(
    validatePolicy(out).diagnostics.filter((d) => d.code === 'AP1012' || d.code === 'AP1013'),
    [],
  );
});
