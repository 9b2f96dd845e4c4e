// Helpers for extension-host tests: the workspace, opening files, and polling for state.
import * as vscode from 'vscode';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export const EXTENSION_ID = 'entra-access-policy.entra-access-policy';
export const LANGUAGE_ID = 'accesspolicy';
/** The `source` our language server puts on its diagnostics (server/src/features/diagnostics.ts). */
export const DIAGNOSTIC_SOURCE = 'accesspolicy';

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder; the harness opens a copy of test/fixtures/workspace');
  return folder.uri.fsPath;
}

/** Polls `probe` until it returns a value other than undefined, or fails with `what` and the last state. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  { timeoutMs = 15_000, intervalMs = 100, describe }: { timeoutMs?: number; intervalMs?: number; describe?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`waited ${timeoutMs} ms for ${what}${describe ? `; last state: ${describe()}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Writes a policy file into the workspace copy and opens it in an editor. */
export async function openPolicy(name: string, text: string): Promise<vscode.TextEditor> {
  const file = path.join(workspaceRoot(), name);
  writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(doc);
}

export async function openExisting(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspaceRoot(), name)));
  return vscode.window.showTextDocument(doc);
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export function apDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d).startsWith('AP'));
}

export function showDiagnostics(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  if (all.length === 0) return 'no diagnostics';
  return all.map((d) => `line ${d.range.start.line + 1} ${codeOf(d) || '(no code)'} ${d.message}`).join('; ');
}

/** 0-based line of the first line containing `needle`. */
export function lineOf(doc: vscode.TextDocument, needle: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(needle)) return i;
  throw new Error(`"${needle}" not found in ${doc.uri.fsPath}`);
}

/** Replaces the first occurrence of `from` with `to` as an edit a user would make. */
export async function replaceText(editor: vscode.TextEditor, from: string, to: string): Promise<void> {
  const doc = editor.document;
  const at = doc.getText().indexOf(from);
  if (at < 0) throw new Error(`"${from}" not found in ${doc.uri.fsPath}`);
  const range = new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length));
  const ok = await editor.edit((b) => b.replace(range, to));
  if (!ok) throw new Error(`the edit replacing "${from}" was not applied`);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
