// Completion over LSP against the server's core, in-process: `@odata.type` values filtered by slot
// and API version, ready-made entries with the version's required properties, property names that
// are not yet present (also in half-typed documents), and enum values. test/lsp/bundle.test.ts
// proves the bundle completes too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { startInProcessServer, type LspSession } from './lspClient';
import { positionAt } from '../support/positions';

let lsp: LspSession;
before(async () => {
  lsp = await startInProcessServer();
});
after(async () => lsp?.stop());

let docCounter = 0;
const V1 = '"$schema": "https://entra-access-policy.dev/schemas/accesspolicy-v1.0.schema.json"';
const BETA = '"$schema": "https://entra-access-policy.dev/schemas/accesspolicy-beta.schema.json"';
const CURSOR = '|';

/** Opens `withCursor` (the cursor marked by `|`) and asks for completions there. */
async function complete(withCursor: string): Promise<{ items: CompletionItem[]; text: string; offset: number }> {
  const offset = withCursor.indexOf(CURSOR);
  assert.ok(offset >= 0, 'test document needs a | cursor');
  const text = withCursor.slice(0, offset) + withCursor.slice(offset + 1);
  const uri = `file:///work/completion-${++docCounter}.accesspolicy.json`;
  lsp.open(uri, text);
  const position = positionAt(text, offset);
  const list = await lsp.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position });
  assert.ok(list, 'completion answered null');
  return { items: Array.isArray(list) ? list : list.items, text, offset };
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const typeLabels = (items: CompletionItem[]) => labels(items).map((l) => l.replace('#microsoft.graph.', ''));
const edit = (item: CompletionItem | undefined) => item?.textEdit as TextEdit | undefined;

function applyEdit(text: string, e: TextEdit): string {
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, off(e.range.start)) + e.newText + text.slice(off(e.range.end));
}

function includesAll(got: string[], want: string[], excluded: string[], where: string) {
  for (const w of want) assert.ok(got.includes(w), `${where}: expected ${w} in ${JSON.stringify(got)}`);
  for (const x of excluded) assert.ok(!got.includes(x), `${where}: ${x} must not be offered; got ${JSON.stringify(got)}`);
}

test('approver slot (v1.0): approver types only; choosing one fills its required property', async () => {
  const { items, text } = await complete(
    `{ ${V1}, "requestApprovalSettings": { "stages": [ { "primaryApprovers": [ { "@odata.type": "|" } ] } ] } }`,
  );
  includesAll(
    typeLabels(items),
    [
      'singleUser',
      'groupMembers',
      'requestorManager',
      'internalSponsors',
      'externalSponsors',
      'targetUserSponsors',
      'singleServicePrincipal',
    ],
    ['connectedOrganizationMembers', 'attributeRuleMembers', 'targetManager', 'targetApplicationOwners'],
    'v1 primaryApprovers',
  );
  const single = items.find((i) => i.label === '#microsoft.graph.singleUser');
  assert.equal(single?.insertTextFormat, 2, 'snippet');
  assert.equal(edit(single)?.newText, '"#microsoft.graph.singleUser", "userId": "$1"');
  const after = applyEdit(text, edit(single)!);
  assert.ok(after.includes('{ "@odata.type": "#microsoft.graph.singleUser", "userId": "$1" }'), after);
  assert.equal(
    edit(items.find((i) => i.label === '#microsoft.graph.requestorManager'))?.newText,
    '"#microsoft.graph.requestorManager", "managerLevel": 1',
  );
  assert.ok(single?.documentation && JSON.stringify(single.documentation).includes('Allowed in (v1.0)'), 'item carries the type card');
});

test('fallback approver slot (v1.0) takes only specific people', async () => {
  const { items } = await complete(
    `{ ${V1}, "requestApprovalSettings": { "stages": [ { "fallbackPrimaryApprovers": [ { "@odata.type": "|" } ] } ] } }`,
  );
  includesAll(
    typeLabels(items),
    ['singleUser', 'groupMembers'],
    ['requestorManager', 'internalSponsors', 'targetUserSponsors'],
    'v1 fallbackPrimaryApprovers',
  );
});

test('approver slot (beta): beta types only; choosing one fills id and isBackup', async () => {
  const { items } = await complete(
    `{ ${BETA}, "requestApprovalSettings": { "approvalStages": [ { "primaryApprovers": [ { "@odata.type": "|" } ] } ] } }`,
  );
  includesAll(
    typeLabels(items),
    ['singleUser', 'groupMembers', 'requestorManager', 'internalSponsors', 'externalSponsors', 'targetUserSponsors'],
    ['singleServicePrincipal', 'targetManager', 'connectedOrganizationMembers'],
    'beta primaryApprovers',
  );
  assert.equal(
    edit(items.find((i) => i.label === '#microsoft.graph.singleUser'))?.newText,
    '"#microsoft.graph.singleUser", "id": "$1", "isBackup": false',
  );
});

