// Renders media/icon.svg to media/icon.png (128×128, transparent corners), the manifest's `icon`:
// the marketplace and the extensions view take a PNG, not an SVG. Needs Debian's chromium.
// Usage: node scripts/render-icon.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const svg = path.join(root, 'media', 'icon.svg');
const png = path.join(root, 'media', 'icon.png');
const dir = mkdtempSync(path.join(tmpdir(), 'icon-'));
try {
  const page = path.join(dir, 'icon.html');
  // The SVG inline, not an <img>: the screenshot is taken at load, before an image would decode.
  writeFileSync(
    page,
    `<html><body style="margin:0;background:transparent">${readFileSync(svg, 'utf8').replace('<svg ', '<svg style="display:block" ')}</body></html>`,
  );
  execFileSync(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--default-background-color=00000000',
      '--window-size=128,128',
      '--virtual-time-budget=2000',
      `--screenshot=${png}`,
      pathToFileURL(page).href,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  console.log(`wrote ${path.relative(root, png)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
