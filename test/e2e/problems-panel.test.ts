// A person opens a policy with a wrong value, sees the red squiggle, the hover and the Problems
// panel entry, fixes the value and sees the problem go away. Screenshots go to
// test-results/screenshots/ (copied to docs/images/ for the README).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hoverUntilShown, openWorkbench, quickOpen, repoRoot, screenshot, type Workbench } from './workbench';

const FILE = 'scope-everyone.accesspolicy.json';
const valid = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'workspace', 'v1-direct-assignment.accesspolicy.json'), 'utf8');
const broken = valid.replace('"allowedTargetScope": "notSpecified"', '"allowedTargetScope": "everyone"');
// 1-based, as the Problems panel shows it.
const brokenLine = broken.split('\n').findIndex((l) => l.includes('"allowedTargetScope"')) + 1;

let wb: Workbench;
// The wrong value as the editor renders it: what a person points at and double-clicks.
const wrongValue = () => wb.page.locator('.monaco-editor .view-line span', { hasText: /^"everyone"$/ }).first();

before(async () => {
  assert.notEqual(broken, valid, 'fixture no longer contains allowedTargetScope "notSpecified"');
  wb = await openWorkbench('e2e-problems', { [FILE]: broken });
  await quickOpen(wb.page, FILE);
  console.log(`[e2e-problems] ${FILE} open in the editor`);
});

after(async () => {
  await wb?.close();
});

test('the wrong allowedTargetScope value is underlined in red', { timeout: 60_000 }, async () => {
  const squiggle = wb.page.locator('.monaco-editor .squiggly-error');
  await squiggle.first().waitFor({ timeout: 30_000 });
  // The squiggle sits on the line with the wrong value, not elsewhere.
  const lineTop = await wb.page
    .locator('.monaco-editor .margin .line-numbers', { hasText: new RegExp(`^${brokenLine}$`) })
    .first()
    .boundingBox();
  const squiggleBox = await squiggle.first().boundingBox();
  assert.ok(lineTop && squiggleBox, 'line number or squiggle not rendered');
  assert.ok(Math.abs(lineTop.y - squiggleBox.y) < lineTop.height, `squiggle at y=${squiggleBox.y}, line ${brokenLine} at y=${lineTop.y}`);
  await screenshot(wb.page, 'squiggle', { docs: true });
});

test('hovering the squiggle shows the problem with its AP code', { timeout: 60_000 }, async () => {
  const hover = wb.page.locator('.monaco-hover', { hasText: /AP\d{4}/ });
  await hoverUntilShown(wb.page, wrongValue(), hover);
  await screenshot(wb.page, 'hover-diagnostic', { docs: true });
  await wb.page.keyboard.press('Escape');
});

test('the Problems panel lists the problem with its AP code and line', { timeout: 60_000 }, async () => {
  await wb.page.keyboard.press('Control+Shift+M');
  const row = wb.page.locator('.markers-panel .monaco-list-row', { hasText: /AP\d{4}/ });
  await row.first().waitFor({ timeout: 15_000 });
  const text = (await row.first().textContent()) ?? '';
  assert.match(text, new RegExp(`Ln ${brokenLine}\\b`), `row text: ${text}`);
  await screenshot(wb.page, 'problems-panel', { docs: true });
});

test('fixing the value clears the squiggle and the Problems entry', { timeout: 60_000 }, async () => {
  // Double-click selects the word, then the person types the right value.
  await wrongValue().dblclick();
  await wb.page.keyboard.type('notSpecified');
  await wb.page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'detached', timeout: 30_000 });
  await wb.page
    .locator('.markers-panel .monaco-list-row', { hasText: /AP\d{4}/ })
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 });
  const line = await wb.page.locator('.monaco-editor .view-line', { hasText: 'allowedTargetScope' }).first().textContent();
  assert.match(line ?? '', /"notSpecified"/);
});

test('the workbench and the extension made no request beyond this machine', () => {
  assert.deepEqual(wb.blocked, []);
});
