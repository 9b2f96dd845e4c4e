// References in policy files, as the editor shows them (in-process language server): the schemas
// take a reference where an id goes (and `${var:…}` in any string), a malformed or misplaced one is
// one diagnostic on exactly its text, and every service rule family works on a body with references.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  check,
  expectAt,
  expectCount,
  expectNoErrors,
  expectNone,
  fixture,
  type Body,
  V1_DIRECT,
  V1_MULTISTAGE,
  BETA_DIRECT,
  BETA_MULTISTAGE,
  BETA_QUESTIONS,
} from '../rules/support';
import { referencing } from '../support/references';
import { docsExamples, withGuids } from '../support/examples';
import { validatePolicy } from '../../core/src/validate';
import type { ApiVersion } from '../../core/src/diagnostic';

const versionOf = (name: string): ApiVersion => (name.startsWith('beta') ? 'beta' : 'v1.0');
const withRefs = (b: Body, version: ApiVersion): Body => referencing(b, version).body as Body;
const codes = (c: { diagnostics: { code: string }[] }) => c.diagnostics.map((d) => d.code).sort();

test('every docs example with its ids replaced by references gets the same diagnostics as with ids', async () => {
  for (const ex of docsExamples()) {
    const version = versionOf(ex.name);
    const ids = JSON.parse(withGuids(ex.text));
    const { body: refs, replaced } = referencing(ids, version);
    assert.ok(replaced.length >= 1, `${ex.name}: ${replaced.length} ids replaced`);
    assert.deepEqual(codes(await check(refs as Body)), codes(await check(ids)), ex.name);
  }
});

test('a reference of the wrong kind, inside a longer string, or outside an id is AP4002 on exactly the reference', async () => {
  const b = withRefs(fixture(V1_MULTISTAGE), 'v1.0');
  b.requestApprovalSettings.stages[0].fallbackPrimaryApprovers[0].userId = '${group:Sales Approvers}';
  b.displayName = 'Access for ${group:Sales Approvers}';
  b.description = '${user:alice@contoso.com}';
  const c = await check(b);
  expectAt(c, 'AP4002', '"userId": "|${group:Sales Approvers}"');
  expectAt(c, 'AP4002', '"Access for |${group:Sales Approvers}"');
  expectAt(c, 'AP4002', '"description": "|${user:alice@contoso.com}"');
  expectCount(c, 'AP4002', 3);
  // The schema's own pattern error is not a second diagnostic, nor is the GUID format.
  expectNone(c, 'AP1099');
  expectNone(c, 'AP1005');
  const wrongSlot = c.diagnostics.find(
    (d) => d.code === 'AP4002' && d.range.start.line === c.text.split('\n').findIndex((l) => l.includes('"userId": "${group')),
  )!;
  assert.match(wrongSlot.message, /\$\{user:…\}/);
});

test('a malformed reference is AP4001 underlining the reference as written, JSON escapes included', async () => {
  const text = JSON.stringify(withRefs(fixture(V1_DIRECT), 'v1.0'), null, 2).replace(
    /"\$\{accessPackage:[^"]*"/,
    '"\\u0024{accessPackag:Sales/Tools}"',
  );
  const c = await check(text);
  const d = expectAt(c, 'AP4001', '"id": "|\\u0024{accessPackag');
  assert.match(d.message, /Did you mean `accessPackage`\?/);
  const lines = c.text.split('\n');
  assert.equal(lines[d.range.start.line].slice(d.range.start.character, d.range.end.character), '\\u0024{accessPackag:Sales/Tools}');
  // No second finding for the same mistake: no GUID error, and AP2040 (no access package) stays quiet.
  assert.deepEqual(
    codes(c).filter((x) => x !== 'AP4001'),
    codes(await check(fixture(V1_DIRECT))),
  );
});

test('${var:…} goes in any free string, an id slot, a date and a duration; not in an enum', async () => {
  const b = fixture(V1_MULTISTAGE);
  b.displayName = 'External access (${var:region})';
  b.requestApprovalSettings.stages[0].fallbackPrimaryApprovers[0].userId = '${var:approver}';
  b.requestApprovalSettings.stages[0].durationBeforeAutomaticDenial = '${var:decisionTime}';
  b.reviewSettings.schedule.startDateTime = '${var:reviewStart}';
  const ok = await check(b);
  expectNoErrors(ok);
  assert.deepEqual(codes(ok), codes(await check(fixture(V1_MULTISTAGE))));
  b.allowedTargetScope = '${var:scope}';
  expectAt(await check(b), 'AP1003', '"allowedTargetScope": |"${var:scope}"');
});

