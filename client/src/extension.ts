// Extension entry: starts the language server over IPC for `accesspolicy` documents and wires the
// commands. Kept thin: each feature lives in its own module and registers itself here.
import * as vscode from 'vscode';
import { startLanguageClient } from './languageClient';
import { registerAuth } from './auth';
import { registerDeploy } from './deploy';
import { registerConvert } from './convert/register';
import { registerSummary } from './summary';
import { registerTenantLookups } from './tenant';
import { registerEnvironments } from './environments/environments';
import { registerTenantView } from './tenantView/register';
import { registerPlan } from './plan/register';
import { errorMessage } from '../../core/src';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // A log channel: each line carries its time and level, and the user picks the level shown.
  const activated = performance.now();
  const output = vscode.window.createOutputChannel('Entra Access Policy', { log: true });
  context.subscriptions.push(output);

  // The commands are registered before the server has started: sign-in needs no server, and
  // deploy and convert, which ask the server (to validate, to convert), wait for it or say it
  // could not start; a failed start must not leave the commands unregistered.
  const { client, server, started } = startLanguageClient(context, output);
  const auth = registerAuth(context, output);
  // The active environment of a folder with an accesspolicy.config.json (status bar, picker).
  const environments = registerEnvironments(context, output, server);
  // The server asks the client what ids mean in the active environment's or signed-in tenant (it never holds a token).
  registerTenantLookups(context, client, auth, output, environments);
  registerDeploy(context, output, auth, server, environments);
  registerConvert(context, output, server);
  registerSummary(context, output, server);
  const tenantView = registerTenantView(context, output, auth, server);
  registerPlan(context, output, server, tenantView);

  try {
    await started;
    // VS Code counts the extension active once this function returns, i.e. with the client ready.
    output.info(`Language client ready ${Math.round(performance.now() - activated)} ms after activation started.`);
  } catch (err) {
    output.error(`The access policy language server did not start: ${errorMessage(err)}`);
    void vscode.window.showErrorMessage('Entra Access Policy: the language server did not start. See the output channel for details.');
  }
}

export function deactivate(): Thenable<void> | undefined {
  return undefined;
}
