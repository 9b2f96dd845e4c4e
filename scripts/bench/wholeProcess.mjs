// Whole-process timing: wall time from spawn to exit, Node start-up included, as a user meets a
// CLI in a pre-commit hook or a CI step. Contenders take turns in every round (load hits them
// alike); the result is each one's median.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** `contenders`: { name, args, ok(status) }. Returns { name: medianMs }. */
export function processMedians(contenders, rounds) {
  const times = contenders.map(() => []);
  for (let i = 0; i < rounds + 1; i++) {
    for (const [k, c] of contenders.entries()) {
      const t = performance.now();
      const r = spawnSync(process.execPath, c.args, { encoding: 'utf8', maxBuffer: 1 << 30 });
      const ms = performance.now() - t;
      if (r.status !== 0) throw new Error(`${c.name} failed (exit ${r.status}): ${r.stderr.slice(0, 2000)}`);
      if (i > 0) times[k].push(ms); // round 0 warms the file cache
    }
  }
  return Object.fromEntries(contenders.map((c, k) => [c.name, median(times[k])]));
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