test('target slot (v1.0): targets, not approvers', async () => {
  const { items } = await complete(
    `{ ${V1}, "allowedTargetScope": "specificDirectoryUsers", "specificAllowedTargets": [ { "@odata.type": "#microsoft.graph.|" } ] }`,
  );
  includesAll(
    typeLabels(items),
    ['singleUser', 'groupMembers', 'connectedOrganizationMembers', 'attributeRuleMembers', 'singleServicePrincipal'],
    ['requestorManager', 'internalSponsors', 'externalSponsors', 'targetUserSponsors', 'targetManager'],
    'v1 specificAllowedTargets',
  );
  // The whole (partly typed) string is replaced.
  const again = await complete(`{ ${V1}, "specificAllowedTargets": [ { "@odata.type": "#microsoft.graph.|" } ] }`);
  const item = again.items.find((i) => i.label === '#microsoft.graph.groupMembers')!;
  assert.ok(applyEdit(again.text, edit(item)!).includes('[ { "@odata.type": "#microsoft.graph.groupMembers", "groupId": "$1" } ]'));
});

test('requestor slot (beta): users, groups and connected organizations only', async () => {
  const { items } = await complete(
    `{ ${BETA}, "requestorSettings": { "scopeType": "SpecificDirectorySubjects", "allowedRequestors": [ { "@odata.type": "|" } ] } }`,
  );
  includesAll(
    typeLabels(items),
    ['singleUser', 'groupMembers', 'connectedOrganizationMembers'],
    ['requestorManager', 'internalSponsors', 'externalSponsors', 'targetUserSponsors'],
    'beta allowedRequestors',
  );
});

test('on-behalf requestor slot (v1.0) offers targetManager, which approver slots refuse', async () => {
  const { items } = await complete(`{ ${V1}, "requestorSettings": { "onBehalfRequestors": [ { "@odata.type": "|" } ] } }`);
  includesAll(
    typeLabels(items),
    ['targetManager', 'targetApplicationOwners', 'singleUser'],
    ['requestorManager', 'internalSponsors'],
    'v1 onBehalfRequestors',
  );
});

test('an empty object in a slot offers one ready entry per allowed type (key position)', async () => {
  const { items, text } = await complete(
    `{\n  ${BETA},\n  "requestorSettings": {\n    "allowedRequestors": [\n      {\n        |\n      }\n    ]\n  }\n}`,
  );
  const got = labels(items);
  includesAll(
    got,
    ['@odata.type', '@odata.type: singleUser', '@odata.type: connectedOrganizationMembers'],
    ['@odata.type: requestorManager', 'id', 'isBackup'],
    'beta empty requestor entry',
  );
  const single = items.find((i) => i.label === '@odata.type: singleUser')!;
  assert.equal(edit(single)?.newText, '"@odata.type": "#microsoft.graph.singleUser",\n"id": "$1",\n"isBackup": false');
  assert.ok(applyEdit(text, edit(single)!).includes('"@odata.type": "#microsoft.graph.singleUser",'));
});

test('an entry position in a slot offers whole entries of the allowed types', async () => {
  const { items } = await complete(`{ ${V1}, "reviewSettings": { "fallbackReviewers": [ | ] } }`);
  const got = labels(items);
  includesAll(
    got,
    ['{ singleUser }', '{ groupMembers }'],
    ['{ requestorManager }', '{ internalSponsors }'],
    'v1 fallbackReviewers entries',
  );
  assert.equal(
    edit(items.find((i) => i.label === '{ groupMembers }'))?.newText,
    '{ "@odata.type": "#microsoft.graph.groupMembers", "groupId": "$1" }',
  );
});

