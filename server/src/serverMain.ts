// Node entry of the language server: picks the transport (IPC from VS Code, or --stdio for other
// clients and tests) and hands the connection to the core.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './serverCore';
import { formatError } from './runSafe';

const connection = createConnection(ProposedFeatures.all);
// Keep the process alive on a stray exception; the error is logged to the client's output channel.
process.on('uncaughtException', (err) => connection.console.error(formatError('Uncaught exception', err)));
process.on('unhandledRejection', (err) => connection.console.error(formatError('Unhandled rejection', err)));
startServer(connection);
