// Starts and owns the language client. The server runs as a separate Node process over IPC so a
// slow or failing validation never blocks the editor.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIG_SECTION, DEPLOY_COMMAND, LANGUAGE_ID, type ServerSettings } from '../../common/src/protocol';

let client: LanguageClient | undefined;

export function languageClient(): LanguageClient | undefined {
  return client;
}

function serverSettings(): ServerSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return {
    validate: { enable: config.get<boolean>('validate.enable', true) },
    defaultApiVersion: config.get<'v1.0' | 'beta'>('defaultApiVersion', 'v1.0'),
  };
}

export async function startLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): Promise<LanguageClient> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    outputChannel: output,
    initializationOptions: { settings: serverSettings() },
    // Sends `workspace/didChangeConfiguration` with the whole `accessPolicy` section on change.
    synchronize: { configurationSection: CONFIG_SECTION },
    middleware: {
      // Deploying is off in untrusted workspaces: the CodeLens does not offer it there.
      provideCodeLenses: async (document, token, next) => {
        const lenses = await next(document, token);
        return vscode.workspace.isTrusted ? lenses : lenses?.filter((l) => l.command?.command !== DEPLOY_COMMAND);
      },
    },
  };
  client = new LanguageClient('accessPolicy', 'Entra Access Policy', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
  return client;
}
