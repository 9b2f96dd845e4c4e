// *Access Policy: Show Summary*: a preview beside the policy that follows the file as it changes.
// The summary is computed by the language server (SUMMARY_REQUEST); this module only shows it and
// turns a click on a part of it into a selection in the file.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { SUMMARY_REQUEST, type SummaryResult } from '../../../common/src';
import type { PolicyServer } from '../languageClient';
import { pageTitle, summaryBodyHtml, summaryPageHtml } from './summaryHtml';
import { errorMessage } from '../../../core/src';

export const SUMMARY_VIEW_TYPE = 'accessPolicy.summary';
/** Changes within this time are shown together: one request per burst of typing. */
const UPDATE_DELAY_MS = 150;

class SummaryPreview implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private latest: SummaryResult | undefined;

  constructor(
    readonly uri: vscode.Uri,
    private readonly panel: vscode.WebviewPanel,
    private readonly editorColumn: vscode.ViewColumn,
    private readonly log: vscode.LogOutputChannel,
    private readonly server: PolicyServer,
    onDispose: () => void,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => {
        onDispose();
        this.dispose();
      }),
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === uri.toString()) this.schedule();
      }),
      // A hidden webview loses its page; give it the latest summary when it shows again.
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.latest) this.setPage(this.latest);
      }),
    );
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(false), UPDATE_DELAY_MS);
  }

  async refresh(initial: boolean): Promise<void> {
    let summary: SummaryResult | null;
    try {
      // The URI as the language client sends it in textDocument/didOpen (its default converter).
      summary = await this.server.request(SUMMARY_REQUEST, { uri: this.uri.toString() });
    } catch (err) {
      this.log.error(`[summary] ${errorMessage(err)}`);
      return;
    }
    if (!summary) return;
    this.latest = summary;
    // A new page on the first show; later a message, so the scroll position and focus stay.
    if (initial) this.setPage(summary);
    else void this.panel.webview.postMessage({ type: 'update', html: summaryBodyHtml(summary), title: pageTitle(summary) });
  }

  private setPage(summary: SummaryResult): void {
    this.panel.webview.html = summaryPageHtml(summary, randomBytes(16).toString('base64'), this.panel.webview.cspSource);
  }

  private async onMessage(message: unknown): Promise<void> {
    const m = message as { type?: unknown; range?: unknown };
    if (m?.type !== 'reveal' || !Array.isArray(m.range) || m.range.length !== 4 || !m.range.every((n) => Number.isInteger(n) && n >= 0))
      return;
    const [sl, sc, el, ec] = m.range as number[];
    // The cursor at the start of the part (the status bar and the view show where it begins).
    const selection = new vscode.Selection(el, ec, sl, sc);
    const document = await vscode.workspace.openTextDocument(this.uri);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: this.editorColumn, preserveFocus: false });
    // Set here, not through the show options: those take a Range and would put the cursor at the end.
    editor.selection = selection;
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

export class SummaryPreviews implements vscode.Disposable {
  private readonly open = new Map<string, SummaryPreview>();

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly server: PolicyServer,
  ) {}

  async show(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const existing = this.open.get(key);
    if (existing) {
      existing.reveal();
      return;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const shown = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const editorColumn = shown?.viewColumn ?? (await vscode.window.showTextDocument(document)).viewColumn ?? vscode.ViewColumn.One;
    const panel = vscode.window.createWebviewPanel(
      SUMMARY_VIEW_TYPE,
      `Summary: ${path.basename(uri.path)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      // Scripts for clicks and live updates only; no local or remote resources at all.
      { enableScripts: true, localResourceRoots: [] },
    );
    const preview = new SummaryPreview(uri, panel, editorColumn, this.log, this.server, () => this.open.delete(key));
    this.open.set(key, preview);
    await preview.refresh(true);
  }

  dispose(): void {
    for (const p of this.open.values()) p.dispose();
    this.open.clear();
  }
}
