// Quick fixes over LSP against the server's core, in-process: each fix, applied to its document,
// leaves a document without that diagnostic (re-validated by the core), keeps the user's comments
// and adds no new error. test/lsp/bundle.test.ts proves the bundle offers fixes too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { startInProcessServer, type LspSession } from './lspClient';
import { validatePolicy } from '../../core/src/validate';

let lsp: LspSession;
before(async () => {
  lsp = await startInProcessServer();
});
after(async () => {
  await lsp.stop();
});

let counter = 0;
const V1 = '"$schema": "https://entra-access-policy.dev/schemas/accesspolicy-v1.0.schema.json",';
const BETA = '"$schema": "https://entra-access-policy.dev/schemas/accesspolicy-beta.schema.json",';

interface Applied {
  action: CodeAction;
  before: Diagnostic[];
  text: string;
}

/**
 * Opens `text`, waits for a diagnostic with `code`, asks for its code actions and applies the one
 * whose title matches `pick` (default: the preferred one). Returns the edited text.
 */
async function applyFix(text: string, code: string, pick?: RegExp): Promise<Applied> {
  const uri = `file:///work/policies/fix-${++counter}.accesspolicy.json`;
  lsp.open(uri, text);
  const diags = await lsp.diagnostics(uri, (ds) => ds.some((d) => d.code === code));
  const target = diags.find((d) => d.code === code)!;
  const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: target.range,
    context: { diagnostics: [target], triggerKind: 1 },
  });
  lsp.close(uri);
  assert.ok(actions.length > 0, `no code action for ${code}; diagnostics: ${JSON.stringify(diags)}`);
  for (const a of actions) assert.equal(a.kind, 'quickfix');
  const action = pick ? actions.find((a) => pick.test(a.title)) : actions.find((a) => a.isPreferred);
  assert.ok(action, `no matching action among ${JSON.stringify(actions.map((a) => [a.title, a.isPreferred]))}`);
  const edits = action.edit?.changes?.[uri] as TextEdit[];
  assert.ok(edits && edits.length > 0, 'the action carries text edits for the document');
  const edited = TextDocument.applyEdits(TextDocument.create(uri, 'accesspolicy', 1, text), edits);
  return { action, before: diags, text: edited };
}

/** The fixed document has no diagnostic of that kind left and no error it did not have. */
function assertFixed(applied: Applied, code: string): void {
  const after = validatePolicy(applied.text).diagnostics;
  const remaining = after.filter((d) => d.code === code);
  assert.equal(
    remaining.length,
    applied.before.filter((d) => d.code === code).length - 1,
    `one ${code} fewer after "${applied.action.title}"; left: ${JSON.stringify(remaining)}\n${applied.text}`,
  );
  const errorsBefore = applied.before.filter((d) => d.severity === 1).length;
  const errorsAfter = after.filter((d) => d.severity === 'error').length;
  assert.equal(errorsAfter, errorsBefore - 1, `exactly one error fewer:\n${applied.text}\n${JSON.stringify(after, null, 1)}`);
}

const v1Policy = (extra: string) => `{
  ${V1}
  // who may ask, and who approves
  "displayName": "Sales tools",
  "description": "Sales tools for the sales team",
  ${extra}
  "accessPackage": { "id": "a2e1ca1e-4e56-47d2-9daa-e2ba8d12a82b" }
}
`;

test('an enum value in the wrong case is replaced with the valid value (preferred), comments kept', async () => {
  const applied = await applyFix(v1Policy('"allowedTargetScope": "AllMemberUsers",'), 'AP1003');
  assert.equal(applied.action.isPreferred, true);
  assert.match(applied.action.title, /allMemberUsers/);
  assert.match(applied.text, /"allowedTargetScope": "allMemberUsers",/);
  assert.match(applied.text, /\/\/ who may ask, and who approves/);
  assertFixed(applied, 'AP1003');
});

test('a near-miss enum spelling is replaced with the valid value', async () => {
  const applied = await applyFix(v1Policy('"expiration": { "type": "noExpiraton" },'), 'AP1003');
  assert.match(applied.text, /"type": "noExpiration"/);
  assertFixed(applied, 'AP1003');
});

