// Hover over LSP against the server's core, in-process: the type card on every approver/subject
// type in each API version (name, properties, slots), property docs with their other-version
// counterpart, and enum value meanings. test/lsp/bundle.test.ts proves the bundle hovers too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover, MarkupContent, Range } from 'vscode-languageserver-protocol';
import { startInProcessServer, type LspSession } from './lspClient';
import { positionOf } from '../support/positions';

let lsp: LspSession;
before(async () => {
  lsp = await startInProcessServer();
});
after(async () => lsp?.stop());

const T = (name: string) => ({ '@odata.type': `#microsoft.graph.${name}` });

const V1_DOC = JSON.stringify(
  {
    $schema: 'https://entra-access-policy.dev/schemas/accesspolicy-v1.0.schema.json',
    displayName: 'Sales tools',
    allowedTargetScope: 'specificDirectoryUsers',
    specificAllowedTargets: [
      { ...T('singleUser'), userId: '7deff43e-1f17-44ef-9e5f-d516b0ba11d4' },
      { ...T('groupMembers'), groupId: '1623f912-5e86-41c2-af47-39dd67582b66' },
      { ...T('connectedOrganizationMembers'), connectedOrganizationId: '1623f912-5e86-41c2-af47-39dd67582b67' },
      { ...T('attributeRuleMembers'), membershipRule: '(user.department -eq "Sales")' },
      { ...T('singleServicePrincipal'), servicePrincipalId: '1623f912-5e86-41c2-af47-39dd67582b68' },
    ],
    requestorSettings: { onBehalfRequestors: [{ ...T('targetManager'), managerLevel: 1 }, T('targetApplicationOwners')] },
    requestApprovalSettings: {
      stages: [
        {
          primaryApprovers: [
            { ...T('requestorManager'), managerLevel: 1 },
            T('internalSponsors'),
            T('externalSponsors'),
            T('targetUserSponsors'),
            T('targetAgentIdentitySponsorsOrOwners'),
          ],
        },
      ],
    },
    questions: [{ ...T('accessPackageTextInputQuestion'), text: 'Why?' }],
  },
  null,
  2,
);

const BETA_DOC = JSON.stringify(
  {
    $schema: 'https://entra-access-policy.dev/schemas/accesspolicy-beta.schema.json',
    accessPackageId: '1623f912-5e86-41c2-af47-39dd67582b60',
    requestorSettings: {
      scopeType: 'SpecificDirectorySubjects',
      allowedRequestors: [
        { ...T('singleUser'), id: '7deff43e-1f17-44ef-9e5f-d516b0ba11d4' },
        { ...T('groupMembers'), id: '1623f912-5e86-41c2-af47-39dd67582b66' },
        { ...T('connectedOrganizationMembers'), id: '1623f912-5e86-41c2-af47-39dd67582b67' },
      ],
    },
    requestApprovalSettings: {
      approvalStages: [
        {
          primaryApprovers: [
            { ...T('requestorManager'), managerLevel: 1, isBackup: false },
            { ...T('internalSponsors'), isBackup: false },
            { ...T('externalSponsors'), isBackup: false },
            { ...T('targetUserSponsors'), isBackup: false },
            { ...T('targetAgentIdentitySponsorsOrOwners'), isBackup: false },
            T('targetManager'),
          ],
          escalationApprovers: [],
        },
      ],
    },
    accessReviewSettings: { reviewers: [{ ...T('attributeRuleMembers'), membershipRule: '(user.department -eq "Sales")' }] },
    questions: [{ ...T('accessPackageTextInputQuestion'), text: { defaultText: 'Why?' } }],
  },
  null,
  2,
);

/** Key facts each type card must state: its properties and the slots (by label) that accept it. */
interface Expect {
  props: string[];
  slots: string[];
  notSlots?: string[];
}

const V1: Record<string, Expect> = {
  singleUser: {
    props: ['userId'],
    slots: ['primary approvers', 'users allowed to request (specificAllowedTargets)', 'on-behalf requestors', 'primary reviewers'],
  },
  groupMembers: { props: ['groupId'], slots: ['primary approvers', 'fallback approvers', 'escalation approvers'] },
  connectedOrganizationMembers: {
    props: ['connectedOrganizationId'],
    slots: ['users allowed to request (specificAllowedTargets)'],
    notSlots: ['primary approvers'],
  },
  attributeRuleMembers: {
    props: ['membershipRule'],
    slots: ['users allowed to request (specificAllowedTargets)'],
    notSlots: ['primary approvers'],
  },
  singleServicePrincipal: { props: ['servicePrincipalId'], slots: ['users allowed to request (specificAllowedTargets)'] },
  requestorManager: {
    props: ['managerLevel'],
    slots: ['primary approvers', 'escalation approvers'],
    notSlots: ['fallback approvers', 'users allowed to request (specificAllowedTargets)'],
  },
  internalSponsors: {
    props: [],
    slots: ['primary approvers', 'escalation approvers'],
    notSlots: ['users allowed to request (specificAllowedTargets)'],
  },
  externalSponsors: { props: [], slots: ['primary approvers', 'escalation approvers'], notSlots: ['on-behalf requestors'] },
  targetUserSponsors: { props: [], slots: ['primary approvers'], notSlots: ['escalation approvers', 'fallback approvers'] },
  targetAgentIdentitySponsorsOrOwners: { props: [], slots: ['primary approvers'] },
  targetManager: { props: ['managerLevel'], slots: ['on-behalf requestors'], notSlots: ['primary approvers'] },
  targetApplicationOwners: { props: [], slots: ['on-behalf requestors'], notSlots: ['primary approvers'] },
};

