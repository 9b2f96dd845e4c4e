// dist/cli.js runs the CLI bundle with the V8 code cache the build made (scripts/codeCache.mjs).
// The cache may only make the CLI start sooner: with the build's cache, with none, with one made
// from other text of the same length, or with garbage, the same files give the same report and exit
// code. And the build's cache is one this Node accepts (else no user would gain anything from it).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { REPO_ROOT, docsExamples } from '../support/examples';

const DIST = path.join(REPO_ROOT, 'dist');
const scratch = mkdtempSync(path.join(tmpdir(), 'ap-code-cache-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the CLI's files in a folder of its own, with `cache` as its code cache (none if undefined). */
function cliWith(cache: Buffer | undefined): string {
  const dir = mkdtempSync(path.join(scratch, 'dist-'));
  for (const f of ['cli.js', 'cli-main.js', 'cli-tenant.js']) copyFileSync(path.join(DIST, f), path.join(dir, f));
  if (cache) writeFileSync(path.join(dir, 'cli-main.js.cache'), cache);
  return path.join(dir, 'cli.js');
}

/** Microsoft's examples (both API versions; some with findings) as policy files. */
function policies(): { folder: string; count: number } {
  const folder = mkdtempSync(path.join(scratch, 'policies-'));
  const examples = docsExamples();
  for (const e of examples) writeFileSync(path.join(folder, `${path.parse(e.name).name}.accesspolicy.json`), e.text);
  return { folder, count: examples.length };
}

test('the build made a code cache for this very bundle, and this Node accepts it', () => {
  const source = readFileSync(path.join(DIST, 'cli-main.js'), 'utf8');
  const cache = readFileSync(path.join(DIST, 'cli-main.js.cache'));
  assert.ok(cache.subarray(0, 32).equals(createHash('sha256').update(source).digest()), 'the cache names the bundle it was made from');
  const script = new vm.Script('(function (exports, require, module, __filename, __dirname) {' + source + '\n})', {
    filename: path.join(DIST, 'cli-main.js'),
    cachedData: cache.subarray(32),
  });
  assert.equal(script.cachedDataRejected, false);
});

test('validate reports the same with the build cache, without one, with a stale one and with garbage', () => {
  const { folder, count } = policies();
  const source = readFileSync(path.join(DIST, 'cli-main.js'), 'utf8');
  const real = readFileSync(path.join(DIST, 'cli-main.js.cache'));
  // A cache V8 would take for this text (V8 checks the length only), made from other text: refused by its hash.
  const otherText = new vm.Script(
    '(function (exports, require, module, __filename, __dirname) {' + source.replace(/true/, 'ture') + '\n})',
  );
  const stale = Buffer.concat([createHash('sha256').update('other').digest(), otherText.createCachedData()]);
  const runs = [real, undefined, stale, Buffer.from('not a cache at all')].map((cache) => {
    const r = spawnSync(process.execPath, [cliWith(cache), 'validate', '--format', 'json', '--jobs', '1', folder], { encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout.replaceAll(folder, '<folder>'), stderr: r.stderr };
  });
  const report = JSON.parse(runs[0].stdout) as { diagnostics: unknown[] }[];
  assert.equal(report.length, count, runs[0].stderr);
  assert.ok(
    report.some((f) => f.diagnostics.length > 0),
    'some findings are reported',
  );
  for (const r of runs.slice(1)) assert.deepEqual(r, runs[0]);
});
