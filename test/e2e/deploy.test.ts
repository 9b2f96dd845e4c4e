// A person deploys a policy from the editor to the local tenant stand-in (dist/standin.js):
// Command Palette → Deploy Policy, device-code sign-in in a second browser tab, the confirmation
// dialog, the result notification, and the new policy id written into the file; then edits the file
// and deploys again (an update of the same policy), and tries to deploy a file with an error
// (refused, nothing sent). The modal confirmation cannot be answered through the vscode API, which
// is why deploy is tested here rather than in the extension-host suite.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  approveDeviceCode,
  notificationsSettled,
  openWorkbench,
  quickOpen,
  replaceAll,
  repoRoot,
  runCommand,
  screenshot,
  standInSignInSettings,
  waitForPolicyLanguage,
  type Workbench,
} from './workbench';
import { startStandIn, type StandInProcess, type StandInState } from './standIn';

const FILE = 'v1-direct-assignment.accesspolicy.json';
const BROKEN = 'deploy-broken.accesspolicy.json';
const ACCESS_PACKAGE = 'a2e1ca1e-4e56-47d2-9daa-e2ba8d12a82b'; // the one FILE refers to
const tenantId = randomUUID();
const clientId = randomUUID();
let tenant: StandInProcess;
let tenantUrl = '';
let wb: Workbench;
let policyId = '';

async function standInState(): Promise<StandInState> {
  return tenant.state();
}

before(async () => {
  tenant = await startStandIn(['--tenant-id', tenantId, '--client-id', clientId, '--access-package', ACCESS_PACKAGE]);
  tenantUrl = tenant.url;
  const valid = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'workspace', FILE), 'utf8');
  const broken = valid.replace('"allowedTargetScope": "notSpecified"', '"allowedTargetScope": "everyone"');
  assert.notEqual(broken, valid, `${FILE} no longer has allowedTargetScope "notSpecified"`);
  wb = await openWorkbench('e2e-deploy', { [BROKEN]: broken }, standInSignInSettings(tenantId, clientId, tenantUrl));
  await quickOpen(wb.page, FILE);
  // Deploy's palette entry depends on the file being ours; on a fresh code-server the workbench can
  // open the file before it knows the extension's language (as the Convert test found).
  await waitForPolicyLanguage(wb.page);
});

after(async () => {
  await wb?.close();
  tenant?.stop();
});

test('Deploy Policy: sign in with a device code, confirm, and the id is written into the file', { timeout: 180_000 }, async () => {
  const { page } = wb;
  await runCommand(page, 'Access Policy: Deploy Policy');

  // A sign-in dialog tells the person where to go and which code to type.
  await approveDeviceCode(wb, tenantUrl, () => screenshot(page, 'deploy-sign-in').then(() => undefined));

  // The confirmation names the tenant and the action; the person clicks Create.
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 });
  const dialogText = await dialog.innerText();
  assert.match(dialogText, new RegExp(tenantId), `the confirmation does not name the tenant: ${dialogText}`);
  await screenshot(page, 'deploy-confirm', { docs: true });
  await dialog.locator('.monaco-button', { hasText: /^Create$/ }).click();

  const done = page.locator('.notification-toast', { hasText: /Created policy "New Policy"/ });
  await done.first().waitFor({ timeout: 60_000 });
  const idMatch = /\(([0-9a-f-]{36})\)/.exec(await done.first().locator('.notification-list-item-message').innerText());
  assert.ok(idMatch, 'the result does not name the new policy id');
  // The progress notification goes away once the deploy is over.
  await page.locator('.notification-toast', { hasText: 'Creating the policy' }).waitFor({ state: 'detached', timeout: 15_000 });
  await notificationsSettled(page);
  await screenshot(page, 'deploy-done', { docs: true });

  // The id is in the saved file, and the stand-in holds exactly that policy.
  const saved = JSON.parse(readFileSync(path.join(wb.workspace, FILE), 'utf8')) as { id?: string };
  assert.equal(saved.id, idMatch[1]);
  const state = JSON.stringify(await (await fetch(`${tenantUrl}/_standin/state`)).json());
  assert.ok(state.includes(idMatch[1]), 'the stand-in has no policy with the id the editor reported');
  policyId = idMatch[1];
});