test('a mistyped @odata.type is replaced with the suggested type', async () => {
  const applied = await applyFix(
    v1Policy(
      '"allowedTargetScope": "specificDirectoryUsers", "specificAllowedTargets": [ { "@odata.type": "#microsoft.graph.groupMember", "groupId": "1623f912-5e86-41c2-af47-39dd67582b66" } ],',
    ),
    'AP1010',
  );
  assert.match(applied.text, /"@odata.type": "#microsoft.graph.groupMembers"/);
  assertFixed(applied, 'AP1010');
});

test('an approver without @odata.type gets the type its properties imply (preferred), inserted first', async () => {
  const applied = await applyFix(
    v1Policy(`"requestApprovalSettings": {
    "isApprovalRequiredForAdd": true,
    "stages": [
      {
        "durationBeforeAutomaticDenial": "P14D",
        "primaryApprovers": [
          {
            "userId": "7deff43e-1f17-44ef-9e5f-d516b0ba11d4"
          }
        ]
      }
    ]
  },`),
    'AP1010',
  );
  assert.match(applied.action.title, /singleUser/);
  assert.match(applied.text, /\{\s*"@odata.type": "#microsoft.graph.singleUser",\s*"userId"/);
  assertFixed(applied, 'AP1010');
});

test('a missing required property is inserted with a placeholder that passes (choice text)', async () => {
  const applied = await applyFix(
    v1Policy(`"questions": [
    {
      "@odata.type": "#microsoft.graph.accessPackageMultipleChoiceQuestion",
      "text": "Which region?",
      "choices": [ { "actualValue": "EMEA" } ]
    }
  ],`),
    'AP1004',
  );
  assert.match(applied.action.title, /text/);
  assert.match(applied.text, /"actualValue": "EMEA",\s*"text": "EMEA"/);
  assertFixed(applied, 'AP1004');
});

test('a missing languageCode in a localization is inserted', async () => {
  const applied = await applyFix(
    v1Policy(`"questions": [
    {
      "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion",
      "text": "Why do you need access?",
      "localizations": [ { "text": "Pourquoi ?" } ]
    }
  ],`),
    'AP1004',
  );
  assert.match(applied.text, /"languageCode": "en-US"/);
  assertFixed(applied, 'AP1004');
});

test('beta: a question without text gets a localized-content placeholder', async () => {
  const text = `{
  ${BETA}
  "accessPackageId": "b2eba9a1-b357-42ee-83a8-336522ed6cbf",
  "questions": [
    { "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion", "isRequired": true }
  ]
}`;
  const applied = await applyFix(text, 'AP1004');
  assert.match(applied.text, /"text": \{\s*"defaultText": "Question text"\s*\}/);
  assertFixed(applied, 'AP1004');
});

test('v1.0: an approver using beta `id` is renamed to `userId` (preferred), value untouched', async () => {
  const applied = await applyFix(
    v1Policy(`"requestApprovalSettings": {
    "stages": [ { "primaryApprovers": [ { "@odata.type": "#microsoft.graph.singleUser", "id": "7deff43e-1f17-44ef-9e5f-d516b0ba11d4" } ] } ]
  },`),
    'AP1001',
  );
  assert.equal(applied.action.isPreferred, true);
  assert.match(applied.text, /"userId": "7deff43e-1f17-44ef-9e5f-d516b0ba11d4"/);
  assertFixed(applied, 'AP1001');
});

test('beta: an approver using v1.0 `groupId` is renamed to `id`', async () => {
  const text = `{
  ${BETA}
  "accessPackageId": "b2eba9a1-b357-42ee-83a8-336522ed6cbf",
  "requestApprovalSettings": {
    "approvalStages": [ { "primaryApprovers": [ { "@odata.type": "#microsoft.graph.groupMembers", "groupId": "d2dcb9a1-a445-42ee-83a8-476522ed6cbf" } ], "escalationApprovers": [] } ]
  }
}`;
  const applied = await applyFix(text, 'AP1001');
  assert.match(applied.text, /"id": "d2dcb9a1-a445-42ee-83a8-476522ed6cbf"/);
  assertFixed(applied, 'AP1001');
});

test('an unknown property that is a near miss is renamed to the known one', async () => {
  const applied = await applyFix(v1Policy('"allowedTargetScop": "allMemberUsers",'), 'AP1001', /Rename/);
  assert.match(applied.text, /"allowedTargetScope": "allMemberUsers"/);
  assertFixed(applied, 'AP1001');
});

test('no rename is offered onto a key the object already has', async () => {
  const uri = `file:///work/policies/fix-${++counter}.accesspolicy.json`;
  lsp.open(uri, v1Policy('"displayname": "dup",'));
  const diags = await lsp.diagnostics(uri, (ds) => ds.some((d) => d.code === 'AP1001'));
  const target = diags.find((d) => d.code === 'AP1001')!;
  const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: target.range,
    context: { diagnostics: [target] },
  });
  lsp.close(uri);
  assert.deepEqual(
    actions.filter((a) => /Rename/.test(a.title)),
    [],
  );
});

