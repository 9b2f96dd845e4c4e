// `npm run bench`: our parse + validate against vscode-json-languageservice (the JSON language
// service VS Code ships) with the same schema and against plain JSON.parse, on the same documents,
// in one run; then the same three as whole processes (the CLI, a peer script, a floor script) on
// 2,000 files, a 1 MB file and a seed-sized file; the language server against a bare one (start-up,
// change-to-diagnostics latency, memory); and bundle sizes. Prints tables and ratios.
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { seedText, largeText, policyText, writeFolder } from './bench/documents.mjs';
import { precompiledValidatorsPlugin } from './precompiledValidators.mjs';
import { processMedians } from './bench/wholeProcess.mjs';
import { changeLatency, firstDiagnostics, memoryWithOpen, openLatency } from './bench/lsp.mjs';
import { benchTenantFolder } from './bench/tenantFolder.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const work = mkdtempSync(path.join(tmpdir(), 'ap-bench-'));

// Our core, bundled and minified exactly as it ships inside the server and the CLI.
await build({
  absWorkingDir: root,
  entryPoints: ['core/src/validate.ts'],
  outfile: path.join(work, 'core.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  plugins: [precompiledValidatorsPlugin(root)],
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

for (const [name, text, runs] of [
  ['seed policy', seedText(), 300],
  ['1 MB policy', largeText(), 25],
]) {
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
  console.log(
    `| ${r.name} | ${(r.bytes / 1024).toFixed(0)} KB | ${fmt(r.tOurs)} | ${fmt(r.tPeer)} | ${fmt(r.tParse)} | ${ratio(r.tPeer, r.tOurs)} faster | ${ratio(r.tOurs, r.tParse)} |`,
  );
}

// Whole processes, as users meet the CLI: ours (`validate --format json`, every check), the peer
// script (vscode-json-languageservice doValidation, schema only) and the floor script (read and
// JSON.parse), on the same files, in turns, medians.
const folder = path.join(work, 'policies');
writeFolder(folder, 2000);
const seedFile = path.join(work, 'seed.accesspolicy.json');
const largeFile = path.join(work, 'large.accesspolicy.json');
writeFileSync(seedFile, seedText());
writeFileSync(largeFile, largeText());
const cli = path.join(root, 'dist/cli.js');
const peerScript = path.join(root, 'scripts/bench/peer-validate.mjs');
const floorScript = path.join(root, 'scripts/bench/floor-parse.mjs');
const processRows = [];
for (const [name, target, rounds] of [
  ['2,000 files (v1.0 and beta)', folder, 7],
  ['one 1 MB policy', largeFile, 9],
  ['one seed-sized policy', seedFile, 15],
]) {
  const t = processMedians(
    [
      { name: 'ours', args: [cli, 'validate', '--format', 'json', target] },
      { name: 'peer', args: [peerScript, target] },
      { name: 'floor', args: [floorScript, target] },
    ],
    rounds,
  );
  processRows.push({ name, ...t });
}
const goals = {
  '2,000 files (v1.0 and beta)': (r) => [r.ours <= r.peer / 3, r.ours <= 3 * r.floor],
  'one 1 MB policy': (r) => [r.ours <= r.peer / 3, undefined],
  'one seed-sized policy': (r) => [undefined, r.ours <= 2 * r.floor],
};
const mark = (ok) => (ok === undefined ? '' : ok ? ' (goal ≤ met)' : ' (goal NOT met)');
console.log('\nWhole processes, wall time from spawn to exit, medians (lower is better)\n');
console.log(
  '| work | ours: `cli.js validate --format json` | peer: vscode-json-languageservice script | floor: read + JSON.parse script | ours ÷ peer (goal ≤ 0.33) | ours ÷ floor |',
);
console.log('|---|---|---|---|---|---|');
for (const r of processRows) {
  const [vsPeer, vsFloor] = goals[r.name](r);
  console.log(
    `| ${r.name} | ${fmt(r.ours)} | ${fmt(r.peer)} | ${fmt(r.floor)} | ${(r.ours / r.peer).toFixed(2)}${mark(vsPeer)} | ${(r.ours / r.floor).toFixed(1)}x${mark(vsFloor)} |`,
  );
}
console.log('Goals: 2,000 files ≤ 1/3 of the peer and ≤ 3x the floor; 1 MB ≤ 1/3 of the peer; seed-sized ≤ 2x the floor.');

// The language server against a bare vscode-languageserver server that publishes empty lists.
// The bare server is bundled like ours, so both load one file and the difference is the checking.
const bareServer = path.join(work, 'bare-server.cjs');
await build({
  absWorkingDir: root,
  entryPoints: ['scripts/bench/bare-server.mjs'],
  outfile: bareServer,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
const servers = [path.join(root, 'dist/server.js'), bareServer];
const [firstOurs, firstBare] = await firstDiagnostics(servers, seedText(), 9);
const [openOurs, openBare] = await openLatency(servers, largeText(), 7);
const [changeOurs, changeBare] = await changeLatency(servers, largeText(), 30);
const [changeSeedOurs, changeSeedBare] = await changeLatency(servers, seedText(), 60);
const fifty = Array.from({ length: 50 }, (_, i) => policyText(i));
const [memOurs, memBare] = await memoryWithOpen(servers, fifty);
console.log('\nLanguage server over stdio, ours against a bare vscode-languageserver server publishing empty lists (medians)\n');
console.log('| measure | ours | bare server | ours ÷ bare |');
console.log('|---|---|---|---|');
console.log(
  `| spawn → first publishDiagnostics (seed-sized file) | ${fmt(firstOurs)} | ${fmt(firstBare)} | ${ratio(firstOurs, firstBare)} |`,
);
console.log(
  `| didChange → diagnostics, seed-sized | ${fmt(changeSeedOurs)} | ${fmt(changeSeedBare)} | ${ratio(changeSeedOurs, changeSeedBare)} |`,
);
console.log(`| didOpen → diagnostics, 1 MB (server just started) | ${fmt(openOurs)} | ${fmt(openBare)} | ${ratio(openOurs, openBare)} |`);
console.log(`| didChange → diagnostics, 1 MB | ${fmt(changeOurs)} | ${fmt(changeBare)} | ${ratio(changeOurs, changeBare)} |`);
console.log(
  `| resident memory, 50 open policies | ${(memOurs / 1024).toFixed(0)} MB | ${(memBare / 1024).toFixed(0)} MB | ${ratio(memOurs, memBare)} |`,
);

// pull and plan of a 2,000-policy tenant against the stand-in, next to a bare script paging the same lists.
const tf = await benchTenantFolder(root, work);
const LATENCY_MS = 25;
const perPolicy = (n) => (n / tf.policies).toFixed(3);
console.log(`\nTenant folder (${tf.policies} policies in the stand-in, default page size; median of ${tf.rounds}, each a fresh process)\n`);
console.log('| run | Graph requests | per policy | wall time | ÷ bare lister |');
console.log('|---|---|---|---|---|');
console.log(
  `| bare lister (scripts/bench/pageLists.mjs) | ${tf.requests.bare} | ${perPolicy(tf.requests.bare)} | ${fmt(tf.bare)} | 1.0x |`,
);
console.log(
  `| pull into an empty folder | ${tf.requests.pull} | ${perPolicy(tf.requests.pull)} | ${fmt(tf.pull)} | ${ratio(tf.pull, tf.bare)} |`,
);
console.log(
  `| plan of the pulled files | ${tf.requests.plan} | ${perPolicy(tf.requests.plan)} | ${fmt(tf.plan)} | ${ratio(tf.plan, tf.bare)} |`,
);
if (tf.pullInMemory !== undefined)
  console.log(
    `| pull into an empty folder in memory (${tf.memoryFolder}) | ${tf.requests.pull} | ${perPolicy(tf.requests.pull)} | ${fmt(tf.pullInMemory)} | ${ratio(tf.pullInMemory, tf.bare)} |`,
  );
// The same with the stand-in answering each Graph and sign-in request 25 ms later, as Graph and
// the authority across a network would (the figure is an assumption: Microsoft documents no
// latency for Graph). The waits are where the commands' own work can hide.
const tfl = await benchTenantFolder(root, work, { latencyMs: LATENCY_MS, rounds: 3 });
console.log(
  `\nThe same with ${LATENCY_MS} ms of latency per Graph and sign-in request (the stand-in's latency faults; median of ${tfl.rounds})\n`,
);
console.log('| run | Graph requests | wall time | ÷ bare lister |');
console.log('|---|---|---|---|');
console.log(`| bare lister | ${tfl.requests.bare} | ${fmt(tfl.bare)} | 1.0x |`);
console.log(`| pull into an empty folder | ${tfl.requests.pull} | ${fmt(tfl.pull)} | ${ratio(tfl.pull, tfl.bare)} |`);
console.log(`| plan of the pulled files | ${tfl.requests.plan} | ${fmt(tfl.plan)} | ${ratio(tfl.plan, tfl.bare)} |`);
console.log(
  `\nFor reading pull's time: creating the same ${tf.policies} files (same folders and bytes) with plain synchronous writes takes ${fmt(tf.writes)} in ${tf.folder} on this machine (scripts/bench/writeFloor.mjs, writes alone, median); the bare lister writes nothing. Load average at the end: ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores.`,
);

console.log('\nBundle sizes');
for (const f of readdirSync(path.join(root, 'dist'))
  // The CLI's code cache too (dist/cli-main.js.cache, scripts/codeCache.mjs): every `validate` process reads it.
  .filter((f) => f.endsWith('.js') || f.endsWith('.cache'))
  .sort()) {
  console.log(`  dist/${f}: ${(statSync(path.join(root, 'dist', f)).size / 1024).toFixed(0)} KB`);
}
const big = rows[1];
console.log(
  `\nIn-process aims: ≥3x faster than vscode-json-languageservice on 1 MB: ${ratio(big.tPeer, big.tOurs)} ${big.tPeer / big.tOurs >= 3 ? 'met' : 'NOT met'}; ` +
    `within 5x of JSON.parse: ${ratio(big.tOurs, big.tParse)} ${big.tOurs / big.tParse <= 5 ? 'met' : 'NOT met'}`,
);
const worst = Math.max(tf.requests.pull, tf.requests.plan) / tf.policies;
const slowest = Math.max(tf.pull, tf.plan) / tf.bare;
const slowestLatency = Math.max(tfl.pull, tfl.plan) / tfl.bare;
console.log(
  `Aims: pull/plan ≤ 0.05 Graph requests per policy: ${worst.toFixed(3)} ${worst <= 0.05 ? 'met' : 'NOT met'}; ` +
    `≤ 1.5x the bare lister's time: ${slowest.toFixed(2)}x ${slowest <= 1.5 ? 'met' : 'NOT met'} on the loopback stand-in, ` +
    `${slowestLatency.toFixed(2)}x ${slowestLatency <= 1.5 ? 'met' : 'NOT met'} with ${LATENCY_MS} ms per request`,
);
rmSync(work, { recursive: true, force: true });
