// The workspace's policy files as the tenant view and the plan see them: every
// `*.accesspolicy.json` of the workspace folders, its text (the editor's, when the file is open, so
// an unsaved edit shows at once) and its id. Read once and kept until a file is created, changed,
// deleted, saved or edited; then listeners hear of it. The API version of a file is the language
// server's verdict (asked only for the files a shown policy needs, and kept per text).
import * as vscode from 'vscode';
import { POLICY_SUFFIX, policyIdInText } from '../../../deploy/src';
import { type ApiVersion } from '../../../core/src';
import { VALIDATE_REQUEST, SETTINGS } from '../../../common/src';
import type { PolicyServer } from '../languageClient';
import { readSetting } from '../config';
import type { WorkspaceFile } from './tenantModel';

const GLOB = `**/*${POLICY_SUFFIX}`;
const EXCLUDE = '**/{node_modules,.git}/**';
/** Changes within this time are taken together: one refresh per burst of typing or per save. */
const SETTLE_MS = 400;

export class WorkspacePolicies implements vscode.Disposable {
  private read: Promise<WorkspaceFile[]> | undefined;
  private readonly versions = new Map<string, Promise<ApiVersion>>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly server: PolicyServer,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
    // A save is an edit, a watcher event and a save event at once: one refresh for all of them.
    const touched = (): void => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.reread(), SETTLE_MS);
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(touched),
      watcher.onDidChange(touched),
      watcher.onDidDelete(touched),
      vscode.workspace.onDidSaveTextDocument((d) => this.isPolicy(d.uri) && touched()),
      vscode.workspace.onDidChangeTextDocument((e) => this.isPolicy(e.document.uri) && e.contentChanges.length > 0 && touched()),
      vscode.workspace.onDidChangeWorkspaceFolders(touched),
      this.changed,
    );
  }

  private isPolicy(uri: vscode.Uri): boolean {
    return (
      uri.scheme === 'file' && uri.path.toLowerCase().endsWith(POLICY_SUFFIX) && vscode.workspace.getWorkspaceFolder(uri) !== undefined
    );
  }

  /** Reads the files again on next use (at once: after a pull or an apply wrote them). */
  invalidate(): void {
    clearTimeout(this.timer);
    this.read = undefined;
    this.changed.fire();
  }

  /**
   * Reads the files again and tells listeners only when a text changed: saving what the editor
   * already showed changes nothing, and a view refreshed for nothing re-renders under the pointer.
   */
  private async reread(): Promise<void> {
    const before = this.read;
    const next = this.readAll();
    try {
      const [old, now] = await Promise.all([before?.catch(() => undefined), next]);
      if (this.read !== before) return;
      this.read = next;
      const same = old && old.length === now.length && old.every((f, i) => f.file === now[i].file && f.text === now[i].text);
      if (!same) this.changed.fire();
    } catch (e) {
      this.log.warn(`[tenant view] could not list the workspace's policy files: ${e instanceof Error ? e.message : String(e)}`);
      this.invalidate();
    }
  }

  files(): Promise<WorkspaceFile[]> {
    const p = (this.read ??= this.readAll());
    p.catch(() => {
      if (this.read === p) this.read = undefined;
    });
    return p;
  }

  private async readAll(): Promise<WorkspaceFile[]> {
    const uris = await vscode.workspace.findFiles(GLOB, EXCLUDE);
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const files = await Promise.all(
      uris.map(async (uri): Promise<WorkspaceFile | undefined> => {
        try {
          const text = open.get(uri.toString())?.getText() ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
          return { file: uri.fsPath, text, id: policyIdInText(text) };
        } catch (e) {
          this.log.warn(
            `[tenant view] could not read ${vscode.workspace.asRelativePath(uri)}: ${e instanceof Error ? e.message : String(e)}`,
          );
          return undefined;
        }
      }),
    );
    return files.filter((f): f is WorkspaceFile => f !== undefined).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  /** The file with its API version as the language server decides it. */
  async withVersion(file: WorkspaceFile): Promise<WorkspaceFile> {
    let v = this.versions.get(file.text);
    if (!v) {
      v = this.server
        .request(VALIDATE_REQUEST, { text: file.text, defaultApiVersion: readSetting(SETTINGS.defaultApiVersion) })
        .then((r) => r.apiVersion);
      this.versions.set(file.text, v);
      // Texts come and go as files are edited; a few hundred remembered are plenty.
      if (this.versions.size > 500) this.versions.delete(this.versions.keys().next().value as string);
      v.catch(() => this.versions.delete(file.text));
    }
    return { ...file, apiVersion: await v };
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
