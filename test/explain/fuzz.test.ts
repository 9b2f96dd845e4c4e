// explain never throws, whatever the body: truncated, mutated and random documents of both
// versions all get a summary whose statements and findings point inside the document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainPolicy, renderMarkdown, renderText } from '../../core/src/explain';
import { fuzzDocument, rng } from '../support/fuzz';
import { corpus } from './corpus';

const COUNT = 3000;

test(`${COUNT} fuzz documents are explained without an exception`, () => {
  const seeds = corpus().map((e) => e.text);
  const r = rng(20261201);
  for (let n = 0; n < COUNT; n++) {
    const text = fuzzDocument(n, seeds, r);
    try {
      const summary = explainPolicy(text, { defaultApiVersion: n % 2 ? 'beta' : 'v1.0' });
      assert.ok(summary.headline.length > 0);
      const lines = Math.max(text.split('\n').length, 1);
      for (const s of summary.sections) for (const i of s.items) assert.ok(!i.range || i.range.end.line < lines);
      renderText(summary);
      renderMarkdown(summary);
    } catch (err) {
      assert.fail(`document #${n} threw ${err instanceof Error ? err.stack : String(err)}\n${text.slice(0, 2000)}`);
    }
  }
});
