// The plan as people and programs read it: text for a terminal, JSON for scripts (the shape the
// issue fixes), Markdown for a pull request comment (a summary table, then one collapsed diff per
// changed policy, then each changed policy in words before and after).
import { renderComparisonMarkdown, summarizeBodies } from '../../../core/src';
import type { FolderPlan, PlanAction, PlanEntry } from './folderPlan';

const ORDER: PlanAction[] = ['refused', 'missing', 'create', 'adopt', 'update', 'unmanaged', 'unchanged'];

export function planJson(plan: FolderPlan): unknown {
  return {
    tenant: plan.tenant,
    ...(plan.environment ? { environment: plan.environment } : {}),
    apiVersion: plan.apiVersion,
    changes: plan.entries.map((e) => ({
      action: e.action,
      file: e.file,
      id: e.id,
      displayName: e.displayName,
      accessPackageId: e.accessPackageId,
      reason: e.reason,
      changes: e.changes,
    })),
  };
}

export function planCounts(plan: FolderPlan): Record<PlanAction, number> {
  const counts = Object.fromEntries(ORDER.map((a) => [a, 0])) as Record<PlanAction, number>;
  for (const e of plan.entries) counts[e.action]++;
  return counts;
}

export function planSummary(plan: FolderPlan): string {
  const c = planCounts(plan);
  return (
    ORDER.filter((a) => c[a] > 0)
      .map((a) => `${c[a]} ${a}`)
      .join(', ') || 'nothing to plan'
  );
}

function show(v: unknown): string {
  return v === null || v === undefined ? '(none)' : JSON.stringify(v);
}

function where(e: PlanEntry): string {
  return e.file ?? `tenant policy ${e.id} in access package ${e.accessPackageId}`;
}

export function planText(plan: FolderPlan, options: { diffs?: boolean } = {}): string {
  const lines: string[] = [];
  for (const e of sorted(plan)) {
    lines.push(`${where(e)}: ${e.action}${e.id ? ` ${e.id}` : ''} "${e.displayName}"${e.reason ? ` (${e.reason})` : ''}`);
    for (const c of e.changes) lines.push(`  ~ ${c.path}: ${show(c.before)} → ${show(c.after)}`);
    if (options.diffs && e.diff && e.action !== 'unchanged') lines.push(e.diff.replace(/^/gm, '    '));
  }
  lines.push(
    `Plan for ${plan.environment ? `environment "${plan.environment}", ` : ''}tenant ${plan.tenant} (${plan.apiVersion}, scope ${plan.scope}): ${planSummary(plan)}.`,
  );
  return lines.join('\n') + '\n';
}

function sorted(plan: FolderPlan): PlanEntry[] {
  return [...plan.entries].sort((a, b) => ORDER.indexOf(a.action) - ORDER.indexOf(b.action) || where(a).localeCompare(where(b)));
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

export function planMarkdown(plan: FolderPlan): string {
  const c = planCounts(plan);
  const out: string[] = [];
  out.push(`### Access policy plan for ${plan.environment ? `environment \`${plan.environment}\`, ` : ''}tenant \`${plan.tenant}\``, '');
  out.push('| action | count |', '|---|---|');
  for (const a of ORDER) if (c[a] > 0) out.push(`| ${a} | ${c[a]} |`);
  const notable = sorted(plan).filter((e) => e.action !== 'unchanged');
  if (notable.length === 0) {
    out.push('', `No changes: the ${plan.entries.length} polic${plan.entries.length === 1 ? 'y matches' : 'ies match'} the tenant.`);
    return out.join('\n') + '\n';
  }
  out.push('', '| action | file | policy | access package | reason |', '|---|---|---|---|---|');
  for (const e of notable) {
    out.push(
      `| ${e.action} | ${e.file ? `\`${cell(e.file)}\`` : '—'} | ${cell(e.displayName)}${e.id ? ` (\`${e.id}\`)` : ''} | ${e.accessPackageId ? `\`${e.accessPackageId}\`` : '—'} | ${e.reason ? cell(e.reason) : ''} |`,
    );
  }
  for (const e of notable) {
    if (!e.diff) continue;
    const fence = e.diff.includes('```') ? '~~~~' : '```';
    out.push(
      '',
      `<details><summary>${e.action}: ${escapeHtml(e.file ?? e.id ?? '')}${e.changes.length ? ` (${e.changes.length} change${e.changes.length === 1 ? '' : 's'})` : ''}</summary>`,
      '',
    );
    out.push(`${fence}diff`, e.diff, fence, '', '</details>');
  }
  // The policy in words before and after, so a reviewer reads "approval goes from 1 stage to
  // 2 stages" rather than the JSON diff alone (the same comparison `deploy --plan` prints).
  const worded = notable.filter((e) => e.deploy && e.deploy.action !== 'unchanged');
  if (worded.length) {
    out.push('', '### In words, before and after');
    for (const e of worded) {
      const d = e.deploy!;
      const { before, after } = summarizeBodies(d.action === 'create' ? undefined : d.current, d.body, d.apiVersion);
      out.push('', renderComparisonMarkdown(d.label, before, after).trimEnd());
    }
  }
  return out.join('\n') + '\n';
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
