// The plan view's model and the Apply confirmation's words, free of VS Code so they are tested in
// Node: entries grouped by action (the order a reviewer reads them: what is refused or missing
// first, then what would change, then the rest), what each entry shows, what a click on it opens,
// and what the modal says before anything is written.
import { type FolderPlan, type PlanAction, type PlanEntry, type ApplyResult } from '../../../deploy/src';
import type { ItemPresentation } from '../treeItems';

export const ACTION_ORDER: PlanAction[] = ['refused', 'missing', 'create', 'adopt', 'update', 'unmanaged', 'unchanged'];

const ACTION_TEXT: Record<PlanAction, string> = {
  refused: 'Refused',
  missing: 'Missing from tenant',
  create: 'Create',
  adopt: 'Adopt',
  update: 'Update',
  unmanaged: 'Unmanaged (no file)',
  unchanged: 'Unchanged',
};

const ACTION_ICON: Record<PlanAction, { id: string; color?: string }> = {
  refused: { id: 'error', color: 'list.errorForeground' },
  missing: { id: 'warning', color: 'list.warningForeground' },
  create: { id: 'add', color: 'gitDecoration.addedResourceForeground' },
  adopt: { id: 'link', color: 'gitDecoration.modifiedResourceForeground' },
  update: { id: 'diff', color: 'gitDecoration.modifiedResourceForeground' },
  unmanaged: { id: 'cloud' },
  unchanged: { id: 'pass', color: 'testing.iconPassed' },
};

/** An entry names its file at the top, as the tenant view's nodes do: the deploy command takes either. */
export type PlanNode =
  | { kind: 'group'; action: PlanAction; entries: PlanEntry[] }
  | { kind: 'entry'; entry: PlanEntry; file?: string }
  | { kind: 'message'; text: string };

export function planGroups(plan: FolderPlan): PlanNode[] {
  const groups: PlanNode[] = [];
  for (const action of ACTION_ORDER) {
    const entries = plan.entries.filter((e) => e.action === action);
    if (entries.length) groups.push({ kind: 'group', action, entries });
  }
  return groups.length ? groups : [{ kind: 'message', text: 'No policy files in the workspace and nothing in scope in the tenant.' }];
}

/** What a click on an entry opens: the diff of what would change, the file, or the tenant's policy. */
export type EntryTarget = 'diff' | 'file' | 'tenant';

export function entryTarget(entry: PlanEntry): EntryTarget {
  if (!entry.file) return 'tenant';
  // A create's "diff" would be the whole file against nothing: the file itself says more.
  if ((entry.action === 'update' || entry.action === 'adopt') && entry.deploy?.proposedText) return 'diff';
  return 'file';
}

export type EntryPresentation = ItemPresentation;

export function groupPresentation(action: PlanAction, count: number): EntryPresentation {
  const label = ACTION_TEXT[action];
  return {
    id: `group:${action}`,
    label,
    description: String(count),
    tooltip: `${count} ${label.toLowerCase()}`,
    icon: ACTION_ICON[action],
    contextValue: `group ${action}`,
    accessibilityLabel: `${label}: ${count}`,
  };
}

export function entryPresentation(entry: PlanEntry, relative: (file: string) => string = (f) => f): EntryPresentation {
  const name = entry.displayName || entry.id || (entry.file ? relative(entry.file) : '(no name)');
  const where = entry.file ? relative(entry.file) : `tenant policy ${entry.id}`;
  const changes = entry.changes.length
    ? `${entry.changes.length} change${entry.changes.length === 1 ? '' : 's'}: ${entry.changes
        .slice(0, 5)
        .map((c) => c.path)
        .join(', ')}${entry.changes.length > 5 ? ', …' : ''}`
    : '';
  const description =
    entry.action === 'update' || entry.action === 'adopt' ? changes || entry.action : entry.file ? relative(entry.file) : (entry.id ?? '');
  const tooltip = [
    `${ACTION_TEXT[entry.action]}: ${name}`,
    where,
    entry.id && entry.file ? `Policy ${entry.id}` : '',
    changes,
    entry.reason ?? '',
  ]
    .filter(Boolean)
    .join('\n');
  return {
    id: `entry:${entry.action}:${entry.file ?? entry.id}`,
    label: name,
    description,
    tooltip,
    icon: ACTION_ICON[entry.action],
    contextValue: `entry ${entry.action}${entry.file ? ' inWorkspace' : ''}`,
    accessibilityLabel: `${ACTION_TEXT[entry.action]}: ${name}${entry.reason ? `. ${entry.reason}` : ''}`,
  };
}

export interface ApplyConfirmation {
  message: string;
  detail: string;
  button: string;
}

/** The modal before Apply: tenant and counts; undefined when nothing would be written. */
export function applyConfirmation(plan: FolderPlan, tenantLabel: string, cloudLabel: string): ApplyConfirmation | undefined {
  // Counted here rather than by planReport.ts, which brings the summary renderers along.
  const c = Object.fromEntries(ACTION_ORDER.map((a) => [a, plan.entries.filter((e) => e.action === a).length])) as Record<
    PlanAction,
    number
  >;
  const writes = c.create + c.update + c.adopt;
  if (writes === 0) return undefined;
  const n = (k: number, what: string) => `${k} ${what}`;
  const lines = [
    `Tenant: ${tenantLabel}`,
    `Cloud: ${cloudLabel}`,
    `Create: ${c.create}, update: ${c.update}, adopt: ${c.adopt} (one at a time; new ids are written into the files)`,
    `Unchanged: ${c.unchanged}`,
  ];
  if (c.refused || c.missing) lines.push(`Skipped: ${n(c.refused, 'refused')}, ${n(c.missing, 'missing from the tenant')}`);
  if (c.unmanaged) lines.push(`Unmanaged policies are kept (${c.unmanaged}); deleting them is the CLI's apply --delete-unmanaged.`);
  return {
    message: `Apply ${writes} change${writes === 1 ? '' : 's'} to ${tenantLabel}?`,
    detail: lines.join('\n'),
    button: 'Apply',
  };
}

/** One sentence for the notification after Apply. */
export function applySummary(results: ApplyResult[], tenantLabel: string): string {
  const counts = new Map<string, number>();
  const kind = (r: ApplyResult): string => (r.entry.action === 'unmanaged' && r.action === 'skipped' ? 'unmanaged kept' : r.action);
  for (const r of results) counts.set(kind(r), (counts.get(kind(r)) ?? 0) + 1);
  const order = ['created', 'updated', 'adopted', 'unchanged', 'skipped', 'unmanaged kept', 'failed'];
  const parts = order.filter((a) => counts.get(a)).map((a) => `${counts.get(a)} ${a}`);
  return `Applied the workspace to ${tenantLabel}: ${parts.join(', ') || 'nothing to do'}.`;
}
