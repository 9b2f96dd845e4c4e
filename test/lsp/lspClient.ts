// A minimal LSP client for tests, speaking JSON-RPC to the language server exactly as an editor
// would. Two ways to reach the server, one client:
// - startInProcessServer(): the server's core (server/src/serverCore.ts) in this process, over a
//   pair of in-memory streams. Fast, and always the current source: no build needed.
// - startServer(): the bundled server (`dist/server.js --stdio`) as its own process, proving the
//   shipped bundle and its process-level behaviour (the runner builds dist/ first).
// The test runner reads the next line to know which tests need the bundles built.
// needs-bundle: startServer SERVER_PATH BundledLspSession
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer as startServerCore } from '../../server/src';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_PATH = path.join(REPO_ROOT, 'dist', 'server.js');

export interface LspSession {
  connection: MessageConnection;
  /** Everything the server logged (window/logMessage), for assertions and for failure output. */
  logs: string[];
  /** What the server answered to `initialize` (its capabilities). */
  initializeResult: InitializeResult;
  open(uri: string, text: string, languageId?: string): void;
  change(uri: string, text: string): void;
  close(uri: string): void;
  /** Resolves with the first diagnostics published for `uri` at `version` or later that satisfy `accept`. */
  diagnostics(uri: string, accept?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  request<R>(method: string, params: unknown): Promise<R>;
  /** Whether the server has gone (its process exited, or its in-process connection closed). */
  exited(): boolean;
  stop(): Promise<void>;
}

/** A session with the bundled server, which also exposes its process. */
export interface BundledLspSession extends LspSession {
  child: ChildProcessWithoutNullStreams;
}

/** How a transport ends its server once `shutdown` has been answered (or not). */
interface Transport {
  reader: StreamMessageReader;
  writer: StreamMessageWriter;
  /** processId sent in `initialize`; null in-process, where the server must not watch (or exit) this process. */
  processId: number | null;
  exited(): boolean;
  end(connection: MessageConnection): Promise<void>;
}

/** The bundled server in its own process. */
export async function startServer(initializationOptions?: unknown): Promise<BundledLspSession> {
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: 'pipe' });
  let exitedFlag = false;
  child.on('exit', () => (exitedFlag = true));
  child.stderr.on('data', () => undefined);
  const session = await connect(initializationOptions, {
    reader: new StreamMessageReader(child.stdout),
    writer: new StreamMessageWriter(child.stdin),
    processId: process.pid,
    exited: () => exitedFlag,
    async end(connection) {
      const deadline = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());
      if (exitedFlag) return;
      const exited = new Promise((r) => child.once('exit', r));
      try {
        await Promise.race([connection.sendRequest('shutdown'), deadline(2000)]);
        // Bounded too: a server already gone leaves this write unsettled (a CI run's test file
        // once waited here for minutes after all its tests had passed).
        await Promise.race([connection.sendNotification('exit'), deadline(2000)]);
      } catch {
        // The server may already be gone; the kill below settles it.
      }
      // Let it exit by itself (so nothing is written to a closed pipe), within a bound.
      await Promise.race([exited, deadline(2000)]);
      if (!exitedFlag) child.kill();
    },
  });
  return { ...session, child };
}

/**
 * The server's core in this process, over in-memory streams: the same features, handlers and
 * JSON-RPC framing as the bundle, from the current source.
 */
export async function startInProcessServer(initializationOptions?: unknown): Promise<LspSession> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  // Reader/writer objects rather than raw streams, so vscode-languageserver does not tie the
  // stream's end to process.exit (it does for stdio), and no `exit` notification is ever sent:
  // the test process must outlive its server.
  const serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServerCore(serverConnection);
  let closed = false;
  return connect(initializationOptions, {
    reader: new StreamMessageReader(toClient),
    writer: new StreamMessageWriter(toServer),
    processId: null,
    exited: () => closed,
    async end(connection) {
      if (closed) return;
      const deadline = new Promise((r) => setTimeout(r, 2000).unref());
      await Promise.race([connection.sendRequest('shutdown').catch(() => undefined), deadline]);
      closed = true;
      serverConnection.dispose();
      toServer.end();
      toClient.end();
    },
  });
}

async function connect(initializationOptions: unknown, transport: Transport): Promise<LspSession> {
  const connection = createMessageConnection(transport.reader, transport.writer);
  const logs: string[] = [];
  const versions = new Map<string, number>();
  const latest = new Map<string, PublishDiagnosticsParams>();
  const waiters: { uri: string; minVersion: number; accept: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];

  connection.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && (p.version ?? Infinity) >= w.minVersion && w.accept(p.diagnostics)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  connection.onRequest('workspace/configuration', () => []);
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  // A notification whose write fails (the server has gone) is recorded, not left as an
  // unhandled rejection that would fail whichever test happens to be running.
  const notify = (method: string, params: unknown) => {
    connection.sendNotification(method, params).catch((e: unknown) => logs.push(`client: could not send ${method}: ${String(e)}`));
  };

  const initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
    processId: transport.processId,
    rootUri: null,
    capabilities: {
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true } },
      },
    },
    initializationOptions,
  });
  notify('initialized', {});

  return {
    connection,
    logs,
    initializeResult,
    open(uri, text, languageId = 'accesspolicy') {
      versions.set(uri, 1);
      notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    },
    change(uri, text) {
      const version = (versions.get(uri) ?? 0) + 1;
      versions.set(uri, version);
      notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
    },
    close(uri) {
      versions.delete(uri);
      notify('textDocument/didClose', { textDocument: { uri } });
    },
    diagnostics(uri, accept = () => true, timeoutMs = 10_000) {
      const minVersion = versions.get(uri) ?? 0;
      const current = latest.get(uri);
      if (current && (current.version ?? Infinity) >= minVersion && accept(current.diagnostics)) {
        return Promise.resolve(current.diagnostics);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const last = latest.get(uri);
          reject(
            new Error(
              `no matching diagnostics for ${uri} v${minVersion} within ${timeoutMs} ms; last: ${JSON.stringify(last)}\nserver log:\n${logs.join('\n')}`,
            ),
          );
        }, timeoutMs);
        waiters.push({
          uri,
          minVersion,
          accept,
          resolve: (d) => {
            clearTimeout(timer);
            resolve(d);
          },
        });
      });
    },
    request<R>(method: string, params: unknown) {
      return connection.sendRequest(method, params) as Promise<R>;
    },
    exited: () => transport.exited(),
    async stop() {
      await transport.end(connection);
      connection.dispose();
    },
  };
}
