// The contracts the client and the server share, each declared once: custom LSP requests,
// settings, command ids. The only module other parts import from common (eslint.config.mjs).
export * from './protocol';
export * from './settings';
export * from './commands';
