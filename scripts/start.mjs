// `npm start`: try the extension as a user would, in a real VS Code in your browser.
// Builds the VSIX, installs it into the local code-server (installing code-server on first use),
// opens a copy of the example workspace, starts the local tenant stand-in (dist/standin.js) when no
// real tenant is configured, points the extension at it, and prints the URL. Ctrl+C stops all.
//
// Usage: npm start [-- --dev] [-- --fresh] [-- --port N]
//   --dev     load the extension from this folder (extension development mode) instead of the VSIX
//   --fresh   reset the workspace copy and the VS Code profile
//   --port N  code-server port (default: a free one)
// Env: ACCESSPOLICY_TENANT=<tenant id or domain> uses that real tenant instead of the stand-in.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { ensureCodeServer } from './vscode/install-code-server.mjs';
import { freePort, startCodeServer, tailOf, workbenchUrl, writeUserSettings } from './vscode/code-server.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const dev = argv.includes('--dev');
const fresh = argv.includes('--fresh');
const portArg = argv.includes('--port') ? Number(argv[argv.indexOf('--port') + 1]) : undefined;
// ACCESSPOLICY_START_DIR: where the profile, extensions and workspace copy live (tests use their own).
const stateDir = path.resolve(process.env.ACCESSPOLICY_START_DIR || path.join(repoRoot, '.cache', 'start'));
const vsix = path.join(repoRoot, 'dist', 'entra-access-policy.vsix');
const log = (msg) => console.log(`[start] ${msg}`);

/** Access packages the example policies refer to, so deploying them to the stand-in succeeds. */
function accessPackagesIn(workspace) {
  const ids = new Set();
  for (const name of readdirSync(workspace).filter((n) => n.endsWith('.accesspolicy.json'))) {
    try {
      const body = JSON.parse(readFileSync(path.join(workspace, name), 'utf8'));
      for (const id of [body.accessPackageId, body.accessPackage?.id]) if (GUID.test(id ?? '')) ids.add(id);
    } catch {
      // A file the user broke on purpose still opens; it just adds no package.
    }
  }
  return [...ids];
}
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(msg) {
  console.error(`[start] ${msg}`);
  process.exit(1);
}

function buildVsix() {
  log('building the VSIX (npm run package)');
  // No stdin: vsce must not sit waiting on a question nobody sees.
  const r = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(vsix)) {
    fail(
      `\`npm run package\` failed, so there is no VSIX to install:\n${(r.stdout + r.stderr).trim().slice(-3000)}\n` +
        `(\`npm start -- --dev\` loads the extension from the source folder instead.)`,
    );
  }
}

function buildDev() {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) fail('node scripts/build.mjs failed');
}

function installVsix(bin, userDataDir, extensionsDir) {
  log('installing the VSIX into code-server');
  const r = spawnSync(bin, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) fail(`code-server could not install ${path.relative(repoRoot, vsix)}:\n${r.stdout}${r.stderr}`);
}

/**
 * Starts `node dist/standin.js` on a free loopback port and resolves with what the extension needs.
 * Its client secret is never printed or stored: the extension signs in interactively.
 */
async function startTenantStandIn(accessPackages) {
  const port = await freePort();
  const tenantId = randomUUID();
  const clientId = randomUUID();
  const args = [
    'dist/standin.js',
    '--port',
    String(port),
    '--tenant-id',
    tenantId,
    '--client-id',
    clientId,
    '--tenant-name',
    'Local stand-in',
  ];
  for (const id of accessPackages) args.push('--access-package', id);
  const child = spawn(process.execPath, args, { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the tenant stand-in did not start within 20 s:\n${out}`)), 20_000);
    const onData = (b) => {
      out += b.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the tenant stand-in exited (${code}):\n${out}`));
    });
  });
  // Keep draining its output so it never blocks on a full pipe.
  child.stdout.resume();
  child.stderr.resume();
  return { url, tenantId, clientId, pid: child.pid, child };
}

