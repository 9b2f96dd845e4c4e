// Starts a code-server (VS Code 1.100.3 server + web workbench) on a free loopback port and a
// headless Chromium to drive it. Shared by the integration harness, the Playwright user tests
// and `npm start`. Every process started here is stopped by `stop()` or when this process exits.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, writeFileSync, openSync, closeSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// No sandbox because tests run as root in containers; the rest keeps Chromium off the network
// (only 127.0.0.1 is reachable here, and nothing else should be tried).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A port the OS says is free right now. A race with another process is handled by retrying. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Writes the user settings a fresh profile needs, merged with `extra`. */
export function writeUserSettings(userDataDir, extra = {}) {
  const dir = path.join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  let current = {};
  if (existsSync(file)) {
    try {
      current = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      current = {};
    }
  }
  const settings = {
    ...current,
    // Otherwise the welcome walkthrough takes the editor area.
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    // Run folders live inside this repository; git scanning it costs seconds on 2 cores and
    // tells the tests nothing.
    'git.enabled': false,
    'git.autoRepositoryDetection': false,
    'extensions.ignoreRecommendations': true,
    'workbench.enableExperiments': false,
    'npm.autoDetect': 'off',
    ...extra,
  };
  writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
  return file;
}

const liveGroups = new Set();
let exitHookInstalled = false;
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {}
}
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort: never leave a server or browser behind, even when the caller crashes.
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  });
  // A test runner that times out sends SIGTERM, which ends Node without an 'exit' event. When no
  // one else handles the signal, stop our process groups and exit as the signal would have.
  for (const [sig, num] of [
    ['SIGTERM', 15],
    ['SIGINT', 2],
    ['SIGHUP', 1],
  ]) {
    process.on(sig, function onSignal() {
      if (process.listenerCount(sig) > 1) return;
      for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
      process.exit(128 + num);
    });
  }
}

async function waitForHttp(url, child, timeoutMs, logFile) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (${child.signalCode ?? child.exitCode}); its log:\n${tailOf(logFile)}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms; its log:\n${tailOf(logFile)}`);
}

export function tailOf(file, chars = 3000) {
  try {
    return readFileSync(file, 'utf8').slice(-chars);
  } catch {
    return '(no log)';
  }
}

/**
 * Starts code-server and resolves once it answers HTTP.
 * @returns {Promise<{ port: number, origin: string, logFile: string, stop: () => Promise<void> }>}
 */
export async function startCodeServer({ bin, userDataDir, extensionsDir, logFile, env = {}, port: wanted, readyTimeoutMs = 60_000 }) {
  installExitHook();
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(path.dirname(logFile), { recursive: true });
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = wanted ?? (await freePort());
    const fd = openSync(logFile, 'a');
    const child = spawn(
      bin,
      [
        '--auth',
        'none',
        '--bind-addr',
        `127.0.0.1:${port}`,
        // Its own config file, so nothing is written to the user's ~/.config.
        '--config',
        path.join(userDataDir, 'code-server-config.yaml'),
        '--extensions-dir',
        extensionsDir,
        '--user-data-dir',
        userDataDir,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
      ],
      // Its own process group, so stop() ends the extension host and pty host with it.
      {
        detached: true,
        stdio: ['ignore', fd, fd],
        // An empty gallery: otherwise it asks open-vsx.org for extension data, and nothing here
        // may leave this machine.
        env: { EXTENSIONS_GALLERY: '{}', ...process.env, ...env },
      },
    );
    closeSync(fd);
    liveGroups.add(child.pid);
    const exited = new Promise((r) => child.once('exit', r));
    const stop = async () => {
      if (!liveGroups.has(child.pid)) return;
      killGroup(child.pid, 'SIGTERM');
      const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
      // The group may hold children that outlive the leader; make sure they are gone.
      killGroup(child.pid, 'SIGKILL');
      if (!done) await exited;
      liveGroups.delete(child.pid);
    };
    const origin = `http://127.0.0.1:${port}`;
    try {
      await waitForHttp(`${origin}/healthz`, child, readyTimeoutMs, logFile);
      return { port, origin, logFile, stop, pid: child.pid };
    } catch (err) {
      lastError = err;
      await stop();
      if (wanted) break;
    }
  }
  throw lastError;
}

/** The workbench URL for a folder, optionally with extension development/test launch arguments. */
export function workbenchUrl(origin, folder, { extensionDevelopmentPath, extensionTestsPath } = {}) {
  const host = new URL(origin).host;
  const remote = (p) => `vscode-remote://${host}${p}`;
  const params = new URLSearchParams({ folder });
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (payload.length) params.set('payload', JSON.stringify(payload));
  return `${origin}/?${params.toString()}`;
}

/** Headless Chromium through playwright-core (never a downloaded browser). */
export async function launchChromium() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}; install the Debian package \`chromium\` (or set CHROMIUM_PATH)`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Blocks every request the page makes beyond this machine and records it, so a test can show
 * that VS Code and the extension stayed on loopback. Loopback requests are not intercepted.
 * @returns {string[]} the blocked URLs (filled as they happen)
 */
export async function blockNonLoopback(page) {
  const blocked = [];
  await page.route(
    (url) =>
      (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:' || url.protocol === 'wss:') &&
      !LOOPBACK_HOSTS.has(url.hostname),
    (route) => {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  return blocked;
}
