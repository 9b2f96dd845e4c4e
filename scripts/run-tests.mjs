// Runs test files under test/ with Node's built-in test runner (TypeScript through tsx), building
// the bundles first when a chosen test uses them, so no test ever runs against a stale dist/.
// Node 20's runner has no glob support, so the files are found here.
//
// Usage: node scripts/run-tests.mjs [--tier unit|lsp|vscode] [substring filters...]
//   no tier, no filter: every test (what `npm test` runs)
//   --tier unit:   the fast tier: core, rules, schemas, convert, snippets, lint (boundaries), client (manifest, bundle
//                  contents) and in-process LSP tests,
//                  i.e. those folders' tests that need no bundle
//   --tier lsp:    the language server over LSP (in-process and bundled), rules included
//   --tier vscode: the real-VS-Code suites (test/integration, test/e2e)
//   filters keep the files whose path contains one of the words (within the tier, if given)
//   --list: print the chosen files (those needing the bundles marked) and run nothing
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const TIERS = {
  unit: (f) => inFolder(f, ['core', 'rules', 'schemas', 'convert', 'snippets', 'lsp', 'client', 'lint']) && !needsBundle(f),
  lsp: (f) => inFolder(f, ['lsp', 'rules']),
  vscode: (f) => inFolder(f, ['integration', 'e2e']),
};

function parseArgs(argv) {
  const out = { tier: undefined, filters: [], list: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--list') out.list = true;
    else if (argv[i] === '--tier') out.tier = argv[++i];
    else if (argv[i].startsWith('--tier=')) out.tier = argv[i].slice('--tier='.length);
    else if (argv[i].startsWith('--')) fail(`unknown option ${argv[i]}`);
    else out.filters.push(argv[i]);
  }
  if (out.tier !== undefined && !TIERS[out.tier]) fail(`unknown tier ${out.tier}; the tiers are ${Object.keys(TIERS).join(', ')}`);
  return out;
}

function fail(message) {
  console.error(`run-tests: ${message}`);
  process.exit(2);
}

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

/** Whether `file` (relative to the root) sits in test/<one of folders>/. */
function inFolder(file, folders) {
  return folders.some((d) => file.startsWith(`test${path.sep}${d}${path.sep}`));
}

// A test needs the bundles when it, or a test helper it imports, names dist/ (a bundle it spawns
// or reads), or when it drives a real VS Code (which loads dist/extension.js). A helper that offers
// both ways (test/lsp/lspClient.ts) says which of its exports use the bundle in a line
// `// needs-bundle: name ...`; importing it then counts only if the importer uses one of those.
// Only imports within test/ are followed: product code runs from source, through tsx.
const DIST = /\bdist[/'"`]/;
const IMPORT = /(?:from\s+|require\(\s*|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
const MARKER = /^\/\/ needs-bundle:(.*)$/m;
const seen = new Map();

function needsBundle(file) {
  if (inFolder(file, ['integration', 'e2e'])) return true;
  return mentionsDist(path.join(root, file), new Set());
}

function mentionsDist(abs, visiting) {
  if (seen.has(abs)) return seen.get(abs);
  if (visiting.has(abs)) return false;
  visiting.add(abs);
  const text = readFileSync(abs, 'utf8');
  let result = DIST.test(text);
  for (const m of text.matchAll(IMPORT)) {
    if (result) break;
    const target = resolveImport(path.dirname(abs), m[1]);
    if (!target || !target.startsWith(path.join(root, 'test') + path.sep)) continue;
    const names = bundleExports(target);
    result = names ? names.some((n) => new RegExp(`\\b${n}\\b`).test(text)) : mentionsDist(target, visiting);
  }
  seen.set(abs, result);
  return result;
}

/** The exports a helper declares as using the bundle, or undefined when it declares none. */
function bundleExports(abs) {
  const m = MARKER.exec(readFileSync(abs, 'utf8'));
  return m ? m[1].trim().split(/\s+/).filter(Boolean) : undefined;
}

function resolveImport(dir, spec) {
  const base = path.resolve(dir, spec);
  for (const candidate of [base, `${base}.ts`, `${base}.mts`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

const { tier, filters, list } = parseArgs(process.argv.slice(2));
const files = walk(path.join(root, 'test'))
  .map((f) => path.relative(root, f))
  .filter((f) => tier === undefined || TIERS[tier](f))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) fail('no test files matched');
if (list) {
  for (const f of files) console.log(`${needsBundle(f) ? 'dist ' : '     '}${f}`);
  process.exit(0);
}

if (files.some(needsBundle)) {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) fail('the build failed, so the tests that use dist/ cannot run');
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
