// A reviewer opens a policy, reads the one-line summary in the CodeLens, runs *Access Policy: Show
// summary*, reads the preview beside the file (the flow picture and the sections), clicks a stage
// to find it in the file, and sees the preview follow an edit. In the light, the dark and the high
// contrast theme; the screenshots are the README's preview images (ACCESSPOLICY_DOCS_IMAGES=1 writes them).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { openWorkbench, quickOpen, repoRoot, replaceAll, runCommand, screenshot, waitForPolicyLanguage, type Workbench } from './workbench';

const FILE = 'v1-connected-orgs-multistage-review.accesspolicy.json';
const TEXT = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'workspace', FILE), 'utf8');
const HEADLINE = 'Requested by: all connected organizations · 2 approval stages · no end date · quarterly review';

let wb: Workbench;
let preview: FrameLocator;

before(async () => {
  wb = await openWorkbench('e2e-summary');
  await quickOpen(wb.page, FILE);
  await waitForPolicyLanguage(wb.page);
});

after(async () => {
  await wb?.close();
});

test('the CodeLens on the first line shows the one-line summary and the actions', { timeout: 90_000 }, async () => {
  const lens = wb.page.locator('.monaco-editor .codelens-decoration');
  await lens.filter({ hasText: HEADLINE }).first().waitFor({ timeout: 45_000 });
  const text = await lens.first().innerText();
  assert.match(text, /Deploy/);
  assert.match(text, /Plan/);
  assert.match(text, /Show Summary/);
});

test('Show Summary opens the preview beside the file: flow picture and sections', { timeout: 90_000 }, async () => {
  const { page } = wb;
  await runCommand(page, 'Access Policy: Show Summary');
  await page.locator('.tab', { hasText: `Summary: ${FILE}` }).waitFor({ timeout: 30_000 });
  // The webview's page sits in two nested frames.
  preview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await preview.locator('h1', { hasText: 'policy for external access requests' }).waitFor({ timeout: 30_000 });
  assert.equal(await preview.locator('.headline').innerText(), HEADLINE);
  const boxes = preview.locator('ol.flow > li.step > button.box');
  assert.equal(await boxes.count(), 5, 'requestors, two stages, access, review');
  assert.match(await boxes.nth(0).innerText(), /Requestors\s+all connected organizations/);
  assert.match(await boxes.nth(1).innerText(), /Stage 1\s+Approvers: internal sponsors\s+Fallback: user 7deff43e/);
  assert.match(await boxes.nth(4).innerText(), /Review every 3 months \(quarterly\)/);
  assert.match((await boxes.nth(1).getAttribute('aria-label')) ?? '', /^Stage 1: Approvers: internal sponsors;/);
  assert.equal(await preview.locator('body.vscode-light').count(), 1);
  await preview.locator('h2', { hasText: 'Access reviews' }).waitFor();
  // The side bar closed (Ctrl+B), as a reviewer reading file and summary side by side would.
  await page.keyboard.press('Control+B');
  await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
  await screenshot(page, 'summary-preview-light', { docs: true });
  assert.equal(await preview.locator('body.vscode-light').count(), 1);
});

