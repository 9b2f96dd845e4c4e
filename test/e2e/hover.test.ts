// A person points at an approver's "@odata.type" value and reads what that approver type means:
// the type card. The screenshot of the card is the README's hover image
// (ACCESSPOLICY_DOCS_IMAGES=1 writes it to docs/images/hover-approver-type.png).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { around, goToLine, openWorkbench, quickOpen, repoRoot, screenshot, type Workbench } from './workbench';

const FILE = 'v1-connected-orgs-multistage-review.accesspolicy.json';
const APPROVER = '"#microsoft.graph.internalSponsors"';
// 1-based, as Go to Line takes it.
const approverLine =
  readFileSync(path.join(repoRoot, 'test', 'fixtures', 'workspace', FILE), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(APPROVER)) + 1;

let wb: Workbench;

before(async () => {
  assert.ok(approverLine > 0, `${FILE} no longer has an ${APPROVER} approver`);
  wb = await openWorkbench('e2e-hover');
  await quickOpen(wb.page, FILE);
});

after(async () => {
  await wb?.close();
});

test('hovering an approver @odata.type value shows the type card for that approver type', { timeout: 90_000 }, async () => {
  const { page } = wb;
  await goToLine(page, approverLine);
  const value = page.locator('.monaco-editor .view-line span', { hasText: /^"#microsoft\.graph\.internalSponsors"$/ }).first();
  await value.waitFor({ timeout: 30_000 });
  // The language server may still be starting: move away and back until its card appears.
  const card = page.locator('.monaco-hover:visible', { hasText: /internalSponsors/ });
  const deadline = Date.now() + 45_000;
  while (!(await card.count())) {
    assert.ok(Date.now() < deadline, 'no hover card for the approver type within 45 s');
    await page.mouse.move(5, 5);
    await value.hover();
    await card
      .first()
      .waitFor({ state: 'visible', timeout: 3_000 })
      .catch(() => {});
  }
  const text = await card.first().innerText();
  // What the card must tell a person: the type, who approves, and that it is an approver.
  assert.match(text, /microsoft\.graph\.internalSponsors/);
  assert.match(text, /sponsor/i, `the card does not say who approves:\n${text}`);
  assert.ok(text.length > 80, `the card is too thin to help:\n${text}`);
  const [cardBox, valueBox] = [await card.first().boundingBox(), await value.boundingBox()];
  assert.ok(cardBox && valueBox, 'hover card or value not rendered');
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  await screenshot(page, 'hover-approver-type', { clip: around([cardBox, valueBox], 24, viewport), docs: true });
  await page.keyboard.press('Escape');
});

test('the workbench and the extension made no request beyond this machine', () => {
  assert.deepEqual(wb.blocked, []);
});
