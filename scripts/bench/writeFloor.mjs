// The bench's floor for what `pull` writes: the same files (same folders, names and bytes, taken
// from a pulled folder) created by a bare script with plain synchronous writes, no temp files, no
// renames. Prints the milliseconds of the writes alone: what creating that many files costs on the
// file system the bench runs on (it differs a lot between machines and even folders of one disk).
// Usage: node scripts/bench/writeFloor.mjs <pulled folder> <new folder>
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const [from, to] = process.argv.slice(2);
const files = readdirSync(from, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => path.relative(from, path.join(e.parentPath ?? e.path, e.name)));
const texts = files.map((f) => readFileSync(path.join(from, f)));
const t = performance.now();
const made = new Set();
files.forEach((f, i) => {
  const dir = path.dirname(path.join(to, f));
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  writeFileSync(path.join(to, f), texts[i]);
});
process.stdout.write(`${(performance.now() - t).toFixed(1)} ${files.length}\n`);
