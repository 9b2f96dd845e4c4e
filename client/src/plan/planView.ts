// The *Workspace Plan* view: the last plan (of the workspace or of one file), grouped by action.
// A click on an entry opens what it is about: the diff of what applying would change, its file,
// or, for a tenant policy no file describes, the tenant's version.
import * as vscode from 'vscode';
import { COMMANDS } from '../../../common/src';
import { type FolderPlan } from '../../../deploy/src';
import { treeItem } from '../treeItems';
import { entryPresentation, groupPresentation, planGroups, type EntryPresentation, type PlanNode } from './planModel';

export interface ShownPlan {
  plan: FolderPlan;
  /** "the workspace" or a file's name. */
  subject: string;
  tenantLabel: string;
}

export class PlanTree implements vscode.TreeDataProvider<PlanNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PlanNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  current: ShownPlan | undefined;

  show(shown: ShownPlan): void {
    this.current = shown;
    this.changed.fire(undefined);
  }

  getTreeItem(node: PlanNode): vscode.TreeItem {
    if (node.kind === 'message') {
      const item = new vscode.TreeItem(node.text);
      item.iconPath = new vscode.ThemeIcon('info');
      return item;
    }
    const relative = (f: string) => vscode.workspace.asRelativePath(f);
    const p: EntryPresentation =
      node.kind === 'group' ? groupPresentation(node.action, node.entries.length) : entryPresentation(node.entry, relative);
    const state =
      node.kind === 'group'
        ? node.action === 'unchanged'
          ? vscode.TreeItemCollapsibleState.Collapsed
          : vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.None;
    const item = treeItem(p, state);
    if (node.kind === 'entry') {
      item.command = { command: COMMANDS.openPlanEntry, title: 'Open', arguments: [node] };
      if (node.entry.file) item.resourceUri = vscode.Uri.file(node.entry.file);
    }
    return item;
  }

  getChildren(node?: PlanNode): PlanNode[] {
    if (!this.current) return [];
    if (!node) return planGroups(this.current.plan);
    if (node.kind === 'group') return node.entries.map((entry) => ({ kind: 'entry', entry, file: entry.file ?? undefined }));
    return [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
