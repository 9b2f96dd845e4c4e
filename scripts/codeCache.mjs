// The CLI as launchers and bundles with V8's code cache made at build time. A process that checks
// one file spends most of its own time compiling the bundle (some 900 KB, most of it the generated
// validators) and the functions it runs; with the cache V8 reads that compiled code instead.
//
// dist/cli.js (the launcher, what `node dist/cli.js` and the `accesspolicy` bin run) compiles
// dist/cli-main.js (the bundle) with the cache dist/cli-main.js.cache and runs it as Node would run
// it as a CommonJS module. The tenant commands' bundle works the same way one level down:
// dist/cli-main.js requires dist/cli-tenant.js, a loader of the same kind for
// dist/cli-tenant-main.js and its cache (the bundle's exports become the loader's). A cache is used
// only when it was made from this very bundle text (a SHA-256 of it heads the cache file) and V8
// accepts it (same V8 version and flags as the build's Node); otherwise the bundle is compiled as
// usual, which is only slower. Nothing is written at run time. A cache is made by running the
// bundle on samples (so the functions a command runs are compiled) and asking V8 for its code as
// the process exits: `validate` on sample policies for the CLI, `pull` and `plan` against the
// local stand-in (dist/standin.js) for the tenant commands.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The file names beside each other in dist/: each launcher runs its bundle with its cache. */
export const CACHED_BUNDLES = {
  cli: { launcher: 'cli.js', bundle: 'cli-main.js', cache: 'cli-main.js.cache' },
  tenant: { launcher: 'cli-tenant.js', bundle: 'cli-tenant-main.js', cache: 'cli-tenant-main.js.cache' },
};

/**
 * The launcher's source. CommonJS, no dependencies. It wraps the bundle as Node wraps a module
 * (exports, require, module, __filename, __dirname), on the bundle's first line so that its line
 * numbers in stack traces stay the bundle's.
 */
export function launcherSource(banner, names) {
  return `${banner}
// Runs ${names.bundle} with the V8 code cache made when it was built (scripts/codeCache.mjs).
'use strict';
const { readFileSync } = require('node:fs');
const { createHash } = require('node:crypto');
const path = require('node:path');
const vm = require('node:vm');
const file = path.join(__dirname, ${JSON.stringify(names.bundle)});
const source = readFileSync(file, 'utf8');
const cacheFile = path.join(__dirname, ${JSON.stringify(names.cache)});
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
  const cacheFile = path.join(distDir, CACHED_BUNDLES.cli.cache);
  rmSync(cacheFile, { force: true });
  try {
    for (const [name, text] of Object.entries(samples)) writeFileSync(path.join(dir, name), text);
    const run = spawnSync(
      process.execPath,
      [path.join(distDir, CACHED_BUNDLES.cli.launcher), 'validate', '--format', 'json', '--jobs', '1', dir],
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

/**
 * Makes `dist/cli-tenant-main.js.cache`: a `pull` of a small stand-in tenant (dist/standin.js, on
 * 127.0.0.1) and a `plan` of the pulled files. The plan starts from the pull's cache, so the cache
 * it leaves holds the functions of both (sign-in, Graph reads, file texts, checks, comparison).
 */
export async function writeTenantCodeCache(distDir) {
  const cacheFile = path.join(distDir, CACHED_BUNDLES.tenant.cache);
  rmSync(cacheFile, { force: true });
  const tenant = randomUUID();
  const app = randomUUID();
  const secret = randomBytes(18).toString('base64url');
  const env = { ...process.env, ACCESSPOLICY_MAKE_CODE_CACHE: cacheFile, ACCESSPOLICY_WARMUP_SECRET: secret };
  const standIn = spawn(
    process.execPath,
    [path.join(distDir, 'standin.js'), '--seed', '40', '--tenant-id', tenant, '--app-client-id', app],
    { env: { ...process.env, STANDIN_CLIENT_SECRET: secret }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'ap-code-cache-'));
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      standIn.stdout.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]);
      });
      standIn.once('exit', (code) => reject(new Error(`the stand-in for the tenant code cache exited (${code}) before listening`)));
    });
    const signIn = [
      '--tenant',
      tenant,
      '--client-id',
      app,
      '--client-secret-env',
      'ACCESSPOLICY_WARMUP_SECRET',
      '--graph-url',
      url,
      '--authority-url',
      url,
    ];
    const cli = path.join(distDir, CACHED_BUNDLES.cli.launcher);
    for (const args of [
      ['pull', ...signIn, '--out', dir],
      ['plan', ...signIn, '--format', 'json', dir],
    ]) {
      const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env });
      // plan exits 0 (nothing to do) right after a pull; anything else means the bundle did not run as it should.
      if (run.status !== 0) throw new Error(`the tenant code cache's warm-up ${args[0]} failed (exit ${run.status}): ${run.stderr}`);
    }
  } finally {
    standIn.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
