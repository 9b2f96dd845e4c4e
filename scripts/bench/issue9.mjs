// The figures of issue 9, re-measured: validation time against the number of findings (ours,
// bundled as it ships, beside vscode-json-languageservice's doValidation with the same schema),
// and Format Document on deeply nested files through a bundled server over LSP (time and the
// server's peak memory). CPU time is reported beside wall time: on a shared machine it is the
// steadier figure. Usage (after `npm run build`):
//   node scripts/bench/issue9.mjs [path/to/server.js]
// Pass an older build's server.js to compare; the generated documents are never written to disk.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
const require = createRequire(import.meta.url);
const serverPath = path.resolve(process.argv[2] ?? path.join(root, 'dist/server.js'));

function unknownProperties(count) {
  const lines = ['{', '  "displayName": "Many findings",'];
  for (let i = 0; i < count; i++) lines.push(`  "unknown${i}": ${i}${i === count - 1 ? '' : ','}`);
  lines.push('}');
  return lines.join('\n');
}

async function timed(fn) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const result = await fn();
  const used = process.cpuUsage(cpu);
  return { result, wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
}

async function findings() {
  const work = mkdtempSync(path.join(tmpdir(), 'ap-issue9-'));
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
  });
  const { validatePolicy } = require(path.join(work, 'core.cjs'));
  rmSync(work, { recursive: true, force: true });
  const { getLanguageService } = require('vscode-json-languageservice');
  const { TextDocument } = require('vscode-languageserver-textdocument');
  const schema = JSON.parse(readFileSync(path.join(root, 'schemas/accesspolicy-v1.0.schema.json'), 'utf8'));
  const peer = getLanguageService({});
  peer.configure({ validate: true, schemas: [{ uri: schema.$id, fileMatch: ['*'], schema }] });
  validatePolicy(unknownProperties(1)); // compile the schema outside the timings
  console.log('| unknown properties | size | ours (wall / CPU) | vscode-json-languageservice (wall / CPU) | ours ÷ peer (CPU) |');
  console.log('|---|---|---|---|---|');
  for (const count of [10_000, 30_000, 100_000]) {
    const text = unknownProperties(count);
    const ours = await timed(() => validatePolicy(text).diagnostics.length);
    const doc = TextDocument.create('file:///findings.json', 'json', count, text);
    const theirs = await timed(() => peer.doValidation(doc, peer.parseJSONDocument(doc)).then((d) => d.length));
    console.log(
      `| ${count.toLocaleString('en')} | ${(text.length / 1e6).toFixed(2)} MB | ${(ours.wall / 1000).toFixed(2)} s / ${(ours.cpu / 1000).toFixed(2)} s (${ours.result} diagnostics) | ` +
        `${(theirs.wall / 1000).toFixed(2)} s / ${(theirs.cpu / 1000).toFixed(2)} s (${theirs.result}) | ${(ours.cpu / theirs.cpu).toFixed(1)}x |`,
    );
  }
}

async function formatting(cases) {
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
  console.log(`\nFormat Document through ${path.relative(process.cwd(), serverPath) || serverPath}`);
  console.log('| document | tabSize | answer | wall | server peak RSS |');
  console.log('|---|---|---|---|---|');
  for (const { depth, tabSize } of cases) {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    conn.onNotification('textDocument/publishDiagnostics', () => undefined);
    conn.onError(() => undefined);
    conn.listen();
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    const text = '{"displayName":"deep","a":' + '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) + '}';
    const uri = 'file:///deep.accesspolicy.json';
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'accesspolicy', version: 1, text } });
    const peakRss = () => {
      try {
        return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
      } catch {
        return NaN;
      }
    };
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, peakRss())), 100);
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(`server died (${signal ?? code})`)));
    const { result, wall } = await timed(() =>
      Promise.race([
        conn.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize, insertSpaces: true } }).then(
          (e) => `${e.length} edits`,
          (e) => `error: ${e.message}`,
        ),
        exited,
      ]),
    );
    peak = Math.max(peak, peakRss());
    clearInterval(sampler);
    console.log(
      `| ${(text.length / 1024).toFixed(0)} KB nested ${depth.toLocaleString('en')} deep | ${tabSize.toLocaleString('en')} | ${result} | ${(wall / 1000).toFixed(2)} s | ${peak ? peak.toFixed(0) + ' MB' : '?'} |`,
    );
    conn.dispose();
    child.kill();
  }
}

await findings();
await formatting([
  { depth: 10_000, tabSize: 2 },
  { depth: 100_000, tabSize: 2 },
  { depth: 3, tabSize: 30_000_000 },
]);
