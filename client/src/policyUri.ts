// Which policy file a command is about, from whatever invoked it: a URI (explorer menu, editor
// title), a URI string (the language server's CodeLens), an element of our views (which names its
// file), or else the active editor's document.
import * as vscode from 'vscode';

export const POLICY_FILE = /\.accesspolicy\.json$/i;

export function policyUriOf(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return vscode.Uri.parse(arg);
  if (arg && typeof arg === 'object' && typeof (arg as { file?: unknown }).file === 'string')
    return vscode.Uri.file((arg as { file: string }).file);
  return vscode.window.activeTextEditor?.document.uri;
}
