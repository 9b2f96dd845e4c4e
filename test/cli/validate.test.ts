// The real `dist/cli.js validate` process: exit codes, both output formats, folders.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, docsExamples, withGuids } from '../support/examples';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'ap-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workspace(): { dir: string; good: string; bad: string } {
  const dir = mkdtempSync(path.join(scratch, 'case-'));
  const examples = docsExamples();
  mkdirSync(path.join(dir, 'nested', 'node_modules'), { recursive: true });
  const good = path.join(dir, 'direct.accesspolicy.json');
  writeFileSync(good, withGuids(examples.find((e) => e.name === 'v1-create-direct-assignment.json')!.text));
  const bad = path.join(dir, 'nested', 'external.accesspolicy.json');
  writeFileSync(bad, examples.find((e) => e.name === 'beta-create-connected-orgs-multistage.json')!.text);
  // Not policies: ignored when walking folders.
  writeFileSync(path.join(dir, 'notes.json'), '{ nonsense');
  writeFileSync(path.join(dir, 'nested', 'node_modules', 'dep.accesspolicy.json'), '{ nonsense');
  return { dir, good, bad };
}

test('a clean file exits 0 and prints nothing on stdout', () => {
  const { good } = workspace();
  const r = run('validate', good);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /1 file checked: 0 errors/);
});

test('a folder is walked for policy files; errors give exit 1 and file:line:col lines', () => {
  const { dir, bad } = workspace();
  const r = run('validate', dir);
  assert.equal(r.code, 1);
  const lines = r.stdout
    .trim()
    .split('\n')
    .filter((l) => l.includes(' error '));
  assert.equal(lines.length, 5, r.stdout);
  assert.equal(
    lines[0],
    `${bad}:2:24 error AP1005 accessPackageId still holds the docs' placeholder "string (identifier)": put the object id (a GUID) of the access package here.`,
  );
  assert.match(r.stderr, /2 files checked: 5 errors, \d+ warnings? in 1 file/);
});

test('--format json gives file, apiVersion and 0-based ranges', () => {
  const { dir, good, bad } = workspace();
  const r = run('validate', '--format', 'json', dir);
  assert.equal(r.code, 1);
  const report = JSON.parse(r.stdout) as {
    file: string;
    apiVersion: string;
    diagnostics: { severity: string; code: string; message: string; range: unknown }[];
  }[];
  assert.deepEqual(
    report.map((f) => [f.file, f.apiVersion]),
    [
      [good, 'v1.0'],
      [bad, 'beta'],
    ],
  );
  assert.deepEqual(report[1].diagnostics[0], {
    severity: 'error',
    code: 'AP1005',
    codeDescription: { href: 'https://github.com/entra-access-policy/entra-access-policy/blob/main/docs/rules.md#ap1005' },
    message: `accessPackageId still holds the docs' placeholder "string (identifier)": put the object id (a GUID) of the access package here.`,
    range: { start: { line: 1, character: 23 }, end: { line: 1, character: 44 } },
  });
});

test('usage errors and unreadable files exit 2 with a message', () => {
  assert.equal(run('validate').code, 2);
  assert.equal(run('validate', '--format', 'xml', 'x').code, 2);
  assert.equal(run('validate', '--bogus', 'x').code, 2);
  const version = run('validate', '--api-version', '1.0', 'x');
  assert.equal(version.code, 2);
  assert.match(version.stderr, /^accesspolicy validate: --api-version must be v1\.0 or beta, not "1\.0"\./);
  assert.equal(run('frobnicate').code, 2);
  const missing = run('validate', '/nonexistent/policy.accesspolicy.json');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read \/nonexistent\/policy\.accesspolicy\.json: no such file or folder/);
  if (process.getuid?.() !== 0) {
    const { good } = workspace();
    chmodSync(good, 0o000);
    assert.equal(run('validate', good).code, 2);
  } else {
    console.log('# unreadable-permission case not checked: running as root, which reads any file');
  }
});

test('a syntax error is a diagnostic, not a crash', () => {
  const dir = mkdtempSync(path.join(scratch, 'case-'));
  const f = path.join(dir, 'broken.accesspolicy.json');
  writeFileSync(f, '{ "displayName": ');
  const r = run('validate', f);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /broken\.accesspolicy\.json:1:\d+ error AP0001 Syntax error/);
});
