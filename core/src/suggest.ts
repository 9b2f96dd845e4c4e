// Near-miss suggestions for enum values and property names: a case-insensitive match first, then
// the closest candidate by edit distance when it is close enough to be a typo.

export function suggest(input: string, candidates: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  const lowered = candidates.map((c) => c.toLowerCase());
  const exact = lowered.indexOf(lower);
  if (exact >= 0) return candidates[exact];
  // No candidate farther than this can be accepted (see the last line), so distances are only
  // computed up to it: a document with thousands of unknown keys pays little per key.
  let widest = 1;
  for (const c of candidates) widest = Math.max(widest, Math.floor(c.length / 3));
  const acceptable = Math.min(input.length - 1, widest);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (let k = 0; k < candidates.length; k++) {
    const d = editDistance(lower, lowered[k], Math.min(bestDistance - 1, acceptable));
    if (d < bestDistance) {
      best = candidates[k];
      bestDistance = d;
    }
  }
  // A typo changes a few characters; beyond a third of the word it is a different word.
  return best !== undefined && bestDistance < input.length && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/** Character counts, reused by bagBound. */
const bag = new Int32Array(128);

/**
 * A lower bound of the distance from the characters alone: each edit fixes at most one surplus
 * character on each side, so the distance is at least the larger side's surplus over what the
 * two strings share. Cheap, and it rules out most candidates for an unrelated key at once.
 * (Only ASCII is counted; other characters count as unshared, which only lowers the bound.)
 */
function bagBound(a: string, b: string): number {
  bag.fill(0);
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    if (c < 128) bag[c]++;
  }
  let shared = 0;
  for (let j = 0; j < b.length; j++) {
    const c = b.charCodeAt(j);
    if (c < 128 && bag[c] > 0) {
      bag[c]--;
      shared++;
    }
  }
  return Math.max(a.length, b.length) - shared;
}

/** One row of the distance table, reused: suggest runs once per finding. */
let row = new Uint32Array(64);

/** Levenshtein distance; when it exceeds `cutoff`, some number above `cutoff` (not the exact one). */
export function editDistance(a: string, b: string, cutoff = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > cutoff) return cutoff + 1;
  if (cutoff < Infinity && bagBound(a, b) > cutoff) return cutoff + 1;
  if (row.length <= b.length) row = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    let diag = row[0];
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      const cell = Math.min(tmp + 1, row[j - 1] + 1, diag + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      row[j] = cell;
      if (cell < rowMin) rowMin = cell;
      diag = tmp;
    }
    // Distances only grow from row to row: once every cell is past the cutoff, so is the answer.
    if (rowMin > cutoff) return cutoff + 1;
  }
  return row[b.length];
}
