// A file with comments is read natively once its comments are blanked (core/src/comments.ts), not
// through jsonc-parser's syntax tree. It must read exactly as the tree reads it: the same value and
// the same syntax errors (none, or the tree's when it falls back), for pulled files' leading
// comments, comments between members (holding quotes and brackets), an unclosed comment, keys
// named __proto__, comments at the top and further down, and fuzzed documents behind a comment. Positions: test/core/locate.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTree, type ParseError } from 'jsonc-parser';
import { nodeValue, ParsedPolicy } from '../../core/src/parse';
import { fuzzDocument, rng } from '../support/fuzz';
import { REPO_ROOT } from '../support/examples';

const DIRS = ['test/fixtures/workspace', 'test/fixtures/microsoft/examples', 'test/fixtures/real-world'];

test('a file with comments reads as the syntax tree reads it', () => {
  const seeds = DIRS.flatMap((d) =>
    readdirSync(path.join(REPO_ROOT, d))
      .filter((f) => f.endsWith('.json'))
      .map((f) => readFileSync(path.join(REPO_ROOT, d, f), 'utf8')),
  );
  const texts: string[] = [];
  for (const t of seeds) {
    texts.push(
      '// Catalog: Sales · Access package: Visitors\n' + t,
      t.replace(/,\n/g, (m, at: number) => (at % 2 ? m : ', /* "x" ] } { [ */\n')).replace(/\n/, ' // first line, "quoted" ]\n'),
      t + '\n/* not closed',
      '/* a */ ' + t.replace('{', '{ "__proto__": { "x": 1 }, '),
      '// c\n' + t.replace('{', '{ "\\u005f_proto__": { "x": 1 }, '),
      // Several comments at the top, then (or not) one further down: the top ones alone are
      // blanked first, and the one further down must still be read as a comment.
      '// one\n  /* two\r\n lines */ // three\n' + t,
      '// lead\n' + t.replace(/,\n/, ', // later "x"\n'),
      '/* lead */' + t.replace(/,\n/, ', /* later */\n'),
    );
  }
  const r = rng(9001);
  for (let n = 0; n < 1500; n++) texts.push('// c\n' + fuzzDocument(n, seeds, r));
  let native = 0;
  for (const text of texts) {
    const errors: ParseError[] = [];
    const tree = parseTree(text, errors, { disallowComments: false, allowTrailingComma: false, allowEmptyContent: true });
    const parsed = new ParsedPolicy(text);
    // As JSON: a key "__proto__" read from the tree sets a prototype, a new object each time.
    assert.equal(JSON.stringify(parsed.value), JSON.stringify(tree ? nodeValue(tree) : undefined), text.slice(0, 1500));
    assert.deepEqual(parsed.parseErrors, errors, text.slice(0, 1500));
    if (errors.length === 0 && (parsed as unknown as { tree: unknown }).tree === null) native++;
  }
  // The comparison covers the native reading, not only the fallback.
  assert.ok(native > 200, `read natively: ${native}`);
});
