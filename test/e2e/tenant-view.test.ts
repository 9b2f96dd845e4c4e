// A person manages a tenant as a folder from the *Entra Access Policies* view, against the local
// stand-in (dist/standin.js, seeded with policies across catalogs and packages, small list pages):
// signs in from the view's welcome, pulls everything into an empty workspace (the files appear),
// opens the tenant → catalog → package and sees every policy "equal"; edits one file and sees that
// policy "differs", clicks it and gets the diff editor; plans the file from its CodeLens; applies
// the workspace (the modal names the tenant and the counts) and sees the policy "equal" again, with
// the tenant holding the edit. Modal dialogs are why this is a user test (docs/testing-vscode.md).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import {
  approveDeviceCode,
  notificationsSettled,
  openWorkbench,
  quickOpen,
  replaceAll,
  runCommand,
  screenshot,
  waitForPolicyLanguage,
  type Workbench,
} from './workbench';
import { startStandIn, type StandInProcess, type StandInState } from './standIn';

const tenantId = randomUUID();
const clientId = randomUUID();
let standIn: StandInProcess;
let wb: Workbench;
let pulled: string[] = [];

function policyFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.accesspolicy.json'))
    .map((f) => path.join(dir, f))
    .sort();
}

/** A row of the tenant view, by what a screen reader says for it. */
function row(label: string | RegExp): Locator {
  return wb.page.locator('.part.sidebar').getByRole('treeitem', { name: label, exact: typeof label === 'string' });
}

/**
 * Opens a tree row until `child` shows under it. A row open already is not clicked (a click would
 * close it); a click that lands while the view re-renders after a pull opens nothing, and a row
 * that shows open with no child is closed and opened again.
 */
async function expandTo(r: Locator, child: Locator, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await r.waitFor({ timeout: 60_000 });
    if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
    try {
      await child.waitFor({ timeout: 15_000 });
      return;
    } catch (e) {
      if (attempt === attempts) throw e;
      if ((await r.getAttribute('aria-expanded')) === 'true') await r.click();
    }
  }
}

before(async () => {
  standIn = await startStandIn([
    '--tenant-id',
    tenantId,
    '--tenant-name',
    'Contoso Test',
    '--client-id',
    clientId,
    '--seed',
    '12',
    '--page-size',
    '4',
  ]);
  wb = await openWorkbench(
    'e2e-tenant-view',
    {},
    {
      'accessPolicy.tenant': tenantId,
      'accessPolicy.clientId': clientId,
      'accessPolicy.dev.authorityUrl': standIn.url,
      'accessPolicy.dev.graphUrl': standIn.url,
      'accessPolicy.signInMethod': 'deviceCode',
    },
    { emptyWorkspace: true },
  );
});

after(async () => {
  await wb?.close();
  standIn?.stop();
});

test('the view welcomes with a sign-in; signed in, it shows the tenant and its catalogs', { timeout: 180_000 }, async () => {
  const { page } = wb;
  await page.locator('.activitybar .action-item a[aria-label^="Entra Access Policies"]').click();
  const welcome = page.locator('.welcome-view-content', { hasText: 'Sign in to see the tenant' });
  await welcome.waitFor({ timeout: 60_000 });
  await welcome.locator('.monaco-button', { hasText: 'Sign In to Microsoft Entra' }).click();
  await approveDeviceCode(wb, standIn.url);
  await row('Tenant Contoso Test').waitFor({ timeout: 60_000 });
  await row(/^Catalog .+, \d+ access packages?$/)
    .first()
    .waitFor({ timeout: 60_000 });
});

test('Pull into Workspace brings every policy into the empty workspace as files', { timeout: 180_000 }, async () => {
  const { page } = wb;
  const state = await standIn.state<StandInState>();
  assert.ok(state.policies.length >= 10, `the stand-in was seeded with ${state.policies.length} policies`);
  assert.deepEqual(policyFiles(wb.workspace), [], 'the workspace starts empty');
  await runCommand(page, 'Access Policy: Pull into Workspace');
  const done = page.locator('.notification-toast', { hasText: new RegExp(`Pulled ${state.policies.length} policies from Contoso Test`) });
  await done.first().waitFor({ timeout: 90_000 });
  assert.match(await done.first().innerText(), new RegExp(`${state.policies.length} created`));
  pulled = policyFiles(wb.workspace);
  assert.equal(pulled.length, state.policies.length, 'one file per policy');
  const ids = new Set(state.policies.map((p) => p.id));
  for (const f of pulled)
    assert.ok(
      ids.has((JSON.parse(readFileSync(f, 'utf8').replace(/^\/\/.*\n/, '')) as { id: string }).id),
      `${f} holds a policy of the tenant`,
    );
  await runCommand(page, 'Notifications: Clear All Notifications');
});

let target: { file: string; displayName: string; catalog: string; accessPackage: string; id: string };

