// Registers *Access Policy: Deploy Policy* (palette, editor title, explorer context menu for
// *.accesspolicy.json; disabled in untrusted workspaces via the manifest's `enablement`).
import * as vscode from 'vscode';
import type { AuthService } from '../auth/authService';
import type { PolicyServer } from '../languageClient';
import { COMMANDS } from '../../../common/src';
import { runDeployCommand } from './deployCommand';
import { PREVIEW_SCHEME, PreviewDocuments } from './previewDocuments';
import type { Environments } from '../environments/environments';

export function registerDeploy(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  auth: AuthService,
  server: PolicyServer,
  environments?: Environments,
): void {
  const previews = new PreviewDocuments();
  let running = false;
  context.subscriptions.push(
    previews,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.commands.registerCommand(COMMANDS.deploy, async (arg?: unknown) => {
      // One deploy at a time: two concurrent creates of the same file would race on the id write-back.
      if (running) {
        void vscode.window.showInformationMessage('A deploy is already running; wait for it to finish.');
        return undefined;
      }
      running = true;
      try {
        return await runDeployCommand({ output, auth, previews, server, environments }, arg);
      } finally {
        running = false;
      }
    }),
  );
}
