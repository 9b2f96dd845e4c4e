// A person signed in to the tenant (the local stand-in, dist/standin.js) opens a policy that names
// an approver group by reference and a user by an id the tenant does not have: hovering the
// reference shows the group (its name and member count, in that tenant), and the id gets the
// "does not exist" warning (AP4120) in the Problems panel, both looked up in the background.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  approveDeviceCode,
  goToLine,
  hoverUntilShown,
  openWorkbench,
  quickOpen,
  repoRoot,
  runCommand,
  screenshot,
  standInSignInSettings,
  waitForPolicyLanguage,
  type Workbench,
} from './workbench';
import { startStandIn, type StandInProcess } from './standIn';

const FILE = 'tenant-hover.accesspolicy.json';
const MISSING = '0b5e7c3a-1d2f-4e6a-9b8c-7d6e5f4a3b2c';
const tenantId = randomUUID();
const clientId = randomUUID();
let standIn: StandInProcess;
let wb: Workbench;
let salesId = '';

// The fixture policy with its approvers replaced: the group by reference, the user by a missing id.
const valid = readFileSync(
  path.join(repoRoot, 'test', 'fixtures', 'workspace', 'v1-connected-orgs-multistage-review.accesspolicy.json'),
  'utf8',
);

function policyText(): string {
  const body = JSON.parse(valid) as Record<string, any>;
  body.requestApprovalSettings.stages[0].primaryApprovers = [
    { '@odata.type': '#microsoft.graph.groupMembers', groupId: '${group:Sales Approvers}' },
    { '@odata.type': '#microsoft.graph.singleUser', userId: MISSING },
  ];
  return JSON.stringify(body, null, 2) + '\n';
}

before(async () => {
  standIn = await startStandIn(['--tenant-id', tenantId, '--tenant-name', 'Contoso Test', '--client-id', clientId]);
  const res = await fetch(`${standIn.url}/_standin/directory`, {
    method: 'POST',
    body: JSON.stringify({
      users: [{ userPrincipalName: 'alice@contoso.example', displayName: 'Alice' }, { userPrincipalName: 'bob@contoso.example' }],
      groups: [{ displayName: 'Sales Approvers', members: ['alice@contoso.example', 'bob@contoso.example'] }],
    }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  salesId = ((await res.json()) as { groups: string[] }).groups[0];
  wb = await openWorkbench('e2e-tenant-hover', { [FILE]: policyText() }, standInSignInSettings(tenantId, clientId, standIn.url));
  await quickOpen(wb.page, FILE);
  await waitForPolicyLanguage(wb.page);
});

after(async () => {
  await wb?.close();
  standIn?.stop();
});

test('signed in, hovering a group reference shows the group in the tenant', { timeout: 180_000 }, async () => {
  const { page } = wb;
  await runCommand(page, 'Access Policy: Sign In to Microsoft Entra');
  await approveDeviceCode(wb, standIn.url);
  // The person scrolls to the approvers (Go to Line reveals the line in the middle of the editor).
  await goToLine(
    page,
    policyText()
      .split('\n')
      .findIndex((l) => l.includes('${group:Sales Approvers}')) + 1,
  );
  const reference = page.locator('.monaco-editor .view-line span', { hasText: /Sales\sApprovers/ }).first();
  const hover = page.locator('.monaco-hover', { hasText: /Sales\sApprovers.*2\sdirect\smembers/s });
  // The answer comes from the background lookup, and the machine may be slow: retried generously.
  await hoverUntilShown(page, reference, hover, 8, 5_000);
  const text = (await hover.first().innerText()).replace(/\s+/g, ' ');
  assert.match(text, /group Sales Approvers/);
  assert.ok(text.includes(salesId), `the hover names the group's id: ${text}`);
  assert.ok(text.includes(tenantId), `the hover names the tenant: ${text}`);
  await screenshot(page, 'tenant-hover');
  await page.keyboard.press('Escape');
});

test('an id the tenant does not have is a warning (AP4120) in the Problems panel', { timeout: 120_000 }, async () => {
  const { page } = wb;
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'AP4120' });
  await row.first().waitFor({ timeout: 60_000 });
  const text = (await row.first().textContent()) ?? '';
  assert.ok(text.includes(MISSING), `the row names the id: ${text}`);
  assert.match(text, /does not exist|no user/);
  await screenshot(page, 'tenant-problems');
});

test('the workbench and the extension made no request beyond this machine', () => {
  assert.deepEqual(wb.blocked, []);
});
