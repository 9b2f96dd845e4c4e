// The CLI's public surface: `main(argv, io)` runs one `accesspolicy` command and resolves to its
// exit code. The process entry is main.ts (dist/cli.js).
export { main } from './commandLine';
export { EXIT, type CliIo } from './io';
