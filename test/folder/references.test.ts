// Name references through the real CLI process against a stand-in holding two tenants whose ids all
// differ: the same files deploy to both (each tenant gets its own ids), plan is unchanged after
// apply, and a name that matches nothing, several groups, or a kind the identity may not read is
// refused at the reference's line and column with nothing sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { tenantCli, type TenantCli } from './tenantCli';
import { referencePolicyText } from './referencePolicy';
import type { GraphState } from '../../standin/src/graph/state';

let t: TenantCli;
const B = randomUUID();
const ids: Record<'A' | 'B', { pkg: string; alice: string; sales: string; ext: string }> = {} as never;

/** The same names in each tenant, with the tenant's own ids. */
function populate(state: GraphState): { pkg: string; alice: string; sales: string; ext: string } {
  const catalog = state.addCatalog('Sales');
  const pkg = state.addAccessPackage(randomUUID(), 'Sales tools', catalog);
  const ext = state.addCustomExtension(catalog, 'Notify / CRM', '#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension');
  const alice = state.directory.addUser({ userPrincipalName: 'alice@contoso.com', displayName: 'Alice' }).id;
  state.directory.addUser({ userPrincipalName: 'bob@contoso.com', displayName: 'Bob' });
  const sales = state.directory.addGroup({ displayName: 'Sales Approvers', members: [alice] }).id;
  return { pkg, alice, sales, ext };
}

const POLICY = (name: string, extra: Record<string, unknown> = {}) =>
  referencePolicyText(name, {
    extra: {
      customExtensionStageSettings: [
        { stage: 'assignmentRequestGranted', customExtension: { id: '${customExtension:Sales/Notify \\/ CRM}' } },
      ],
      ...extra,
    },
  });

before(async () => {
  t = await tenantCli({ accessPackages: [], otherTenants: [{ tenantId: B, tenantDisplayName: 'Contoso Prod' }] });
  ids.A = populate(t.standIn.tenants[0].state);
  ids.B = populate(t.standIn.tenants[1].state);
});
after(async () => t?.close());

const signInTo = (tenant: 'A' | 'B') => (tenant === 'A' ? t.signIn : t.signIn.map((a, i) => (t.signIn[i - 1] === '--tenant' ? B : a)));
const stateOf = (tenant: 'A' | 'B') => t.standIn.tenants[tenant === 'A' ? 0 : 1].state;

function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(t.dir, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
  return dir;
}

test("one folder with references applies to two tenants with each tenant's ids; plan is unchanged afterwards in both", async () => {
  for (const tenant of ['A', 'B'] as const) {
    const dir = folder(`both-${tenant}`, { 'sales.accesspolicy.json': POLICY('Sales tools requests') });
    const apply = await t.run(['apply', ...signInTo(tenant), '--yes', dir]);
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    const stored = [...stateOf(tenant).policies.values()].find((p) => p.body.displayName === 'Sales tools requests');
    assert.ok(stored, `created in ${tenant}`);
    const mine = ids[tenant];
    assert.equal(stored.accessPackageId, mine.pkg);
    const stage = (stored.body.requestApprovalSettings as any).stages[0];
    assert.deepEqual(stage.primaryApprovers.map((a: any) => a.groupId ?? a.userId).sort(), [mine.alice, mine.sales].sort());
    assert.equal((stored.body.customExtensionStageSettings as any)[0].customExtension.id, mine.ext);
    // The file keeps its references (only the new policy id is written in).
    assert.match(readFileSync(path.join(dir, 'sales.accesspolicy.json'), 'utf8'), /\$\{group:Sales Approvers\}/);
    const plan = await t.run(['plan', ...signInTo(tenant), '--format', 'json', dir]);
    assert.equal(plan.code, 0, plan.stdout + plan.stderr);
    assert.deepEqual(
      JSON.parse(plan.stdout).changes.map((e: any) => e.action),
      ['unchanged'],
    );
  }
  assert.notEqual(ids.A.sales, ids.B.sales);
});

