// The generator must reproduce the committed schemas byte for byte from schemas/inputs/ alone, and
// must fail clearly (without writing anything) on a broken input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MICROSOFT_DIR, metadataFile, repoRoot } from './support';

const script = path.join(repoRoot, 'scripts', 'generate-schemas.mjs');
const OUTPUTS = ['accesspolicy-v1.0.schema.json', 'accesspolicy-beta.schema.json'];

function run(args: string[]) {
  return spawnSync(process.execPath, [script, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
}

test('regenerating into a temp dir gives byte-identical schemas, twice in a row', (t) => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'schemas-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  for (const round of [1, 2]) {
    const r = run(['--out', tmp]);
    assert.equal(r.status, 0, `round ${round}: ${r.stderr}`);
    for (const name of OUTPUTS) {
      const fresh = readFileSync(path.join(tmp, name));
      const committed = readFileSync(path.join(repoRoot, 'schemas', name));
      assert.ok(fresh.equals(committed), `round ${round}: ${name} differs from the committed file (run npm run generate-schemas)`);
      assert.ok(fresh.toString('utf8').endsWith('}\n'), `${name} ends with a newline`);
    }
  }
  assert.deepEqual(readdirSync(tmp).sort(), [...OUTPUTS].sort(), 'only the two schemas are written');
});

test('--check reports the committed schemas as up to date', () => {
  const r = run(['--check']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /up to date/);
});

test('the generator needs only its inputs folder: a copy elsewhere gives the same schemas', (t) => {
  // Copy the inputs elsewhere and point the generator at them; nothing else is involved.
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'schemas-inputs-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  cpSync(path.join(repoRoot, 'schemas', 'inputs'), path.join(tmp, 'inputs'), { recursive: true });
  const r = spawnSync(process.execPath, [script, '--inputs', path.join(tmp, 'inputs'), '--out', path.join(tmp, 'out')], {
    cwd: tmp,
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  for (const name of OUTPUTS) {
    assert.ok(readFileSync(path.join(tmp, 'out', name)).equals(readFileSync(path.join(repoRoot, 'schemas', name))), name);
  }
});

test('a broken input gives a clear error, exit 1 and no output files', (t) => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'schemas-broken-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  cpSync(path.join(repoRoot, 'schemas', 'inputs'), path.join(tmp, 'inputs'), { recursive: true });
  writeFileSync(path.join(tmp, 'inputs', 'beta-policy-types.json'), '{ "types": { ');
  const r = run(['--inputs', path.join(tmp, 'inputs'), '--out', path.join(tmp, 'out')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /generate-schemas: beta type table is not valid JSON/);
  assert.doesNotMatch(r.stderr, /at .*\.mjs:\d+/, 'no stack trace');
  assert.equal(existsSync(path.join(tmp, 'out')), false, 'nothing written');

  const bad = run(['--bogus']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /unknown argument --bogus/);
});

test('--from-shared re-cuts the same v1.0 CSDL slice from Microsoft\'s metadata and finds no beta drift', (t) => {
  metadataFile('v1.0-csdl.xml');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'schemas-shared-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  cpSync(path.join(repoRoot, 'schemas', 'inputs', 'beta-policy-types.json'), path.join(tmp, 'inputs', 'beta-policy-types.json'));
  // The documentation tables are inputs too (hand-written, never re-cut).
  cpSync(path.join(repoRoot, 'schemas', 'inputs', 'docs'), path.join(tmp, 'inputs', 'docs'), { recursive: true });
  cpSync(path.join(repoRoot, 'schemas', 'inputs', 'reference-kinds.json'), path.join(tmp, 'inputs', 'reference-kinds.json'));
  const r = run(['--from-shared', MICROSOFT_DIR, '--inputs', path.join(tmp, 'inputs'), '--out', path.join(tmp, 'out')]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /beta table matches the beta type maps/);
  const slice = 'v1.0-policy-csdl.xml';
  assert.ok(
    readFileSync(path.join(tmp, 'inputs', slice)).equals(readFileSync(path.join(repoRoot, 'schemas', 'inputs', slice))),
    `${slice} differs from the committed slice`,
  );
  for (const name of OUTPUTS) {
    assert.ok(readFileSync(path.join(tmp, 'out', name)).equals(readFileSync(path.join(repoRoot, 'schemas', name))), name);
  }
});
