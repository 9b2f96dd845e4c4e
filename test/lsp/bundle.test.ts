// The shipped bundle (dist/server.js, its own process over stdio) against the server's core run
// in-process from source: for one document, every feature answers the same in both, and answers
// something. The feature tests run in-process; this is what ties them to what users install.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { startInProcessServer, startServer, type LspSession } from './lspClient';
import { BETA_DIRECT, V1_MULTISTAGE, exampleText } from '../support/examples';
import { CONVERT_TO_V1_REQUEST, VALIDATE_REQUEST } from '../../common/src/protocol';
import { positionOf } from '../support/positions';

const uri = 'file:///work/policies/bundle.accesspolicy.json';
// The docs example with a misspelt property, so there is an error to publish and to fix.
const text = exampleText(V1_MULTISTAGE).replace('"allowedTargetScope"', '"allowedTargetScop"');
const textDocument = { uri };

let bundled: LspSession;
let inProcess: LspSession;
before(async () => {
  [bundled, inProcess] = await Promise.all([startServer(), startInProcessServer()]);
  for (const lsp of [bundled, inProcess]) lsp.open(uri, text);
});
after(async () => {
  await Promise.all([bundled?.stop(), inProcess?.stop()]);
});

/** Opens the document in both servers and returns both answers to the same request. */
async function both<R>(ask: (lsp: LspSession) => Promise<R>): Promise<[R, R]> {
  return Promise.all([ask(bundled), ask(inProcess)]);
}

test('the bundle announces the same capabilities as the source', () => {
  assert.deepEqual(bundled.initializeResult, inProcess.initializeResult);
  assert.ok(bundled.initializeResult.capabilities.hoverProvider);
});

test('diagnostics: the bundle publishes what the source publishes', async () => {
  const [b, s] = await both((lsp) => lsp.diagnostics(uri));
  assert.ok(
    b.some((d) => d.severity === 1),
    'the broken document has an error',
  );
  assert.deepEqual(b, s);
});

test('hover, completion, code actions, formatting and outline: the same answers from bundle and source', async () => {
  const [diagnostics] = await both((lsp) => lsp.diagnostics(uri));
  const hoverAt = positionOf(text, '"#microsoft.graph.internalSponsors"', { delta: 5 });
  const [hb, hs] = await both((lsp) => lsp.request<Hover | null>('textDocument/hover', { textDocument, position: hoverAt }));
  assert.ok(hb, 'the bundle hovers');
  assert.deepEqual(hb, hs);

  const completeAt = positionOf(text, '"displayName"', { delta: 1 });
  const [cb, cs] = await both((lsp) =>
    lsp.request<CompletionList | null>('textDocument/completion', { textDocument, position: completeAt }),
  );
  assert.ok(cb && (Array.isArray(cb) ? cb : cb.items).length > 0, 'the bundle completes');
  assert.deepEqual(cb, cs);

  const target = diagnostics.find((d: Diagnostic) => d.severity === 1)!;
  const [ab, as] = await both((lsp) =>
    lsp.request<CodeAction[]>('textDocument/codeAction', { textDocument, range: target.range, context: { diagnostics: [target] } }),
  );
  assert.ok(ab.length > 0, `the bundle offers a fix for ${target.code}`);
  assert.deepEqual(ab, as);

  const [fb, fs] = await both((lsp) =>
    lsp.request<TextEdit[]>('textDocument/formatting', { textDocument, options: { tabSize: 4, insertSpaces: true } }),
  );
  assert.ok(Array.isArray(fb), 'the bundle formats');
  assert.deepEqual(fb, fs);

  const [sb, ss] = await both((lsp) => lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument }));
  assert.ok(sb.length > 0, 'the bundle outlines');
  assert.deepEqual(sb, ss);

  const [vb, vs] = await both((lsp) => lsp.connection.sendRequest(VALIDATE_REQUEST, { text }));
  assert.equal(vb.apiVersion, 'v1.0');
  assert.ok(
    vb.diagnostics.some((d) => d.code === 'AP1001'),
    'the bundle judges the text',
  );
  const [kb, ks] = await both((lsp) => lsp.connection.sendRequest(CONVERT_TO_V1_REQUEST, { text: exampleText(BETA_DIRECT) }));
  assert.equal(kb.ok, true, 'the bundle converts');
  assert.deepEqual(kb, ks);
  assert.deepEqual(vb, vs);
});
