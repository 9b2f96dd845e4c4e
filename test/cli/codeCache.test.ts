// dist/cli.js runs the CLI bundle with the V8 code cache the build made (scripts/codeCache.mjs), and
// dist/cli-tenant.js the tenant commands' bundle with theirs. A cache may only make the CLI start
// sooner: with the build's cache, with none, with one made from other text of the same length, or
// with garbage, the same files give the same report and exit code. And each cache the build made is
// one this Node accepts (else no user would gain anything from it).
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

const BUNDLES = { cli: 'cli-main.js', tenant: 'cli-tenant-main.js' } as const;

/** A copy of the CLI's files in a folder of its own, with `cache` as the code cache of `bundle` (none if undefined). */
function cliWith(cache: Buffer | undefined, bundle: string = BUNDLES.cli): string {
  const dir = mkdtempSync(path.join(scratch, 'dist-'));
  for (const f of ['cli.js', 'cli-main.js', 'cli-tenant.js', 'cli-tenant-main.js']) copyFileSync(path.join(DIST, f), path.join(dir, f));
  // The other bundle keeps the build's cache.
  const other = bundle === BUNDLES.cli ? BUNDLES.tenant : BUNDLES.cli;
  copyFileSync(path.join(DIST, `${other}.cache`), path.join(dir, `${other}.cache`));
  if (cache) writeFileSync(path.join(dir, `${bundle}.cache`), cache);
  return path.join(dir, 'cli.js');
}

/** Caches for `bundle`: the build's, none, one made from other text (refused by its hash), garbage. */
function cacheVariants(bundle: string): (Buffer | undefined)[] {
  const source = readFileSync(path.join(DIST, bundle), 'utf8');
  const real = readFileSync(path.join(DIST, `${bundle}.cache`));
  // A cache V8 would take for this text (V8 checks the length only), made from other text: refused by its hash.
  const otherText = new vm.Script(
    '(function (exports, require, module, __filename, __dirname) {' + source.replace(/true/, 'ture') + '\n})',
  );
  const stale = Buffer.concat([createHash('sha256').update('other').digest(), otherText.createCachedData()]);
  return [real, undefined, stale, Buffer.from('not a cache at all')];
}

/** Microsoft's examples (both API versions; some with findings) as policy files. */
function policies(): { folder: string; count: number } {
  const folder = mkdtempSync(path.join(scratch, 'policies-'));
  const examples = docsExamples();
  for (const e of examples) writeFileSync(path.join(folder, `${path.parse(e.name).name}.accesspolicy.json`), e.text);
  return { folder, count: examples.length };
}

for (const bundle of Object.values(BUNDLES)) {
  test(`the build made a code cache for this very bundle (${bundle}), and this Node accepts it`, () => {
    const source = readFileSync(path.join(DIST, bundle), 'utf8');
    const cache = readFileSync(path.join(DIST, `${bundle}.cache`));
    assert.ok(cache.subarray(0, 32).equals(createHash('sha256').update(source).digest()), 'the cache names the bundle it was made from');
    const script = new vm.Script('(function (exports, require, module, __filename, __dirname) {' + source + '\n})', {
      filename: path.join(DIST, bundle),
      cachedData: cache.subarray(32),
    });
    assert.equal(script.cachedDataRejected, false);
  });
}

test('validate reports the same with the build cache, without one, with a stale one and with garbage', () => {
  const { folder, count } = policies();
  const runs = cacheVariants(BUNDLES.cli).map((cache) => {
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

test("a tenant command runs the same with its bundle's build cache, without one, with a stale one and with garbage", () => {
  // plan with no sign-in is a configuration error (exit 2) reported by the tenant bundle, after its help text loaded.
  const runs = cacheVariants(BUNDLES.tenant).map((cache) => {
    const cli = cliWith(cache, BUNDLES.tenant);
    const help = spawnSync(process.execPath, [cli, 'plan', '--help'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    const refused = spawnSync(process.execPath, [cli, 'plan', '.'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    return { help: [help.status, help.stdout, help.stderr], refused: [refused.status, refused.stdout, refused.stderr] };
  });
  assert.equal(runs[0].help[0], 0);
  assert.match(String(runs[0].help[1]), /Usage: accesspolicy plan/);
  assert.equal(runs[0].refused[0], 2, String(runs[0].refused[2]));
  for (const r of runs.slice(1)) assert.deepEqual(r, runs[0]);
});
