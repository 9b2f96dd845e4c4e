// Language-server figures, ours against the bare server (bare-server.mjs), over stdio:
// spawn → first publishDiagnostics of an opened file, didOpen → diagnostics of a 1 MB document,
// didChange → diagnostics on a 1 MB document, and resident memory with 50 open policies.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { median } from './wholeProcess.mjs';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

/** A started server with a helper that resolves when a given version's diagnostics arrive. */
async function startServer(serverPath, spawnedAt = performance.now()) {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const key = `${p.uri}@${p.version}`;
    waiting.get(key)?.();
    waiting.delete(key);
  });
  // The server asks its client about the tenant (accessPolicy/… requests, common/src/protocol.ts):
  // answered as VS Code answers with no one signed in, so the server does what it does for a
  // signed-out user (no tenant lookups) rather than keep asking a client that never replies.
  conn.onRequest((method) => (method.startsWith('accessPolicy/') ? { signedIn: false } : undefined));
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  conn.sendNotification('initialized', {});
  const published = (uri, version) => new Promise((resolve) => waiting.set(`${uri}@${version}`, resolve));
  const open = (uri, text) => {
    const p = published(uri, 1);
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'accesspolicy', version: 1, text } });
    return p;
  };
  const change = (uri, version, text) => {
    const p = published(uri, version);
    conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return p;
  };
  const rssKb = () => {
    // Linux: the server's resident set, as the OS counts it.
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  };
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    await exited;
    conn.dispose();
  };
  return { spawnedAt, open, change, rssKb, stop };
}

/** Spawn → first publishDiagnostics for one opened seed-sized file, in turns; medians in ms. */
export async function firstDiagnostics(servers, seed, rounds) {
  const times = servers.map(() => []);
  for (let i = 0; i < rounds; i++) {
    for (const [k, s] of servers.entries()) {
      const t = performance.now();
      const server = await startServer(s);
      await server.open('file:///seed.accesspolicy.json', seed);
      times[k].push(performance.now() - t);
      await server.stop();
    }
  }
  return times.map(median);
}

/**
 * didOpen → first diagnostics of `text` in a server started (and initialized) just before, as when
 * a user opens a large file; a fresh server per round, in turns; medians in ms.
 */
export async function openLatency(servers, text, rounds) {
  const times = servers.map(() => []);
  for (let i = 0; i < rounds; i++) {
    for (const [k, s] of servers.entries()) {
      const server = await startServer(s);
      const t = performance.now();
      await server.open('file:///opened.accesspolicy.json', text);
      times[k].push(performance.now() - t);
      await server.stop();
    }
  }
  return times.map(median);
}

/** didChange → that version's diagnostics on `text` (alternating two texts), medians in ms. */
export async function changeLatency(servers, text, runs) {
  const started = [];
  for (const s of servers) started.push(await startServer(s));
  const uri = 'file:///large.accesspolicy.json';
  for (const server of started) await server.open(uri, text);
  const times = servers.map(() => []);
  const edited = text.replace('"displayName": "', '"displayName": "x');
  for (let v = 2; v < runs + 2; v++) {
    for (const [k, server] of started.entries()) {
      const t = performance.now();
      await server.change(uri, v, v % 2 ? text : edited);
      times[k].push(performance.now() - t);
    }
  }
  for (const server of started) await server.stop();
  return times.map(median);
}

/** Resident memory (KB) of each server with `texts` open, after all their diagnostics arrived. */
export async function memoryWithOpen(servers, texts) {
  const out = [];
  for (const s of servers) {
    const server = await startServer(s);
    await Promise.all(texts.map((t, i) => server.open(`file:///policy-${i}.accesspolicy.json`, t)));
    out.push(server.rssKb());
    await server.stop();
  }
  return out;
}