test('a GUID that is neither a GUID nor a reference is still AP1005', async () => {
  const b = withRefs(fixture(BETA_DIRECT), 'beta');
  b.accessPackageId = 'not-a-guid';
  expectAt(await check(b), 'AP1005', '"accessPackageId": |"not-a-guid"');
});

// One broken body per rule family, with references in place of every id: each rule still finds its
// problem, and nothing about the references is reported.
const FAMILIES: { family: string; example: string; code: string; at: string; edit: (b: Body) => void }[] = [
  {
    family: 'approval stages',
    example: V1_MULTISTAGE,
    code: 'AP2001',
    at: '|{',
    edit: (b) => {
      const s = b.requestApprovalSettings.stages;
      s.push(structuredClone(s[1]), structuredClone(s[1]));
    },
  },
  {
    family: 'subjects in their slots',
    example: V1_MULTISTAGE,
    code: 'AP2005',
    at: '"@odata.type": |"#microsoft.graph.targetManager"',
    edit: (b) => {
      b.requestApprovalSettings.stages[1].primaryApprovers = [{ '@odata.type': '#microsoft.graph.targetManager', managerLevel: 1 }];
    },
  },
  {
    family: 'expiration',
    example: V1_DIRECT,
    code: 'AP2017',
    at: '"type": |"afterDuration"',
    edit: (b) => {
      b.expiration = { type: 'afterDuration' };
    },
  },
  {
    family: 'who can request',
    example: V1_DIRECT,
    code: 'AP2021',
    at: '|"specificAllowedTargets"',
    edit: (b) => {
      b.allowedTargetScope = 'specificDirectoryUsers';
      b.specificAllowedTargets = [];
    },
  },
  {
    family: 'reviews',
    example: V1_MULTISTAGE,
    code: 'AP2027',
    at: '|"primaryReviewers"',
    edit: (b) => {
      b.reviewSettings.primaryReviewers = [];
    },
  },
  {
    family: 'questions',
    example: BETA_QUESTIONS,
    code: 'AP2032',
    at: '"defaultText": |""',
    edit: (b) => {
      b.questions[0].text.defaultText = '';
    },
  },
  {
    family: 'create body',
    example: BETA_MULTISTAGE,
    code: 'AP2041',
    at: '|{',
    edit: (b) => {
      delete b.displayName;
    },
  },
  {
    family: 'custom extensions',
    example: V1_DIRECT,
    code: 'AP2047',
    at: '"stage": |"assignmentRequestGranted"',
    edit: (b) => {
      const s = { stage: 'assignmentRequestGranted', customExtension: { id: '${customExtension:Sales/Notify}' } };
      b.customExtensionStageSettings = [s, structuredClone(s)];
    },
  },
];

for (const f of FAMILIES) {
  test(`rule family "${f.family}" works on a body with references (${f.code})`, async () => {
    const version = versionOf(f.example);
    const clean = withRefs(fixture(f.example), version);
    assert.ok(JSON.stringify(clean).includes('${'), 'the body holds references');
    const broken = structuredClone(clean);
    f.edit(broken);
    const c = await check(broken);
    const hits = c.diagnostics.filter((d) => d.code === f.code);
    assert.ok(hits.length > 0, `${f.code} expected; got ${codes(c).join(', ')}`);
    if (f.at !== '|{') expectAt(c, f.code, f.at, { nth: f.code === 'AP2047' ? 1 : 0 });
    for (const d of c.diagnostics) assert.ok(!/^AP4|^AP1005$|^AP1099$/.test(d.code), `no reference finding: ${d.code} ${d.message}`);
    // Same findings as the same break on the body with ids.
    const withIds = fixture(f.example);
    f.edit(withIds);
    assert.deepEqual(codes(c), codes(validatePolicy(JSON.stringify(withIds, null, 2))));
  });
}
