// Near-miss suggestions for enum values and property names: a case-insensitive match first, then
// the closest candidate by edit distance when it is close enough to be a typo.

export function suggest(input: string, candidates: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  const exactCase = candidates.find((c) => c.toLowerCase() === lower);
  if (exactCase) return exactCase;
  // No candidate farther than this can be accepted (see the last line), so distances are only
  // computed up to it: a document with thousands of unknown keys pays little per key.
  const acceptable = Math.min(input.length - 1, Math.max(1, ...candidates.map((c) => Math.floor(c.length / 3))));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase(), Math.min(bestDistance - 1, acceptable));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // A typo changes a few characters; beyond a third of the word it is a different word.
  return best !== undefined && bestDistance < input.length && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/** Levenshtein distance; when it exceeds `cutoff`, some number above `cutoff` (not the exact one). */
export function editDistance(a: string, b: string, cutoff = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > cutoff) return cutoff + 1;
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (row[j] < rowMin) rowMin = row[j];
      diag = tmp;
    }
    // Distances only grow from row to row: once every cell is past the cutoff, so is the answer.
    if (rowMin > cutoff) return cutoff + 1;
  }
  return row[b.length];
}
