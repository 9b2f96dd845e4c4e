// Positions of findings: the first lookups move a cursor forward through the text, later ones (or
// one behind the cursor) use the table of line starts. Either way a position is the same one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../core/src/lineIndex';
import { rng } from '../support/fuzz';

/** The position of `offset` by counting, one character at a time (\r\n, \r and \n end lines). */
function counted(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n' && i + 1 < offset) i++;
    else if (c === '\r' && text[i + 1] === '\n') continue; // offset between \r and \n: still the \r's line
    if (c === '\n' || c === '\r') {
      line++;
      start = i + 1;
    }
  }
  return { line, character: Math.min(offset, text.length) - start };
}

test('positions are the same whether the cursor or the table answers, in any order of lookups', () => {
  const r = rng(77);
  const texts = ['', 'one line', 'a\nb\n', '\n\n\n', 'x\r\ny\rz\n', `${'{"k": 1},\n'.repeat(500)}`, 'end\n'];
  for (let n = 0; n < 40; n++) {
    const parts: string[] = [];
    for (let k = 0; k < 60; k++)
      parts.push('ab c'.slice(0, Math.floor(r() * 4)), ['\n', '\n', '\r\n', ' '][Math.floor(r() * (n % 2 ? 4 : 2))]);
    texts.push(parts.join(''));
  }
  for (const text of texts) {
    const offsets = Array.from({ length: 30 }, () => Math.floor(r() * (text.length + 3)) - 1);
    // Forward only (the cursor answers all), then shuffled (a lookup behind the cursor builds the table).
    for (const order of [[...offsets].sort((a, b) => a - b), offsets]) {
      const index = new LineIndex(text);
      for (const o of order) {
        const clamped = Math.max(0, Math.min(o, text.length));
        assert.deepEqual(index.positionAt(o), counted(text, clamped), `offset ${o} in ${JSON.stringify(text.slice(0, 80))}`);
        assert.equal(index.offsetAt(index.positionAt(o)), clamped);
      }
    }
  }
});