test('clicking a stage in the picture selects it in the file', { timeout: 60_000 }, async () => {
  const { page } = wb;
  // Stage 2's object starts on the line before its first property (1-based: that property's 0-based index).
  const lines = TEXT.split('\n');
  const first = lines.findIndex((l) => l.includes('"durationBeforeAutomaticDenial"'));
  const stage2Line = lines.findIndex((l, i) => i > first && l.includes('"durationBeforeAutomaticDenial"'));
  assert.match(lines[stage2Line - 1], /^\s+\{$/);
  await preview.locator('ol.flow button.box', { hasText: 'Stage 2' }).click();
  // The status bar shows where the selection starts.
  await page
    .locator('.statusbar-item', { hasText: new RegExp(`^Ln ${stage2Line}, Col \\d+ \\(\\d+ selected\\)`) })
    .first()
    .waitFor({ timeout: 15_000 });
});

test('the preview follows the file as it changes', { timeout: 60_000 }, async () => {
  const { page } = wb;
  await page.locator('.tabs-container .tab', { hasText: FILE }).first().click();
  await replaceAll(page, '"P14D"', '"P7D"');
  await preview
    .locator('ol.flow button.box', { hasText: /Denied if nobody decides within 7 days/ })
    .first()
    .waitFor({ timeout: 15_000 });
  assert.match(await preview.locator('section', { hasText: 'Access reviews' }).innerText(), /Each review lasts 7 days/);
});

/**
 * A second workbench started in another colour theme, as a user who works in it would have it,
 * with the preview open; `inTheme` runs with the preview's frame, then the screenshot is taken
 * beside the file with the side bar closed.
 */
async function previewInTheme(
  name: string,
  theme: string,
  bodyClass: string,
  shot: string,
  inTheme: (frame: FrameLocator) => Promise<void>,
): Promise<void> {
  const other = await openWorkbench(name, {}, { 'workbench.colorTheme': theme });
  try {
    const { page } = other;
    await quickOpen(page, FILE);
    await waitForPolicyLanguage(page);
    await runCommand(page, 'Access Policy: Show Summary');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await frame.locator(`body.${bodyClass} h1`, { hasText: 'policy for external access requests' }).waitFor({ timeout: 30_000 });
    await inTheme(frame);
    await frame.locator('h2', { hasText: 'Access reviews' }).waitFor();
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    await screenshot(page, shot, { docs: true });
    assert.deepEqual(other.blocked, []);
  } finally {
    await other.close();
  }
}

test("in the dark theme the preview takes the theme's colours", { timeout: 120_000 }, async () => {
  await previewInTheme('e2e-summary-dark', 'Default Dark Modern', 'vscode-dark', 'summary-preview-dark', async (frame) => {
    // Runs in the page; the project compiles without the DOM library, hence the untyped global.
    const colours = await frame.locator('body').evaluate((b) => {
      const style = (globalThis as any).getComputedStyle(b);
      return [String(style.color), String(style.backgroundColor)];
    });
    // Light text on a dark page: the theme's own colours, not fixed ones.
    const sum = (c: string) =>
      c
        .match(/\d+/g)!
        .slice(0, 3)
        .map(Number)
        .reduce((a, b) => a + b, 0);
    assert.ok(sum(colours[0]) > sum(colours[1]) + 300, colours.join(' on '));
  });
});

test("in the high contrast theme the preview uses the theme's colours and contrast borders", { timeout: 120_000 }, async () => {
  await previewInTheme(
    'e2e-summary-hc',
    'Default High Contrast',
    'vscode-high-contrast',
    'summary-preview-high-contrast',
    async (frame) => {
      // What the page computes against what the theme's variables say (VS Code sets them on <html>).
      // Written as a string (an expression the page evaluates): the project compiles without the DOM
      // library, and a compiled function would carry the test runner's helpers into the page.
      const seen = (await frame.locator('body').evaluate(`(() => {
      const vars = getComputedStyle(document.documentElement);
      const probe = (css) => { const el = document.createElement('span'); el.style.color = css; document.body.appendChild(el); const c = getComputedStyle(el).color; el.remove(); return c; };
      const body = getComputedStyle(document.body);
      const b = getComputedStyle(document.querySelector('ol.flow button.box'));
      return {
        contrastBorderVar: vars.getPropertyValue('--vscode-contrastBorder').trim(),
        contrastBorder: probe(vars.getPropertyValue('--vscode-contrastBorder').trim()),
        foreground: probe(vars.getPropertyValue('--vscode-foreground').trim()),
        background: probe(vars.getPropertyValue('--vscode-editor-background').trim()),
        bodyColor: body.color, bodyBackground: body.backgroundColor,
        borders: [b.borderTopColor, b.borderRightColor, b.borderBottomColor, b.borderLeftColor],
        widths: [b.borderTopWidth, b.borderRightWidth, b.borderBottomWidth, b.borderLeftWidth],
        styles: [b.borderTopStyle, b.borderLeftStyle],
        boxColor: b.color, boxBackground: b.backgroundColor,
      };
    })()`)) as {
        contrastBorderVar: string;
        contrastBorder: string;
        foreground: string;
        background: string;
        bodyColor: string;
        bodyBackground: string;
        borders: string[];
        widths: string[];
        styles: string[];
        boxColor: string;
        boxBackground: string;
      };
      assert.ok(
        seen.contrastBorderVar && seen.contrastBorder !== 'rgba(0, 0, 0, 0)',
        `the high contrast theme defines contrastBorder (${seen.contrastBorderVar})`,
      );
      assert.equal(seen.bodyColor, seen.foreground, "text in the theme's foreground");
      assert.equal(seen.bodyBackground, seen.background, "page in the theme's editor background");
      assert.deepEqual(seen.borders, Array(4).fill(seen.contrastBorder), 'each flow box is outlined in the contrast border colour');
      assert.deepEqual(seen.widths, Array(4).fill('2px'));
      assert.deepEqual(seen.styles, ['solid', 'solid']);
      // Readable: WCAG contrast of text on page and of box text on page at least 7:1 (AAA).
      assert.ok(contrast(seen.bodyColor, seen.bodyBackground) >= 7, `text ${seen.bodyColor} on ${seen.bodyBackground}`);
      assert.ok(contrast(seen.boxColor, seen.boxBackground) >= 7, `box text ${seen.boxColor} on ${seen.boxBackground}`);
      assert.ok(contrast(seen.contrastBorder, seen.bodyBackground) >= 3, `border ${seen.contrastBorder} on ${seen.bodyBackground}`);
    },
  );
});

/** WCAG 2 contrast ratio of two CSS rgb()/rgba() colours (opaque). */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map((x) => Number(x) / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('the workbench and the extension made no request beyond this machine', () => {
  assert.deepEqual(wb.blocked, []);
});
