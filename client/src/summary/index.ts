// Registers *Access Policy: Show Summary* (palette and editor title for policy files; the server's
// CodeLens calls it with the document's URI).
import * as vscode from 'vscode';
import { COMMANDS } from '../../../common/src';
import type { PolicyServer } from '../languageClient';
import { SummaryPreviews } from './summaryPanel';
import { errorMessage } from '../../../core/src';

export function registerSummary(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, server: PolicyServer): void {
  const previews = new SummaryPreviews(output, server);
  context.subscriptions.push(
    previews,
    vscode.commands.registerCommand(COMMANDS.showSummary, async (arg?: unknown) => {
      const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : vscode.window.activeTextEditor?.document.uri;
      if (!uri || !/\.accesspolicy\.json$/i.test(uri.path)) {
        void vscode.window.showErrorMessage('Open a *.accesspolicy.json file to see its summary.');
        return;
      }
      try {
        await previews.show(uri);
      } catch (err) {
        void vscode.window.showErrorMessage(`Could not show the summary: ${errorMessage(err)}`);
      }
    }),
  );
}
