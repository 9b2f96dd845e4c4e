// Registers *Access Policy: Deploy policy* (palette, editor title, explorer context menu for
// *.accesspolicy.json; disabled in untrusted workspaces via the manifest's `enablement`).
import * as vscode from 'vscode';
import type { AuthService } from '../auth/authService';
import { DEPLOY_COMMAND, runDeployCommand } from './deployCommand';
import { PREVIEW_SCHEME, PreviewDocuments } from './previewDocuments';

export { DEPLOY_COMMAND } from './deployCommand';

export function registerDeploy(context: vscode.ExtensionContext, output: vscode.OutputChannel, auth: AuthService): void {
  const previews = new PreviewDocuments();
  let running = false;
  context.subscriptions.push(
    previews,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.commands.registerCommand(DEPLOY_COMMAND, async (arg?: unknown) => {
      // One deploy at a time: two concurrent creates of the same file would race on the id write-back.
      if (running) {
        void vscode.window.showInformationMessage('A deploy is already running; wait for it to finish.');
        return undefined;
      }
      running = true;
      try {
        return await runDeployCommand({ output, auth, previews }, arg);
      } finally {
        running = false;
      }
    }),
  );
}
