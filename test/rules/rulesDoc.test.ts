// docs/rules.md is generated from the diagnostic records, so it must be exactly what the records
// give (run `npm run generate-rules-doc` after changing one), and each record must say where its
// fact comes from, with the fact itself in docs/policy-facts.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { renderRulesDoc } from '../../core/src/diagnostics/rulesDoc';
import { CATALOGUE, recordFor } from '../../core/src/diagnostics';

const root = path.join(__dirname, '..', '..');
const read = (name: string) => readFileSync(path.join(root, 'docs', name), 'utf8');

test('the committed docs/rules.md is what the records give', () => {
  assert.equal(read('rules.md'), renderRulesDoc(), 'docs/rules.md differs from the records: run npm run generate-rules-doc');
});

test('generate-rules-doc --check reports the committed docs/rules.md as up to date', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'generate-rules-doc.ts'), '--check'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /up to date/);
});

test('each code has one record, with its anchor row in docs/rules.md', () => {
  const doc = read('rules.md');
  const codes = CATALOGUE.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length, 'no code is defined twice');
  for (const r of CATALOGUE) {
    assert.match(r.code, /^AP\d{4}$/);
    assert.equal(recordFor(r.code), r);
    assert.ok(doc.includes(`| ${r.code} | <a id="${r.anchor}"></a>`), `${r.code} has its row`);
  }
});

test('each record names its source: a page, or an inference and why; the facts it cites are in docs/policy-facts.md', () => {
  const facts = read('policy-facts.md');
  for (const r of CATALOGUE) {
    if (/\[INF\]|\[TF/.test(r.source.cell)) assert.ok(r.source.inferred, `${r.code} is marked inferred in its source, so it says why`);
    assert.ok(
      r.source.urls.length > 0 || r.source.inferred || r.source.own,
      `${r.code} names a page, why it is inferred, or that it is the product's own convention`,
    );
    for (const url of r.source.urls) assert.match(url, /^https:\/\//, r.code);
    for (const anchor of r.source.facts ?? []) {
      assert.ok(facts.includes(`<a id="${anchor}"></a>`), `${r.code} cites docs/policy-facts.md#${anchor}, which must exist`);
    }
  }
});
