// Every command the extension contributes, once. The client registers these, the status bar and
// the server's CodeLens (which passes the document's URI as a string) name them from here, and test/client/manifest.test.ts checks
// package.json's `contributes.commands`, menus and activation events against this list.
export const COMMANDS = {
  signIn: 'accessPolicy.signIn',
  signOut: 'accessPolicy.signOut',
  deploy: 'accessPolicy.deploy',
  convertToV1: 'accessPolicy.convertToV1',
  showSummary: 'accessPolicy.showSummary',
  selectEnvironment: 'accessPolicy.selectEnvironment',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
