// Read-only documents that live in memory under a scheme of our own, for the right-hand side of a
// diff editor (a deploy preview, a converted policy). Only the most recent few are kept, so a long
// session does not hold every policy it ever showed.
import * as vscode from 'vscode';

export class VirtualDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  constructor(
    readonly scheme: string,
    private readonly keep: number,
  ) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Stores `text` under a fresh URI whose file name is `name` (its extension picks the language). */
  put(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: this.scheme, path: `/${++this.counter}/${name}` });
    this.contents.set(uri.toString(), text);
    if (this.contents.size > this.keep) this.contents.delete(this.contents.keys().next().value as string);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.contents.clear();
    this.changed.dispose();
  }
}
