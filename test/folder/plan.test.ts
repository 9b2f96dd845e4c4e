// `accesspolicy plan` through the real process: every action, normalisation of what the service
// echoes differently, exit codes as terraform -detailed-exitcode, the JSON and Markdown shapes,
// and the number of Graph requests (paged lists, never a GET per file).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { tenantCli, filesUnder as files, type TenantCli } from './tenantCli';
import { parseJsonc } from '../support/jsonc';

const POLICIES = 400; // 40 access packages, the default page size of 50
let t: TenantCli;

before(async () => {
  t = await tenantCli({ seedPolicies: POLICIES, accessPackages: [] });
  const pull = await t.run(['pull', ...t.signIn, '--out', 'base']);
  assert.equal(pull.code, 0, pull.stderr);
});
after(async () => t?.close());

interface JsonPlan {
  tenant: string;
  apiVersion: string;
  changes: {
    action: string;
    file: string | null;
    id: string | null;
    displayName: string;
    accessPackageId: string | null;
    reason: string | null;
    changes: { path: string; before: unknown; after: unknown }[];
  }[];
}

async function planJson(args: string[]): Promise<{ code: number | null; plan: JsonPlan; stderr: string }> {
  const r = await t.run(['plan', ...t.signIn, '--format', 'json', ...args]);
  return { code: r.code, plan: JSON.parse(r.stdout || '{"changes":[]}') as JsonPlan, stderr: r.stderr };
}

function scratch(name: string): string {
  const dir = path.join(t.dir, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

test('400 pulled files over 40 packages: all unchanged, exit 0, in at most 20 Graph requests (100 for 2,000 over 200)', async () => {
  t.takeRequests();
  const { code, plan } = await planJson(['base']);
  assert.equal(code, 0);
  assert.equal(plan.tenant, t.standIn.tenantId);
  assert.equal(plan.apiVersion, 'v1.0');
  assert.equal(plan.changes.length, POLICIES);
  assert.ok(plan.changes.every((c) => c.action === 'unchanged' && c.changes.length === 0 && c.reason === null));
  const requests = t.takeRequests();
  assert.ok(requests.length <= 20, `${requests.length} requests`);
  assert.ok(requests.every((r) => r.method === 'GET' && !/assignmentPolicies\/[0-9a-f-]{36}/.test(r.path)));
});

test('a hand-written file for a portal-made policy is unchanged: P14D vs PT336H, # in @odata.type, subject-set order, date forms, defaults, nested ids', async () => {
  const pkg = [...t.standIn.state.packages.values()][0];
  const id = randomUUID();
  const userA = randomUUID();
  const userB = randomUUID();
  const group = randomUUID();
  // As the portal leaves it in the tenant.
  t.standIn.state.policies.set(id, {
    id,
    apiVersion: 'v1.0',
    accessPackageId: pkg.id,
    createdDateTime: '2026-01-01T00:00:00Z',
    modifiedDateTime: '2026-01-01T00:00:00Z',
    hiddenFromLists: 0,
    body: {
      displayName: 'Portal made',
      description: 'made in the portal',
      allowedTargetScope: 'specificDirectoryUsers',
      specificAllowedTargets: [
        { '@odata.type': 'microsoft.graph.groupMembers', groupId: group, description: 'Sales team' },
        { '@odata.type': '#microsoft.graph.singleUser', userId: userA.toUpperCase(), description: 'Ann' },
      ],
      expiration: { endDateTime: null, duration: 'PT336H', type: 'afterDuration' },
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
            durationBeforeAutomaticDenial: 'PT336H',
            isApproverJustificationRequired: false,
            isEscalationEnabled: false,
            durationBeforeEscalation: 'PT0S',
            primaryApprovers: [
              { '@odata.type': '#microsoft.graph.singleUser', userId: userB, description: 'Bob' },
              { '@odata.type': '#microsoft.graph.singleUser', userId: userA, description: 'Ann' },
            ],
            fallbackPrimaryApprovers: [],
            escalationApprovers: [],
            fallbackEscalationApprovers: [],
          },
        ],
      },
      questions: [
        {
          id: randomUUID(),
          '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion',
          sequence: 1,
          isRequired: true,
          isAnswerEditable: false,
          text: 'Why?',
          localizations: [],
          isSingleLineQuestion: true,
          regexPattern: null,
        },
      ],
      reviewSettings: {
        isEnabled: true,
        expirationBehavior: 'keepAccess',
        isRecommendationEnabled: true,
        isReviewerJustificationRequired: true,
        isSelfReview: true,
        schedule: {
          startDateTime: '2026-07-02T06:59:59.998+00:00',
          expiration: { duration: 'P2W', type: 'afterDuration' },
          recurrence: { pattern: { type: 'weekly', interval: 1 }, range: { type: 'noEnd' } },
        },
        primaryReviewers: [],
        fallbackReviewers: [],
      },
      accessPackage: { id: pkg.id },
    },
  });
  const dir = scratch('portal');
  // As an author writes it.
  writeFileSync(
    path.join(dir, 'portal.accesspolicy.json'),
    `// written by hand
{
  "id": "${id}",
  "displayName": "Portal made",
  "description": "made in the portal",
  "allowedTargetScope": "specificDirectoryUsers",
  "specificAllowedTargets": [
    { "@odata.type": "#microsoft.graph.singleUser", "userId": "${userA}" },
    { "@odata.type": "#microsoft.graph.groupMembers", "groupId": "${group}" }
  ],
  "expiration": { "type": "afterDuration", "duration": "P14D" },
  "requestorSettings": { "enableTargetsToSelfAddAccess": true, "enableTargetsToSelfRemoveAccess": true },
  "requestApprovalSettings": {
    "isApprovalRequiredForAdd": true,
    "stages": [ { "durationBeforeAutomaticDenial": "P14D", "primaryApprovers": [
      { "@odata.type": "#microsoft.graph.singleUser", "userId": "${userA}" },
      { "@odata.type": "#microsoft.graph.singleUser", "userId": "${userB}" } ] } ]
  },
  "questions": [ { "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion", "sequence": 1, "isRequired": true, "text": "Why?", "isSingleLineQuestion": true } ],
  "reviewSettings": { "isEnabled": true, "expirationBehavior": "keepAccess", "isRecommendationEnabled": true, "isReviewerJustificationRequired": true, "isSelfReview": true,
    "schedule": { "startDateTime": "2026-07-02T06:59:59.998Z", "expiration": { "duration": "P14D", "type": "afterDuration" }, "recurrence": { "pattern": { "type": "weekly", "interval": 1 }, "range": { "type": "noEnd" } } } },
  "accessPackage": { "id": "${pkg.id}" }
}
`,
  );
  const { code, plan } = await planJson(['--scope', 'files', dir]);
  assert.deepEqual(
    plan.changes.map((c) => [c.action, c.changes]),
    [['unchanged', []]],
  );
  assert.equal(code, 0);

  // A real difference in the same file is found, with its path and both values.
  const file = path.join(dir, 'portal.accesspolicy.json');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace('"durationBeforeAutomaticDenial": "P14D"', '"durationBeforeAutomaticDenial": "P7D"'),
  );
  const changed = await planJson(['--scope', 'files', dir]);
  assert.equal(changed.code, 2);
  assert.deepEqual(changed.plan.changes[0].changes, [
    { path: 'requestApprovalSettings.stages[0].durationBeforeAutomaticDenial', before: 'P14D', after: 'P7D' },
  ]);
  assert.equal(changed.plan.changes[0].action, 'update');
  t.standIn.state.policies.delete(id);
});

