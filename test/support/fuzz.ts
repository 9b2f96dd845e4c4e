// Deterministic generators of broken, truncated and random policy documents for fuzz tests.
// A fixed seed makes a failure reproducible: the failing document can be regenerated and printed.
import { policySchema } from '../../core/src/schemas';
export { rng } from '../../standin/src/util/prng';

const KEYS = [
  ...new Set(
    (['v1.0', 'beta'] as const).flatMap((v) =>
      Object.values(policySchema(v).definitions ?? {}).flatMap((d) => Object.keys(d.properties ?? {})),
    ),
  ),
];
const ODATA = [
  '#microsoft.graph.singleUser',
  '#microsoft.graph.groupMembers',
  '#microsoft.graph.requestorManager',
  '#microsoft.graph.bogus',
  'singleUser',
];
const SCALARS: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  3,
  4000,
  Infinity,
  'P14D',
  'PT0S',
  '',
  'string (identifier)',
  '7deff43e-1f17-44ef-9e5f-d516b0ba11d4',
  '2026-01-01T00:00:00Z',
  'notSpecified',
  'Serial',
  '\u0000',
  '\ud800',
];
const JUNK = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '//',
  '/*',
  '*/',
  '\\',
  'null',
  'tru',
  '-',
  '1e',
  '\n',
  ' ',
  '\t',
  '\ufeff',
  '"@odata.type"',
];

export function randomValue(r: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const roll = r();
  if (depth > 6 || roll < 0.35) return pick(SCALARS);
  if (roll < 0.55) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  const obj: Record<string, unknown> = {};
  if (r() < 0.3) obj['@odata.type'] = pick(ODATA);
  for (let i = Math.floor(r() * 6); i > 0; i--) obj[r() < 0.9 ? pick(KEYS) : `k${i}`] = randomValue(r, depth + 1);
  return obj;
}

/** A random edit of `text`: delete a span, insert junk, or duplicate a span. */
export function mutate(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const roll = r();
  if (roll < 0.4) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 8));
  if (roll < 0.8) return text.slice(0, at) + JUNK[Math.floor(r() * JUNK.length)] + text.slice(at);
  const len = Math.floor(r() * 40);
  return text.slice(0, at) + text.slice(at, at + len) + text.slice(at);
}

/** The n-th fuzz document: truncations, mutations of real bodies, and random values in turn. */
export function fuzzDocument(n: number, seeds: string[], r: () => number): string {
  const seed = seeds[n % seeds.length];
  switch (n % 4) {
    case 0:
      return seed.slice(0, Math.floor(r() * seed.length));
    case 1: {
      let t = seed;
      for (let i = 1 + Math.floor(r() * 5); i > 0; i--) t = mutate(t, r);
      return t;
    }
    case 2:
      return JSON.stringify(randomValue(r), null, r() < 0.5 ? 2 : undefined) ?? '';
    default: {
      // A real body with one subtree replaced by random data.
      const v = JSON.parse(seed) as Record<string, unknown>;
      const keys = Object.keys(v);
      v[keys[Math.floor(r() * keys.length)]] = randomValue(r, 1);
      return JSON.stringify(v, null, 2);
    }
  }
}
