// A policy's summary before and after a change, as sentences a reviewer reads instead of a JSON
// diff: "approval goes from 1 stage to 2 stages". Used by `deploy --plan` (and `plan`).
import type { ApiVersion } from '../diagnostic';
import { escapeMarkdown, renderMarkdown } from './render';
import { explainPolicy } from './summarize';
import type { PolicySummary, SummaryFacts, SummaryItem } from './types';

export interface SummaryComparison {
  /** One sentence per fact that changed, e.g. "approval goes from 1 stage to 2 stages". */
  changes: string[];
  /** Statements of the new summary that the old one did not make, and the other way round. */
  added: string[];
  removed: string[];
}

/** "quarterly review" → "quarterly"; "no review" → "none". */
const reviewWord = (r: string) => (r === 'no review' ? 'none' : r.replace(/^review /, '').replace(/ review$/, ''));

const stages = (n: number) => (n === 0 ? 'no approval' : `${n} stage${n === 1 ? '' : 's'}`);

const FACT_SENTENCES: { [K in keyof SummaryFacts]: (before: SummaryFacts[K], after: SummaryFacts[K]) => string } = {
  requestedBy: (b, a) => `who can request goes from ${b} to ${a}`,
  approvalRequired: (_b, a) => (a ? 'requests now need approval' : 'requests no longer need approval'),
  approvalStages: (b, a) => `approval goes from ${stages(b)} to ${stages(a)}`,
  accessDuration: (b, a) => `access goes from ${b} to ${a}`,
  extension: (b, a) => `extension goes from ${b} to ${a}`,
  review: (b, a) => `review goes from ${reviewWord(b)} to ${reviewWord(a)}`,
  questions: (b, a) => `questions go from ${b} to ${a}`,
  autoAssignment: (_b, a) => (a ? 'access is now assigned automatically' : 'access is no longer assigned automatically'),
  customExtensions: (b, a) => `custom extensions go from ${b} to ${a}`,
};

/** `before` undefined: the policy is new. */
export function compareSummaries(before: PolicySummary | undefined, after: PolicySummary): SummaryComparison {
  if (!before) return { changes: ['new policy'], added: [], removed: [] };
  const changes: string[] = [];
  for (const key of Object.keys(FACT_SENTENCES) as (keyof SummaryFacts)[]) {
    const b = before.facts[key];
    const a = after.facts[key];
    // The stage count (0 when approval is off) says it already when approval is switched on or off.
    if (key === 'approvalRequired' && before.facts.approvalStages !== after.facts.approvalStages) continue;
    if (b !== a) changes.push((FACT_SENTENCES[key] as (x: unknown, y: unknown) => string)(b, a));
  }
  const beforeLines = statements(before);
  const afterLines = statements(after);
  const added = afterLines.filter((l) => !beforeLines.includes(l));
  const removed = beforeLines.filter((l) => !afterLines.includes(l));
  return { changes, added, removed };
}

/** Every statement with its section and parents, so "Stage 2 › Approvers: › user x" is unique. */
function statements(summary: PolicySummary): string[] {
  const out: string[] = [];
  const visit = (item: SummaryItem, prefix: string) => {
    const here = `${prefix} › ${item.text}`;
    if (!item.children?.length) out.push(here);
    item.children?.forEach((c) => visit(c, here));
  };
  for (const s of summary.sections) s.items.forEach((i) => visit(i, s.title.replace(/ \(\d+( stages?)?\)$/, '')));
  return out;
}

export interface BodySummaries {
  before?: PolicySummary;
  after: PolicySummary;
}

/**
 * Summaries of two policy bodies (values, as a plan holds them: the tenant's policy and the one
 * to send), for the renderers below. `before` undefined: a create.
 */
export function summarizeBodies(before: unknown, after: unknown, apiVersion: ApiVersion): BodySummaries {
  const explain = (v: unknown) => explainPolicy(JSON.stringify(v, null, 2) ?? '', { defaultApiVersion: apiVersion });
  return { before: before === undefined ? undefined : explain(before), after: explain(after) };
}

/** The comparison as plain text lines (for a terminal). */
export function renderComparisonText(label: string, before: PolicySummary | undefined, after: PolicySummary): string {
  const c = compareSummaries(before, after);
  const lines = [`${label}: summary ${before ? 'before → after' : '(new policy)'}`];
  if (before) lines.push(`  before: ${before.headline}`);
  lines.push(`  after:  ${after.headline}`);
  if (before && c.changes.length === 0 && c.added.length === 0 && c.removed.length === 0) lines.push('  the summary does not change');
  for (const ch of c.changes) lines.push(`  • ${ch}`);
  for (const r of c.removed) lines.push(`  - ${r}`);
  for (const a of c.added) lines.push(`  + ${a}`);
  return lines.join('\n') + '\n';
}

/** The comparison as Markdown (for `plan --format markdown` and pull request comments). */
export function renderComparisonMarkdown(label: string, before: PolicySummary | undefined, after: PolicySummary): string {
  const c = compareSummaries(before, after);
  const out = [`#### ${escapeMarkdown(label)}`, ''];
  if (!before) {
    out.push(
      `New policy: **${escapeMarkdown(after.headline)}**`,
      '',
      '<details><summary>The whole summary</summary>',
      '',
      renderMarkdown(after),
      '</details>',
      '',
    );
    return out.join('\n');
  }
  out.push(`- **Before:** ${escapeMarkdown(before.headline)}`, `- **After:** ${escapeMarkdown(after.headline)}`, '');
  if (c.changes.length) out.push(...c.changes.map((ch) => `- ${escapeMarkdown(ch)}`), '');
  if (c.removed.length || c.added.length) {
    out.push(
      '<details><summary>Every statement that changed</summary>',
      '',
      '```diff',
      ...c.removed.map((r) => `- ${fence(r)}`),
      ...c.added.map((a) => `+ ${fence(a)}`),
      '```',
      '',
      '</details>',
      '',
    );
  }
  if (!c.changes.length && !c.removed.length && !c.added.length) out.push('The summary does not change.', '');
  return out.join('\n');
}

/** A statement inside a ``` block: file text must not close the block early. */
function fence(line: string): string {
  return line.replace(/`{3,}/g, (m) => "'".repeat(m.length));
}
