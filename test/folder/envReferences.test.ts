// `${var:…}` and object references together in a folder with environments, through the real CLI
// process against a stand-in holding two tenants whose ids all differ: `deploy --env dev` and
// `--env prod` each resolve the environment's values and the tenant's own ids, record a different
// policy id per environment in accesspolicy.ids.json, and a value the environment lacks is refused
// at the reference's exact range with nothing sent, in deploy, plan and apply alike.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { filesUnder, tenantCli, type TenantCli } from './tenantCli';
import { referencePolicyText } from './referencePolicy';
import type { GraphState } from '../../standin/src/graph/state';

const DEV = '30000000-0000-4000-8000-00000000d0e1';
const PROD = '30000000-0000-4000-8000-00000000f0e1';
let t: TenantCli;
let signIn: string[];
let folder: string;
const ids: Record<'dev' | 'prod', { pkg: string; approver: string; sales: string }> = {} as never;

/** The same names in each tenant, each with the tenant's own ids; the approver is a per-environment value. */
function populate(state: GraphState) {
  const catalog = state.addCatalog('Sales');
  const pkg = state.addAccessPackage(randomUUID(), 'Sales tools', catalog);
  const approver = state.directory.addUser({
    userPrincipalName: `approver-${randomUUID().slice(0, 8)}@contoso.com`,
    displayName: 'Approver',
  }).id;
  const sales = state.directory.addGroup({ displayName: 'Sales Approvers' }).id;
  return { pkg, approver, sales };
}

const ENV_POLICY = (displayName: string, approverRef = '${var:approver}') =>
  referencePolicyText(displayName, {
    description: 'Requests for ${var:region} go to the sales approvers.',
    approvers: [
      { '@odata.type': '#microsoft.graph.groupMembers', groupId: '${group:Sales Approvers}' },
      { '@odata.type': '#microsoft.graph.singleUser', userId: approverRef },
    ],
  });

before(async () => {
  t = await tenantCli({
    tenantId: DEV,
    domain: 'contoso-dev.onmicrosoft.com',
    accessPackages: [],
    otherTenants: [{ tenantId: PROD, domain: 'contoso.onmicrosoft.com', accessPackages: [] }],
  });
  ids.dev = populate(t.standIn.tenant(DEV).state);
  ids.prod = populate(t.standIn.tenant(PROD).state);
  const i = t.signIn.indexOf('--tenant');
  signIn = [...t.signIn.slice(0, i), ...t.signIn.slice(i + 2)];
  folder = path.join(t.dir, 'policies');
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    path.join(folder, 'accesspolicy.config.json'),
    JSON.stringify(
      {
        environments: { dev: { tenant: 'contoso-dev.onmicrosoft.com' }, prod: { tenant: PROD } },
        values: { approver: { dev: ids.dev.approver, prod: ids.prod.approver }, region: { dev: 'the test region', prod: 'Europe' } },
      },
      null,
      2,
    ),
  );
});
after(async () => t?.close());

const stored = (env: 'dev' | 'prod', name: string) =>
  [...t.standIn.tenant(env === 'dev' ? DEV : PROD).state.policies.values()].filter((p) => p.body.displayName === name);
const recorded = () => JSON.parse(readFileSync(path.join(folder, 'accesspolicy.ids.json'), 'utf8')).policies;

