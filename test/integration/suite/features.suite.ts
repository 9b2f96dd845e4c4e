// Editor features a user reaches for while writing a policy: hover, completion, quick fixes.
// (Snippets have their own file, snippets.suite.ts.)
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from './runner';
import { offsetOf } from '../../support/positions';
import { apDiagnostics, codeOf, labelOf, openExisting, openPolicy, showDiagnostics, waitFor, workspaceRoot } from './helpers';

const MULTISTAGE = 'v1-connected-orgs-multistage-review.accesspolicy.json';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** Position just inside the first occurrence of `needle` (plus `delta` characters). */
function positionOf(doc: vscode.TextDocument, needle: string, delta = 1): vscode.Position {
  return doc.positionAt(offsetOf(doc.getText(), needle) + delta);
}

test('hovering an approver type shows its type card', async () => {
  const editor = await openExisting(MULTISTAGE);
  const pos = positionOf(editor.document, '"#microsoft.graph.internalSponsors"', 5);
  const text = await waitFor(
    'a hover on the internalSponsors approver',
    async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, pos);
      const t = hoverText(hovers ?? []);
      return /sponsor/i.test(t) ? t : undefined;
    },
    { timeoutMs: 20_000 },
  );
  assert.ok(text.length > 40, `hover too thin to help: ${text}`);
});

test('completion in an approver slot offers the approver types', async () => {
  const valid = readFileSync(path.join(workspaceRoot(), MULTISTAGE), 'utf8');
  const text = valid.replace('"@odata.type": "#microsoft.graph.internalSponsors"', '"@odata.type": ""');
  assert.notEqual(text, valid);
  const editor = await openPolicy('approver-completion.accesspolicy.json', text);
  const pos = positionOf(editor.document, '"@odata.type": ""', '"@odata.type": "'.length);
  const labels = await waitFor(
    'approver types in the completion list',
    async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        editor.document.uri,
        pos,
      );
      const all = (list?.items ?? []).map(
        (i) => `${labelOf(i)} ${typeof i.insertText === 'string' ? i.insertText : (i.insertText?.value ?? '')}`,
      );
      return all.some((l) => l.includes('microsoft.graph.singleUser')) ? all : undefined;
    },
    { timeoutMs: 20_000 },
  );
  for (const type of ['singleUser', 'groupMembers', 'requestorManager', 'internalSponsors']) {
    assert.ok(
      labels.some((l) => l.includes(`microsoft.graph.${type}`)),
      `no ${type} in: ${labels.join(' | ')}`,
    );
  }
});

test('a quick fix corrects a wrongly cased enum value and the problem clears', async () => {
  const valid = readFileSync(path.join(workspaceRoot(), 'v1-direct-assignment.accesspolicy.json'), 'utf8');
  const text = valid.replace('"allowedTargetScope": "notSpecified"', '"allowedTargetScope": "notspecified"');
  assert.notEqual(text, valid);
  const editor = await openPolicy('quick-fix-case.accesspolicy.json', text);
  const uri = editor.document.uri;
  const diag = await waitFor('the AP1003 diagnostic for "notspecified"', () => apDiagnostics(uri).find((d) => codeOf(d) === 'AP1003'), {
    timeoutMs: 20_000,
    describe: () => showDiagnostics(uri),
  });
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diag.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const fix = (actions ?? []).find((a) => a.title.includes('"notSpecified"'));
  assert.ok(fix?.edit, `no "Change to notSpecified" fix among: ${(actions ?? []).map((a) => a.title).join(' | ') || 'none'}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the fix did not apply');
  assert.match(editor.document.getText(), /"allowedTargetScope": "notSpecified"/);
  await waitFor('AP1003 to clear after the fix', () => (apDiagnostics(uri).some((d) => codeOf(d) === 'AP1003') ? undefined : true), {
    timeoutMs: 20_000,
    describe: () => showDiagnostics(uri),
  });
});
