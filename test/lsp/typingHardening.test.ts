// The server against what issue 9's probe sent while typing: hover and completion right after a
// change to a large document wait for the scheduled validation instead of validating the document
// themselves; completion deep inside a 100,000-deep document answers without a stack overflow in
// the log; a UTF-16 file read as UTF-8 gets one diagnostic. Over LSP against the bundled server
// (run `node scripts/build.mjs` first); documents are generated here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import { startServer, type LspSession } from './lspClient';
import { FILE_CODES } from '../../core/src/diagnostics';

let lsp: LspSession;
before(async () => {
  lsp = await startServer();
});
after(async () => lsp?.stop());

const failures = () => lsp.logs.filter((l) => /Error while handling|Maximum call stack|RangeError/.test(l));

/** About 1 MB: a policy allowing 12,000 groups, each entry with a property Graph does not have. */
function largePolicy(): string {
  return JSON.stringify(
    {
      displayName: 'Large',
      accessPackage: { id: 'a2e1ca1e-4e56-47d2-9daa-e2ba8d12a82b' },
      allowedTargetScope: 'specificDirectoryUsers',
      specificAllowedTargets: Array.from({ length: 12_000 }, (_, i) => ({
        '@odata.type': '#microsoft.graph.groupMembers',
        groupId: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
        note: 'x',
      })),
    },
    null,
    2,
  );
}

test('hover and completion right after a change to a large document wait for its scheduled validation', async () => {
  const uri = 'file:///work/typing-large.accesspolicy.json';
  const text = largePolicy();
  assert.ok(text.length > 1_000_000, `${text.length} characters`);
  lsp.open(uri, text);
  await lsp.diagnostics(uri, undefined, 60_000);

  // A keystroke, then at once a hover on `displayName` and a completion of `allowedTargetScope`'s value.
  const typed = text.replace('"Large"', '"Larger"');
  lsp.change(uri, typed);
  const order: string[] = [];
  const lines = typed.split('\n');
  const keyLine = lines.findIndex((l) => l.includes('"displayName"'));
  const scopeLine = lines.findIndex((l) => l.includes('"allowedTargetScope"'));
  const hover = lsp
    .request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: keyLine, character: lines[keyLine].indexOf('displayName') + 2 },
    })
    .then((h) => (order.push('hover'), h));
  const completion = lsp
    .request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position: { line: scopeLine, character: lines[scopeLine].indexOf('"specificDirectoryUsers"') + 1 },
    })
    .then((c) => (order.push('completion'), c));
  const published = lsp.diagnostics(uri, undefined, 60_000).then((d) => (order.push('diagnostics'), d));
  const [h, c, d] = await Promise.all([hover, completion, published]);

  // Each request used the one validation the keystroke scheduled, so the diagnostics for that
  // version were published before either answer; before, each validated the document on its own
  // and answered first.
  assert.equal(order[0], 'diagnostics', order.join(', '));
  assert.ok(d.length > 0);
  assert.match(JSON.stringify(h?.contents), /displayName|name/i, "the hover is the property's documentation");
  assert.ok(
    c?.items.some((i) => i.label.includes('allMemberUsers')),
    'completion offers the scope values',
  );
  assert.deepEqual(failures(), []);
});

test('completion and hover deep inside a document nested 100,000 deep answer without a stack overflow', async () => {
  const uri = 'file:///work/typing-deep.accesspolicy.json';
  const depth = 100_000;
  const text = '{"displayName":"deep","a":' + '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) + '}';
  lsp.open(uri, text);
  await lsp.diagnostics(uri, undefined, 60_000);
  const middle = { line: 0, character: 26 + 5 * (depth / 2) + 2 };
  // Keystrokes deep inside: each change is followed by a completion, as while typing.
  for (let i = 0; i < 3; i++) {
    lsp.change(uri, text.slice(0, middle.character) + ' '.repeat(i + 1) + text.slice(middle.character));
    const list = await lsp.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: middle });
    assert.deepEqual(list?.items ?? [], []);
  }
  assert.equal(await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: middle }), null);
  assert.deepEqual(failures(), [], 'nothing failed, nothing was logged as an error');
});

test('a UTF-16 file, as an editor reads it without a byte order mark, gets one diagnostic that says so', async () => {
  const uri = 'file:///work/typing-utf16.accesspolicy.json';
  const policy = JSON.stringify({ displayName: 'Sales', accessPackage: { id: 'a2e1ca1e-4e56-47d2-9daa-e2ba8d12a82b' } }, null, 2);
  lsp.open(uri, Buffer.from(policy, 'utf16le').toString('utf8'));
  const published = await lsp.diagnostics(uri);
  assert.deepEqual(
    published.map((d) => d.code),
    [FILE_CODES.notUtf8],
  );
  assert.match(published[0].message, /^This file is UTF-16LE text; a policy file must be UTF-8/);
  assert.deepEqual(published[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
});
