// A summary as plain text (terminals, logs) and as Markdown (pull request comments, the editor).
// Findings are printed right under the statement they concern.
import type { PolicySummary, SummaryFinding, SummaryItem } from './types';

export interface RenderOptions {
  /** The file the summary is of, shown in the heading. */
  file?: string;
}

function where(f: SummaryFinding): string {
  return `line ${f.range.start.line + 1}, column ${f.range.start.character + 1}`;
}

export function renderText(summary: PolicySummary, options: RenderOptions = {}): string {
  const out: string[] = [];
  out.push(`${options.file ? `${options.file}: ` : ''}${summary.title} (Graph ${summary.apiVersion})`);
  out.push(`  ${summary.headline}`);
  out.push(`  ${counts(summary)}`);
  const finding = (f: SummaryFinding, indent: string) =>
    out.push(`${indent}${f.severity === 'error' ? '✖ error' : '⚠ warning'} ${f.code} (${where(f)}): ${f.message}`);
  for (const f of summary.findings) finding(f, '  ');
  const item = (i: SummaryItem, indent: string) => {
    out.push(`${indent}- ${i.text}`);
    for (const f of i.findings ?? []) finding(f, indent + '    ');
    for (const c of i.children ?? []) item(c, indent + '    ');
  };
  for (const s of summary.sections) {
    out.push('', `  ${s.title}`);
    for (const f of s.findings ?? []) finding(f, '    ');
    for (const i of s.items) item(i, '    ');
  }
  return out.join('\n') + '\n';
}

function counts(summary: PolicySummary): string {
  const e = summary.errorCount;
  const w = summary.warningCount;
  if (!e && !w) return 'No errors or warnings.';
  return `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}.`;
}

/** Markdown-escapes text from the file (names, ids, messages) so it cannot turn into markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** Messages already use `code` spans for property names; keep those, escape the rest. */
function messageMarkdown(message: string): string {
  return message
    .split(/(`[^`\n]*`)/)
    .map((part) => (/^`[^`]*`$/.test(part) ? part : escapeMarkdown(part)))
    .join('');
}

export function renderMarkdown(summary: PolicySummary, options: RenderOptions = {}): string {
  const out: string[] = [];
  out.push(`### ${escapeMarkdown(summary.title)}${options.file ? ` — \`${options.file.replace(/`/g, "'")}\`` : ''}`, '');
  out.push(`**${escapeMarkdown(summary.headline)}**`, '');
  out.push(`Graph ${summary.apiVersion} · ${counts(summary)}`, '');
  const finding = (f: SummaryFinding, indent: string) =>
    out.push(
      `${indent}- ${f.severity === 'error' ? '⛔ **Error**' : '⚠️ **Warning**'} ${f.code} (${where(f)}): ${messageMarkdown(f.message)}`,
    );
  for (const f of summary.findings) finding(f, '');
  if (summary.findings.length) out.push('');
  const item = (i: SummaryItem, indent: string) => {
    out.push(`${indent}- ${escapeMarkdown(i.text)}`);
    for (const f of i.findings ?? []) finding(f, indent + '  ');
    for (const c of i.children ?? []) item(c, indent + '  ');
  };
  for (const s of summary.sections) {
    out.push(`#### ${escapeMarkdown(s.title)}`, '');
    for (const f of s.findings ?? []) finding(f, '');
    for (const i of s.items) item(i, '');
    out.push('');
  }
  return out.join('\n');
}