const BETA: Record<string, Expect> = {
  singleUser: { props: ['id', 'isBackup'], slots: ['allowed requestors', 'primary approvers', 'reviewers'] },
  groupMembers: { props: ['id', 'isBackup'], slots: ['allowed requestors', 'primary approvers', 'escalation approvers'] },
  connectedOrganizationMembers: { props: ['id'], slots: ['allowed requestors'], notSlots: ['primary approvers'] },
  requestorManager: {
    props: ['managerLevel', 'isBackup'],
    slots: ['primary approvers', 'escalation approvers'],
    notSlots: ['allowed requestors'],
  },
  internalSponsors: { props: ['isBackup'], slots: ['primary approvers', 'escalation approvers'], notSlots: ['allowed requestors'] },
  externalSponsors: { props: ['isBackup'], slots: ['primary approvers', 'escalation approvers'] },
  targetUserSponsors: { props: ['isBackup'], slots: ['primary approvers'], notSlots: ['escalation approvers'] },
  targetAgentIdentitySponsorsOrOwners: { props: ['isBackup'], slots: ['primary approvers'] },
  attributeRuleMembers: { props: ['membershipRule'], slots: [] },
};

function rangeOf(text: string, needle: string): Range {
  const start = positionOf(text, needle);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

async function hover(uri: string, text: string, needle: string, occurrence = 0): Promise<{ md: string; range?: Range }> {
  const h = await lsp.request<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: positionOf(text, needle, { nth: occurrence, delta: 1 }),
  });
  assert.ok(h, `no hover on ${needle}`);
  const contents = h.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return { md: contents.value, range: h.range };
}

function allowedLine(md: string, version: string): string[] {
  const line = md.split('\n').find((l) => l.startsWith(`**Allowed in (${version}):**`));
  assert.ok(line, `no "Allowed in" line in:\n${md}`);
  return line.replace(`**Allowed in (${version}):**`, '').trim().split('; ');
}

