// The converter on broken and random input: it never throws, a refusal always says why, and
// whatever it accepts comes out as a v1.0 body without syntax or schema errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertBetaToV1 } from '../../core/src/convert/betaToV1';
import { validatePolicy } from '../../core/src/validate';
import { fuzzDocument, rng } from '../support/fuzz';
import { docsExamples, withGuids } from '../support/examples';

// Microsoft's beta examples (GUIDs in place of placeholders) are the seeds.
const seeds = docsExamples()
  .filter((e) => e.version === 'beta')
  .map((e) => withGuids(e.text));

/** A valid-looking beta variant: some properties (at any depth) removed. */
function dropSome(text: string, r: () => number): string {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.filter(() => r() > 0.15).map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (k === '@odata.type' || r() > 0.2) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return JSON.stringify(walk(JSON.parse(text)), null, 2);
}

function check(doc: string, label: string): 'ok' | 'refused' {
  let result;
  try {
    result = convertBetaToV1(doc);
  } catch (e) {
    assert.fail(`${label}: the converter threw ${String(e)} on:\n${doc}`);
  }
  if (!result.ok) {
    assert.ok(
      result.reasons.length > 0 && result.reasons.every((r) => typeof r === 'string' && r.length > 10),
      `${label}: refusal without a reason`,
    );
    return 'refused';
  }
  const v = validatePolicy(result.text);
  assert.equal(v.apiVersion, 'v1.0', label);
  const broken = v.diagnostics.filter((d) => d.severity === 'error' && /^AP[01]/.test(d.code) && d.data?.placeholder !== true);
  assert.deepEqual(
    broken.map((d) => `${d.code} ${d.message}`),
    [],
    `${label}: converted output has schema errors.\ninput:\n${doc}\noutput:\n${result.text}`,
  );
  return 'ok';
}

test('2,000 fuzzed documents: no throw, reasons on refusal, schema-clean output on success', () => {
  const r = rng(20261128);
  const counts = { ok: 0, refused: 0 };
  for (let n = 0; n < 2000; n++) counts[check(fuzzDocument(n, seeds, r), `fuzz #${n}`)]++;
  console.log(`fuzz: ${counts.ok} converted, ${counts.refused} refused`);
  assert.ok(counts.refused > 0);
});

test('1,000 beta variants with properties removed: most convert, all schema-clean', () => {
  const r = rng(7);
  const counts = { ok: 0, refused: 0 };
  for (let n = 0; n < 1000; n++) counts[check(dropSome(seeds[n % seeds.length], r), `variant #${n}`)]++;
  console.log(`variants: ${counts.ok} converted, ${counts.refused} refused`);
  assert.ok(counts.ok > 500, `only ${counts.ok} of 1000 variants converted`);
});
