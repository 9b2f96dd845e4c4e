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
import { LARGE_TEXT_CHARS } from '../../core/src/jsonText';
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

test('what the text or the value first shows decides nothing: small and large documents with one such string anywhere, or none, read as the whole walk', () => {
  const base = JSON.parse(
    readFileSync(path.join(REPO_ROOT, 'test/fixtures/microsoft/examples/v1-create-direct-assignment.json'), 'utf8'),
  ) as Record<string, unknown>;
  const target = (i: number) => ({
    '@odata.type': '#microsoft.graph.singleUser',
    userId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  });
  const lenient: [JsonPath, unknown][] = [
    [['specificAllowedTargets', -1, '@odata.type'], 'microsoft.graph.singleUser'],
    [['specificAllowedTargets', -1, '@odata.type'], 'microsoft.graph.groupMembers'],
    [['requestApprovalSettings', 'isApprovalRequiredForAdd'], ' TRUE '],
    [['requestorSettings', 'enableTargetsToSelfAddAccess'], 'false'],
    [['expiration', 'duration'], '365'],
    [['specificAllowedTargets', -1, 'managerLevel'], '+2'],
  ];
  const read = new Map<number, number>();
  for (const size of [3, 2000]) {
    for (let n = 0; n < 14; n++) {
      const policy = structuredClone({ ...base, specificAllowedTargets: Array.from({ length: size }, (_, i) => target(i)) });
      const [where, value] = lenient[n % lenient.length];
      if (n < 12) {
        // One lenient string at the list's start, middle or end (or elsewhere in the body).
        const at = where.map((s) => (s === -1 ? [0, size >> 1, size - 1][n % 3] : s));
        let holder = policy as Record<string | number, unknown>;
        for (const s of at.slice(0, -1)) holder = (holder[s] ??= {}) as Record<string | number, unknown>;
        holder[at[at.length - 1]] = value;
      }
      const text = JSON.stringify(policy, null, n % 2 ? 2 : 0);
      assert.ok(size === 3 || text.length > LARGE_TEXT_CHARS, 'the large documents are large');
      const value2 = new ParsedPolicy(text).value;
      for (const version of ['v1.0', 'beta'] as const) {
        const nav = schemaNavigator(version);
        const expected = wholeWalk(value2, nav);
        assert.deepEqual(readLenientScalars(value2, nav, text), expected, `${version} size ${size} variant ${n}`);
        read.set(size, (read.get(size) ?? 0) + expected.scalars.length);
      }
    }
  }
  // Each version reads some of the planted strings, in small documents and in large ones alike.
  assert.deepEqual([...read.keys()], [3, 2000]);
  assert.equal(read.get(3), read.get(2000));
  assert.ok(read.get(2000)! >= 8, `strings read as something else: ${JSON.stringify([...read])}`);
});
