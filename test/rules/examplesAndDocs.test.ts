// The docs' own example bodies (GUIDs in place of placeholders) must pass every rule with no error,
// and every code the core can report must be listed in docs/rules.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { check, expectNoErrors } from './support';
import { docsExamples, withGuids } from '../support/examples';
import { FILE_CODES, REFERENCE_CODES, RULE_CODES, SCHEMA_CODES } from '../../core/src/diagnostics';

/** The warnings and information the examples do get, each justified by docs/policy-facts.md. */
const EXPECTED_FINDINGS: Record<string, string[]> = {
  // User-set `description` is read-only (docs/policy-facts.md, "Subject types and where they go"), and the example sends four.
  'beta-create-connected-orgs-multistage.json': ['AP2042', 'AP2042', 'AP2042', 'AP2042'],
  // R3 (docs/policy-facts.md): its stage has no `escalationApprovers` array; its backup group sends a description.
  'beta-create-with-questions.json': ['AP2013', 'AP2042'],
  'beta-create-direct-assignment.json': [],
  'v1-create-direct-assignment.json': [],
  'v1-create-connected-orgs-multistage-review.json': [],
};

test('docs examples (GUIDs in place of placeholders): no error, and only the expected (fact-backed) warnings', async () => {
  const examples = docsExamples();
  assert.deepEqual(
    examples.map((e) => e.name),
    Object.keys(EXPECTED_FINDINGS).sort(),
  );
  for (const ex of examples) {
    const c = await check(withGuids(ex.text));
    expectNoErrors(c);
    assert.deepEqual(c.diagnostics.map((d) => d.code).sort(), EXPECTED_FINDINGS[ex.name], ex.name);
  }
});

test('docs/rules.md lists every code, each in a table row', async () => {
  const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
  const codes = [
    ...Object.values(FILE_CODES),
    ...Object.values(SCHEMA_CODES),
    ...Object.values(RULE_CODES),
    ...Object.values(REFERENCE_CODES),
  ];
  const missing = codes.filter((c) => !new RegExp(`^\\| ${c} \\|`, 'm').test(doc));
  assert.deepEqual(missing, []);
  assert.equal(new Set(Object.values(RULE_CODES)).size, Object.values(RULE_CODES).length, 'no rule code is used twice');
});
