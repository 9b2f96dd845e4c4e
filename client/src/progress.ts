// A cancellable progress notification whose Cancel aborts the work's AbortSignal (the deploy
// core, Graph client and sign-in all take one).
import * as vscode from 'vscode';

export async function withCancellableProgress<T>(
  title: string,
  task: (signal: AbortSignal, report: (m: string) => void) => Promise<T>,
): Promise<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort(new Error('cancelled by the user')));
      try {
        return await task(controller.signal, (message) => progress.report({ message }));
      } finally {
        sub.dispose();
      }
    },
  );
}
