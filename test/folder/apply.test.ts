// `accesspolicy apply` through the real process, and the folder apply core in-process: creates,
// updates and adoptions one at a time under injected faults (5xx, 504 after commit, connection
// resets, 429) leave exactly one policy per file with every id written back; deletes of unmanaged
// policies come last, and a refused delete is explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, cpSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { tenantCli, filesUnder as files, type TenantCli } from './tenantCli';
import { harness, v1PolicyText, PACKAGE } from '../deploy/helpers';
import { planFolder } from '../../deploy/src/folder/planFolder';
import { applyFolderPlan } from '../../deploy/src/folder/applyFolder';
import { policyIdInText } from '../../deploy/src/folder/folderIndex';
import { parseJsonc } from '../support/jsonc';

let t: TenantCli;

before(async () => {
  t = await tenantCli({ seedPolicies: 60, pageSize: 7, accessPackages: [] });
  const pull = await t.run(['pull', ...t.signIn, '--out', 'live']);
  assert.equal(pull.code, 0, pull.stderr);
});
after(async () => t?.close());

function value(file: string): Record<string, unknown> {
  return parseJsonc(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** A working copy of one access package's pulled files. */
function workOnOnePackage(name: string, which: number): { dir: string; pkgId: string } {
  const all = files(path.join(t.dir, 'live'));
  const pkgDir = [...new Set(all.map((f) => path.dirname(f)))].sort()[which];
  const live = all.filter((f) => path.dirname(f) === pkgDir);
  const dir = path.join(t.dir, name);
  mkdirSync(dir, { recursive: true });
  for (const f of live.filter((x) => path.dirname(x) === pkgDir)) cpSync(f, path.join(dir, path.basename(f)));
  return { dir, pkgId: String((value(live[0]).accessPackage as { id: string }).id) };
}

function policiesNamed(pkgId: string, displayName: string): number {
  return [...t.standIn.state.policies.values()].filter((p) => p.accessPackageId === pkgId && p.body.displayName === displayName).length;
}

test('apply --yes under 5xx, 504 after commit, resets and 429: one policy per file, every id written back, then plan is clean', async () => {
  const { dir, pkgId } = workOnOnePackage('work', 0);
  const existing = files(dir);
  // Two updates, three creates (one per fault kind that hits a POST), one adoption.
  for (const f of existing.slice(0, 2))
    writeFileSync(f, readFileSync(f, 'utf8').replace(/"description": "[^"]*"/, '"description": "changed by apply"'));
  const template = readFileSync(existing[2], 'utf8').replace(/\n {2}"id": "[^"]+",/, '');
  const templateName = String(value(existing[2]).displayName);
  const created = ['New A', 'New B', 'New C'].map((n) => {
    const f = path.join(dir, `${n}.accesspolicy.json`);
    writeFileSync(f, template.replace(`"displayName": "${templateName}"`, `"displayName": "${n}"`));
    return f;
  });
  const adopt = existing[3];
  writeFileSync(adopt, readFileSync(adopt, 'utf8').replace(/\n {2}"id": "[^"]+",/, ''));

  t.standIn.state.faults.set({
    throttle: { count: 2, retryAfterSeconds: 1, methods: ['POST', 'PUT'] },
    failure: { count: 3, status: 503, retryAfterSeconds: 0, methods: ['GET', 'PUT'] },
    failAfterCommit: { count: 2, mode: '504', methods: ['POST'] },
  });
  const run = await t.run(['apply', ...t.signIn, '--yes', dir]);
  const fired = t.standIn.state.faults.settings;
  assert.deepEqual([fired.throttle?.count, fired.failure?.count, fired.failAfterCommit?.count], [0, 0, 0], 'every injected fault fired');
  t.standIn.state.faults.set({ failAfterCommit: { count: 1, mode: 'drop', methods: ['POST'] } });
  const d = path.join(dir, 'New D.accesspolicy.json');
  writeFileSync(d, template.replace(`"displayName": "${templateName}"`, '"displayName": "New D"'));
  const reset = await t.run(['apply', ...t.signIn, '--yes', dir]);
  assert.equal(t.standIn.state.faults.settings.failAfterCommit?.count, 0, 'the reset fired');
  t.standIn.state.faults.clear();

  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(reset.code, 0, reset.stdout + reset.stderr);
  const lines = run.stdout.trim().split('\n');
  assert.equal(lines.filter((l) => / created [0-9a-f-]{36}$/.test(l)).length, 3, run.stdout);
  assert.equal(lines.filter((l) => / updated [0-9a-f-]{36}$/.test(l)).length, 2, run.stdout);
  assert.equal(lines.filter((l) => / adopted [0-9a-f-]{36}$/.test(l)).length, 1, run.stdout);
  assert.match(run.stderr, /looked the policy up before retrying/);
  assert.match(reset.stdout, /New D\.accesspolicy\.json: created [0-9a-f-]{36}/);

  for (const f of [...created, d, adopt]) {
    const id = policyIdInText(readFileSync(f, 'utf8'));
    assert.ok(id && t.standIn.state.policies.has(id), `${f} has the id of a tenant policy`);
  }
  for (const name of ['New A', 'New B', 'New C', 'New D', String(value(adopt).displayName)])
    assert.equal(policiesNamed(pkgId, name), 1, `exactly one "${name}"`);
  for (const f of existing.slice(0, 2))
    assert.equal(t.standIn.state.policies.get(String(value(f).id))!.body.description, 'changed by apply');

  const plan = await t.run(['plan', ...t.signIn, dir]);
  assert.equal(plan.code, 0, plan.stdout);
});

test('--delete-unmanaged deletes last; a policy that still has assignments is refused and explained, not retried; exit 1', async () => {
  const { dir, pkgId } = workOnOnePackage('prune', 1);
  const [dropMe, inUse] = files(dir);
  const dropId = String(value(dropMe).id);
  const inUseId = String(value(inUse).id);
  rmSync(dropMe);
  rmSync(inUse);
  t.standIn.state.assignments.set(inUseId, 2);
  t.takeRequests();
  const run = await t.run(['apply', ...t.signIn, '--yes', '--delete-unmanaged', dir]);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, new RegExp(`tenant policy ${dropId} \\(access package ${pkgId}\\): deleted ${dropId}`));
  assert.match(run.stdout, new RegExp(`tenant policy ${inUseId} .*: failed ${inUseId}`));
  assert.match(run.stderr, /delete refused: .*assignments.*remove them first/i);
  assert.ok(!t.standIn.state.policies.has(dropId));
  assert.ok(t.standIn.state.policies.has(inUseId));
  const deletes = t.takeRequests().filter((r) => r.method === 'DELETE');
  assert.deepEqual(deletes.map((d) => d.status).sort(), [204, 400], 'the refused delete was sent once');
});

test('apply refuses unsafe or unconfirmed runs before any request: tenant-wide deletes without packages, no terminal without --yes', async () => {
  t.takeRequests();
  const tenantWide = await t.run(['apply', ...t.signIn, '--yes', '--delete-unmanaged', '--scope', 'tenant', 'live']);
  assert.equal(tenantWide.code, 2);
  assert.match(tenantWide.stderr, /name the access packages with --access-package/);
  const noYes = await t.run(['apply', ...t.signIn, 'live']);
  assert.equal(noYes.code, 2);
  assert.match(noYes.stderr, /pass --yes/);
  assert.deepEqual(
    t.takeRequests().filter((r) => r.path.includes('identityGovernance')),
    [],
  );
});

test('in-process: a 500 on a create that did not commit is looked up, then sent once more: one policy, id written', async () => {
  const h = await harness({ failure: { count: 1, status: 500, methods: ['POST'] } });
  try {
    const file = h.writePolicy('one.accesspolicy.json', v1PolicyText({ displayName: 'Once only' }));
    const plan = await planFolder({ graph: h.graph, files: [file], scope: 'packages', tenant: h.standIn.tenantId });
    assert.deepEqual(
      plan.entries.map((e) => e.action),
      ['create'],
    );
    const results = await applyFolderPlan(plan, { graph: h.graph, reconcileDelaysMs: [5, 5] });
    assert.deepEqual(
      results.map((r) => r.action),
      ['created'],
    );
    const mine = [...h.standIn.state.policies.values()].filter((p) => p.accessPackageId === PACKAGE && p.body.displayName === 'Once only');
    assert.equal(mine.length, 1);
    assert.equal(policyIdInText(readFileSync(file, 'utf8')), mine[0].id);
    assert.deepEqual(
      h.standIn.state.requests.filter((r) => r.method === 'POST').map((r) => r.status),
      [500, 201],
    );
  } finally {
    await h.close();
  }
});
