// `validate` over many files on several threads gives exactly what one thread gives: same lines,
// same order, same summary, same exit status.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../support/examples';
import { fuzzDocument, rng } from '../support/fuzz';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'ap-jobs-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** 400 files: the repository's fixtures (clean and broken) and fuzzed variants of them. */
function folder(): string {
  const fixtures = path.join(REPO_ROOT, 'test', 'fixtures', 'microsoft', 'examples');
  const seeds = readdirSync(fixtures)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readFileSync(path.join(fixtures, f), 'utf8'));
  const r = rng(15);
  for (let n = 0; n < 400; n++) {
    const text = n % 4 === 0 ? seeds[n % seeds.length] : fuzzDocument(n, seeds, r);
    writeFileSync(path.join(scratch, `p-${String(n).padStart(3, '0')}.accesspolicy.json`), text);
  }
  return scratch;
}

test('--jobs 3 gives byte for byte the output of --jobs 1, in both formats', () => {
  const dir = folder();
  for (const format of ['text', 'json']) {
    const one = run('validate', '--format', format, '--jobs', '1', dir);
    const three = run('validate', '--format', format, '--jobs', '3', dir);
    assert.equal(one.code, 1, one.stderr);
    assert.match(one.stderr, /^400 files checked: \d+ errors/m);
    assert.ok(one.stdout.length > 10_000, 'the files have findings to compare');
    assert.equal(three.stdout, one.stdout, `${format} output`);
    assert.equal(three.stderr, one.stderr);
    assert.equal(three.code, one.code);
  }
});

test('--jobs takes a whole number of threads', () => {
  const r = run('validate', '--jobs', '0', scratch);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--jobs must be a whole number from 1 to 64, not "0"/);
});