test('property names: valid at the cursor, not already present, with a value placeholder by type', async () => {
  const top = await complete(`{\n  ${V1},\n  "displayName": "Sales",\n  "|"\n}`);
  includesAll(
    labels(top.items),
    ['description', 'allowedTargetScope', 'requestorSettings', 'expiration'],
    ['displayName', '$schema', 'accessPackageId', 'canExtend', 'id', 'createdDateTime'],
    'v1 top level',
  );
  const scope = top.items.find((i) => i.label === 'allowedTargetScope');
  assert.match(edit(scope)!.newText, /^"allowedTargetScope": "\$\{1\|notSpecified,specificDirectoryUsers,/);
  assert.ok(!edit(scope)!.newText.includes('unknownFutureValue'), 'the future-value marker is not offered');
  assert.equal(edit(top.items.find((i) => i.label === 'requestorSettings'))?.newText, '"requestorSettings": {$1}');
  assert.equal(edit(top.items.find((i) => i.label === 'specificAllowedTargets'))?.newText, '"specificAllowedTargets": [$1]');

  const nested = await complete(`{ ${V1}, "requestorSettings": { "enableTargetsToSelfAddAccess": true, "enable| } }`);
  includesAll(
    labels(nested.items),
    ['enableTargetsToSelfRemoveAccess', 'onBehalfRequestors'],
    ['enableTargetsToSelfAddAccess', 'scopeType', 'acceptRequests'],
    'v1 requestorSettings',
  );
  assert.equal(
    edit(nested.items.find((i) => i.label === 'enableTargetsToSelfRemoveAccess'))?.newText,
    '"enableTargetsToSelfRemoveAccess": ${1|false,true|}',
  );

  const beta = await complete(`{ ${BETA}, "requestorSettings": { "scopeType": "NoSubjects", | } }`);
  includesAll(
    labels(beta.items),
    ['acceptRequests', 'allowedRequestors'],
    ['scopeType', 'enableTargetsToSelfAddAccess'],
    'beta requestorSettings',
  );
});

test('property names inside a typed subject set follow its type and version', async () => {
  const v1 = await complete(`{ ${V1}, "specificAllowedTargets": [ { "@odata.type": "#microsoft.graph.singleUser", "| } ] }`);
  includesAll(labels(v1.items), ['userId'], ['@odata.type', 'id', 'isBackup', 'groupId', 'description'], 'v1 singleUser');
  const beta = await complete(
    `{ ${BETA}, "requestorSettings": { "allowedRequestors": [ { "@odata.type": "#microsoft.graph.singleUser", "| } ] } }`,
  );
  includesAll(labels(beta.items), ['id', 'isBackup'], ['userId', '@odata.type'], 'beta singleUser');
});

test('completion works in a half-typed document with syntax errors', async () => {
  const { items } = await complete(`{\n  ${V1},\n  "displayName": "Sales"\n  "req|\n`);
  includesAll(labels(items), ['requestorSettings', 'requestApprovalSettings'], ['displayName'], 'broken document');
  // A value half typed elsewhere, and an unclosed key: the closing brace after it survives.
  const key = await complete(`{\n  "accessPackageId": "x",\n  "canExtend": tru,\n  "requestorSettings": { "scope| }\n`);
  includesAll(
    labels(key.items),
    ['scopeType', 'acceptRequests'],
    ['enableTargetsToSelfAddAccess'],
    'broken beta document (version from shape)',
  );
  const scopeType = key.items.find((i) => i.label === 'scopeType')!;
  assert.match(applyEdit(key.text, edit(scopeType)!), /\{ "scopeType": "\$\{1\|NoSubjects,[^}]*\|\}" \}\n$/);
});

test('enum values at value positions, replacing the typed value', async () => {
  const { items, text } = await complete(`{ ${V1}, "allowedTargetScope": "all|" }`);
  includesAll(
    labels(items),
    ['notSpecified', 'allMemberUsers', 'specificDirectoryUsers', 'null'],
    ['unknownFutureValue', 'NoSubjects'],
    'allowedTargetScope values',
  );
  const all = items.find((i) => i.label === 'allMemberUsers')!;
  assert.ok(applyEdit(text, edit(all)!).includes('"allowedTargetScope": "allMemberUsers" }'));
  assert.match(JSON.stringify(all.documentation ?? ''), /member user/);

  const beta = await complete(`{ ${BETA}, "requestApprovalSettings": { "approvalMode": | } }`);
  includesAll(labels(beta.items), ['SingleStage', 'Serial', 'NoApproval'], ['singleStage'], 'approvalMode values');
  const bool = await complete(`{ ${BETA}, "canExtend": | }`);
  includesAll(labels(bool.items), ['true', 'false'], [], 'boolean values');
  assert.deepEqual(
    lsp.logs.filter((l) => /Error while handling/.test(l)),
    [],
    'no handler failed',
  );
});

test('renaming a key that already has a value inserts only the name; $schema offers both schemas', async () => {
  const { items, text } = await complete(`{ ${V1}, "disp|": "Sales" }`);
  const item = items.find((i) => i.label === 'displayName')!;
  assert.equal(edit(item)?.newText, '"displayName"');
  assert.ok(applyEdit(text, edit(item)!).endsWith('"displayName": "Sales" }'));

  const schema = await complete('{ "$schema": "|" }');
  assert.deepEqual(labels(schema.items).sort(), [
    'https://entra-access-policy.dev/schemas/accesspolicy-beta.schema.json',
    'https://entra-access-policy.dev/schemas/accesspolicy-v1.0.schema.json',
  ]);
  const key = await complete('{ "$sch| }');
  assert.equal(
    edit(key.items.find((i) => i.label === '$schema'))?.newText,
    '"\\$schema": "$1"',
    'the $ of the name is escaped in the snippet',
  );
});