test('lookups are batched: one request per kind for a folder of references, whatever the number of files', async () => {
  const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`p${i}.accesspolicy.json`, POLICY(`Batch ${i}`)]));
  const dir = folder('batched', files);
  t.takeRequests();
  const plan = await t.run(['plan', ...signInTo('A'), '--format', 'json', dir]);
  assert.equal(plan.code, 2, plan.stderr);
  assert.deepEqual(
    JSON.parse(plan.stdout)
      .changes.filter((e: any) => e.file)
      .map((e: any) => e.action),
    Array(6).fill('create'),
  );
  const reqs = t.takeRequests().map((r) => r.path);
  assert.equal(reqs.filter((p) => p.startsWith('/v1.0/users')).length, 1, reqs.join('\n'));
  assert.equal(reqs.filter((p) => p.startsWith('/v1.0/groups')).length, 1);
  assert.ok(reqs.some((p) => decodeURIComponent(p.replace(/\+/g, ' ')).includes("userPrincipalName in ('alice@contoso.com')")));
});

test('a name two groups share is refused at its line and column, naming both with their type; nothing is sent', async () => {
  const second = stateOf('B').directory.addGroup({
    displayName: 'Sales Approvers',
    groupTypes: ['Unified'],
    mail: 'salesapprovers@contoso.com',
  });
  const text = POLICY('Ambiguous approvers');
  const file = path.join(folder('ambiguous', { 'a.accesspolicy.json': text }), 'a.accesspolicy.json');
  t.takeRequests();
  const r = await t.run(['deploy', '--yes', file, ...signInTo('B')]);
  assert.notEqual(r.code, 0);
  const line = text.split('\n').findIndex((l) => l.includes('${group:Sales Approvers}')) + 1;
  const col = text.split('\n')[line - 1].indexOf('${group') + 1;
  assert.match(r.stderr, new RegExp(`a\\.accesspolicy\\.json:${line}:${col} AP4102`));
  assert.match(r.stderr, new RegExp(`${ids.B.sales} \\(security group`));
  assert.match(r.stderr, new RegExp(`${second.id} \\(Microsoft 365 group, salesapprovers@contoso.com\\)`));
  assert.deepEqual(
    t.takeRequests().filter((q) => q.method !== 'GET' && !q.path.includes('getByIds')),
    [],
    'nothing was written',
  );
  stateOf('B').directory.groups.delete(second.id);
});

test('a name nothing has, and a kind the identity may not read, are refused with the permission named', async () => {
  const missing = POLICY('Missing approver').replace('${user:alice@contoso.com}', '${user:nobody@contoso.com}');
  const dir = folder('missing', { 'm.accesspolicy.json': missing });
  const plan = await t.run(['plan', ...signInTo('A'), dir]);
  assert.match(plan.stdout + plan.stderr, /AP4101 .*no user in .* has userPrincipalName "nobody@contoso\.com"/);
  stateOf('A').directory.deniedReaders.add(t.signIn[t.signIn.indexOf('--client-id') + 1].toLowerCase());
  try {
    const r = await t.run([
      'deploy',
      '--yes',
      path.join(folder('denied', { 'd.accesspolicy.json': POLICY('Denied') }), 'd.accesspolicy.json'),
      ...signInTo('A'),
    ]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /AP4103 .*`User\.Read\.All`/);
    assert.match(r.stderr, /AP4103 .*`GroupMember\.Read\.All`/);
  } finally {
    stateOf('A').directory.deniedReaders.clear();
  }
});

test('${var:…} without an environment is AP4104, before anything is written', async () => {
  const text = POLICY('Var approver').replace('${user:alice@contoso.com}', '${var:approver}');
  const r = await t.run([
    'deploy',
    '--yes',
    path.join(folder('novar', { 'v.accesspolicy.json': text }), 'v.accesspolicy.json'),
    ...signInTo('A'),
  ]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /AP4104 `\$\{var:approver\}` takes its value from the selected environment, but no environment is selected/);
});