test('deploy --env dev and --env prod: each resolves its values and its tenant ids; the ids file keeps one id per environment', async () => {
  const file = path.join(folder, 'sales.accesspolicy.json');
  writeFileSync(file, ENV_POLICY('Sales tools requests'));
  const text = readFileSync(file, 'utf8');
  for (const env of ['dev', 'prod'] as const) {
    const r = await t.run(['deploy', '--env', env, ...signIn, '--yes', 'policies/sales.accesspolicy.json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const [policy, ...more] = stored(env, 'Sales tools requests');
    assert.ok(policy, `created in ${env}`);
    assert.equal(more.length, 0);
    assert.equal(policy.accessPackageId, ids[env].pkg);
    const approvers = (policy.body.requestApprovalSettings as any).stages[0].primaryApprovers;
    assert.equal(approvers[0].groupId, ids[env].sales, `${env}: its own group id`);
    assert.equal(approvers[1].userId, ids[env].approver, `${env}: the environment's value`);
    assert.equal(policy.body.description, `Requests for ${env === 'dev' ? 'the test region' : 'Europe'} go to the sales approvers.`);
    assert.equal(recorded()['sales.accesspolicy.json'][env], policy.id);
  }
  const both = recorded()['sales.accesspolicy.json'];
  assert.notEqual(both.dev, both.prod);
  assert.notEqual(ids.dev.sales, ids.prod.sales);
  assert.equal(readFileSync(file, 'utf8'), text, 'the file keeps its references and gets no id');
  for (const env of ['dev', 'prod'] as const) {
    const again = await t.run(['deploy', '--env', env, ...signIn, '--plan', 'policies/sales.accesspolicy.json']);
    assert.match(again.stdout, new RegExp(`planned unchanged ${both[env]}`), again.stdout + again.stderr);
    const plan = await t.run(['plan', '--env', env, ...signIn, '--format', 'json', 'policies']);
    assert.equal(plan.code, 0, plan.stdout + plan.stderr);
  }
});

test('a ${var:…} the environment has no value for is refused at its exact range by deploy, plan and apply; nothing is sent', async () => {
  const dir = path.join(folder, 'unknown');
  mkdirSync(dir, { recursive: true });
  const text = ENV_POLICY('Unknown value', '${var:approvr}');
  writeFileSync(path.join(dir, 'u.accesspolicy.json'), text);
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('${var:approvr}'));
  const col = lines[line].indexOf('${var:approvr}') + 1;
  // deploy says file:line:col; plan and apply say it on the file's refused line.
  const at = new RegExp(
    `u\\.accesspolicy\\.json(:|: refused .*\\()${line + 1}:${col} (error )?AP4105 .*environment \`prod\` has no value \`approvr\``,
  );
  const writes = () =>
    t.standIn.tenants.flatMap((x) => x.state.requests).filter((q) => q.method !== 'GET' && !q.path.includes('getByIds')).length;
  const before = writes();
  for (const argv of [
    ['deploy', '--env', 'prod', ...signIn, '--yes', 'policies/unknown/u.accesspolicy.json'],
    ['plan', '--env', 'prod', ...signIn, 'policies/unknown'],
    ['apply', '--env', 'prod', ...signIn, '--yes', 'policies/unknown'],
  ]) {
    const r = await t.run(argv);
    assert.equal(r.code, 1, `${argv[0]}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout + r.stderr, at, argv[0]);
  }
  assert.equal(writes(), before, 'nothing was written to either tenant');
  assert.equal(stored('prod', 'Unknown value').length, 0);
  rmSync(dir, { recursive: true });
});

test('pull --portable --env into the folder: the same files, `${var:…}` kept where the value is the tenant’s, bytes unchanged', async () => {
  const file = path.join(folder, 'sales.accesspolicy.json');
  const text = readFileSync(file, 'utf8');
  const before = filesUnder(folder).sort();
  for (const env of ['dev', 'prod'] as const) {
    const r = await t.run(['pull', '--portable', '--env', env, ...signIn, '--out', 'policies']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`sales\\.accesspolicy\\.json: unchanged ${recorded()['sales.accesspolicy.json'][env]}`), r.stdout);
    assert.equal(readFileSync(file, 'utf8'), text, `${env}: byte for byte`);
    assert.deepEqual(filesUnder(folder).sort(), before, `${env}: no second file`);
  }
});

test('a folder pulled portable from dev, pulled again from prod: prod updates the same files and records its ids beside dev’s', async () => {
  const pulled = path.join(t.dir, 'pulled');
  mkdirSync(pulled);
  writeFileSync(path.join(pulled, 'accesspolicy.config.json'), readFileSync(path.join(folder, 'accesspolicy.config.json')));
  const dev = await t.run(['pull', '--portable', '--env', 'dev', ...signIn, '--out', 'pulled']);
  assert.equal(dev.code, 0, dev.stdout + dev.stderr);
  const files = filesUnder(pulled).sort();
  const policyFiles = files.filter((f) => f.endsWith('.accesspolicy.json'));
  assert.equal(policyFiles.length, t.standIn.tenant(DEV).state.policies.size, files.join('\n'));
  const prod = await t.run(['pull', '--portable', '--env', 'prod', ...signIn, '--out', 'pulled']);
  assert.equal(prod.code, 0, prod.stdout + prod.stderr);
  assert.ok(/^(.*: (updated|unchanged) [0-9a-f-]{36}\n)+$/.test(prod.stdout), prod.stdout);
  assert.deepEqual(filesUnder(pulled).sort(), files, 'no second file for prod');
  const entries = Object.values(JSON.parse(readFileSync(path.join(pulled, 'accesspolicy.ids.json'), 'utf8')).policies) as Record<
    string,
    string
  >[];
  assert.equal(entries.length, policyFiles.length);
  for (const entry of entries) assert.deepEqual(Object.keys(entry), ['dev', 'prod']);
  assert.ok(entries.some((e) => e.prod === recorded()['sales.accesspolicy.json'].prod));
  const plan = await t.run(['plan', '--env', 'prod', ...signIn, 'pulled']);
  assert.equal(plan.code, 0, plan.stdout + plan.stderr);
});

test('apply --env dev and --env prod with references: plan unchanged in each, a rename updates, an ambiguous group is refused naming both', async () => {
  const team = path.join(folder, 'team');
  mkdirSync(team, { recursive: true });
  const file = path.join(team, 'team.accesspolicy.json');
  writeFileSync(file, ENV_POLICY('Team tools'));
  for (const env of ['dev', 'prod'] as const) {
    const apply = await t.run(['apply', '--env', env, ...signIn, '--scope', 'files', '--yes', 'policies/team']);
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    const plan = await t.run(['plan', '--env', env, ...signIn, '--scope', 'files', '--format', 'json', 'policies/team']);
    assert.equal(plan.code, 0, plan.stdout + plan.stderr);
    assert.deepEqual(
      JSON.parse(plan.stdout).changes.map((c: { action: string }) => c.action),
      ['unchanged'],
    );
  }
  const first = recorded()['team/team.accesspolicy.json'];
  assert.notEqual(first.dev, first.prod);

  writeFileSync(file, ENV_POLICY('Team tools (renamed)'));
  for (const env of ['dev', 'prod'] as const) {
    const apply = await t.run(['apply', '--env', env, ...signIn, '--scope', 'files', '--yes', 'policies/team']);
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    assert.match(apply.stdout, new RegExp(`team\\.accesspolicy\\.json: updated ${first[env]}`));
    assert.equal(stored(env, 'Team tools').length, 0, `${env}: renamed, not doubled`);
    assert.deepEqual(
      stored(env, 'Team tools (renamed)').map((p) => p.id),
      [first[env]],
    );
  }
  assert.deepEqual(recorded()['team/team.accesspolicy.json'], first, 'the ids stay');

  const prod = t.standIn.tenant(PROD).state.directory;
  const twin = prod.addGroup({ displayName: 'Sales Approvers', groupTypes: ['Unified'], mail: 'sales-approvers@contoso.com' });
  try {
    writeFileSync(file, ENV_POLICY('Team tools (renamed again)'));
    const apply = await t.run(['apply', '--env', 'prod', ...signIn, '--scope', 'files', '--yes', 'policies/team']);
    assert.equal(apply.code, 1, apply.stdout + apply.stderr);
    const out = apply.stdout + apply.stderr;
    assert.match(out, /AP4102 .*2 groups in .* have displayName "Sales Approvers"/);
    assert.match(out, new RegExp(`${ids.prod.sales} \\(security group`));
    assert.match(out, new RegExp(`${twin.id} \\(Microsoft 365 group, sales-approvers@contoso\\.com\\)`));
    assert.equal(stored('prod', 'Team tools (renamed again)').length, 0, 'nothing was sent');
  } finally {
    prod.groups.delete(twin.id);
    rmSync(team, { recursive: true });
  }
});
