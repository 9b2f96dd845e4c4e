// Editor basics over LSP against the server's core, in-process: formatting (document and range),
// the outline, folding ranges and selection ranges. test/lsp/bundle.test.ts proves the bundle
// offers the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol, FoldingRange, SelectionRange, TextEdit } from 'vscode-languageserver-protocol';
import { startInProcessServer, type LspSession } from './lspClient';

let lsp: LspSession;
before(async () => {
  lsp = await startInProcessServer();
});
after(async () => lsp?.stop());

const MINIFIED =
  '{"displayName":"Sales","allowedTargetScope":"specificDirectoryUsers","specificAllowedTargets":[{"@odata.type":"#microsoft.graph.groupMembers","groupId":"1623f912-5e86-41c2-af47-39dd67582b66"}],' +
  '"requestApprovalSettings":{"isApprovalRequiredForAdd":true,"stages":[{"durationBeforeAutomaticDenial":"P14D","primaryApprovers":[{"@odata.type":"#microsoft.graph.requestorManager","managerLevel":1}],' +
  '"fallbackPrimaryApprovers":[{"@odata.type":"#microsoft.graph.singleUser","userId":"7deff43e-1f17-44ef-9e5f-d516b0ba11d4"}]}]}}';

/** Applies LSP edits (non-overlapping) to a text, last first. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => starts[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}

test('the server announces the editor features in its initialize result', () => {
  const { capabilities } = lsp.initializeResult;
  for (const cap of [
    'hoverProvider',
    'completionProvider',
    'documentFormattingProvider',
    'documentRangeFormattingProvider',
    'documentSymbolProvider',
    'foldingRangeProvider',
    'selectionRangeProvider',
  ] as const) {
    assert.ok(capabilities[cap], `missing ${cap}`);
  }
  // `{` and `/` for references (`${`, `${accessPackage:Catalog/`); they answer nothing elsewhere.
  assert.deepEqual(capabilities.completionProvider?.triggerCharacters, ['"', ':', '{', '/']);
});

test('document formatting pretty-prints a minified policy with the requested indentation', async () => {
  const uri = 'file:///work/editor-format.accesspolicy.json';
  lsp.open(uri, MINIFIED);
  const edits = await lsp.request<TextEdit[]>('textDocument/formatting', {
    textDocument: { uri },
    options: { tabSize: 2, insertSpaces: true },
  });
  const formatted = applyEdits(MINIFIED, edits);
  assert.equal(formatted, JSON.stringify(JSON.parse(MINIFIED), null, 2));

  const tabs = await lsp.request<TextEdit[]>('textDocument/formatting', {
    textDocument: { uri },
    options: { tabSize: 4, insertSpaces: false },
  });
  assert.equal(applyEdits(MINIFIED, tabs), JSON.stringify(JSON.parse(MINIFIED), null, '\t'));

  // Formatting an already formatted document changes nothing.
  const uri2 = 'file:///work/editor-format-2.accesspolicy.json';
  lsp.open(uri2, formatted);
  const none = await lsp.request<TextEdit[]>('textDocument/formatting', {
    textDocument: { uri: uri2 },
    options: { tabSize: 2, insertSpaces: true },
  });
  assert.equal(applyEdits(formatted, none), formatted);
});

test('range formatting touches only the selected lines', async () => {
  const uri = 'file:///work/editor-range.accesspolicy.json';
  const text = '{\n  "displayName":    "Sales",\n  "expiration":{"type":"noExpiration"},\n  "description":   "kept as is"\n}';
  lsp.open(uri, text);
  const edits = await lsp.request<TextEdit[]>('textDocument/rangeFormatting', {
    textDocument: { uri },
    range: { start: { line: 2, character: 0 }, end: { line: 2, character: 40 } },
    options: { tabSize: 2, insertSpaces: true },
  });
  const out = applyEdits(text, edits);
  assert.ok(out.includes('"expiration": {\n    "type": "noExpiration"\n  }'), out);
  assert.ok(out.includes('"displayName":    "Sales"'), 'line 1 is outside the range and untouched');
  assert.ok(out.includes('"description":   "kept as is"'), 'line 3 is outside the range and untouched');
});

test("the outline lists the policy's sections and names subject entries by type", async () => {
  const uri = 'file:///work/editor-outline.accesspolicy.json';
  const text = JSON.stringify(JSON.parse(MINIFIED), null, 2);
  lsp.open(uri, text);
  const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['displayName', 'allowedTargetScope', 'specificAllowedTargets', 'requestApprovalSettings'],
  );
  const targets = symbols.find((s) => s.name === 'specificAllowedTargets')!;
  assert.deepEqual(
    targets.children?.map((c) => c.name),
    ['0: groupMembers'],
  );
  const stage = symbols.find((s) => s.name === 'requestApprovalSettings')!.children!.find((c) => c.name === 'stages')!.children![0];
  assert.deepEqual(
    stage.children?.map((c) => c.name),
    ['durationBeforeAutomaticDenial', 'primaryApprovers', 'fallbackPrimaryApprovers'],
  );
  assert.deepEqual(
    stage.children![1].children!.map((c) => c.name),
    ['0: requestorManager'],
  );
  assert.deepEqual(
    stage.children![2].children!.map((c) => c.name),
    ['0: singleUser'],
  );
  // The symbol's range spans its text in the document.
  const line = text.split('\n')[targets.selectionRange.start.line];
  assert.ok(line.includes('"specificAllowedTargets"'), line);
});

test('folding ranges cover every multi-line object and array; selection ranges grow outward', async () => {
  const uri = 'file:///work/editor-fold.accesspolicy.json';
  const text = JSON.stringify(JSON.parse(MINIFIED), null, 2);
  lsp.open(uri, text);
  const folds = await lsp.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
  const lines = text.split('\n');
  const opener = (l: number) => /[[{]\s*$/.test(lines[l]);
  const expected = lines.map((_, i) => i).filter(opener);
  assert.deepEqual(
    folds.map((f) => f.startLine).sort((a, b) => a - b),
    expected,
  );
  for (const f of folds)
    assert.match(lines[f.endLine + 1] ?? lines[f.endLine], /^\s*[\]}]/, `fold ${f.startLine}-${f.endLine} ends before its closing bracket`);
  assert.ok(folds.length >= 10, `expected many folds, got ${folds.length}`);

  const userLine = lines.findIndex((l) => l.includes('"userId"'));
  const character = lines[userLine].indexOf('7deff') + 2;
  const [sel] = await lsp.request<SelectionRange[]>('textDocument/selectionRange', {
    textDocument: { uri },
    positions: [{ line: userLine, character }],
  });
  const chain: string[] = [];
  for (let r: SelectionRange | undefined = sel; r; r = r.parent) {
    const { start, end } = r.range;
    chain.push(start.line === end.line ? lines[start.line].slice(start.character, end.character) : `${start.line}-${end.line}`);
  }
  assert.ok(
    chain.some((c) => c === '"7deff43e-1f17-44ef-9e5f-d516b0ba11d4"'),
    JSON.stringify(chain),
  );
  assert.ok(
    chain.some((c) => c === '"userId": "7deff43e-1f17-44ef-9e5f-d516b0ba11d4"'),
    JSON.stringify(chain),
  );
  assert.equal(chain[chain.length - 1], `0-${lines.length - 1}`, 'the last range is the whole document');
  assert.deepEqual(
    lsp.logs.filter((l) => /Error while handling/.test(l)),
    [],
    'no handler failed',
  );
});
