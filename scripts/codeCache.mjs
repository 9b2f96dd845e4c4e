// The CLI as a launcher and a bundle with V8's code cache made at build time. A process that checks
// one file spends most of its own time compiling the bundle (some 900 KB, most of it the generated
// validators) and the functions it runs; with the cache V8 reads that compiled code instead.
//
// dist/cli.js (the launcher, what `node dist/cli.js` and the `accesspolicy` bin run) compiles
// dist/cli-main.js (the bundle) with the cache dist/cli-main.js.cache and runs it as Node would run
// it as a CommonJS module. The cache is used only when it was made from this very bundle text (a
// SHA-256 of it heads the cache file) and V8 accepts it (same V8 version and flags as the build's
// Node); otherwise the bundle is compiled as usual, which is only slower. Nothing is written at run
// time. The cache is made by running the bundle once on sample policies (so the functions a check
// runs are compiled) and asking V8 for its code as the process exits.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The file names beside each other in dist/: the launcher runs the bundle with its cache. */
export const CACHED_BUNDLE = { launcher: 'cli.js', bundle: 'cli-main.js', cache: 'cli-main.js.cache' };

/**
 * The launcher's source. CommonJS, no dependencies. It wraps the bundle as Node wraps a module
 * (exports, require, module, __filename, __dirname), on the bundle's first line so that its line
 * numbers in stack traces stay the bundle's.
 */
export function launcherSource(banner) {
  return `${banner}
// Runs ${CACHED_BUNDLE.bundle} with the V8 code cache made when it was built (scripts/codeCache.mjs).
'use strict';
const { readFileSync } = require('node:fs');
const { createHash } = require('node:crypto');
const path = require('node:path');
const vm = require('node:vm');
const file = path.join(__dirname, ${JSON.stringify(CACHED_BUNDLE.bundle)});
const source = readFileSync(file, 'utf8');
const cacheFile = path.join(__dirname, ${JSON.stringify(CACHED_BUNDLE.cache)});
let cachedData;
try {
  const cache = readFileSync(cacheFile);
  // V8 checks only the length of the text a cache was made from: the hash makes sure it is this text.
  if (cache.subarray(0, 32).equals(createHash('sha256').update(source).digest())) cachedData = cache.subarray(32);
} catch {
  // No cache (a build that could not make one): compiled as usual.
}
const script = new vm.Script('(function (exports, require, module, __filename, __dirname) {' + source + '\\n})', { filename: file, cachedData });
if (process.env.ACCESSPOLICY_MAKE_CODE_CACHE === cacheFile) {
  // The build's warm-up run: the cache holds the functions compiled by the time the process exits.
  process.once('exit', () => {
    require('node:fs').writeFileSync(cacheFile, Buffer.concat([createHash('sha256').update(source).digest(), script.createCachedData()]));
  });
}
script.runInThisContext()(exports, require, module, file, __dirname);
`;
}

/**
 * Makes `dist/cli-main.js.cache`: runs the launcher (with no cache yet) as \`validate\` on sample
 * policies of both API versions, one with findings, in each output format a hook or CI step uses.
 * `samples` is `{ name: text }`.
 */
export function writeCodeCache(distDir, samples) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ap-code-cache-'));
  const cacheFile = path.join(distDir, CACHED_BUNDLE.cache);
  rmSync(cacheFile, { force: true });
  try {
    for (const [name, text] of Object.entries(samples)) writeFileSync(path.join(dir, name), text);
    const run = spawnSync(
      process.execPath,
      [path.join(distDir, CACHED_BUNDLE.launcher), 'validate', '--format', 'json', '--jobs', '1', dir],
      {
        encoding: 'utf8',
        env: { ...process.env, ACCESSPOLICY_MAKE_CODE_CACHE: cacheFile },
      },
    );
    // validate exits 1 when a sample has errors; anything else means the bundle did not run.
    if (run.status !== 0 && run.status !== 1) throw new Error(`the code cache's warm-up run failed (exit ${run.status}): ${run.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