/**
 * The user settings that point the extension at the stand-in (names from client/src/auth/settings.ts;
 * they are application-scoped, so they must be user settings, not workspace settings).
 */
function extensionSettingsForStandIn(standIn) {
  return {
    'accessPolicy.tenant': standIn.tenantId,
    'accessPolicy.clientId': standIn.clientId,
    'accessPolicy.dev.authorityUrl': standIn.url,
    'accessPolicy.dev.graphUrl': standIn.url,
  };
}

/** A real tenant: the given tenant and no stand-in overrides left over from an earlier run. */
function extensionSettingsForRealTenant(tenant) {
  return {
    'accessPolicy.tenant': tenant,
    'accessPolicy.clientId': undefined,
    'accessPolicy.dev.authorityUrl': undefined,
    'accessPolicy.dev.graphUrl': undefined,
  };
}

async function main() {
  if (portArg !== undefined && !(Number.isInteger(portArg) && portArg > 0 && portArg < 65536)) fail('--port needs a number 1..65535');
  if (dev) buildDev();
  else buildVsix();
  const { bin } = await ensureCodeServer({ log });

  if (fresh) rmSync(stateDir, { recursive: true, force: true });
  const userDataDir = path.join(stateDir, 'user-data');
  const extensionsDir = path.join(stateDir, 'extensions');
  // A copy, because deploying writes ids back into the files; the fixtures stay clean.
  const workspace = path.join(stateDir, 'workspace');
  if (!existsSync(workspace)) cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  if (!dev) installVsix(bin, userDataDir, extensionsDir);

  const children = [];
  let settings = {};
  const realTenant = process.env.ACCESSPOLICY_TENANT?.trim();
  if (realTenant) {
    log(`using the tenant from ACCESSPOLICY_TENANT: ${realTenant}`);
    settings = extensionSettingsForRealTenant(realTenant);
  } else if (existsSync(path.join(repoRoot, 'dist', 'standin.js'))) {
    const standIn = await startTenantStandIn(accessPackagesIn(workspace)).catch((e) => fail(e.message));
    children.push(standIn);
    log(`tenant stand-in at ${standIn.url} (tenant ${standIn.tenantId}; sign in as admin@contoso.example)`);
    settings = extensionSettingsForStandIn(standIn);
  } else {
    log('dist/standin.js not built and ACCESSPOLICY_TENANT unset: no tenant to deploy to');
  }
  // JSON.stringify drops the undefined entries, which clears them.
  writeUserSettings(userDataDir, settings);

  const server = await startCodeServer({
    bin,
    userDataDir,
    extensionsDir,
    logFile: path.join(stateDir, 'code-server.log'),
    port: portArg,
  }).catch((e) => fail(e.message));
  const stopAll = async () => {
    for (const c of children) {
      try {
        process.kill(-c.pid, 'SIGTERM');
      } catch {}
    }
    await server.stop();
  };
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      log('stopping code-server and the tenant stand-in');
      stopAll().then(() => process.exit(0));
    });
  }
  for (const c of children) {
    c.child.once('exit', (code) => {
      if (!stopping) log(`the tenant stand-in exited (${code}); deploys will fail until you restart`);
    });
  }
  const url = workbenchUrl(server.origin, workspace, dev ? { extensionDevelopmentPath: repoRoot } : {});
  console.log(`\nEntra Access Policy in VS Code: ${url}\n(workspace ${workspace}; Ctrl+C stops)\n`);
  // Stay up until a signal; report if code-server dies underneath.
  const watch = setInterval(async () => {
    try {
      await fetch(`${server.origin}/healthz`, { signal: AbortSignal.timeout(5000) });
    } catch {
      if (stopping) return;
      clearInterval(watch);
      log(`code-server stopped answering; its log:\n${tailOf(server.logFile)}`);
      await stopAll();
      process.exit(1);
    }
  }, 10_000);
}

main().catch((e) => fail(e instanceof Error ? e.message : String(e)));
