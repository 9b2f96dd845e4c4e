// A person deploys a policy from the editor to the local tenant stand-in (dist/tenant.js):
// Command Palette → Deploy policy, device-code sign-in in a second browser tab, the confirmation
// dialog, the result notification, and the new policy id written into the file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openWorkbench, quickOpen, repoRoot, runCommand, screenshot, type Workbench } from './workbench';

const FILE = 'v1-direct-assignment.accesspolicy.json';
const ACCESS_PACKAGE = 'a2e1ca1e-4e56-47d2-9daa-e2ba8d12a82b'; // the one FILE refers to
const tenantId = randomUUID();
const clientId = randomUUID();
let tenant: ChildProcess;
let tenantUrl = '';
let wb: Workbench;

before(async () => {
  const bundle = path.join(repoRoot, 'dist', 'tenant.js');
  assert.ok(existsSync(bundle), 'dist/tenant.js is missing: run `node scripts/build.mjs` first');
  tenant = spawn(process.execPath, [bundle, '--tenant-id', tenantId, '--client-id', clientId, '--access-package', ACCESS_PACKAGE], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  tenantUrl = await new Promise<string>((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    };
    tenant.stdout!.on('data', onData);
    tenant.stderr!.on('data', onData);
    tenant.once('exit', (code) => reject(new Error(`dist/tenant.js exited (${code}) before listening`)));
  });
  wb = await openWorkbench('e2e-deploy', {}, {
    'accessPolicy.tenant': tenantId,
    'accessPolicy.clientId': clientId,
    'accessPolicy.dev.authorityUrl': tenantUrl,
    'accessPolicy.dev.graphUrl': tenantUrl,
    // Device code: the sign-in a person can finish in any browser tab, whatever the host.
    'accessPolicy.signInMethod': 'deviceCode',
  });
  await quickOpen(wb.page, FILE);
});

after(async () => {
  await wb?.close();
  tenant?.kill('SIGTERM');
});

test('Deploy policy: sign in with a device code, confirm, and the id is written into the file', { timeout: 180_000 }, async () => {
  const { page } = wb;
  await runCommand(page, 'Access Policy: Deploy policy');

  // The sign-in notification tells the person where to go and which code to type.
  const notice = page.locator('.notification-toast', { hasText: 'enter the code' });
  await notice.first().waitFor({ timeout: 60_000 });
  const text = await notice.first().locator('.notification-list-item-message').innerText();
  const m = /open (\S+) and enter the code ([A-Za-z0-9-]+)/.exec(text);
  assert.ok(m, `no verification URL and code in: ${text}`);
  const [, verificationUri, userCode] = m;
  assert.ok(verificationUri.startsWith(tenantUrl), `sign-in goes to ${verificationUri}, not the stand-in at ${tenantUrl}`);
  await screenshot(page, 'deploy-sign-in');

  const tab = await wb.newTab();
  await tab.goto(`${verificationUri}${verificationUri.includes('?') ? '&' : '?'}user_code=${encodeURIComponent(userCode)}`);
  assert.match((await tab.textContent('body')) ?? '', /Signed in as/);
  await tab.close();

  // The confirmation names the tenant and the action; the person clicks Create.
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 });
  const dialogText = await dialog.innerText();
  assert.match(dialogText, new RegExp(tenantId), `the confirmation does not name the tenant: ${dialogText}`);
  await screenshot(page, 'deploy-confirm');
  await dialog.locator('.monaco-button', { hasText: /^Create$/ }).click();

  const done = page.locator('.notification-toast', { hasText: /Created policy "New Policy"/ });
  await done.first().waitFor({ timeout: 60_000 });
  const idMatch = /\(([0-9a-f-]{36})\)/.exec(await done.first().locator('.notification-list-item-message').innerText());
  assert.ok(idMatch, 'the result does not name the new policy id');
  // The progress notification goes away once the deploy is over.
  await page.locator('.notification-toast', { hasText: 'Creating the policy' }).waitFor({ state: 'detached', timeout: 15_000 });
  await screenshot(page, 'deploy-done');

  // The id is in the saved file, and the stand-in holds exactly that policy.
  const saved = JSON.parse(readFileSync(path.join(wb.workspace, FILE), 'utf8')) as { id?: string };
  assert.equal(saved.id, idMatch[1]);
  const state = JSON.stringify(await (await fetch(`${tenantUrl}/_standin/state`)).json());
  assert.ok(state.includes(idMatch[1]), 'the stand-in has no policy with the id the editor reported');
});
