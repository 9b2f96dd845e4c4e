// The bundled language server, spoken to over LSP as an editor would: diagnostics on open, on
// edit, on fix, and settings that change them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type LspSession } from './lspClient';
import { BETA_MULTISTAGE, V1_DIRECT, docsExample, withGuids } from '../support/examples';
import { positionOf } from '../support/positions';
import { CONVERT_TO_V1_REQUEST, VALIDATE_REQUEST } from '../../common/src/protocol';

let lsp: LspSession;
before(async () => {
  lsp = await startServer();
});
after(async () => {
  await lsp.stop();
});

const uri = (name: string) => `file:///work/policies/${name}.accesspolicy.json`;
const codes = (ds: { code?: string | number }[]) => ds.map((d) => String(d.code)).sort();

test('opening a published example shows an error on each placeholder, at its position', async () => {
  const ex = docsExample(BETA_MULTISTAGE);
  lsp.open(uri('placeholders'), ex.text);
  const diags = (await lsp.diagnostics(uri('placeholders'))).filter((d) => d.severity === 1);
  assert.deepEqual(codes(diags), ['AP1005', 'AP1005', 'AP1005', 'AP1005', 'AP1005']);
  assert.deepEqual(diags[0].range, { start: { line: 1, character: 23 }, end: { line: 1, character: 44 } });
  assert.equal(diags[0].source, 'accesspolicy');
});

test('diagnostics follow edits: an error appears when typed and vanishes when fixed', async () => {
  const ex = docsExample(V1_DIRECT);
  const good = withGuids(ex.text);
  const u = uri('edits');
  lsp.open(u, good);
  assert.deepEqual(
    codes(await lsp.diagnostics(u)).filter((c) => c.startsWith('AP0') || c.startsWith('AP1')),
    [],
  );

  const bad = good.replace('"notSpecified"', '"everyone"');
  lsp.change(u, bad);
  const diags = await lsp.diagnostics(u, (d) => d.some((x) => x.code === 'AP1003'));
  const enumError = diags.find((d) => d.code === 'AP1003')!;
  assert.deepEqual(enumError.range.start, positionOf(bad, '"everyone"'));

  lsp.change(u, good);
  await lsp.diagnostics(u, (d) => !d.some((x) => x.code === 'AP1003'));
});

test('a burst of edits ends with the diagnostics of the last version', async () => {
  const u = uri('burst');
  lsp.open(u, '{}');
  await lsp.diagnostics(u);
  let text = '{ "displayName": "x"';
  for (let i = 0; i < 30; i++) {
    text += `, "p${i}": ${i}`;
    lsp.change(u, text + ' }');
  }
  const diags = await lsp.diagnostics(u, (d) => d.filter((x) => x.code === 'AP1001').length === 30);
  assert.equal(diags.filter((d) => d.code === 'AP1001').length, 30);
});

test('syntax errors are reported and the server keeps answering', async () => {
  const u = uri('syntax');
  lsp.open(u, '{ "displayName": "x" "description": }');
  const diags = await lsp.diagnostics(u);
  assert.ok(diags.some((d) => d.code === 'AP0001'));
  assert.equal(lsp.exited(), false);
});

test('closing a document clears its diagnostics', async () => {
  const u = uri('closing');
  lsp.open(u, '{ "bogus": 1 }');
  await lsp.diagnostics(u, (d) => d.length > 0);
  lsp.close(u);
  await lsp.diagnostics(u, (d) => d.length === 0);
});

test('turning validation off clears diagnostics; the default API version setting applies', async () => {
  const u = uri('settings');
  const text = '{ "displayName": "x", "bogus": 1 }';
  lsp.open(u, text);
  await lsp.diagnostics(u, (d) => d.some((x) => x.code === 'AP1001'));
  void lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: { accessPolicy: { validate: { enable: false } } } });
  await lsp.diagnostics(u, (d) => d.length === 0);
  void lsp.connection.sendNotification('workspace/didChangeConfiguration', {
    settings: { accessPolicy: { validate: { enable: true }, defaultApiVersion: 'beta' } },
  });
  await lsp.diagnostics(u, (d) => d.some((x) => x.code === 'AP1001'));
  // The verdict request falls back to the same setting, and is answered with validation switched on or off.
  const verdict = await lsp.connection.sendRequest(VALIDATE_REQUEST, { text });
  assert.equal(verdict.apiVersion, 'beta');
  assert.equal(verdict.apiVersionSource, 'default');
  assert.equal(
    (await lsp.connection.sendRequest(VALIDATE_REQUEST, { text, defaultApiVersion: 'v1.0' })).apiVersion,
    'v1.0',
    'a version in the request wins',
  );
  void lsp.connection.sendNotification('workspace/didChangeConfiguration', {
    settings: { accessPolicy: { validate: { enable: true }, defaultApiVersion: 'v1.0' } },
  });
});

test('a verdict or conversion request without text is answered with InvalidParams, and the server carries on', async () => {
  for (const type of [VALIDATE_REQUEST, CONVERT_TO_V1_REQUEST]) {
    await assert.rejects(
      lsp.connection.sendRequest(type.method, { uri: 'file:///x.accesspolicy.json' }),
      (e: { code?: number; message?: string }) => {
        assert.equal(e.code, -32602, JSON.stringify(e));
        assert.match(e.message ?? '', /needs \{ text: string \}/);
        return true;
      },
    );
  }
  assert.equal((await lsp.connection.sendRequest(VALIDATE_REQUEST, { text: '{}' })).apiVersion, 'v1.0');
});
