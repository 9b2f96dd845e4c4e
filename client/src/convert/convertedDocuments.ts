// Read-only virtual documents holding converted policies, shown on the right of the diff editor.
// Content lives in memory only, and only the latest few are kept.
import * as vscode from 'vscode';

export const CONVERTED_SCHEME = 'accesspolicy-converted';

export class ConvertedDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Stores `text` under a fresh URI named `name` (kept as *.accesspolicy.json, so it is checked too). */
  put(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: CONVERTED_SCHEME, path: `/${++this.counter}/${name}` });
    this.contents.set(uri.toString(), text);
    if (this.contents.size > 10) this.contents.delete(this.contents.keys().next().value as string);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.contents.clear();
    this.changed.dispose();
  }
}
