// Extension entry: starts the language server over IPC for `accesspolicy` documents and wires the
// commands. Kept thin: each feature lives in its own module and registers itself here.
import * as vscode from 'vscode';
import { startLanguageClient } from './languageClient';
import { registerAuth } from './auth';
import { registerDeploy } from './deploy';
import { registerConvert } from './convert/register';
import { registerSummary } from './summary';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Entra Access Policy', { log: true });
  context.subscriptions.push(output);

  // Commands first: they work without the language server, so a server that fails to start
  // must not take sign-in, deploy or conversion down with it.
  const auth = registerAuth(context, output);
  registerDeploy(context, output, auth);
  registerConvert(context, output);
  registerSummary(context, output);

  try {
    await startLanguageClient(context, output);
  } catch (err) {
    output.error(`The access policy language server did not start: ${err instanceof Error ? err.message : String(err)}`);
    void vscode.window.showErrorMessage('Entra Access Policy: the language server did not start. See the output channel for details.');
  }
}

export function deactivate(): Thenable<void> | undefined {
  return undefined;
}
