// The beta ↔ v1.0 correspondence is one table; its document is generated from it and must be
// current, and the converter's README points there instead of keeping a copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CORRESPONDENCE, counterpartHint } from '../../core/src/versionHints';

const root = path.resolve(__dirname, '..', '..');

test('docs/version-correspondence.md is the rendering of the committed table', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'generate-docs.mjs'), '--check'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  assert.match(r.stdout, /up to date/);
});

test('the converter README points at the table rather than repeating it', () => {
  const readme = readFileSync(path.join(root, 'core', 'src', 'convert', 'README.md'), 'utf8');
  assert.match(readme, /docs\/version-correspondence\.md/);
  assert.doesNotMatch(readme, /^\| `accessPackageId` \|/m, 'no copy of the rows');
});

test('a hint and the document come from the same row', () => {
  const row = CORRESPONDENCE.find((r) => r.in === 'beta' && r.property === 'approvalStages');
  assert.ok(row?.hint);
  assert.equal(counterpartHint('approvalStages', 'beta'), `In v1.0, ${row.hint}.`);
  const doc = readFileSync(path.join(root, 'docs', 'version-correspondence.md'), 'utf8');
  assert.ok(doc.includes(row.hint), 'the document lists the hint');
});
