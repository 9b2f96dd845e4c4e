// Read-only virtual documents holding the two sides of a deploy preview (the tenant's policy and
// what will be sent), shown with VS Code's diff editor. Content lives in memory only.
import * as vscode from 'vscode';

export const PREVIEW_SCHEME = 'accesspolicy-preview';

export class PreviewDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Stores a text under a fresh URI whose file name is `name` (so the language mode is JSON). */
  put(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${++this.counter}/${name}` });
    this.contents.set(uri.toString(), text);
    // Older previews are dropped so a long session does not keep every policy in memory.
    if (this.contents.size > 20) this.contents.delete(this.contents.keys().next().value as string);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.contents.clear();
    this.changed.dispose();
  }
}
