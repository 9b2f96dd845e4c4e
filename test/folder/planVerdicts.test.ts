// `plan` checks many files on several threads (--jobs, as `validate` does), and its verdict is
// `validate`'s wherever a file is checked: a file is refused for errors exactly when `validate`
// reports errors in it, with the same first diagnostics; warnings alone refuse nothing. Through
// the real process against a seeded stand-in, on pulled files some of which are then broken.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tenantCli, filesUnder, type TenantCli } from './tenantCli';

const POLICIES = 120;
let t: TenantCli;
let files: string[];

before(async () => {
  t = await tenantCli({ seedPolicies: POLICIES, accessPackages: [] });
  const pull = await t.run(['pull', ...t.signIn, '--out', 'tenant']);
  assert.equal(pull.code, 0, pull.stderr);
  files = filesUnder(path.join(t.dir, 'tenant')).sort();
  assert.equal(files.length, POLICIES);
  // Broken in different ways, spread over the folder so every thread gets some.
  const edit = (i: number, change: (text: string) => string) => writeFileSync(files[i], change(readFileSync(files[i], 'utf8')));
  edit(3, (s) => s.replace(/\}\s*$/, '')); // cut off: a syntax error
  edit(17, (s) => s.replace('"displayName": ', '"displayName": 42, "displayNameWas": ')); // wrong type, unknown property
  edit(41, (s) => s.replace(/"allowedTargetScope": "[^"]*"/, '"allowedTargetScope": "everyoneInTheWorld"')); // not in the enum
  edit(66, (s) => s.replace(/"accessPackage": \{[^}]*\}/, '"accessPackage": { "id": "not-a-guid" }'));
  edit(90, (s) => s.replace(/("expiration": \{\s*"type": )"[^"]*"/, '$1"noSuchType"'));
  edit(118, (s) => s.replace(/"description": "[^"]*"/, '"description": ""')); // no error
});
after(async () => t?.close());

interface PlanEntry {
  action: string;
  file: string | null;
  reason: string | null;
}

async function plan(jobs: string): Promise<{ code: number | null; entries: PlanEntry[]; stdout: string; stderr: string }> {
  const r = await t.run(['plan', ...t.signIn, '--jobs', jobs, '--format', 'json', 'tenant']);
  return { code: r.code, entries: (JSON.parse(r.stdout) as { changes: PlanEntry[] }).changes, stdout: r.stdout, stderr: r.stderr };
}

test("plan refuses exactly the files validate reports errors in, with validate's diagnostics, on one thread or several", async () => {
  const validate = await t.run(['validate', '--jobs', '1', '--format', 'json', 'tenant']);
  assert.equal(validate.code, 1, validate.stderr);
  const reports = JSON.parse(validate.stdout) as { file: string; diagnostics: { severity: string; code: string; message: string }[] }[];
  const withErrors = new Map(
    reports
      .map((r) => [path.resolve(t.dir, r.file), r.diagnostics.filter((d) => d.severity === 'error')] as const)
      .filter(([, errors]) => errors.length > 0),
  );
  assert.deepEqual(
    [...withErrors.keys()].map((f) => files.indexOf(f)).sort((a, b) => a - b),
    [3, 17, 41, 66, 90],
    'five of the six edits are errors',
  );

  const one = await plan('1');
  const three = await plan('3');
  assert.doesNotMatch(one.stderr, /threads/);
  assert.match(three.stderr, /checking the files on 3 threads/);
  assert.equal(three.stdout, one.stdout, 'the same plan, byte for byte, whichever thread checked a file');
  assert.equal(three.code, 1);

  const refused = new Map(three.entries.filter((e) => e.action === 'refused').map((e) => [path.resolve(t.dir, e.file!), e.reason!]));
  assert.deepEqual([...refused.keys()].sort(), [...withErrors.keys()].sort());
  for (const [file, errors] of withErrors) {
    const reason = refused.get(file)!;
    assert.match(reason, new RegExp(`^${errors.length} errors? in the file`), file);
    for (const e of errors.slice(0, 3)) assert.ok(reason.includes(`${e.code} ${e.message}`), `${file}: ${reason} lacks ${e.code}`);
  }
  const rest = three.entries.filter((e) => e.file && !refused.has(path.resolve(t.dir, e.file)));
  assert.equal(rest.length, POLICIES - 5);
  assert.ok(
    rest.every((e) => e.action === 'unchanged' || e.action === 'update'),
    'the other files are compared',
  );
});

test('plan --jobs takes a whole number of threads', async () => {
  for (const bad of ['0', '1.5', 'many', '65']) {
    const r = await t.run(['plan', ...t.signIn, '--jobs', bad, 'tenant']);
    assert.equal(r.code, 2, `--jobs ${bad}`);
    assert.match(r.stderr, /--jobs must be a whole number from 1 to 64/);
  }
});
