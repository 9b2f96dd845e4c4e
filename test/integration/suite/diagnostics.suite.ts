// A user who types an invalid value sees a problem on exactly that value, with its AP code, and it
// goes away once fixed.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from './runner';
import {
  DIAGNOSTIC_SOURCE,
  apDiagnostics,
  codeOf,
  lineOf,
  openPolicy,
  replaceText,
  showDiagnostics,
  waitFor,
  workspaceRoot,
} from './helpers';

test('allowedTargetScope "everyone": error AP1003 on exactly the value, which clears when fixed', async () => {
  const valid = readFileSync(path.join(workspaceRoot(), 'v1-direct-assignment.accesspolicy.json'), 'utf8');
  const broken = valid.replace('"allowedTargetScope": "notSpecified"', '"allowedTargetScope": "everyone"');
  assert.notEqual(broken, valid, 'fixture no longer contains allowedTargetScope "notSpecified"');

  const editor = await openPolicy('scope-everyone.accesspolicy.json', broken);
  const uri = editor.document.uri;
  const line = lineOf(editor.document, '"allowedTargetScope"');
  const valueStart = editor.document.lineAt(line).text.indexOf('"everyone"');
  const expected = new vscode.Range(line, valueStart, line, valueStart + '"everyone"'.length);

  const found = await waitFor('the AP1003 diagnostic', () => apDiagnostics(uri).find((d) => codeOf(d) === 'AP1003'), {
    timeoutMs: 20_000,
    describe: () => showDiagnostics(uri),
  });
  assert.equal(found.severity, vscode.DiagnosticSeverity.Error, `expected an error, got ${showDiagnostics(uri)}`);
  assert.equal(found.source, DIAGNOSTIC_SOURCE);
  assert.ok(
    found.range.isEqual(expected),
    `AP1003 covers ${found.range.start.line}:${found.range.start.character}-${found.range.end.line}:${found.range.end.character}, ` +
      `expected the value "everyone" at ${line}:${expected.start.character}-${line}:${expected.end.character}`,
  );
  assert.match(found.message, /"everyone" is not a valid value for allowedTargetScope/);
  assert.match(found.message, /notSpecified/, 'the message should list the allowed values');
  // Nothing else in the valid example is reported as an error.
  const otherErrors = apDiagnostics(uri).filter((d) => d !== found && d.severity === vscode.DiagnosticSeverity.Error);
  assert.deepEqual(otherErrors.map(codeOf), [], showDiagnostics(uri));

  await replaceText(editor, '"everyone"', '"notSpecified"');
  await waitFor('every AP diagnostic to clear after the fix', () => (apDiagnostics(uri).length === 0 ? true : undefined), {
    timeoutMs: 20_000,
    describe: () => showDiagnostics(uri),
  });
  await vscode.commands.executeCommand('workbench.action.files.save');
});

test('a service rule finding (escalation on, no escalation approvers) is AP2008 on the isEscalationEnabled value', async () => {
  // A rule problem, not a schema one: every property is well-formed, the combination is not.
  const valid = readFileSync(path.join(workspaceRoot(), 'v1-connected-orgs-multistage-review.accesspolicy.json'), 'utf8');
  const parsed = JSON.parse(valid) as { requestApprovalSettings: { stages: Record<string, unknown>[] } };
  const stage = parsed.requestApprovalSettings.stages[0];
  stage.isEscalationEnabled = true;
  stage.escalationApprovers = [];
  const editor = await openPolicy('rule-escalation.accesspolicy.json', JSON.stringify(parsed, null, 2) + '\n');
  const uri = editor.document.uri;
  const rule = await waitFor('the AP2008 diagnostic', () => apDiagnostics(uri).find((d) => codeOf(d) === 'AP2008'), {
    timeoutMs: 20_000,
    describe: () => showDiagnostics(uri),
  });
  assert.equal(rule.severity, vscode.DiagnosticSeverity.Error);
  assert.equal(editor.document.getText(rule.range), 'true', `AP2008 covers "${editor.document.getText(rule.range)}"`);
  assert.equal(rule.range.start.line, lineOf(editor.document, '"isEscalationEnabled": true'));
  assert.match(rule.message, /escalation approvers/);

  // Turning escalation off again is the fix; the finding goes.
  await replaceText(editor, '"isEscalationEnabled": true', '"isEscalationEnabled": false');
  await waitFor('AP2008 to clear', () => (apDiagnostics(uri).some((d) => codeOf(d) === 'AP2008') ? undefined : true), {
    timeoutMs: 20_000,
    describe: () => showDiagnostics(uri),
  });
  await vscode.commands.executeCommand('workbench.action.files.save');
});
