// Thousands of random, truncated and mutated documents through the validation core: every one
// gets a verdict, no exception escapes, and no rule fails internally.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePolicy } from '../../core/src/validate';
import { docsExamples, withGuids } from '../support/examples';
import { fuzzDocument, rng } from '../support/fuzz';

const COUNT = 5000;

test(`${COUNT} fuzz documents validate without an exception or an internal rule failure`, () => {
  const seeds = docsExamples().map((e) => withGuids(e.text));
  const r = rng(20261128);
  for (let n = 0; n < COUNT; n++) {
    const text = fuzzDocument(n, seeds, r);
    let result;
    try {
      result = validatePolicy(text, { defaultApiVersion: n % 2 ? 'beta' : 'v1.0' });
    } catch (err) {
      assert.fail(`document #${n} threw ${String(err)}\n${text.slice(0, 2000)}`);
    }
    assert.deepEqual(
      result.internalErrors.map((e) => `${e.rule}: ${String(e.error)}`),
      [],
      `document #${n}:\n${text.slice(0, 2000)}`,
    );
    for (const d of result.diagnostics) {
      assert.ok(d.offset >= 0 && d.offset + d.length <= Math.max(text.length, 1), `range inside the document (#${n} ${d.code})`);
      assert.ok(d.message.length > 0);
    }
  }
});