function checkCards(version: 'v1.0' | 'beta', text: string, table: Record<string, Expect>) {
  const uri = `file:///work/hover-cards-${version}.accesspolicy.json`;
  test(`type cards for every ${version} subject type: name, properties, slots`, async () => {
    lsp.open(uri, text);
    for (const [name, expect] of Object.entries(table)) {
      const needle = `"#microsoft.graph.${name}"`;
      const { md, range } = await hover(uri, text, needle);
      assert.match(md, new RegExp(`^\\*\\*${name}\\*\\* · \`#microsoft\\.graph\\.${name}\` · Graph ${version.replace('.', '\\.')}`), md);
      assert.deepEqual(range, rangeOf(text, needle), `${name}: hover range is the hovered value`);
      const propsLine = md.split('\n').find((l) => l.startsWith(`**Properties (${version}):**`)) ?? '';
      for (const p of expect.props)
        assert.ok(propsLine.includes(`\`${p}\``), `${name} (${version}) should list property ${p}:\n${propsLine}`);
      if (expect.props.length === 0) assert.match(propsLine, /none besides/, `${name} takes no properties`);
      // The other version's identifier properties must not leak into this version's card.
      const foreign = version === 'v1.0' ? ['`isBackup`', '`id`'] : ['`userId`', '`groupId`', '`connectedOrganizationId`'];
      for (const f of foreign) assert.ok(!propsLine.includes(f), `${name} (${version}) must not list ${f}`);
      const slots = version === 'beta' && expect.slots.length === 0 ? [] : allowedLine(md, version);
      for (const s of expect.slots) assert.ok(slots.includes(s), `${name} (${version}) allowed in "${s}"; got ${JSON.stringify(slots)}`);
      for (const s of expect.notSlots ?? []) assert.ok(!slots.includes(s), `${name} (${version}) not allowed in "${s}"`);
      if (expect.slots.length === 0)
        assert.match(md, /no approver, target, requestor or reviewer list/, `${name}: says where it is not accepted`);
      assert.match(md, /```json\n\{\n {2}"@odata\.type": /, `${name}: has a JSON example`);
    }
  });
}

checkCards('v1.0', V1_DOC, V1);
checkCards('beta', BETA_DOC, BETA);

test("a type that the file's API version lacks says so", async () => {
  const uri = 'file:///work/hover-missing.accesspolicy.json';
  lsp.open(uri, BETA_DOC);
  const { md } = await hover(uri, BETA_DOC, '"#microsoft.graph.targetManager"');
  assert.match(md, /Not available in Graph beta\.\*\* It exists in v1\.0\./);
});

test('a type in a slot that does not accept it is flagged on hover', async () => {
  const uri = 'file:///work/hover-wrong-slot.accesspolicy.json';
  const text = V1_DOC.replace('"#microsoft.graph.connectedOrganizationMembers"', '"#microsoft.graph.externalSponsors"');
  lsp.open(uri, text);
  const { md } = await hover(uri, text, '"#microsoft.graph.externalSponsors"');
  assert.match(md, /Not accepted here \(users allowed to request \(specificAllowedTargets\)\)/);
  const ok = await hover(uri, text, '"#microsoft.graph.externalSponsors"', 1);
  assert.ok(!ok.md.includes('Not accepted here'), 'the same type among primary approvers is fine');
});

test("property hover: doc, type and allowed values, the other version's counterpart; range is the key", async () => {
  const uri = 'file:///work/hover-props.accesspolicy.json';
  lsp.open(uri, V1_DOC);
  const { md, range } = await hover(uri, V1_DOC, '"allowedTargetScope"');
  assert.deepEqual(range, rangeOf(V1_DOC, '"allowedTargetScope"'));
  assert.match(md, /^\*\*`allowedTargetScope`\*\* · policy · Graph v1\.0/);
  assert.match(md, /specificAllowedTargets/);
  assert.match(md, /Allowed: `notSpecified`, `specificDirectoryUsers`/);
  assert.match(md, /\*\*In beta:\*\* beta uses `requestorSettings\.scopeType`/);

  const user = await hover(uri, V1_DOC, '"userId"');
  assert.match(user.md, /object id of the user/);
  assert.match(user.md, /GUID/);
  assert.match(user.md, /\*\*In beta:\*\* beta uses `id`/);

  const betaUri = 'file:///work/hover-props-beta.accesspolicy.json';
  lsp.open(betaUri, BETA_DOC);
  const esc = await hover(betaUri, BETA_DOC, '"escalationApprovers"');
  assert.match(esc.md, /`approvalStage` · Graph beta/);
  assert.match(esc.md, /Send `\[\]` when there are none/);
  assert.match(esc.md, /\*\*In v1\.0:\*\*/);
});

test('the same property name is explained per version (question text)', async () => {
  const v1Uri = 'file:///work/hover-q-v1.accesspolicy.json';
  const betaUri = 'file:///work/hover-q-beta.accesspolicy.json';
  lsp.open(v1Uri, V1_DOC);
  lsp.open(betaUri, BETA_DOC);
  const v1 = await hover(v1Uri, V1_DOC, '"text"');
  const beta = await hover(betaUri, BETA_DOC, '"text"');
  assert.match(v1.md, /plain string/);
  assert.match(beta.md, /`defaultText`/);
});

test('enum value hover tells what the value means; read-only and inferred facts are marked', async () => {
  const uri = 'file:///work/hover-enum.accesspolicy.json';
  lsp.open(uri, V1_DOC);
  const { md, range } = await hover(uri, V1_DOC, '"specificDirectoryUsers"');
  assert.deepEqual(range, rangeOf(V1_DOC, '"specificDirectoryUsers"'));
  assert.match(md, /^\*\*`specificDirectoryUsers`\*\* · value of `allowedTargetScope`/);
  assert.match(md, /listed in `specificAllowedTargets`/);

  const betaUri = 'file:///work/hover-enum-beta.accesspolicy.json';
  lsp.open(betaUri, BETA_DOC);
  const scope = await hover(betaUri, BETA_DOC, '"SpecificDirectorySubjects"');
  assert.match(scope.md, /Only the users and groups in `allowedRequestors`/);

  const text = '{ "accessPackageId": "x", "requestApprovalSettings": { "approvalMode": "Serial" } }';
  const modeUri = 'file:///work/hover-mode.accesspolicy.json';
  lsp.open(modeUri, text);
  const mode = await hover(modeUri, text, '"approvalMode"');
  assert.match(mode.md, /_Inferred: not confirmed by Microsoft's documentation\._/);
});

test('hover on a document with syntax errors still answers, and off-JSON positions give nothing', async () => {
  const uri = 'file:///work/hover-broken.accesspolicy.json';
  const text = '{\n  "displayName": "x",\n  "allowedTargetScope": "allMemberUsers"\n  "expiration": {\n';
  lsp.open(uri, text);
  const { md } = await hover(uri, text, '"allowedTargetScope"');
  assert.match(md, /`allowedTargetScope`/);
  const none = await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  assert.equal(none, null);
  assert.ok(!lsp.exited(), 'server still running');
  assert.deepEqual(
    lsp.logs.filter((l) => /Error while handling/.test(l)),
    [],
    'no handler failed',
  );
});