test(
  'the package\'s policies are "equal"; an edited file makes its policy "differs", and a click opens the diff',
  { timeout: 180_000 },
  async () => {
    const { page } = wb;
    // A file Quick Open finds by its name alone.
    const file = pulled.find((f) => pulled.filter((g) => path.basename(g) === path.basename(f)).length === 1)!;
    const text = readFileSync(file, 'utf8');
    const [, catalog, accessPackage] = /^\/\/ Catalog: (.*) · Access package: (.*)$/m.exec(text)!;
    const value = JSON.parse(text.replace(/^\/\/.*\n/, '')) as { id: string; displayName: string; description?: string };
    target = { file, displayName: value.displayName, catalog, accessPackage, id: value.id };
    const siblings = pulled
      .filter((f) => path.dirname(f) === path.dirname(file))
      .map((f) => (JSON.parse(readFileSync(f, 'utf8').replace(/^\/\/.*\n/, '')) as { displayName: string }).displayName);

    const packageRow = row(`Access package ${accessPackage}`).first();
    await expandTo(row(new RegExp(`^Catalog ${escape(catalog)}, `)).first(), packageRow);
    await expandTo(packageRow, row(new RegExp(`^Policy ${escape(siblings[0])}, `)).first());
    // Every policy of the package was pulled just now, so each stands equal to its file.
    for (const name of siblings) await row(`Policy ${name}, equal`).first().waitFor({ timeout: 60_000 });
    await notificationsSettled(page);
    await screenshot(page, 'tenant-view', { docs: true });

    // The person edits the description in the file and saves.
    await quickOpen(page, path.basename(file));
    await waitForPolicyLanguage(page);
    const before = value.description ?? '';
    assert.ok(before, 'the pulled policy has a description to edit');
    await replaceAll(page, `"description": "${before}"`, `"description": "${before} (edited)"`);
    await page.keyboard.press('Control+S');
    const differs = row(`Policy ${target.displayName}, differs`);
    await differs.first().waitFor({ timeout: 30_000 });

    // A click on a policy that differs opens the diff. The row may be re-rendered under the pointer
    // while the view takes in the save, so the click is repeated until the diff is there.
    const diffTab = page.locator('.tabs-container .tab.active', { hasText: `${target.displayName}: tenant ↔ ${path.basename(file)}` });
    for (let attempt = 1; ; attempt++) {
      await differs.first().click();
      try {
        await diffTab.waitFor({ timeout: 10_000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
    await page.locator('.monaco-diff-editor .line-insert, .monaco-diff-editor .char-insert').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'tenant-view-differs', { docs: true });
  },
);

test("Plan on the file's CodeLens says it would update the description", { timeout: 120_000 }, async () => {
  const { page } = wb;
  // The person closes the diff and is back in the file (Quick Open can leave the diff in front).
  const diff = page.locator('.tabs-container .tab.active', { hasText: `${target.displayName}: tenant ↔` });
  await diff.locator('.tab-actions .action-label').click();
  await diff.waitFor({ state: 'detached' });
  await page
    .locator('.tabs-container .tab', { hasText: path.basename(target.file) })
    .first()
    .click();
  await page.locator('.tabs-container .tab.active', { hasText: path.basename(target.file) }).waitFor();
  await page
    .locator('.monaco-editor .codelens-decoration a', { hasText: /^Plan$/ })
    .first()
    .click();
  const result = page.locator('.notification-toast', {
    hasText: `${path.basename(target.file)} against Contoso Test (${tenantId}): update (1 change: description)`,
  });
  await result.first().waitFor({ timeout: 60_000 });
  // The plan view lists it under Update.
  await page.locator('.part.sidebar').getByRole('treeitem', { name: 'Update: 1', exact: true }).waitFor({ timeout: 30_000 });
  await runCommand(page, 'Notifications: Clear All Notifications');
});

test(
  'Apply Workspace confirms naming the tenant and the counts, updates the policy, and the view shows it equal',
  { timeout: 180_000 },
  async () => {
    const { page } = wb;
    const before = await standIn.state<StandInState>();
    await runCommand(page, 'Access Policy: Apply Workspace');
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Apply 1 change to Contoso Test' });
    await dialog.waitFor({ timeout: 60_000 });
    const text = await dialog.innerText();
    assert.match(text, new RegExp(`Tenant: Contoso Test \\(${tenantId}\\)`));
    assert.match(text, /Create: 0, update: 1, adopt: 0/);
    assert.match(text, new RegExp(`Unchanged: ${pulled.length - 1}`));
    await screenshot(page, 'apply-workspace-confirm', { docs: true });
    await dialog.locator('.monaco-button', { hasText: /^Apply$/ }).click();
    await page
      .locator('.notification-toast', { hasText: /Applied the workspace to Contoso Test .*: 1 updated/ })
      .first()
      .waitFor({ timeout: 60_000 });

    // Tenant view (still open in the side bar): the policy is equal again (the view read the tenant afresh).
    await row(`Policy ${target.displayName}, equal`).first().waitFor({ timeout: 60_000 });
    const after = await standIn.state<StandInState>();
    assert.equal(after.policies.length, before.policies.length, 'no policy was created');
    const updated = after.policies.find((p) => p.id === target.id)!;
    assert.match(String(updated.body.description), / \(edited\)$/);
    const writes = after.requests.slice(before.requests.length).filter((r) => r.method !== 'GET');
    assert.deepEqual(
      writes.map((w) => w.method),
      ['PUT'],
      'one update, nothing else written',
    );
    assert.ok(writes[0].path.includes(target.id) && writes[0].status < 300, `${writes[0].path} ${writes[0].status}`);
  },
);

test('the workbench and the extension made no request beyond this machine', () => {
  assert.deepEqual(wb.blocked, []);
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
