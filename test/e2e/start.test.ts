// `npm start` as a user runs it: the VSIX is built and installed into code-server, the example
// workspace opens with the tenant stand-in configured, the installed extension validates a file,
// and Ctrl+C stops everything it started.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/vscode/code-server.mjs';
import { quickOpen, repoRoot, screenshot } from './workbench';

const stateDir = path.join(repoRoot, '.cache', 'vscode-runs', `start-test-${process.pid}`);
let child: ChildProcess;
let output = '';
let url = '';
let browser: Browser | undefined;

function exited(p: ChildProcess, ms: number): Promise<number | null | 'timeout'> {
  if (p.exitCode !== null) return Promise.resolve(p.exitCode);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve('timeout'), ms);
    p.once('exit', (code) => {
      clearTimeout(t);
      resolve(code);
    });
  });
}

async function answers(u: string): Promise<boolean> {
  try {
    await fetch(u, { signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}

before(async () => {
  rmSync(stateDir, { recursive: true, force: true });
  child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: repoRoot,
    env: { ...process.env, ACCESSPOLICY_START_DIR: stateDir, ACCESSPOLICY_TENANT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  // First use may install code-server (minutes); later runs take seconds.
  url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /Entra Access Policy in VS Code: (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
      if (m) {
        clearInterval(timer);
        resolve(m[1]);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`npm start exited (${child.exitCode}) before printing its URL:\n${output.slice(-4000)}`));
      }
    }, 200);
  });
});

after(async () => {
  await browser?.close().catch(() => {});
  if (child && child.exitCode === null) {
    child.kill('SIGINT');
    if ((await exited(child, 15_000)) === 'timeout') child.kill('SIGKILL');
  }
  rmSync(stateDir, { recursive: true, force: true });
});

test('npm start installs the VSIX and points the extension at a running tenant stand-in', { timeout: 15 * 60_000 }, async () => {
  const installed = readdirSync(path.join(stateDir, 'extensions')).filter((n) => n.startsWith('entra-access-policy.entra-access-policy-'));
  assert.equal(installed.length, 1, `extension not installed from the VSIX: ${readdirSync(path.join(stateDir, 'extensions')).join(', ')}`);
  const settings = JSON.parse(readFileSync(path.join(stateDir, 'user-data', 'User', 'settings.json'), 'utf8')) as Record<string, string>;
  const graph = settings['accessPolicy.dev.graphUrl'];
  assert.match(graph ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(settings['accessPolicy.dev.authorityUrl'], graph);
  assert.match(settings['accessPolicy.tenant'] ?? '', /^[0-9a-f-]{36}$/);
  const state = await fetch(`${graph}/_standin/state`);
  assert.equal(state.status, 200, 'the stand-in named in the settings does not answer');
  assert.doesNotMatch(output, /secret/i, 'npm start printed something about a secret');
});

test('in the started VS Code, the installed extension underlines a wrong value', { timeout: 120_000 }, async () => {
  const valid = readFileSync(path.join(stateDir, 'workspace', 'v1-direct-assignment.accesspolicy.json'), 'utf8');
  writeFileSync(path.join(stateDir, 'workspace', 'wrong-scope.accesspolicy.json'), valid.replace('"notSpecified"', '"everyone"'));
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  await quickOpen(page, 'wrong-scope.accesspolicy.json');
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'npm-start');
});

test('Ctrl+C stops code-server and the tenant stand-in', { timeout: 60_000 }, async () => {
  const settings = JSON.parse(readFileSync(path.join(stateDir, 'user-data', 'User', 'settings.json'), 'utf8')) as Record<string, string>;
  const origin = new URL(url).origin;
  assert.ok(await answers(`${origin}/healthz`), 'code-server was not running before Ctrl+C');
  await browser?.close();
  browser = undefined;
  child.kill('SIGINT');
  assert.equal(await exited(child, 20_000), 0, `npm start did not exit cleanly:\n${output.slice(-2000)}`);
  assert.equal(await answers(`${origin}/healthz`), false, 'code-server still answers after Ctrl+C');
  assert.equal(await answers(`${settings['accessPolicy.dev.graphUrl']}/_standin/state`), false, 'the stand-in still answers after Ctrl+C');
});
