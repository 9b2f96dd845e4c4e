// Starts and owns the language client. The server runs as a separate Node process over IPC so a
// slow or failing validation never blocks the editor. The commands reach it only through the
// `PolicyServer` they are given: typed custom requests (common/src/protocol.ts).
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type RequestType,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { LANGUAGE_ID, CONFIG_LANGUAGE_ID, COMMANDS, SETTINGS, SETTINGS_SECTION, type ServerSettings } from '../../common/src';
import { readSetting } from './config';

/** The language server as the commands see it. */
export interface PolicyServer {
  /** Sends a custom request once the server runs; rejects with a message a user can act on when it cannot. */
  request<P, R>(type: RequestType<P, R, void>, params: P): Promise<R>;
}

function serverSettings(): ServerSettings {
  return {
    validate: { enable: readSetting(SETTINGS.validateEnable) },
    tenantLookups: { enable: readSetting(SETTINGS.tenantLookups) },
    defaultApiVersion: readSetting(SETTINGS.defaultApiVersion),
  };
}

/**
 * Creates the client and starts the server. `server` is usable at once (its requests wait for the
 * start); `started` settles when the server is up or could not start.
 */
export function startLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): { client: LanguageClient; server: PolicyServer; started: Promise<void> } {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
      // The folder configuration: its own checks, hover and completion (server/src/config).
      { scheme: 'file', language: CONFIG_LANGUAGE_ID },
    ],
    outputChannel: output,
    initializationOptions: { settings: serverSettings() },
    // Sends `workspace/didChangeConfiguration` with the whole section on change.
    synchronize: { configurationSection: SETTINGS_SECTION },
    middleware: {
      // Deploying is off in untrusted workspaces: the CodeLens does not offer it there.
      provideCodeLenses: async (document, token, next) => {
        const lenses = await next(document, token);
        return vscode.workspace.isTrusted ? lenses : lenses?.filter((l) => l.command?.command !== COMMANDS.deploy);
      },
    },
  };
  // The client's id is the settings section: vscode-languageclient reads `<id>.trace.server`.
  const client = new LanguageClient(SETTINGS_SECTION, 'Entra Access Policy', serverOptions, clientOptions);
  context.subscriptions.push(client);
  const started = client.start();
  const server: PolicyServer = {
    async request(type, params) {
      try {
        await started;
      } catch {
        throw new Error(
          'The access policy language server is not running (the output channel says why); reload the window to start it again.',
        );
      }
      return client.sendRequest(type, params);
    },
  };
  return { client, server, started };
}