test('create, adopt, missing, refused and unmanaged, with reasons; exit 1 on a refusal, 2 when only changes; Markdown for a PR', async () => {
  const dir = scratch('mixed');
  const base = files(path.join(t.dir, 'base'));
  const pkgDir = path.dirname(base[0]);
  const inPackage = base.filter((f) => path.dirname(f) === pkgDir);
  const pkgId = String(parseJsonc(readFileSync(inPackage[0], 'utf8')).accessPackage.id);
  // Keep all but one of the package's files: that policy becomes unmanaged.
  for (const f of inPackage.slice(2)) cpSync(f, path.join(dir, path.basename(f)));
  const unmanagedId = String(parseJsonc(readFileSync(inPackage[0], 'utf8')).id);
  // Adopt: the second policy's file without its id.
  const adoptText = readFileSync(inPackage[1], 'utf8').replace(/\n {2}"id": "[^"]+",/, '');
  const adoptName = String(parseJsonc(adoptText).displayName);
  writeFileSync(path.join(dir, 'adopt.accesspolicy.json'), adoptText);
  // Create: a new name in the same package.
  writeFileSync(
    path.join(dir, 'new.accesspolicy.json'),
    adoptText.replace(`"displayName": "${adoptName}"`, '"displayName": "Brand new policy"'),
  );
  // Missing: an id the tenant does not have.
  const missingId = randomUUID();
  writeFileSync(
    path.join(dir, 'missing.accesspolicy.json'),
    readFileSync(inPackage[2], 'utf8').replace(/"id": "[^"]+"/, `"id": "${missingId}"`),
  );
  // Update: a changed description.
  const upd = path.join(dir, path.basename(inPackage[3]));
  assert.match(upd, /Extension callouts/, 'the seed orders kinds so the fourth file is the extension one');
  writeFileSync(upd, readFileSync(upd, 'utf8').replace(/"description": "[^"]*"/, '"description": "edited in git"'));

  const changesOnly = await planJson([dir]);
  assert.equal(changesOnly.code, 2, changesOnly.stderr);
  const by = (action: string) => changesOnly.plan.changes.filter((c) => c.action === action);
  assert.equal(by('create').length, 1);
  assert.equal(by('create')[0].displayName, 'Brand new policy');
  assert.equal(by('adopt').length, 1);
  assert.equal(by('adopt')[0].id, String(parseJsonc(readFileSync(inPackage[1], 'utf8')).id));
  assert.deepEqual(
    by('missing').map((c) => c.id),
    [missingId],
  );
  assert.match(by('missing')[0].reason!, /not in the tenant/);
  assert.deepEqual(
    by('unmanaged').map((c) => [c.id, c.file, c.accessPackageId]),
    [[unmanagedId, null, pkgId]],
  );
  assert.deepEqual(
    by('update').map((c) => c.changes.map((x) => x.path)),
    [['description']],
  );
  assert.equal(by('update')[0].changes[0].after, 'edited in git');

  // Scope files: no unmanaged.
  const filesScope = await planJson(['--scope', 'files', dir]);
  assert.equal(filesScope.plan.changes.filter((c) => c.action === 'unmanaged').length, 0);

  // Refusals: errors in a file, an unknown package, the same id twice.
  writeFileSync(path.join(dir, 'broken.accesspolicy.json'), adoptText.replace('"allowedTargetScope": "', '"allowedTargetScope": "nobody-'));
  writeFileSync(
    path.join(dir, 'unknown-package.accesspolicy.json'),
    adoptText.replace(pkgId, randomUUID()).replace(`"displayName": "${adoptName}"`, '"displayName": "Elsewhere"'),
  );
  cpSync(upd, path.join(dir, 'zz-copy.accesspolicy.json'));
  const refused = await planJson([dir]);
  assert.equal(refused.code, 1);
  const reasons = refused.plan.changes.filter((c) => c.action === 'refused').map((c) => `${path.basename(c.file!)}: ${c.reason}`);
  assert.equal(reasons.length, 3, reasons.join('\n'));
  assert.ok(
    reasons.some((r) => /^broken\.accesspolicy\.json: 1 error in the file \(\d+:\d+ AP1003/.test(r)),
    reasons.join('\n'),
  );
  assert.ok(reasons.some((r) => /^unknown-package\.accesspolicy\.json: access package .* is not in the tenant/.test(r)));
  assert.ok(reasons.some((r) => /^zz-copy\.accesspolicy\.json: .* already names policy/.test(r)));

  const md = await t.run(['plan', ...t.signIn, '--format', 'markdown', dir]);
  assert.equal(md.code, 1);
  assert.match(md.stdout, /^### Access policy plan for tenant `[0-9a-f-]{36}`\n\n\| action \| count \|\n\|---\|---\|\n/);
  assert.match(md.stdout, /\| update \| 1 \|/);
  assert.match(
    md.stdout,
    /<details><summary>update: .*\(1 change\)<\/summary>\n\n```diff\n--- tenant policy [0-9a-f-]{36}\n\+\+\+ .*\n@@ [^\n]*\n(?:.*\n)*?\+  "description": "edited in git",\n/,
  );
  assert.match(md.stdout, /\n-  "description": "Extension callouts \(seeded\)",\n/);
  // It ends with each changed policy in words: a create as a new policy, the others before and after.
  const words = md.stdout.slice(md.stdout.indexOf('\n### In words, before and after\n'));
  assert.ok(words.length > 40, 'the plan has the summaries in words at its end');
  assert.match(words, /\n#### .*new\.accesspolicy\.json\n\nNew policy: \*\*/);
  assert.equal(
    (words.match(/\n#### [^\n]*\.accesspolicy\.json\n/g) ?? []).length,
    2,
    'the create and the update (the adopted policy already matches its file)',
  );

  const text = await t.run(['plan', ...t.signIn, dir]);
  assert.equal(text.code, 1);
  assert.match(text.stdout, /: update [0-9a-f-]{36} ".*"\n {2}~ description: ".*" → "edited in git"\n/);
  assert.match(text.stdout, /Plan for tenant .*: 3 refused, 1 missing, 1 create, 1 adopt, 1 update, 1 unmanaged, \d+ unchanged\.\n$/);
});

test('plan: a read that keeps failing is exit 1 with no plan; bad flags are exit 2', async () => {
  t.standIn.state.faults.set({ failure: { count: 1000, status: 500, retryAfterSeconds: 0, methods: ['GET'] } });
  try {
    const r = await t.run(['plan', ...t.signIn, 'base']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /No plan was made; nothing was changed/);
  } finally {
    t.standIn.state.faults.clear();
  }
  const scope = await t.run(['plan', ...t.signIn, '--scope', 'everything', 'base']);
  assert.equal(scope.code, 2);
  const format = await t.run(['plan', ...t.signIn, '--format', 'yaml', 'base']);
  assert.equal(format.code, 2);
  const none = await t.run(['plan', ...t.signIn]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /name at least one policy file or folder/);
});
