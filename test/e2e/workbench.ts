// Opens the extension in a real VS Code (code-server) in headless Chromium for user tests:
// a copy of the example workspace, a fresh profile, the extension under development loaded.
import { copyFileSync, cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { ensureCodeServer } from '../../scripts/vscode/install-code-server.mjs';
import {
  blockNonLoopback,
  launchChromium,
  startCodeServer,
  tailOf,
  workbenchUrl,
  writeUserSettings,
} from '../../scripts/vscode/code-server.mjs';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');
/** README images. Refreshed from a run only on request, so an ordinary test run leaves git clean. */
export const docsImagesDir = path.join(repoRoot, 'docs', 'images');
const updateDocsImages = process.env.ACCESSPOLICY_DOCS_IMAGES === '1';

export interface Workbench {
  page: Page;
  workspace: string;
  logFile: string;
  /** Requests the workbench tried to make beyond this machine (blocked). */
  blocked: string[];
  /** Another browser tab, e.g. for a sign-in page. */
  newTab(): Promise<Page>;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  /** Start from an empty folder instead of a copy of test/fixtures/workspace. */
  emptyWorkspace?: boolean;
}

export async function openWorkbench(
  name: string,
  files: Record<string, string> = {},
  settings: Record<string, unknown> = {},
  options: WorkbenchOptions = {},
): Promise<Workbench> {
  if (!existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run `node scripts/build.mjs` first');
  }
  const t0 = Date.now();
  // Phase timings on the test's output: where the seconds of a user test go.
  const log = (msg: string) => console.log(`[${name} ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
  const { bin } = await ensureCodeServer({ log });
  const runDir = path.join(repoRoot, '.cache', 'vscode-runs', `${name}-${Date.now()}-${process.pid}`);
  const workspace = path.join(runDir, 'workspace');
  if (options.emptyWorkspace) mkdirSync(workspace, { recursive: true });
  else cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(workspace, file), text);
  const userDataDir = path.join(runDir, 'user-data');
  // Larger font: the screenshots double as README images.
  writeUserSettings(userDataDir, {
    'editor.fontSize': 14,
    'workbench.colorTheme': 'Default Light Modern',
    // Sticky scroll headers cover lines near the top and swallow clicks on them.
    'editor.stickyScroll.enabled': false,
    ...settings,
  });
  const server = await startCodeServer({
    bin,
    userDataDir,
    extensionsDir: path.join(runDir, 'extensions'),
    logFile: path.join(runDir, 'code-server.log'),
  });
  let browser: Browser | undefined;
  try {
    log(`code-server at ${server.origin}`);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const blocked = await blockNonLoopback(page);
    await page.goto(workbenchUrl(server.origin, workspace, { extensionDevelopmentPath: repoRoot }));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // The explorer lists the workspace once the folder is open; only then does Quick Open know its files.
    // An empty folder lists nothing: its welcome says the folder is open.
    await page.waitForSelector(options.emptyWorkspace ? '.explorer-folders-view' : '.explorer-folders-view .monaco-list-row', {
      timeout: 60_000,
    });
    log('workbench open');
    const opened = browser;
    return {
      page,
      workspace,
      logFile: server.logFile,
      blocked,
      newTab: () => opened.newPage(),
      close: async () => {
        await opened.close().catch(() => {});
        await server.stop();
      },
    };
  } catch (err) {
    await browser?.close().catch(() => {});
    await server.stop();
    throw new Error(`${err instanceof Error ? err.message : err}\ncode-server log:\n${tailOf(server.logFile)}`);
  }
}

/** Opens a workspace file with Quick Open (Ctrl+P), as a person would. */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(fileName);
  // Wait until the result for exactly this file is listed before accepting it.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor();
}

/**
 * Waits until the status bar shows the active editor's language as ours. Until then commands whose
 * palette entry depends on `editorLangId` (Convert to v1.0) are not listed: under load the workbench
 * can open a file before it knows the extension's language contribution.
 */
export async function waitForPolicyLanguage(page: Page): Promise<void> {
  await page
    .locator('.statusbar-item', { hasText: /^Entra Access Policy$/ })
    .first()
    .waitFor({ timeout: 60_000 });
}

/** Runs a command from the command palette (F1), as a person would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

export interface ScreenshotOptions {
  /** Only this part of the page (CSS pixels), e.g. a hover card and the word it belongs to. */
  clip?: { x: number; y: number; width: number; height: number };
  /** A README image: with ACCESSPOLICY_DOCS_IMAGES=1 it is also written to docs/images/<name>.png. */
  docs?: boolean;
}

export async function screenshot(page: Page, name: string, options: ScreenshotOptions = {}): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, clip: options.clip });
  if (options.docs && updateDocsImages) {
    mkdirSync(docsImagesDir, { recursive: true });
    copyFileSync(file, path.join(docsImagesDir, `${name}.png`));
    console.log(`[screenshot] docs/images/${name}.png updated`);
  }
  return file;
}

/** The smallest rectangle around some boxes, widened by `pad` and kept inside the page. */
export function around(
  boxes: { x: number; y: number; width: number; height: number }[],
  pad: number,
  page: { width: number; height: number },
) {
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - pad);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - pad);
  const right = Math.min(page.width, Math.max(...boxes.map((b) => b.x + b.width)) + pad);
  const bottom = Math.min(page.height, Math.max(...boxes.map((b) => b.y + b.height)) + pad);
  return { x, y, width: right - x, height: bottom - y };
}

/** Find and Replace (Ctrl+H) in the active editor, Replace All, close the widget; waits for the new text. */
export async function replaceAll(page: Page, find: string, replacement: string): Promise<void> {
  await page.keyboard.press('Control+H');
  const widget = page.locator('.editor-widget.find-widget.visible');
  await widget.waitFor();
  await widget.locator('.find-part .monaco-inputbox .input').fill(find);
  await widget.locator('.replace-part .monaco-inputbox .input').fill(replacement);
  await widget.locator('.replace-part .monaco-inputbox .input').press('Control+Alt+Enter');
  await page.locator('.monaco-editor .view-line', { hasText: replacement }).first().waitFor({ timeout: 10_000 });
  await widget.locator('.codicon-widget-close').click();
  await widget.waitFor({ state: 'hidden' });
}

/** Waits until no notification toast is still sliding or fading in, so a screenshot shows it whole. */
export async function notificationsSettled(page: Page): Promise<void> {
  // Runs in the page; written as a string because this project compiles without the DOM library.
  await page.waitForFunction(`(document.querySelector('.notifications-toasts')?.getAnimations({ subtree: true }).length ?? 0) === 0`);
}

/** Go to Line (Ctrl+G): reveals a 1-based line in the middle of the editor, as a person would. */
export async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}`);
  // Enter before the picker has read the number is lost; it announces the target when ready.
  await page.locator(`.quick-input-widget input[aria-label^="Go to line ${line}"]`).waitFor();
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/**
 * Finishes a device-code sign-in as a person does: reads the code from the sign-in dialog, closes
 * it, approves the code on the stand-in's page in a second tab, and waits until nothing on screen
 * asks for the code any more. `beforeApproving` runs with the dialog open (a screenshot, say).
 */
export async function approveDeviceCode(wb: Workbench, standInUrl: string, beforeApproving?: () => Promise<void>): Promise<void> {
  const { page } = wb;
  const signIn = page.locator('.monaco-dialog-box', { hasText: 'enter the code' });
  await signIn.waitFor({ timeout: 60_000 });
  const text = await signIn.innerText();
  const m = /open (\S+) and enter the code ([A-Za-z0-9-]+)/.exec(text);
  if (!m) throw new Error(`no verification URL and code in: ${text}`);
  const [, verificationUri, userCode] = m;
  if (!verificationUri.startsWith(standInUrl)) throw new Error(`sign-in goes to ${verificationUri}, not the stand-in at ${standInUrl}`);
  await beforeApproving?.();
  // The person closes the dialog; the code stays in the sign-in's progress notification.
  await page.keyboard.press('Escape');
  await signIn.waitFor({ state: 'detached' });
  const waiting = page.locator('.notification-toast', { hasText: `enter the code ${userCode}` });
  await waiting.first().waitFor({ timeout: 15_000 });
  const tab = await wb.newTab();
  await tab.goto(`${verificationUri}${verificationUri.includes('?') ? '&' : '?'}user_code=${encodeURIComponent(userCode)}`);
  const body = (await tab.textContent('body')) ?? '';
  await tab.close();
  if (!/Signed in as/.test(body)) throw new Error(`the stand-in did not sign in: ${body}`);
  // Signed in: nothing is left on screen asking for the code.
  await waiting.first().waitFor({ state: 'detached', timeout: 30_000 });
}

/** The user settings that sign in to the local stand-in with a device code (a person can finish it in any browser tab). */
export function standInSignInSettings(tenantId: string, clientId: string, standInUrl: string): Record<string, string> {
  return {
    'accessPolicy.tenant': tenantId,
    'accessPolicy.clientId': clientId,
    'accessPolicy.dev.authorityUrl': standInUrl,
    'accessPolicy.dev.graphUrl': standInUrl,
    'accessPolicy.signInMethod': 'deviceCode',
  };
}

/**
 * Hovers `target` until `card` shows. A hover opens on a mouse move onto the word; when the pointer
 * already rests there (or the move lands while the editor re-renders, or the answer is still on
 * its way) none comes, so the pointer moves off and on again, up to `attempts` times.
 */
export async function hoverUntilShown(page: Page, target: Locator, card: Locator, attempts = 3, waitMs = 7_000): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(0, 0);
    await target.hover();
    try {
      await card.first().waitFor({ state: 'visible', timeout: waitMs });
      return;
    } catch (e) {
      if (attempt === attempts) throw e;
    }
  }
}