test('code actions also work from the data the client sends back, for a stale range', async () => {
  // An editor may ask with a diagnostic from a previous version: the LSP data (path + details) is enough.
  const uri = `file:///work/policies/fix-${++counter}.accesspolicy.json`;
  const text = v1Policy('"allowedTargetScope": "AllMemberUsers",');
  lsp.open(uri, text);
  const diags = await lsp.diagnostics(uri, (ds) => ds.some((d) => d.code === 'AP1003'));
  const target = {
    ...diags.find((d) => d.code === 'AP1003')!,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
  };
  const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: target.range,
    context: { diagnostics: [target] },
  });
  lsp.close(uri);
  assert.equal(actions.length, 1);
  assert.match(actions[0].title, /allMemberUsers/);
});

test('v1.0: a manager approver without a fallback gets a fallback approver (R5, AP2006)', async () => {
  const applied = await applyFix(
    v1Policy(`"requestApprovalSettings": {
    "isApprovalRequiredForAdd": true,
    "stages": [
      {
        "durationBeforeAutomaticDenial": "P14D",
        "primaryApprovers": [ { "@odata.type": "#microsoft.graph.requestorManager", "managerLevel": 1 } ],
        "fallbackPrimaryApprovers": []
      }
    ]
  },`),
    'AP2006',
  );
  assert.equal(applied.action.isPreferred, true);
  assert.match(
    applied.text,
    /"fallbackPrimaryApprovers": \[\s*\{\s*"@odata.type": "#microsoft.graph.groupMembers",\s*"groupId": "00000000-0000-0000-0000-000000000000"/,
  );
  assert.equal(validatePolicy(applied.text).diagnostics.filter((d) => d.code === 'AP2006').length, 0, applied.text);
  assert.equal(validatePolicy(applied.text).diagnostics.filter((d) => d.severity === 'error').length, 0, applied.text);
});

test('v1.0: a sponsor approver in a stage without the fallback list gets the list (R5, AP2006)', async () => {
  const applied = await applyFix(
    v1Policy(`"requestApprovalSettings": {
    "isApprovalRequiredForAdd": true,
    "stages": [ { "durationBeforeAutomaticDenial": "P14D", "primaryApprovers": [ { "@odata.type": "#microsoft.graph.targetUserSponsors" } ] } ]
  },`),
    'AP2006',
  );
  assert.equal(validatePolicy(applied.text).diagnostics.filter((d) => d.code === 'AP2006').length, 0, applied.text);
});

test('beta: a manager approver without a backup gets an isBackup approver in the same list (R5, AP2006)', async () => {
  const text = `{
  ${BETA}
  "accessPackageId": "b2eba9a1-b357-42ee-83a8-336522ed6cbf",
  "displayName": "Manager approval",
  "requestApprovalSettings": {
    "isApprovalRequired": true,
    "approvalMode": "SingleStage",
    "approvalStages": [
      {
        "approvalStageTimeOutInDays": 14,
        "primaryApprovers": [ { "@odata.type": "#microsoft.graph.requestorManager", "managerLevel": 1 } ],
        "escalationApprovers": []
      }
    ]
  }
}`;
  const applied = await applyFix(text, 'AP2006');
  assert.match(applied.text, /"isBackup": true/);
  assert.equal(validatePolicy(applied.text).diagnostics.filter((d) => d.code === 'AP2006').length, 0, applied.text);
});

test('v1.0: a manager review without fallback reviewers gets one (AP2029)', async () => {
  const applied = await applyFix(
    v1Policy(`"reviewSettings": {
    "isEnabled": true,
    "isSelfReview": false,
    "primaryReviewers": [ { "@odata.type": "#microsoft.graph.requestorManager", "managerLevel": 1 } ]
  },`),
    'AP2029',
  );
  assert.match(applied.text, /"fallbackReviewers"/);
  assert.equal(validatePolicy(applied.text).diagnostics.filter((d) => d.code === 'AP2029').length, 0, applied.text);
});

test('beta: a stage without escalationApprovers gets an empty list (AP2013)', async () => {
  const text = `{
  ${BETA}
  "accessPackageId": "b2eba9a1-b357-42ee-83a8-336522ed6cbf",
  "displayName": "Single stage",
  "requestApprovalSettings": {
    "isApprovalRequired": true,
    "approvalMode": "SingleStage",
    "approvalStages": [
      {
        "approvalStageTimeOutInDays": 14,
        "primaryApprovers": [ { "@odata.type": "#microsoft.graph.singleUser", "id": "7deff43e-1f17-44ef-9e5f-d516b0ba11d4" } ]
      }
    ]
  }
}`;
  const applied = await applyFix(text, 'AP2013');
  assert.match(applied.text, /"escalationApprovers": \[\]/);
  assert.equal(validatePolicy(applied.text).diagnostics.filter((d) => d.code === 'AP2013').length, 0, applied.text);
});

test('a read-only property is removed, with its comma, leaving valid JSON (AP2042)', async () => {
  const applied = await applyFix(v1Policy('"createdDateTime": "2024-01-01T00:00:00Z",'), 'AP2042');
  assert.doesNotMatch(applied.text, /createdDateTime/);
  assert.match(applied.text, /\/\/ who may ask, and who approves/);
  const after = validatePolicy(applied.text);
  assert.equal(after.diagnostics.filter((d) => d.code === 'AP2042' || d.code === 'AP0001').length, 0, applied.text);
});

test('two missing properties on one object get one fix each, not the same fix twice', async () => {
  const uri = `file:///work/policies/fix-${++counter}.accesspolicy.json`;
  lsp.open(
    uri,
    v1Policy(`"questions": [
    { "@odata.type": "#microsoft.graph.accessPackageMultipleChoiceQuestion", "text": "Region?", "choices": [ { "localizations": [] } ] }
  ],`),
  );
  const diags = await lsp.diagnostics(uri, (ds) => ds.filter((d) => d.code === 'AP1004').length === 2);
  const missing = diags.filter((d) => d.code === 'AP1004');
  const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: missing[0].range,
    context: { diagnostics: missing },
  });
  lsp.close(uri);
  assert.deepEqual(actions.map((a) => a.title).sort(), ['Add the required property `actualValue`', 'Add the required property `text`']);
});

