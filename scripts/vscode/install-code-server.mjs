// Installs code-server (the open-source VS Code server + web workbench from npm) into
// the user's cache folder (see installRoot), so the extension can run in a real VS Code on a machine that cannot
// download desktop VS Code builds. Idempotent: a finished install is reused.
// Recipe and reasons: docs/testing-vscode.md.
//
// Usage: node scripts/vscode/install-code-server.mjs      (prints the code-server binary path)
// As a module: `await ensureCodeServer()` -> { bin, root }
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, copyFileSync, writeFileSync, readFileSync, rmSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
// The @vscode/ripgrep version pinned in code-server 4.100.3's shrinkwrap, and the ripgrep
// release that version downloads. Its postinstall looks for this archive in a cache folder
// before going to GitHub, which these machines cannot reach.
const VSCODE_RIPGREP_VERSION = '1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
// libkrb5-dev: the `kerberos` module compiles during install; ripgrep: see above;
// chromium: the browser that drives the web workbench.
export const APT_PACKAGES = ['libkrb5-dev', 'ripgrep', 'chromium'];

// Outside the checkout, in the user's cache, so fresh clones on the same machine (CI runs each in a
// new clone) reuse one install. ACCESSPOLICY_CODE_SERVER_DIR chooses another place.
export const installRoot =
  process.env.ACCESSPOLICY_CODE_SERVER_DIR ||
  path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'entra-access-policy', `code-server-${CODE_SERVER_VERSION}`);
export const codeServerBin = path.join(installRoot, 'node_modules', '.bin', 'code-server');
const doneMarker = path.join(installRoot, `.installed-${CODE_SERVER_VERSION}`);
const lockDir = path.join(installRoot, '.install-lock');

const defaultLog = (msg) => process.stderr.write(`[code-server install] ${msg}\n`);

function missingAptPackages() {
  return APT_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function run(cmd, args, opts, log, timeoutMs = 20 * 60_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    // No step may hang forever (a registry that stops answering, a prompt no one sees).
    const limit = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let tail = '';
    const keep = (buf) => {
      tail = (tail + buf.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const started = Date.now();
    // A long quiet step still shows it is alive.
    const beat = setInterval(() => log(`  ... ${cmd} still running (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
    child.on('error', (err) => {
      clearInterval(beat);
      clearTimeout(limit);
      reject(new Error(`could not start ${cmd}: ${err.message}`));
    });
    child.on('exit', (code, signal) => {
      clearInterval(beat);
      clearTimeout(limit);
      if (code === 0) resolve(tail);
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); last output:\n${tail}`));
    });
  });
}

export async function ensureAptPackages(log = defaultLog) {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}. Install them first: sudo apt-get install -y ${missing.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`installing apt packages: ${missing.join(' ')} (apt-get update first)`);
  await run('apt-get', ['update'], { env }, log);
  await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env }, log);
  const still = missingAptPackages();
  if (still.length) throw new Error(`apt-get did not install: ${still.join(' ')}`);
}

function seedRipgrepCache(log) {
  const cache = path.join(os.tmpdir(), `vscode-ripgrep-cache-${VSCODE_RIPGREP_VERSION}`);
  const archive = path.join(cache, RIPGREP_ARCHIVE);
  if (existsSync(archive)) return;
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new Error('ripgrep (rg) is not on PATH; install the Debian package `ripgrep`');
  log(`seeding the ripgrep download cache from ${rg}`);
  mkdirSync(cache, { recursive: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rg-'));
  copyFileSync(rg, path.join(tmp, 'rg'));
  const tar = spawnSync('tar', ['czf', archive + '.part', '-C', tmp, 'rg']);
  rmSync(tmp, { recursive: true, force: true });
  if (tar.status !== 0) throw new Error(`could not create ${archive}: ${tar.stderr}`);
  // Renamed only when whole, so a crash never leaves a truncated archive to be trusted later.
  renameSync(archive + '.part', archive);
}

function installedVersion() {
  if (!existsSync(doneMarker) || !existsSync(codeServerBin)) return undefined;
  const r = spawnSync(codeServerBin, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 ? versionIn(r.stdout) : undefined;
}

// `--version` may log a line before the version (first run writes a default config file).
function versionIn(stdout) {
  return /^(\d+\.\d+\.\d+) [0-9a-f]+ with Code /m.exec(stdout)?.[1];
}

// A plain mkdir lock, so `npm start` and a test run started together do not both install.
async function withLock(log, fn) {
  mkdirSync(installRoot, { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch {
      let owner = NaN;
      try {
        owner = Number(readFileSync(path.join(lockDir, 'pid'), 'utf8'));
      } catch {}
      let alive = false;
      try {
        if (owner) alive = process.kill(owner, 0);
      } catch {}
      if (owner && !alive) {
        log(`removing a stale install lock left by process ${owner}`);
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for another install (lock ${lockDir})`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

export async function ensureCodeServer({ log = defaultLog } = {}) {
  if (installedVersion() === CODE_SERVER_VERSION) return { bin: codeServerBin, root: installRoot };
  await ensureAptPackages(log);
  return withLock(log, async () => {
    if (installedVersion() === CODE_SERVER_VERSION) return { bin: codeServerBin, root: installRoot };
    seedRipgrepCache(log);
    rmSync(doneMarker, { force: true });
    // Its own package.json keeps npm from walking up into the repository's manifest.
    const pkg = path.join(installRoot, 'package.json');
    if (!existsSync(pkg)) writeFileSync(pkg, JSON.stringify({ name: 'code-server-cache', private: true }, null, 2) + '\n');
    log(`installing code-server@${CODE_SERVER_VERSION} into ${installRoot} (about 4 minutes, 300 MB)`);
    const started = Date.now();
    await run(
      'npm',
      ['install', '--prefix', installRoot, '--no-audit', '--no-fund', '--save-exact', `code-server@${CODE_SERVER_VERSION}`],
      {
        cwd: installRoot,
        env: {
          ...process.env,
          // code-server's postinstall refuses root without unsafe-perm; node-pty's postinstall
          // runs `npx node-gyp`, which waits for a "yes" no one can type here.
          npm_config_yes: 'true',
          npm_config_unsafe_perm: 'true',
        },
      },
      log,
    );
    const v = spawnSync(codeServerBin, ['--version'], { encoding: 'utf8', timeout: 60_000 });
    if (v.status !== 0 || versionIn(v.stdout) !== CODE_SERVER_VERSION) {
      throw new Error(`code-server installed but \`--version\` failed: ${v.stdout}${v.stderr}`);
    }
    writeFileSync(doneMarker, v.stdout);
    log(`installed in ${Math.round((Date.now() - started) / 1000)} s: code-server ${versionIn(v.stdout)}`);
    return { bin: codeServerBin, root: installRoot };
  });
}

// No top-level await: TypeScript tests load this module through require().
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureCodeServer().then(
    ({ bin }) => console.log(bin),
    (err) => {
      console.error(`code-server install failed: ${err instanceof Error ? err.message : err}`);
      process.exit(1);
    },
  );
}
