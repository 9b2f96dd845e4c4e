// Runs the extension-host suite (test/integration/suite/) inside a real VS Code and exits non-zero
// when it fails. Default: code-server 4.100.3 (VS Code 1.100.3) driven by headless Chromium, which
// works with no internet. ACCESSPOLICY_VSCODE=electron runs the very same suite through
// @vscode/test-electron instead (downloads desktop VS Code, or uses VSCODE_EXECUTABLE_PATH).
//
// Usage: node scripts/vscode/run-integration.mjs [--no-build]
// Env:   ACCESSPOLICY_VSCODE=code-server|electron   which VS Code (default code-server)
//        ACCESSPOLICY_VSCODE_TIMEOUT_MS             whole-run limit (default 300000)
//        ACCESSPOLICY_EXTENSION_PATH                 extension folder to load (default: this repository,
//                                                   built first); e.g. an unpacked VSIX
//        VSCODE_EXECUTABLE_PATH, VSCODE_VERSION      electron mode only
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from './install-code-server.mjs';
import { blockNonLoopback, launchChromium, startCodeServer, tailOf, workbenchUrl, writeUserSettings } from './code-server.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const mode = process.env.ACCESSPOLICY_VSCODE || 'code-server';
const timeoutMs = Number(process.env.ACCESSPOLICY_VSCODE_TIMEOUT_MS || 300_000);
const extensionPath = process.env.ACCESSPOLICY_EXTENSION_PATH ? path.resolve(process.env.ACCESSPOLICY_EXTENSION_PATH) : repoRoot;
const suiteOut = path.join(repoRoot, 'out', 'integration', 'index.js');
const t0 = Date.now();
const log = (msg) => console.log(`[integration ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

function buildExtension() {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('node scripts/build.mjs failed; the extension bundle could not be built');
  if (!existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing after the build (client/src/extension.ts not there yet?)');
  }
}

async function compileSuite() {
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: ['test/integration/suite/index.ts'],
    outfile: suiteOut,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    write: false,
  });
  // Written whole and renamed, so a run started at the same moment never loads half a file.
  mkdirSync(path.dirname(suiteOut), { recursive: true });
  const tmp = `${suiteOut}.${process.pid}.tmp`;
  writeFileSync(tmp, result.outputFiles[0].contents);
  renameSync(tmp, suiteOut);
}

/** A fresh folder per run for profile, extensions, workspace copy and report; old runs pruned. */
function prepareRunDir() {
  const runsDir = path.join(repoRoot, '.cache', 'vscode-runs');
  mkdirSync(runsDir, { recursive: true });
  // Keep the newest few for debugging; never touch one younger than an hour, which may belong to
  // a run someone else has going in this tree right now.
  const hourAgo = Date.now() - 3600_000;
  const old = readdirSync(runsDir)
    .map((n) => path.join(runsDir, n))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
    .slice(4)
    .filter((d) => statSync(d).mtimeMs < hourAgo);
  for (const dir of old) rmSync(dir, { recursive: true, force: true });
  const runDir = path.join(runsDir, `integration-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  const workspace = path.join(runDir, 'workspace');
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  return {
    runDir,
    workspace,
    userDataDir: path.join(runDir, 'user-data'),
    extensionsDir: path.join(runDir, 'extensions'),
    reportBase: path.join(runDir, 'report'),
  };
}

function readReport(reportBase) {
  try {
    return { json: JSON.parse(readFileSync(`${reportBase}.json`, 'utf8')), text: readFileSync(`${reportBase}.txt`, 'utf8') };
  } catch {
    return undefined;
  }
}

