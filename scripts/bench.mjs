// `npm run bench`: our parse + validate against vscode-json-languageservice (the JSON language
// service VS Code ships) with the same schema and against plain JSON.parse, on the same documents,
// in one run; then the CLI over 2,000 files, the server's change-to-diagnostics latency over LSP,
// and bundle sizes. Prints a table and ratios.
import { build } from 'esbuild';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { seedText, largeText, writeFolder } from './bench/documents.mjs';
import { benchTenantFolder } from './bench/tenantFolder.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const work = mkdtempSync(path.join(tmpdir(), 'ap-bench-'));

// Our core, bundled and minified exactly as it ships inside the server and the CLI.
await build({
  absWorkingDir: root, entryPoints: ['core/src/validate.ts'], outfile: path.join(work, 'core.cjs'),
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, mainFields: ['module', 'main'], logLevel: 'warning',
});
const { validatePolicy } = require(path.join(work, 'core.cjs'));
const { getLanguageService } = require('vscode-json-languageservice');
const { TextDocument } = require('vscode-languageserver-textdocument');
const schema = JSON.parse(readFileSync(path.join(root, 'schemas/accesspolicy-v1.0.schema.json'), 'utf8'));

const peer = getLanguageService({});
peer.configure({ validate: true, allowComments: true, schemas: [{ uri: schema.$id, fileMatch: ['*'], schema }] });
let peerVersion = 0;
async function peerValidate(text) {
  const doc = TextDocument.create('file:///bench.accesspolicy.json', 'jsonc', ++peerVersion, text);
  return peer.doValidation(doc, peer.parseJSONDocument(doc), { comments: 'ignore', trailingCommas: 'error' });
}

/**
 * Median time of each contender over repeated rounds, after warm-up. The contenders take turns
 * within every round, so a burst of load on the machine hits all of them alike.
 */
async function medians(fns, { warmup = 5, runs = 30 } = {}) {
  for (let i = 0; i < warmup; i++) for (const fn of fns) await fn();
  const times = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of fns.entries()) {
      const t = performance.now();
      await fn();
      times[k].push(performance.now() - t);
    }
  }
  return times.map((ts) => ts.sort((a, b) => a - b)[Math.floor(ts.length / 2)]);
}

const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
const ratio = (a, b) => `${(a / b).toFixed(1)}x`;
const rows = [];

for (const [name, text, runs] of [['seed policy', seedText(), 300], ['1 MB policy', largeText(), 25]]) {
  // Sanity: all three see a valid document, so the timings compare like with like.
  const ours = validatePolicy(text);
  const errors = ours.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`benchmark document "${name}" is not clean: ${errors[0].message}`);
  const peerDiags = await peerValidate(text);
  if (peerDiags.length) throw new Error(`peer reports problems in "${name}": ${peerDiags[0].message}`);
  const [tOurs, tPeer, tParse] = await medians([() => validatePolicy(text), () => peerValidate(text), () => JSON.parse(text)], { runs });
  rows.push({ name, bytes: text.length, tOurs, tPeer, tParse });
}

console.log('\nParse + validate, median per document (lower is better)\n');
console.log('| document | size | ours | vscode-json-languageservice | JSON.parse | peer ÷ ours | ours ÷ JSON.parse |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.name} | ${(r.bytes / 1024).toFixed(0)} KB | ${fmt(r.tOurs)} | ${fmt(r.tPeer)} | ${fmt(r.tParse)} | ${ratio(r.tPeer, r.tOurs)} faster | ${ratio(r.tOurs, r.tParse)} |`);
}

// The CLI over 2,000 files: one process, wall time including Node start-up.
const folder = path.join(work, 'policies');
writeFolder(folder, 2000);
const cli = path.join(root, 'dist/cli.js');
const cliTimes = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  // Findings of level information are printed too: room for them, so the run is not cut off.
  const r = spawnSync(process.execPath, [cli, 'validate', folder], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  cliTimes.push(performance.now() - t);
  if (r.status !== 0) throw new Error(`CLI failed on the benchmark folder: ${r.stdout}${r.stderr}`);
}
cliTimes.sort((a, b) => a - b);
const cliStart = (() => {
  const t = performance.now();
  spawnSync(process.execPath, [cli, 'validate', path.join(folder, 'policy-0000.accesspolicy.json')]);
  return performance.now() - t;
})();
console.log(`\nCLI: validate 2,000 files: ${fmt(cliTimes[1])} (median of 3; one file: ${fmt(cliStart)}, mostly Node start-up)`);

