// Every snippet the extension contributes, as a user inserts it: offered by completion in an empty
// policy file, inserted with editor.insertSnippet, the GUID placeholders filled with real object ids
// while walking the tab stops, and then the file validates without an error from our server.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from './runner';
import { DIAGNOSTIC_SOURCE, EXTENSION_ID, labelOf, openPolicy, showDiagnostics, waitFor } from './helpers';

const GUID_DEFAULT = '00000000-0000-0000-0000-000000000000';

interface Snippet {
  prefix: string;
  body: string[];
}

/** The snippets file of the extension VS Code loaded (the one a user gets), not a copy. */
function contributedSnippets(): Snippet[] {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const file = path.join(ext.extensionPath, 'snippets', 'accesspolicy.code-snippets');
  return Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, Snippet>);
}

/** Highest numbered tab stop in a snippet body: how many times Tab moves before reaching $0. */
function tabStopCount(body: string[]): number {
  let max = 0;
  for (const m of body.join('\n').matchAll(/\$\{?(\d+)/g)) max = Math.max(max, Number(m[1]));
  return max;
}

function ourErrors(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === DIAGNOSTIC_SOURCE && d.severity === vscode.DiagnosticSeverity.Error);
}

const snippets = contributedSnippets();

test(`completion in an empty policy file offers all ${snippets.length} contributed snippets`, async () => {
  assert.ok(snippets.length >= 10, `only ${snippets.length} snippets in the snippets file`);
  const editor = await openPolicy('snippet-list.accesspolicy.json', '');
  const offered = await waitFor(
    'every snippet prefix in the completion list',
    async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        editor.document.uri,
        new vscode.Position(0, 0),
      );
      const labels = (list?.items ?? []).filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf);
      return snippets.every((s) => labels.includes(s.prefix)) ? labels : undefined;
    },
    { timeoutMs: 20_000 },
  );
  assert.ok(offered.length >= snippets.length);
});

for (const snippet of snippets) {
  test(`snippet ${snippet.prefix}: inserted, ids typed into its GUID tab stops, validates with no error`, async () => {
    // Start from a broken file and wait for its error, so "no errors" later can only mean the
    // server has checked the text the snippet produced (not that it has not looked yet).
    const editor = await openPolicy(`snippet-${snippet.prefix}.accesspolicy.json`, '{');
    const uri = editor.document.uri;
    await waitFor('the syntax error of the starting text', () => (ourErrors(uri).length ? true : undefined), {
      timeoutMs: 20_000,
      describe: () => showDiagnostics(uri),
    });

    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(0, 0),
    );
    const item = (list?.items ?? []).find((i) => i.kind === vscode.CompletionItemKind.Snippet && labelOf(i) === snippet.prefix);
    assert.ok(item, `${snippet.prefix} is not offered by completion`);
    const body = item.insertText instanceof vscode.SnippetString ? item.insertText : new vscode.SnippetString(String(item.insertText));

    const whole = new vscode.Range(new vscode.Position(0, 0), editor.document.lineAt(editor.document.lineCount - 1).range.end);
    assert.ok(await editor.insertSnippet(body, whole), 'insertSnippet refused the snippet');

    // Walk the tab stops as a user pressing Tab; where the placeholder is the all-zero GUID hint,
    // type a real id over it (typing keeps the snippet session, so later stops stay reachable).
    const typed: string[] = [];
    for (let i = 0; i < tabStopCount(snippet.body); i++) {
      if (editor.document.getText(editor.selection) === GUID_DEFAULT) {
        const id = randomUUID();
        await vscode.commands.executeCommand('type', { text: id });
        typed.push(id);
      }
      await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    }
    const text = editor.document.getText();
    const hints = snippet.body.join('\n').split(GUID_DEFAULT).length - 1;
    assert.equal(typed.length, hints, `typed ${typed.length} ids but the snippet has ${hints} GUID hints:\n${text}`);
    for (const id of typed) assert.ok(text.includes(id), `typed id ${id} is not in the inserted text:\n${text}`);
    assert.ok(!text.includes(GUID_DEFAULT), `an all-zero GUID is left in the file:\n${text}`);
    assert.doesNotThrow(() => JSON.parse(text), `the inserted text is not JSON:\n${text}`);

    await waitFor('no error diagnostics from the access policy server', () => (ourErrors(uri).length === 0 ? true : undefined), {
      timeoutMs: 20_000,
      describe: () => `${showDiagnostics(uri)}\n${text}`,
    });
    // Saved and closed, so later tests start with one editor and no unsaved-changes prompt.
    assert.ok(await editor.document.save(), 'could not save the snippet file');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
}
