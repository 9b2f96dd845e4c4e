// The reviewer's view in the editor: the CodeLens on a policy's first line (one-line summary,
// Deploy, Plan, Show Summary) and the Show Summary preview opening beside the policy.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from './runner';
import { openPolicy, waitFor, workspaceRoot } from './helpers';

const MULTISTAGE = 'v1-connected-orgs-multistage-review.accesspolicy.json';
const HEADLINE = 'Requested by: all connected organizations · 2 approval stages · no end date · quarterly review';

async function lensTitles(uri: vscode.Uri, accept: (titles: string[]) => boolean): Promise<string[]> {
  return waitFor(
    'CodeLens from the access policy server',
    async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
      const titles = lenses.map((l) => l.command?.title ?? '');
      return accept(titles) ? titles : undefined;
    },
    { timeoutMs: 20_000 },
  );
}

test("a CodeLens on the policy's first line gives the one-line summary, Deploy, Plan and Show Summary, and follows edits", async () => {
  const text = readFileSync(path.join(workspaceRoot(), MULTISTAGE), 'utf8');
  const editor = await openPolicy('summary-lens.accesspolicy.json', text);
  const titles = await lensTitles(editor.document.uri, (t) => t.includes(HEADLINE));
  assert.deepEqual(titles, [HEADLINE, 'Deploy', 'Plan', 'Show Summary']);
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
  assert.ok(lenses.every((l) => l.range.start.line === 0));
  assert.deepEqual(
    lenses.map((l) => l.command?.command),
    ['accessPolicy.showSummary', 'accessPolicy.deploy', 'accessPolicy.planFile', 'accessPolicy.showSummary'],
  );

  // Turning the review off changes the summary in the lens.
  const at = editor.document.getText().indexOf('"isEnabled": true');
  await editor.edit((e) =>
    e.replace(
      new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + '"isEnabled": true'.length)),
      '"isEnabled": false',
    ),
  );
  await lensTitles(editor.document.uri, (t) => t[0] === HEADLINE.replace('quarterly review', 'no review'));
});

test('Show Summary opens the preview beside the policy, once per file', async () => {
  const text = readFileSync(path.join(workspaceRoot(), MULTISTAGE), 'utf8');
  const editor = await openPolicy('summary-preview.accesspolicy.json', text);
  const editorColumn = editor.viewColumn;
  const previews = () =>
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs.map((tab) => ({ tab, group: g })))
      .filter(
        ({ tab }) =>
          tab.input instanceof vscode.TabInputWebview &&
          tab.input.viewType.endsWith('accessPolicy.summary') &&
          tab.label === 'Summary: summary-preview.accesspolicy.json',
      );
  // The lens's argument is the document URI as a string, as the server sends it.
  await vscode.commands.executeCommand('accessPolicy.showSummary', editor.document.uri.toString());
  const [shown] = await waitFor('the summary preview tab', () => (previews().length ? previews() : undefined));
  assert.notEqual(shown.group.viewColumn, editorColumn, 'the preview opens beside the policy, not over it');
  await vscode.commands.executeCommand('accessPolicy.showSummary', editor.document.uri);
  assert.equal(previews().length, 1, 'a second Show Summary reveals the same preview');
  await vscode.window.tabGroups.close(shown.tab);
});
