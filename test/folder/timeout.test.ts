// `--timeout` on pull, plan and apply, through the real process against a stand-in that accepts
// requests and never answers: the same meaning and messages as deploy's (test/deploy/cliHardening).
// The limit counts from the process start, like deploy's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tenantCli, filesUnder, type TenantCli } from './tenantCli';
import { parseJsonc } from '../support/jsonc';

let t: TenantCli;
let live: string[];

before(async () => {
  t = await tenantCli({ seedPolicies: 6, accessPackages: [] });
  const pull = await t.run(['pull', ...t.signIn, '--out', 'live']);
  assert.equal(pull.code, 0, pull.stderr);
  live = filesUnder(path.join(t.dir, 'live')).sort();
});
after(async () => t?.close());

// 4 s, not less: a loaded machine can spend over a second starting Node, and the Graph deadline
// comes a little before the limit.
const LIMIT_S = 4;

// apply plans first (sign-in, the package's lists, validating the files) and must get past that
// before the limit for the write to be what hangs.
const APPLY_LIMIT_S = 8;

function assertEndedAtTheLimit(ms: number, limitS = LIMIT_S): void {
  assert.ok(ms < limitS * 1000 + 1000, `ended after ${ms} ms`);
  assert.ok(ms >= limitS * 1000 - 1500, `ended after ${ms} ms, well before the limit`);
}

test('pull --timeout: a Graph that never answers ends the pull at the limit, with the reason, and nothing is written', async () => {
  t.standIn.state.faults.set({ silent: true });
  const run = await t.run(['pull', ...t.signIn, '--out', 'hung', '--timeout', String(LIMIT_S)]);
  t.standIn.state.faults.set({ silent: null });
  assert.equal(run.code, 1, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(
    run.stderr,
    /accesspolicy pull: The time limit ran out while waiting for Graph \(GET \/v1\.0\/identityGovernance\/entitlementManagement\/catalogs\)/,
  );
  assert.match(run.stderr, /\nNothing was written\.\n$/);
  assert.ok(!existsSync(path.join(t.dir, 'hung')), 'no folder was made');
  assertEndedAtTheLimit(run.ms);
});

test('plan --timeout: a Graph that never answers ends the plan at the limit, no plan is made', async () => {
  t.standIn.state.faults.set({ silent: true });
  const run = await t.run(['plan', ...t.signIn, '--timeout', String(LIMIT_S), path.join(t.dir, 'live')]);
  t.standIn.state.faults.set({ silent: null });
  assert.equal(run.code, 1, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(
    run.stderr,
    /accesspolicy plan: The time limit ran out while waiting for Graph \(GET \/v1\.0\/identityGovernance\/entitlementManagement\/accessPackages\)/,
  );
  assert.match(run.stderr, /\nNo plan was made; nothing was changed\.\n$/);
  assertEndedAtTheLimit(run.ms);
});

test('apply --timeout: a create that hangs fails at the limit with the reason, the next policy is not tried', async () => {
  // Two new policies in a pulled package; Graph reads but never answers a write.
  const dir = path.join(t.dir, 'apply-hung');
  mkdirSync(dir, { recursive: true });
  const base = parseJsonc(readFileSync(live[0], 'utf8')) as Record<string, unknown>;
  delete base.id;
  for (const name of ['first', 'second']) {
    writeFileSync(path.join(dir, `${name}.accesspolicy.json`), JSON.stringify({ ...base, displayName: `Hung ${name}` }, null, 2));
  }
  const before = t.standIn.state.policies.size;
  t.standIn.state.faults.set({ silent: { methods: ['POST', 'PUT', 'DELETE'] } });
  const run = await t.run(['apply', ...t.signIn, '--yes', '--scope', 'files', '--timeout', String(APPLY_LIMIT_S), dir]);
  t.standIn.state.faults.set({ silent: null });
  assert.equal(run.code, 1, run.stderr);
  const first = path.join('apply-hung', 'first.accesspolicy.json');
  const second = path.join('apply-hung', 'second.accesspolicy.json');
  assert.equal(run.stdout, `${first}: failed\n${second}: failed\n`);
  assert.match(
    run.stderr,
    new RegExp(
      `${first.replace(/[.]/g, '\\.')}: [^\\n]*The time limit ran out while waiting for Graph \\(POST /v1\\.0/identityGovernance/entitlementManagement/assignmentPolicies\\)`,
    ),
  );
  assert.match(
    run.stderr,
    new RegExp(`${second.replace(/[.]/g, '\\.')}: not tried: the time limit of ${APPLY_LIMIT_S} s \\(--timeout\\) had run out\\.`),
  );
  assert.equal(t.standIn.state.policies.size, before, 'nothing was created');
  assertEndedAtTheLimit(run.ms, APPLY_LIMIT_S);
});

test("apply's confirmation does not spend --timeout: an answer after the limit still applies", async () => {
  const dir = path.join(t.dir, 'apply-slow-reader');
  mkdirSync(dir, { recursive: true });
  const base = parseJsonc(readFileSync(live[0], 'utf8')) as Record<string, unknown>;
  delete base.id;
  writeFileSync(path.join(dir, 'read-slowly.accesspolicy.json'), JSON.stringify({ ...base, displayName: 'Read slowly' }, null, 2));
  const started = Date.now();
  let asked = 0;
  const run = await t.runInTerminal(['apply', ...t.signIn, '--scope', 'files', '--timeout', String(APPLY_LIMIT_S), dir], async (output) => {
    if (!/Apply 1 change .*\? \[y\/N\] /.test(output)) return undefined;
    asked = Date.now();
    // The person reads the plan for longer than the whole limit before answering.
    await new Promise((r) => setTimeout(r, Math.max(0, started + (APPLY_LIMIT_S + 1) * 1000 - Date.now())));
    return 'y\r';
  });
  assert.ok(asked > 0, run.output);
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /read-slowly\.accesspolicy\.json: created [0-9a-f-]{36}/);
  assert.doesNotMatch(run.output, /time limit/);
  assert.ok([...t.standIn.state.policies.values()].some((p) => p.body.displayName === 'Read slowly'));
});

test('pull, plan and apply refuse a --timeout that is not 1 to 86400 seconds, as deploy does (exit 2)', async () => {
  // The same reader as deploy's (test/deploy/cliHardening.test.ts tries more values).
  for (const command of [['pull'], ['plan', 'live'], ['apply', '--yes', 'live']]) {
    for (const bad of ['0', 'soon']) {
      const r = await t.run([...command, '--timeout', bad, ...t.signIn]);
      assert.equal(r.code, 2, `${command[0]} --timeout ${bad}: ${r.stderr}`);
      assert.match(
        r.stderr,
        new RegExp(`^accesspolicy ${command[0]}: --timeout takes a number of seconds between 1 and 86400, not "${bad}"\\.`),
      );
    }
  }
});