test('a stale diagnostic whose node is gone gets no fix (nothing is created from an old path)', async () => {
  const uri = `file:///work/policies/fix-${++counter}.accesspolicy.json`;
  lsp.open(uri, v1Policy(''));
  await lsp.diagnostics(uri);
  const stale = {
    range: { start: { line: 4, character: 2 }, end: { line: 4, character: 10 } },
    severity: 1,
    code: 'AP1003',
    source: 'accesspolicy',
    message: 'old',
    data: { path: ['expiration', 'type'], suggestion: 'noExpiration' },
  };
  const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: stale.range,
    context: { diagnostics: [stale] },
  });
  lsp.close(uri);
  assert.deepEqual(actions, []);
});

/** For warnings and information: one fewer of `code`, and no error that was not there before. */
function assertResolved(applied: Applied, code: string): void {
  const after = validatePolicy(applied.text).diagnostics;
  assert.equal(after.filter((d) => d.code === code).length, applied.before.filter((d) => d.code === code).length - 1, applied.text);
  assert.ok(after.filter((d) => d.severity === 'error').length <= applied.before.filter((d) => d.severity === 1).length, applied.text);
}

test('a boolean or number written as a string becomes the JSON scalar it means (AP1012, AP1013)', async () => {
  const text = `{
  ${BETA}
  "accessPackageId": "b2eba9a1-b357-42ee-83a8-336522ed6cbf",
  "displayName": "Teams policy",
  // written by a script that quotes every value
  "canExtend": "true",
  "durationInDays": "365"
}`;
  const bool = await applyFix(text, 'AP1012');
  assert.equal(bool.action.title, 'Write `true` without quotes');
  assert.match(bool.text, /"canExtend": true,/);
  assert.match(bool.text, /\/\/ written by a script/, 'comments survive');
  assertResolved(bool, 'AP1012');
  const number = await applyFix(text, 'AP1013');
  assert.match(number.text, /"durationInDays": 365\n/);
  assertResolved(number, 'AP1013');
  const all = await applyFix(text, 'AP1012', /^Write all 2 quoted booleans and numbers/);
  assert.match(all.text, /"canExtend": true,\n {2}"durationInDays": 365\n/);
  assert.deepEqual(
    validatePolicy(all.text).diagnostics.filter((d) => d.code === 'AP1012' || d.code === 'AP1013'),
    [],
    all.text,
  );
});