test('pull --portable from one tenant, apply to the other: references where names are unique, plan unchanged in the second tenant', async () => {
  // Tenant A's policy names a group whose name two groups share: that id stays, with both named.
  const a = stateOf('A');
  const twinA = a.directory.addGroup({ displayName: 'Twins' });
  const twinB = a.directory.addGroup({ displayName: 'Twins', groupTypes: ['Unified'] });
  const body = JSON.parse(POLICY('Portable policy'));
  body.accessPackage.id = ids.A.pkg;
  body.customExtensionStageSettings[0].customExtension.id = ids.A.ext;
  body.requestApprovalSettings.stages[0].primaryApprovers = [
    { '@odata.type': '#microsoft.graph.groupMembers', groupId: ids.A.sales },
    { '@odata.type': '#microsoft.graph.singleUser', userId: ids.A.alice },
  ];
  body.requestApprovalSettings.stages[0].fallbackPrimaryApprovers = [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: twinA.id }];
  const created = await t.run([
    'apply',
    ...signInTo('A'),
    '--yes',
    folder('portable-src', { 'p.accesspolicy.json': JSON.stringify(body, null, 2) }),
  ]);
  assert.equal(created.code, 0, created.stdout + created.stderr);

  const pulled = await t.run(['pull', ...signInTo('A'), '--portable', '--access-package', ids.A.pkg, '--out', 'portable']);
  assert.equal(pulled.code, 0, pulled.stderr);
  const file = filesIn(path.join(t.dir, 'portable')).find((f) => readFileSync(f, 'utf8').includes('Portable policy'))!;
  const text = readFileSync(file, 'utf8');
  assert.match(text, /"groupId": "\$\{group:Sales Approvers\}"/);
  assert.match(text, /"userId": "\$\{user:alice@contoso\.com\}"/);
  assert.match(text, /"id": "\$\{accessPackage:Sales\/Sales tools\}"/);
  assert.match(text, /"id": "\$\{customExtension:Sales\/Notify \\\\\/ CRM\}"/, 'a / inside a name is escaped');
  const kept = text.split('\n').find((l) => l.includes(twinA.id))!;
  assert.match(kept, /\/\/ kept as an id: 2 groups are named "Twins"/);
  assert.ok(kept.includes(twinB.id), 'the other candidate is named');
  assert.doesNotMatch(
    text,
    new RegExp(`"id": "${[...a.policies.values()].find((p) => p.body.displayName === 'Portable policy')!.id}"`),
    'no policy id',
  );

  // The kept id is A's; in B the group with that name must be written by hand, so replace the line.
  writeFileSync(file, text.replace(new RegExp(`"${twinA.id}".*`), '"${group:Sales Approvers}"'));
  const applied = await t.run(['apply', ...signInTo('B'), '--yes', path.dirname(file)]);
  assert.equal(applied.code, 0, applied.stdout + applied.stderr);
  const inB = [...stateOf('B').policies.values()].find((p) => p.body.displayName === 'Portable policy')!;
  assert.equal(inB.accessPackageId, ids.B.pkg);
  const plan = await t.run(['plan', ...signInTo('B'), '--format', 'json', path.dirname(file)]);
  assert.equal(plan.code, 0, plan.stdout + plan.stderr);
  assert.deepEqual(
    JSON.parse(plan.stdout)
      .changes.filter((e: any) => e.file?.endsWith(path.basename(file)))
      .map((e: any) => e.action),
    ['unchanged'],
  );
});

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath ?? (d as any).path, d.name));
}

test('pull --portable again into its folder (no environments): the same files by access package and name, bytes unchanged; two candidates are refused', async () => {
  const first = await t.run(['pull', ...signInTo('A'), '--portable', '--access-package', ids.A.pkg, '--out', 'portable-again']);
  assert.equal(first.code, 0, first.stderr);
  const dir = path.join(t.dir, 'portable-again');
  const files = filesIn(dir).sort();
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  assert.ok(files.length > 0 && texts.every((x) => !/\n {2}"id":/.test(x)), 'no policy ids');
  const again = await t.run(['pull', ...signInTo('A'), '--portable', '--access-package', ids.A.pkg, '--out', 'portable-again']);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(filesIn(dir).sort(), files, 'no second files');
  assert.deepEqual(
    files.map((f) => readFileSync(f, 'utf8')),
    texts,
    'byte for byte',
  );
  assert.ok(
    again.stdout
      .trim()
      .split('\n')
      .every((l) => / unchanged [0-9a-f-]{36}$/.test(l)),
    again.stdout,
  );
  // A copy of one file: which one holds the policy would be a guess.
  const copy = files[0].replace(/\.accesspolicy\.json$/, ' (copy).accesspolicy.json');
  writeFileSync(copy, texts[0]);
  const twice = await t.run(['pull', ...signInTo('A'), '--portable', '--access-package', ids.A.pkg, '--out', 'portable-again']);
  assert.equal(twice.code, 1, twice.stdout + twice.stderr);
  assert.match(twice.stderr, /2 files without an id have its access package and display name \(.*\(copy\)\.accesspolicy\.json/);
  assert.equal(readFileSync(files[0], 'utf8'), texts[0]);
  assert.deepEqual(filesIn(dir).sort(), [...files, copy].sort(), 'nothing new written');
});
