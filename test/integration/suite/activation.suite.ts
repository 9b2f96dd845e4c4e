// The extension wakes up when a user opens a policy file, and the file gets the policy language.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from './runner';
import { EXTENSION_ID, LANGUAGE_ID, openExisting, waitFor } from './helpers';

// The first test of the run, so the extension starts cold: its duration is the activation time a
// user waits, from opening the file (the activation event) to the extension active, which is when
// activate() returns, with the language client ready. `npm run bench`'s notes quote it.
test('opening a *.accesspolicy.json file gives it the accesspolicy language and activates the extension', async () => {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in this VS Code`);
  assert.equal(ext.isActive, false, 'the extension is not active before a policy file is opened');
  const editor = await openExisting('v1-direct-assignment.accesspolicy.json');
  assert.equal(editor.document.languageId, LANGUAGE_ID);
  await waitFor('the extension to activate', () => (ext.isActive ? true : undefined), { timeoutMs: 20_000, intervalMs: 5 });
});

test('once active, the extension has registered every command its manifest contributes', async () => {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  await waitFor('the extension to activate', () => (ext?.isActive ? true : undefined), { timeoutMs: 20_000 });
  const contributed = (ext!.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
  assert.ok(contributed.length >= 4, `the manifest contributes ${contributed.length} commands`);
  const all = new Set(await vscode.commands.getCommands(true));
  const missing = contributed.filter((c) => !all.has(c));
  assert.deepEqual(missing, [], `commands not registered: ${missing.join(', ')}`);
});
