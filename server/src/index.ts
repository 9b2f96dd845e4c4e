// The language server's public surface: `startServer(connection)` serves one LSP connection
// (serverMain.ts is the Node entry, dist/server.js; tests run it in-process).
export { startServer } from './serverCore';
