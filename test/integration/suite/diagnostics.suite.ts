// A user who types an invalid value sees a problem on that line, and it goes away once fixed.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from './runner';
import { apDiagnostics, lineOf, openPolicy, replaceText, showDiagnostics, waitFor, workspaceRoot } from './helpers';

test('a policy with allowedTargetScope "everyone" gets an AP diagnostic on that line, which clears when fixed', async () => {
  const valid = readFileSync(path.join(workspaceRoot(), 'v1-direct-assignment.accesspolicy.json'), 'utf8');
  const broken = valid.replace('"allowedTargetScope": "notSpecified"', '"allowedTargetScope": "everyone"');
  assert.notEqual(broken, valid, 'fixture no longer contains allowedTargetScope "notSpecified"');

  const editor = await openPolicy('scope-everyone.accesspolicy.json', broken);
  const uri = editor.document.uri;
  const line = lineOf(editor.document, '"allowedTargetScope"');
  const onLine = () => apDiagnostics(uri).filter((d) => d.range.start.line === line);

  const found = await waitFor('an AP diagnostic on the allowedTargetScope line', () => (onLine().length ? onLine() : undefined), {
    timeoutMs: 20_000,
    describe: () => showDiagnostics(uri),
  });
  assert.equal(found[0].severity, vscode.DiagnosticSeverity.Error, `expected an error, got ${showDiagnostics(uri)}`);

  await replaceText(editor, '"everyone"', '"notSpecified"');
  await waitFor('the diagnostic to clear after the fix', () => (onLine().length === 0 ? true : undefined), {
    timeoutMs: 20_000,
    describe: () => showDiagnostics(uri),
  });
  await vscode.commands.executeCommand('workbench.action.files.save');
});
