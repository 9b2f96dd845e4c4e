// Fuzzing the bundled server over LSP: random documents and random edit sequences, with requests
// in between. It must answer every request and never exit.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type LspSession } from './lspClient';
import { docsExamples, withGuids } from '../support/examples';
import { fuzzDocument, mutate, rng } from '../support/fuzz';

let lsp: LspSession | undefined;
after(async () => lsp?.stop());

const DOCUMENTS = 2000;
const EDITS = 1000;

async function probe(session: LspSession, uri: string, text: string, r: () => number): Promise<void> {
  const lines = text.split('\n');
  const line = Math.floor(r() * lines.length);
  const position = { line, character: Math.floor(r() * (lines[line].length + 1)) };
  // Every request must be answered: a result, or an error response for a method not offered.
  const ask = (method: string, params: unknown) =>
    session.request(method, params).catch((e: { code?: number }) => {
      if (e.code === -32601) return null; // MethodNotFound: not offered, still an answer
      throw e;
    });
  await Promise.all([
    ask('accessPolicy/validate', { text }),
    ask('accessPolicy/convertToV1', { text }),
    ask('textDocument/hover', { textDocument: { uri }, position }),
    ask('textDocument/completion', { textDocument: { uri }, position }),
    ask('textDocument/documentSymbol', { textDocument: { uri } }),
    ask('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }),
  ]);
}

test(`${DOCUMENTS} random documents and ${EDITS} random edits: every request answered, server alive`, async () => {
  lsp = await startServer();
  const seeds = docsExamples().map((e) => withGuids(e.text));
  const r = rng(424242);
  for (let n = 0; n < DOCUMENTS; n++) {
    const uri = `file:///fuzz/doc${n}.accesspolicy.json`;
    const text = fuzzDocument(n, seeds, r);
    lsp.open(uri, text);
    if (n % 4 === 0) await probe(lsp, uri, text, r);
    lsp.close(uri);
  }
  const uri = 'file:///fuzz/edited.accesspolicy.json';
  let text = seeds[0];
  lsp.open(uri, text);
  for (let i = 0; i < EDITS; i++) {
    text = mutate(text, r);
    lsp.change(uri, text);
    if (i % 5 === 0) await probe(lsp, uri, text, r);
  }
  // The last edit's diagnostics arrive: the server is alive and caught up.
  await lsp.diagnostics(uri, () => true, 20_000);
  assert.equal(lsp.exited(), false);
  const crashes = lsp.logs.filter((l) => /Error while handling|Uncaught|Unhandled|failed on/.test(l));
  assert.deepEqual(crashes.slice(0, 5), [], 'handlers logged no exceptions');
});
