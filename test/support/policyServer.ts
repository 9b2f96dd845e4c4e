// The language server as the extension's commands see it (`PolicyServer`, client/src/languageClient.ts),
// for client tests under the fake vscode: the real server core in this process, reached over
// JSON-RPC as vscode-languageclient would, so a command's request and the server's answer are the
// shipped ones.
import { startInProcessServer, type LspSession } from '../lsp/lspClient';
import type { PolicyServer } from '../../client/src/languageClient';

export interface TestPolicyServer {
  server: PolicyServer;
  session: LspSession;
  stop(): Promise<void>;
}

export async function inProcessPolicyServer(initializationOptions?: unknown): Promise<TestPolicyServer> {
  const session = await startInProcessServer(initializationOptions);
  return {
    server: { request: (type, params) => session.connection.sendRequest(type, params) },
    session,
    stop: () => session.stop(),
  };
}

/** A server that never started, as the commands see it then. */
export const notRunningServer: PolicyServer = {
  request: () =>
    Promise.reject(
      new Error('The access policy language server is not running (the output channel says why); reload the window to start it again.'),
    ),
};