// Server latency over LSP: from sending didChange to receiving that version's diagnostics.
const latency = await lspLatency(path.join(root, 'dist/server.js'), seedText(), largeText());
console.log(`LSP change → diagnostics (bundled server over stdio, median of ${latency.runs}): seed ${fmt(latency.seed)}, 1 MB ${fmt(latency.large)}`);

// pull and plan of a 2,000-policy tenant against the stand-in, next to a bare script paging the same lists.
const tf = await benchTenantFolder(root, work);
const perPolicy = (n) => (n / tf.policies).toFixed(3);
console.log(`\nTenant folder (${tf.policies} policies in the stand-in, default page size; median of ${tf.rounds}, each a fresh process)\n`);
console.log('| run | Graph requests | per policy | wall time | ÷ bare lister |');
console.log('|---|---|---|---|---|');
console.log(`| bare lister (scripts/bench/pageLists.mjs) | ${tf.requests.bare} | ${perPolicy(tf.requests.bare)} | ${fmt(tf.bare)} | 1.0x |`);
console.log(`| pull into an empty folder | ${tf.requests.pull} | ${perPolicy(tf.requests.pull)} | ${fmt(tf.pull)} | ${ratio(tf.pull, tf.bare)} |`);
console.log(`| plan of the pulled files | ${tf.requests.plan} | ${perPolicy(tf.requests.plan)} | ${fmt(tf.plan)} | ${ratio(tf.plan, tf.bare)} |`);

console.log('\nBundle sizes');
for (const f of ['extension.js', 'server.js', 'cli.js', 'tenant.js']) {
  try {
    console.log(`  dist/${f}: ${(statSync(path.join(root, 'dist', f)).size / 1024).toFixed(0)} KB`);
  } catch {
    console.log(`  dist/${f}: not built`);
  }
}
const big = rows[1];
console.log(`\nAims: ≥3x faster than vscode-json-languageservice on 1 MB: ${ratio(big.tPeer, big.tOurs)} ${big.tPeer / big.tOurs >= 3 ? 'met' : 'NOT met'}; ` +
  `within 5x of JSON.parse: ${ratio(big.tOurs, big.tParse)} ${big.tOurs / big.tParse <= 5 ? 'met' : 'NOT met'}; ` +
  `CLI 2,000 files < 3 s: ${fmt(cliTimes[1])} ${cliTimes[1] < 3000 ? 'met' : 'NOT met'}`);
const worst = Math.max(tf.requests.pull, tf.requests.plan) / tf.policies;
const slowest = Math.max(tf.pull, tf.plan) / tf.bare;
console.log(`Aims: pull/plan ≤ 0.05 Graph requests per policy: ${worst.toFixed(3)} ${worst <= 0.05 ? 'met' : 'NOT met'}; ` +
  `≤ 1.5x the bare lister's time: ${slowest.toFixed(2)}x ${slowest <= 1.5 ? 'met' : 'NOT met'}`);
rmSync(work, { recursive: true, force: true });

async function lspLatency(serverPath, seed, large) {
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const key = `${p.uri}@${p.version}`;
    waiting.get(key)?.();
    waiting.delete(key);
  });
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  conn.sendNotification('initialized', {});
  const runs = 40;
  const measure = async (uri, text) => {
    const published = (version) => new Promise((resolve) => waiting.set(`${uri}@${version}`, resolve));
    let p = published(1);
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'accesspolicy', version: 1, text } });
    await p;
    const times = [];
    for (let v = 2; v < runs + 2; v++) {
      // Alternate two texts so each change really changes the document.
      const next = v % 2 ? text : text.replace('"displayName": "', '"displayName": "x');
      p = published(v);
      const t = performance.now();
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: next }] });
      await p;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  };
  const result = { runs, seed: await measure('file:///seed.accesspolicy.json', seed), large: await measure('file:///large.accesspolicy.json', large) };
  await conn.sendRequest('shutdown');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await conn.sendNotification('exit');
  await exited;
  conn.dispose();
  return result;
}
