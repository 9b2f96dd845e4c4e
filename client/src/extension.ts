// Extension entry: starts the language server over IPC for `accesspolicy` documents and wires the
// commands. Kept thin: each feature lives in its own module and registers itself here.
import * as vscode from 'vscode';
import { startLanguageClient } from './languageClient';
import { registerAuth } from './auth';
import { registerDeploy } from './deploy';
import { registerConvert } from './convert/register';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Entra Access Policy', { log: true });
  context.subscriptions.push(output);

  await startLanguageClient(context, output);

  // Feature registrations (one line each).
  const auth = registerAuth(context, output);
  registerDeploy(context, output, auth);
  registerConvert(context, output);
}

export function deactivate(): Thenable<void> | undefined {
  return undefined;
}
