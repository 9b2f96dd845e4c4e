// The real `dist/cli.js explain` process: text and Markdown summaries, findings beside their part,
// several files, usage errors and unreadable files.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'workspace');
const scratch = mkdtempSync(path.join(tmpdir(), 'ap-explain-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: scratch });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const V1 = path.join(FIXTURES, 'v1-connected-orgs-multistage-review.accesspolicy.json');
const BETA = path.join(FIXTURES, 'beta-with-questions.accesspolicy.json');

test('explain prints a plain-language summary: requestors, each stage, duration, review', () => {
  const r = run('explain', V1);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /policy for external access requests \(Graph v1\.0\)/);
  assert.match(r.stdout, /Requested by: all connected organizations · 2 approval stages · no end date · quarterly review/);
  assert.match(
    r.stdout,
    /Stage 1\n\s+- Approvers:\n\s+- internal sponsors\n\s+- Fallback approvers[^\n]*\n\s+- user 7deff43e-1f17-44ef-9e5f-d516b0ba11d4/,
  );
  assert.match(r.stdout, /Denied if nobody decides within 14 days\./);
  assert.match(r.stdout, /Reviewed every 3 months \(quarterly\)/);
  assert.match(r.stdout, /When nobody decides: Undecided people keep their access\./);
  assert.doesNotMatch(r.stdout, /P14D/);
});

test('explain --format markdown writes headings and lists, warnings beside their part', () => {
  const questions = run('explain', '--format', 'markdown', BETA);
  assert.equal(questions.code, 0, questions.stderr);
  assert.match(questions.stdout, /^### Users from connected organizations can request/);
  assert.match(questions.stdout, /#### Questions \(2\)\n\n- "what state are you from\?" \(optional, multiple choice, one answer\)/);
  // Stages while approval is off: AP2002 (on `stages`) sits under the Approval heading.
  const file = path.join(scratch, 'unused-stages.accesspolicy.json');
  writeFileSync(file, readFileSync(V1, 'utf8').replace('"isApprovalRequiredForAdd": true', '"isApprovalRequiredForAdd": false'));
  const r = run('explain', '--format', 'markdown', file);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /#### Approval \(2 stages\)\n\n- ⚠️ \*\*Warning\*\* AP2002 \(line 22, column 9\): Approval is not required/);
  assert.match(r.stdout, /Graph v1\.0 · 0 errors, 1 warning\./);
});

test('explain takes several files and folders, one summary each, in order', () => {
  const r = run('explain', V1, BETA);
  assert.equal(r.code, 0, r.stderr);
  const first = r.stdout.indexOf(V1);
  const second = r.stdout.indexOf(BETA);
  assert.ok(first >= 0 && second > first, r.stdout.slice(0, 200));
  const folder = run('explain', FIXTURES);
  assert.equal(folder.code, 0);
  assert.equal(folder.stdout.match(/^\S.*\(Graph (v1\.0|beta)\)$/gm)?.length, 5);
});

test('a broken file is still explained, with its syntax error shown', () => {
  const file = path.join(scratch, 'broken.accesspolicy.json');
  writeFileSync(
    file,
    readFileSync(V1, 'utf8').replace('"allConfiguredConnectedOrganizationUsers",', '"allConfiguredConnectedOrganizationUsers"'),
  );
  const r = run('explain', file);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /✖ error AP0001 \(line 5, column 5\): Syntax error/);
});

test('usage errors and unreadable files exit 2 and say why', () => {
  const bad = run('explain', '--format', 'html', V1);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--format must be text or markdown, not "html"/);
  const version = run('explain', '--api-version', 'v2', V1);
  assert.equal(version.code, 2);
  assert.match(version.stderr, /^accesspolicy explain: --api-version must be v1\.0 or beta, not "v2"\./);
  assert.equal(version.stdout, '', 'nothing is explained under a version that does not exist');
  const none = run('explain');
  assert.equal(none.code, 2);
  const missing = run('explain', path.join(scratch, 'nope.accesspolicy.json'), V1);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read .*nope\.accesspolicy\.json: no such file or folder/);
  assert.match(missing.stdout, /policy for external access requests/, 'the readable file is still explained');
  const help = run('explain', '--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: accesspolicy explain/);
});
