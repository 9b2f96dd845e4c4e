// `dist/cli.js validate` against what a careless user or a hostile repository gives it (issue 9):
// a reader that stops early, symbolic links and link loops, a folder without policies, UTF-16
// files, control characters in file names and keys, and a file with 100,000 findings. The real
// process; run `node scripts/build.mjs` first. Every document is generated here.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../support/examples';
import { unknownPropertiesPolicy } from '../support/manyFindings';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'ap-cli-hardening-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const CLEAN = JSON.stringify(
  {
    displayName: 'Sales',
    description: 'é',
    accessPackage: { id: 'a2e1ca1e-4e56-47d2-9daa-e2ba8d12a82b' },
    allowedTargetScope: 'notSpecified',
  },
  null,
  2,
);

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const folder = () => mkdtempSync(path.join(scratch, 'case-'));

test('a reader that stops after the first line ends the output quietly, with the true exit status', async () => {
  const dir = folder();
  const file = path.join(dir, 'many.accesspolicy.json');
  writeFileSync(file, unknownPropertiesPolicy(20_000));
  const child = spawn(process.execPath, [CLI, 'validate', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  // Like `| head -1`: read the first line, then close the pipe.
  const first = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      if (out.includes('\n')) {
        child.stdout.destroy();
        resolve(out.slice(0, out.indexOf('\n')));
      }
    });
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  assert.match(first, /many\.accesspolicy\.json:\d+:\d+ error AP1001 /);
  assert.doesNotMatch(stderr, /EPIPE|Error:|at /, stderr);
  assert.match(stderr, /^1 file checked: 20000 errors/m);
  assert.equal(code, 1, 'errors were found: exit 1, as without the pipe');
});

test('symbolic links to files and folders are followed; a link loop ends; each real folder is walked once', () => {
  const dir = folder();
  const real = path.join(dir, 'real');
  mkdirSync(path.join(real, 'inner'), { recursive: true });
  writeFileSync(path.join(real, 'inner', 'a.accesspolicy.json'), CLEAN);
  const elsewhere = path.join(dir, 'elsewhere');
  mkdirSync(elsewhere);
  writeFileSync(path.join(elsewhere, 'target.json'), '{ "displayName": 1 }');
  const root = path.join(dir, 'root');
  mkdirSync(root);
  symlinkSync(real, path.join(root, 'linked-folder'));
  symlinkSync(path.join(elsewhere, 'target.json'), path.join(root, 'linked.accesspolicy.json'));
  symlinkSync(root, path.join(root, 'loop'));
  symlinkSync(path.join(dir, 'missing.json'), path.join(root, 'dangling.accesspolicy.json'));
  const r = run('validate', root);
  assert.equal(r.code, 2, 'the dangling link is a policy file that cannot be read');
  assert.match(r.stderr, /cannot read .*dangling\.accesspolicy\.json: no such file or folder/);
  assert.match(r.stderr, /^2 files checked: \d+ errors?, \d+ warnings? in 1 file/m, r.stderr);
  assert.match(r.stdout, /linked\.accesspolicy\.json:1:18 error AP1002 /, 'the linked file is checked under its link name');
  assert.doesNotMatch(r.stdout + r.stderr, /loop/, 'the loop back to the root is not walked again');

  const clean = run('validate', path.join(root, 'linked-folder'));
  assert.equal(clean.code, 0, clean.stderr);
  assert.match(clean.stderr, /^1 file checked: 0 errors/m);
});

test('a named folder without policy files is an error, not a pass', () => {
  const dir = folder();
  writeFileSync(path.join(dir, 'notes.json'), '{}');
  const r = run('validate', dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`no \\*\\.accesspolicy\\.json files in ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  // With another folder that has policies, the empty one is still reported.
  const full = folder();
  writeFileSync(path.join(full, 'ok.accesspolicy.json'), CLEAN);
  const both = run('validate', full, dir);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /no \*\.accesspolicy\.json files in /);
});

test('a UTF-16 file gets one error saying so, with or without a byte order mark, either byte order', () => {
  const dir = folder();
  const le = Buffer.from('\ufeff' + CLEAN, 'utf16le');
  const be = Buffer.from(le).swap16();
  writeFileSync(path.join(dir, 'le.accesspolicy.json'), le);
  writeFileSync(path.join(dir, 'be.accesspolicy.json'), be);
  writeFileSync(path.join(dir, 'le-no-bom.accesspolicy.json'), Buffer.from(CLEAN, 'utf16le'));
  writeFileSync(path.join(dir, 'utf8.accesspolicy.json'), CLEAN);
  const r = run('validate', dir);
  assert.equal(r.code, 1);
  const lines = r.stdout.trim().split('\n');
  assert.deepEqual(
    lines.map((l) => l.replace(/ This file is.*/, '').replace(dir + path.sep, '')),
    ['be.accesspolicy.json:1:1 error AP0006', 'le-no-bom.accesspolicy.json:1:1 error AP0006', 'le.accesspolicy.json:1:1 error AP0006'],
  );
  assert.match(lines[0], /This file is UTF-16BE text; a policy file must be UTF-8/);
  assert.match(lines[2], /This file is UTF-16LE text; a policy file must be UTF-8/);
  assert.match(r.stderr, /^4 files checked: 3 errors/m);
});

test('control characters in a file name or a key cannot forge a file:line:col line', () => {
  const dir = folder();
  const forged = 'x.accesspolicy.json:1:1 error AP0000 forged';
  const name = `evil\n${forged}\n.accesspolicy.json`;
  writeFileSync(path.join(dir, name), JSON.stringify({ displayName: 'x', [`k\n${forged}`]: 1 }));
  const r = run('validate', dir);
  assert.equal(r.code, 1);
  const lines = r.stdout.trim().split('\n');
  assert.ok(lines.length >= 1);
  for (const line of lines)
    assert.ok(line.startsWith(JSON.stringify(path.join(dir, name)) + ':'), `every line starts with the quoted name: ${line}`);
  assert.ok(!lines.some((l) => l.startsWith('x.accesspolicy.json')), 'no forged line');
  assert.ok(
    lines.some((l) => l.includes('Unknown property `k\\nx.accesspolicy.json:1:1 error AP0000 forged`')),
    r.stdout,
  );
});

test('100,000 findings: the CLI lists every one (the editor caps, the CLI does not)', () => {
  const dir = folder();
  const file = path.join(dir, 'many.accesspolicy.json');
  writeFileSync(file, unknownPropertiesPolicy(100_000));
  const r = run('validate', '--format', 'json', file);
  assert.equal(r.code, 1, r.stderr);
  const [report] = JSON.parse(r.stdout) as { diagnostics: { code: string }[] }[];
  assert.equal(report.diagnostics.filter((d) => d.code === 'AP1001').length, 100_000);
  assert.match(r.stderr, /^1 file checked: 100000 errors/m);
});