test('an OData control annotation copied from a response is removed (AP1014)', async () => {
  const text = `{
  ${V1}
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#identityGovernance/entitlementManagement/assignmentPolicies/$entity",
  "displayName": "Copied from a GET",
  "accessPackage": { "id": "b2eba9a1-b357-42ee-83a8-336522ed6cbf" }
}`;
  const applied = await applyFix(text, 'AP1014');
  assert.equal(applied.action.title, 'Remove the annotation `@odata.context`');
  assert.doesNotMatch(applied.text, /@odata\.context/);
  assertResolved(applied, 'AP1014');
});

test('a body of uncertain version offers $schema for either version (AP0005)', async () => {
  const text = `{
  "displayName": "Default request policy",
  "accessPackage": { "id": "b2eba9a1-b357-42ee-83a8-336522ed6cbf" },
  "requestorSettings": { "scopeType": "AllExistingDirectoryMemberUsers" },
  "requestApprovalSettings": { "isApprovalRequired": false, "approvalStages": [] },
  "expiration": { "type": "noExpiration" }
}`;
  const beta = await applyFix(text, 'AP0005', /for the beta API/);
  assert.match(
    beta.text,
    /^\{\n  "\$schema": "https:\/\/entra-access-policy\.dev\/schemas\/accesspolicy-beta\.schema\.json",\n  "displayName"/,
  );
  assert.equal(validatePolicy(beta.text).apiVersionSource, 'schema');
  assert.equal(validatePolicy(beta.text).diagnostics.filter((d) => d.code === 'AP0005').length, 0);
  const v1 = await applyFix(text, 'AP0005', /for the v1\.0 API/);
  assert.equal(validatePolicy(v1.text).apiVersion, 'v1.0');
  assert.ok(!beta.action.isPreferred && !v1.action.isPreferred, 'neither version is preferred: the body leaves it open');
});

test('an @odata.type without its "#" gets it (AP1015)', async () => {
  const text = v1Policy(`"allowedTargetScope": "specificDirectoryUsers",
  "specificAllowedTargets": [ { "@odata.type": "microsoft.graph.groupMembers", "groupId": "1623f912-5e86-41c2-af47-39dd67582b66" } ],`);
  const applied = await applyFix(text, 'AP1015');
  assert.match(applied.text, /"@odata.type": "#microsoft\.graph\.groupMembers"/);
  assertResolved(applied, 'AP1015');
});
