// A tree item from a view model's presentation (tenant view, plan view): the one place that turns
// icon ids and theme colour ids into VS Code objects.
import * as vscode from 'vscode';

export interface ItemPresentation {
  id: string;
  label: string;
  description?: string;
  tooltip: string;
  contextValue: string;
  icon: { id: string; color?: string };
  accessibilityLabel: string;
}

export function treeItem(p: ItemPresentation, state: vscode.TreeItemCollapsibleState): vscode.TreeItem {
  const item = new vscode.TreeItem(p.label, state);
  item.id = p.id;
  item.description = p.description;
  item.tooltip = p.tooltip;
  item.contextValue = p.contextValue;
  item.iconPath = new vscode.ThemeIcon(p.icon.id, p.icon.color ? new vscode.ThemeColor(p.icon.color) : undefined);
  item.accessibilityInformation = { label: p.accessibilityLabel };
  return item;
}
