// Formatting is bounded (server/src/limits.ts): a file nested absurdly deep, or indentation the
// client asks to be absurdly wide, gets no edits and a logged reason instead of a server that
// runs out of memory; a large minified policy still formats, in one edit. Over LSP against the
// bundled server (run `node scripts/build.mjs` first). The documents are generated here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer, type LspSession } from './lspClient';

let lsp: LspSession;
before(async () => {
  lsp = await startServer();
});
after(async () => lsp?.stop());

const nested = (depth: number) => '{"displayName":"deep","a":' + '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) + '}';

function format(uri: string, options: Record<string, unknown>) {
  return lsp.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options });
}

async function logged(pattern: RegExp): Promise<string> {
  // The warning is sent before the answer, so it is already here; poll briefly all the same.
  for (let i = 0; i < 100; i++) {
    const line = lsp.logs.find((l) => pattern.test(l));
    if (line) return line;
    await new Promise((r) => setImmediate(r));
  }
  assert.fail(`no log line matching ${pattern}; logs:\n${lsp.logs.join('\n')}`);
}

const apply = (uri: string, text: string, edits: TextEdit[]) =>
  TextDocument.applyEdits(TextDocument.create(uri, 'accesspolicy', 1, text), edits);

for (const depth of [100_000, 10_000]) {
  test(`formatting a file nested ${depth.toLocaleString('en')} deep gives no edits and says why`, async () => {
    const uri = `file:///work/format-deep-${depth}.accesspolicy.json`;
    lsp.open(uri, nested(depth));
    assert.deepEqual(await format(uri, { tabSize: 2, insertSpaces: true }), []);
    // Whichever bound it meets first: the nesting or the size of the indentation it would need.
    await logged(new RegExp(`Formatting ${uri} not done: (it is nested more than 5000 levels deep|the formatted text would exceed 16 MB)`));
    assert.equal(lsp.exited(), false, 'the server is still running');
  });
}

test('formatting with an absurd tabSize gives no edits and says why', async () => {
  const uri = 'file:///work/format-wide.accesspolicy.json';
  lsp.open(uri, '{"displayName":"Sales","expiration":{"type":"noExpiration"}}');
  assert.deepEqual(await format(uri, { tabSize: 30_000_000, insertSpaces: true }), []);
  await logged(/Formatting file:\/\/\/work\/format-wide\.accesspolicy\.json not done: tabSize 30000000 is outside 1–100/);
  // The same document still formats with sane options.
  const edits = await format(uri, { tabSize: 2, insertSpaces: true });
  assert.equal(
    apply(uri, '{"displayName":"Sales","expiration":{"type":"noExpiration"}}', edits),
    '{\n  "displayName": "Sales",\n  "expiration": {\n    "type": "noExpiration"\n  }\n}',
  );
});

test('formatting whose output would be too large gives no edits: moderately deep, wide indentation', async () => {
  const uri = 'file:///work/format-large-output.accesspolicy.json';
  // 3,000 levels at 100 columns each: about 900 MB of indentation.
  lsp.open(uri, nested(3000));
  assert.deepEqual(await format(uri, { tabSize: 100, insertSpaces: true }), []);
  await logged(/format-large-output\.accesspolicy\.json not done: the formatted text would exceed 16 MB/);
});

test('a large minified policy still formats correctly, as one edit', async () => {
  const uri = 'file:///work/format-minified.accesspolicy.json';
  const policy = {
    displayName: 'Many groups',
    allowedTargetScope: 'specificDirectoryUsers',
    specificAllowedTargets: Array.from({ length: 3000 }, (_, i) => ({
      '@odata.type': '#microsoft.graph.groupMembers',
      groupId: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    })),
  };
  const text = JSON.stringify(policy);
  lsp.open(uri, text);
  const edits = await format(uri, { tabSize: 2, insertSpaces: true });
  assert.equal(edits.length, 1, 'thousands of small edits are sent as one');
  assert.equal(apply(uri, text, edits), JSON.stringify(policy, null, 2));
});