async function runInCodeServer(dirs) {
  const { bin } = await ensureCodeServer({ log: (m) => log(m) });
  // The time limit covers the VS Code run, not a first-time install (minutes, bounded on its own).
  const runStart = Date.now();
  armHardTimeout();
  writeUserSettings(dirs.userDataDir);
  const server = await startCodeServer({
    bin,
    userDataDir: dirs.userDataDir,
    extensionsDir: dirs.extensionsDir,
    logFile: path.join(dirs.runDir, 'code-server.log'),
    // The extension host inherits the server's environment, which is how the suite learns
    // where to write its report.
    env: { ACCESSPOLICY_TEST_REPORT: dirs.reportBase },
  });
  log(`code-server listening at ${server.origin}`);
  let browser;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await server.stop();
  };
  const onSignal = async (sig) => {
    log(`${sig}: stopping`);
    await cleanup();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const blocked = await blockNonLoopback(page);
    process.on('exit', () => {
      if (blocked.length)
        console.log(`[integration] blocked ${blocked.length} request(s) beyond loopback: ${[...new Set(blocked)].join(', ')}`);
    });
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    let settle;
    const exited = new Promise((resolve) => (settle = resolve));
    // The workbench calls this when the tests module's run() settles: 0 passed, 1 failed.
    await page.exposeFunction('codeAutomationExit', (code) => settle({ code: Number(code) }));
    const url = workbenchUrl(server.origin, dirs.workspace, {
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: suiteOut,
    });
    await page.goto(url);
    page
      .waitForSelector('.monaco-workbench', { timeout: 60_000 })
      .then(() => log('workbench loaded; suite running in the extension host'))
      .catch(() => {});
    const remaining = Math.max(10_000, timeoutMs - (Date.now() - runStart));
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve({ timeout: true }), remaining)));
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (outcome.timeout || outcome.code !== 0) {
      const shot = path.join(repoRoot, 'test-results', 'screenshots', 'integration-failure.png');
      mkdirSync(path.dirname(shot), { recursive: true });
      await page
        .screenshot({ path: shot })
        .then(() => log(`screenshot of the workbench: ${path.relative(repoRoot, shot)}`))
        .catch(() => {});
    }
    if (outcome.timeout) {
      log(
        `the suite did not finish within ${remaining} ms of VS Code starting (ACCESSPOLICY_VSCODE_TIMEOUT_MS=${timeoutMs}, at least 10000); stopping everything`,
      );
      if (pageErrors.length) log(`workbench page errors:\n${pageErrors.join('\n')}`);
      log(`code-server log tail:\n${tailOf(server.logFile)}`);
      return 1;
    }
    return outcome.code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}

async function runInElectron(dirs) {
  const { runTests } = await import('@vscode/test-electron');
  const options = {
    extensionDevelopmentPath: extensionPath,
    extensionTestsPath: suiteOut,
    extensionTestsEnv: { ACCESSPOLICY_TEST_REPORT: dirs.reportBase },
    launchArgs: [
      dirs.workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      `--user-data-dir=${dirs.userDataDir}`,
      `--extensions-dir=${dirs.extensionsDir}`,
    ],
  };
  if (process.env.VSCODE_EXECUTABLE_PATH) options.vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
  else options.version = process.env.VSCODE_VERSION || '1.100.3';
  writeUserSettings(dirs.userDataDir);
  armHardTimeout();
  try {
    return await runTests(options);
  } catch (err) {
    log(`@vscode/test-electron: ${err instanceof Error ? err.message : err}`);
    return 1;
  }
}

async function main() {
  if (mode !== 'code-server' && mode !== 'electron') {
    throw new Error(`ACCESSPOLICY_VSCODE must be "code-server" or "electron", not "${mode}"`);
  }
  if (!process.argv.includes('--no-build') && extensionPath === repoRoot) buildExtension();
  await compileSuite();
  const dirs = prepareRunDir();
  log(`mode ${mode}; run folder ${path.relative(repoRoot, dirs.runDir)}`);
  const code = mode === 'electron' ? await runInElectron(dirs) : await runInCodeServer(dirs);
  const report = readReport(dirs.reportBase);
  if (!report) {
    log(`the suite wrote no report at ${dirs.reportBase}.json (did the extension host start the tests module?)`);
    return 1;
  }
  process.stdout.write(report.text);
  const { passed, failed, results } = report.json;
  if (results.length === 0) {
    log('no tests ran');
    return 1;
  }
  const ok = code === 0 && failed === 0 && passed === results.length;
  log(`${ok ? 'PASSED' : 'FAILED'}: ${passed} passed, ${failed} failed (VS Code exit code ${code})`);
  return ok ? 0 : 1;
}

function armHardTimeout() {
  // Belt and braces: a hang anywhere (even in cleanup) still ends the run; the exit hook in
  // code-server.mjs kills the server's process group.
  setTimeout(() => {
    console.error(`[integration] hard timeout after ${timeoutMs + 60_000} ms`);
    process.exit(1);
  }, timeoutMs + 60_000).unref();
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[integration] ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  },
);
