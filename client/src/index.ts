// The extension's public surface: what VS Code calls (extension.ts is the bundle's entry,
// dist/extension.js).
export { activate, deactivate } from './extension';
