// The summary over LSP against the bundled server: the custom request the preview uses, and the
// CodeLens on the policy's first line (one-line summary, Deploy, Plan, Show Summary), both following edits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { startServer, REPO_ROOT, type LspSession } from './lspClient';
import { SUMMARY_REQUEST } from '../../common/src/protocol';
import { COMMANDS } from '../../common/src/commands';

let lsp: LspSession;
before(async () => {
  lsp = await startServer();
});
after(async () => lsp?.stop());

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'v1-connected-orgs-multistage-review.accesspolicy.json');
const text = `// reviewed by the access owner\n${readFileSync(FIXTURE, 'utf8')}`;

test('the server announces CodeLens', () => {
  assert.ok(lsp.initializeResult.capabilities.codeLensProvider);
});

test('summary request: sections, flow and ranges for the open document', async () => {
  const uri = 'file:///summary/one.accesspolicy.json';
  lsp.open(uri, text);
  const s = await lsp.connection.sendRequest(SUMMARY_REQUEST, { uri });
  assert.ok(s);
  assert.equal(s.title, 'policy for external access requests');
  assert.equal(s.headline, 'Requested by: all connected organizations · 2 approval stages · no end date · quarterly review');
  assert.equal(s.flow.stages.length, 2);
  assert.deepEqual(s.flow.stages[0].approvers, ['internal sponsors']);
  const approval = s.sections.find((x) => x.id === 'approval')!;
  // The comment line shifts everything by one: ranges are the document's own.
  assert.equal(
    approval.range!.start.line,
    text.split('\n').findIndex((l) => l.includes('"requestApprovalSettings"')),
  );
  assert.equal(await lsp.connection.sendRequest(SUMMARY_REQUEST, { uri: 'file:///not/open.accesspolicy.json' }), null);
  lsp.close(uri);
});

test('CodeLens on the first line of the policy: the one-line summary, Deploy, Plan and Show Summary, updated by edits', async () => {
  const uri = 'file:///summary/lens.accesspolicy.json';
  lsp.open(uri, text);
  const lenses = await lsp.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.deepEqual(
    lenses.map((l) => l.command?.title),
    ['Requested by: all connected organizations · 2 approval stages · no end date · quarterly review', 'Deploy', 'Plan', 'Show Summary'],
  );
  // Line 1: the object starts after the comment.
  for (const l of lenses) assert.equal(l.range.start.line, 1);
  assert.deepEqual(
    lenses.map((l) => l.command?.command),
    [COMMANDS.showSummary, COMMANDS.deploy, COMMANDS.planFile, COMMANDS.showSummary],
  );
  assert.ok(lenses.every((l) => l.command?.arguments?.[0] === uri));

  lsp.change(uri, text.replace('"isEnabled": true', '"isEnabled": false'));
  const after = await lsp.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.equal(after[0].command?.title, 'Requested by: all connected organizations · 2 approval stages · no end date · no review');

  lsp.change(uri, '[1, 2]');
  assert.deepEqual(await lsp.request('textDocument/codeLens', { textDocument: { uri } }), [], 'no lens on a file that is not a policy');
  lsp.close(uri);
});