test('a second deploy of the edited file updates that policy, without a new sign-in', { timeout: 180_000 }, async () => {
  assert.ok(policyId, 'needs the policy the first test created');
  const { page } = wb;
  // The deploy left its preview diff in front; the person closes it and is back in the file.
  const preview = page.locator('.tabs-container .tab.active', { hasText: 'New Policy: create in' });
  await preview.locator('.tab-actions .action-label').click();
  await preview.waitFor({ state: 'detached' });
  await page.locator('.tabs-container .tab', { hasText: FILE }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: FILE }).waitFor();
  await replaceAll(page, 'policy for assignment', 'policy for assignment, reviewed');
  await page.keyboard.press('Control+S');
  const signInPrompts = page.locator('.notification-toast, .monaco-dialog-box', { hasText: 'enter the code' });
  const promptsBefore = await signInPrompts.count();
  await runCommand(page, 'Access Policy: Deploy Policy');

  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 });
  const dialogText = await dialog.innerText();
  assert.match(dialogText, new RegExp(`Update policy "New Policy" \\(${policyId}\\)`), `not an update of ${policyId}:\n${dialogText}`);
  assert.match(dialogText, /Changes: .*description/, `the confirmation does not list the changed description:\n${dialogText}`);
  assert.equal(await signInPrompts.count(), promptsBefore, 'asked to sign in again although the account is remembered');
  await screenshot(page, 'deploy-update-confirm');
  await dialog.locator('.monaco-button', { hasText: /^Update$/ }).click();

  await page
    .locator('.notification-toast', { hasText: `Updated policy "New Policy" (${policyId})` })
    .first()
    .waitFor({ timeout: 60_000 });
  const state = await standInState();
  assert.equal(state.policies.length, 1, `expected the one policy, updated; the stand-in has ${state.policies.length}`);
  assert.equal(state.policies[0].id, policyId);
  assert.equal(state.policies[0].body.description, 'policy for assignment, reviewed');
  assert.ok(
    state.requests.some((r) => r.method === 'PUT' && r.path.includes(policyId) && r.status < 300),
    'no successful PUT of the policy',
  );
  // The id stays in the file, once.
  const saved = readFileSync(path.join(wb.workspace, FILE), 'utf8');
  assert.equal(saved.split(policyId).length - 1, 1, saved);
});

test('a deploy of a file with an error is refused: the notification says why and nothing is sent', { timeout: 120_000 }, async () => {
  const { page } = wb;
  const before = await standInState();
  // Earlier results out of the way, so the screenshot shows this one.
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.notification-toast').first().waitFor({ state: 'detached' });
  await quickOpen(page, BROKEN);
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
  await runCommand(page, 'Access Policy: Deploy Policy');
  const refused = page.locator('.notification-toast', { hasText: `${BROKEN} has 1 error; nothing was sent to the tenant` });
  await refused.first().waitFor({ timeout: 60_000 });
  assert.equal(
    await refused.first().locator('.monaco-button', { hasText: 'Show problems' }).count(),
    1,
    'no way to the problems from the notification',
  );
  assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'a confirmation was shown for a file with an error');
  await notificationsSettled(page);
  await screenshot(page, 'deploy-refused', { docs: true });
  const after = await standInState();
  const writes = after.requests.slice(before.requests.length).filter((r) => r.method !== 'GET');
  assert.deepEqual(writes, [], 'the refused deploy sent a write to the tenant');
  assert.equal(after.policies.length, before.policies.length);
  assert.equal(
    (JSON.parse(readFileSync(path.join(wb.workspace, BROKEN), 'utf8')) as { id?: string }).id,
    undefined,
    'an id was written into the refused file',
  );
});

test('the workbench and the extension made no request beyond this machine', () => {
  assert.deepEqual(wb.blocked, []);
});
