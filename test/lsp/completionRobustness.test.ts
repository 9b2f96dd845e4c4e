// Completion must answer sensibly at any cursor while a file is being typed: at every offset of
// each fixture policy, and at the end of every prefix of it (the file as it looks mid-typing),
// it never throws and every edit replaces a range around the cursor. In-process over the core
// (thousands of positions; the LSP wiring is covered by completion.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { completionsAt } from '../../core/src/knowledge/completions';
import { validatePolicy } from '../../core/src/validate';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'workspace');

for (const name of readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  test(`completion at every offset and every prefix of ${name}`, () => {
    const text = readFileSync(path.join(FIXTURES, name), 'utf8');
    const full = validatePolicy(text);
    let answered = 0;
    const check = (t: string, offset: number, result: typeof full) => {
      const items = completionsAt(t, offset, result.apiVersion, result.parsed.value, result.parsed.root);
      for (const item of items) {
        assert.ok(
          item.start <= offset && offset <= item.end && item.end <= t.length,
          `${name}@${offset}: ${item.label} edits ${item.start}-${item.end}`,
        );
        assert.ok(item.insertText.length > 0, `${name}@${offset}: ${item.label} inserts nothing`);
      }
      if (items.length > 0) answered++;
    };
    for (let offset = 0; offset <= text.length; offset++) check(text, offset, full);
    for (let cut = 0; cut <= text.length; cut += 11) {
      const prefix = text.slice(0, cut);
      check(prefix, cut, validatePolicy(prefix));
    }
    // Most positions in a policy are keys or values, where something should be offered.
    assert.ok(answered > text.length / 4, `${name}: only ${answered} positions had completions`);
  });
}
