// The lenient reading (core/src/lenientScalars.ts) looks at the schema only along the paths of
// strings that could mean a boolean, a number or a type name. Speed must not change what is read:
// on every fixture, fuzzed documents and documents full of such strings (plain, padded, upper
// case, written with escapes such as "tr\u0075e"), it gives exactly what a walk of the whole
// document alongside its schema gives (the walk below, the way the reading was first written).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readLenientScalars, stringMeant, type LenientReading, type LenientScalar } from '../../core/src/lenientScalars';
import { schemaNavigator } from '../../core/src/schemas';
import { isRecord, type SchemaNavigator } from '../../core/src/schemaNavigator';
import type { JsonSchema } from '../../core/src/schemaTypes';
import type { JsonPath } from '../../core/src/parse';
import { ParsedPolicy } from '../../core/src/parse';
import { fuzzDocument, rng } from '../support/fuzz';
import { REPO_ROOT } from '../support/examples';

const DIRS = ['test/fixtures/workspace', 'test/fixtures/microsoft/examples', 'test/fixtures/real-world'];

/** Every node visited with the schemas that apply to it; strings decided on the spot. */
function wholeWalk(document: unknown, nav: SchemaNavigator): LenientReading {
  const scalars: LenientScalar[] = [];
  const walk = (value: unknown, schemas: JsonSchema[], path: JsonPath, depth: number): unknown => {
    if (schemas.length === 0 || depth > 64) return value;
    if (typeof value === 'string') {
      if (path.length === 0) return value;
      const meant = stringMeant(value, schemas, path[path.length - 1]);
      if (meant === undefined) return value;
      scalars.push({ path, written: value, meant });
      return meant;
    }
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((item, i) => {
        const next = walk(item, nav.childSchemas(schemas, i, item), [...path, i], depth + 1);
        if (next !== item) (copy ??= [...value])[i] = next;
      });
      return copy ?? value;
    }
    if (!isRecord(value)) return value;
    let copy: Record<string, unknown> | undefined;
    for (const [key, child] of Object.entries(value)) {
      const next = walk(child, nav.childSchemas(schemas, key, child), [...path, key], depth + 1);
      if (next !== child) (copy ??= { ...value })[key] = next;
    }
    return copy ?? value;
  };
  return { value: walk(document, nav.alternatives(nav.root, document), [], 0), scalars };
}

/** The same body with literals turned into the strings people write (and escapes of them). */
function lenientVariant(text: string, r: () => number): string {
  return text
    .replace(
      /: (true|false)\b/g,
      (m, b: string) => [`: "${b}"`, `: " ${b.toUpperCase()} "`, `: "${b.replace('e', '\\u0065')}"`, m][Math.floor(r() * 4)],
    )
    .replace(/: (\d+)\b/g, (m, n: string) => [`: "${n}"`, `: "\\u0020${n}"`, `: "+${n}"`, `: "${n}x"`, m][Math.floor(r() * 5)])
    .replace(/"#microsoft/g, (m) => ['"microsoft', '"\\u0023microsoft', m][Math.floor(r() * 3)]);
}

/** Each container of one reading is the document's own exactly where it is in the other. */
function assertSameSharing(actual: unknown, expected: unknown, original: unknown, path: string): void {
  assert.equal(actual === original, expected === original, `${path} shared in one reading only`);
  if (typeof expected !== 'object' || expected === null) return;
  for (const [k, v] of Object.entries(expected)) {
    assertSameSharing((actual as Record<string, unknown>)[k], v, (original as Record<string, unknown>)[k], `${path}.${k}`);
  }
}

test('the reading along candidate paths equals a walk of the whole document with its schema', () => {
  const texts = DIRS.flatMap((d) =>
    readdirSync(path.join(REPO_ROOT, d))
      .filter((f) => f.endsWith('.json'))
      .map((f) => readFileSync(path.join(REPO_ROOT, d, f), 'utf8')),
  );
  const r = rng(31337);
  const seeds = [...texts];
  for (const t of seeds) for (let i = 0; i < 6; i++) texts.push(lenientVariant(t, r));
  const mixed = texts.slice(seeds.length);
  for (let n = 0; n < 1500; n++) texts.push(fuzzDocument(n, n % 2 ? mixed : seeds, r));
  let read = 0;
  for (const text of texts) {
    const value = new ParsedPolicy(text).value;
    if (!isRecord(value)) continue;
    for (const version of ['v1.0', 'beta'] as const) {
      const nav = schemaNavigator(version);
      const expected = wholeWalk(value, nav);
      const actual = readLenientScalars(value, nav);
      assert.deepEqual(actual, expected, `${version}:\n${text.slice(0, 1500)}`);
      assertSameSharing(actual.value, expected.value, value, '$');
      read += expected.scalars.length;
    }
  }
  assert.ok(read > 500, `strings read as something else: ${read}`);
});
