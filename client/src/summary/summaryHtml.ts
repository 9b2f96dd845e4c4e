// The summary preview's page: the summary as semantic HTML and the flow as a picture (boxes and
// inline SVG arrows). Pure (no vscode import), so it is tested in Node. Colours come from VS Code's
// theme variables, so light, dark and high-contrast themes all apply; the page loads nothing from
// anywhere (strict CSP: only its own nonce'd style and script run).
import type { FlowStage, FlowStep, PolicySummary, SummaryFinding, SummaryItem, SummarySection, Range } from '../../../core/src';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Where a click goes: "startLine,startChar,endLine,endChar" (0-based), read by the page script. */
function rangeAttr(range: Range | undefined): string {
  return range ? ` data-range="${range.start.line},${range.start.character},${range.end.line},${range.end.character}"` : '';
}

function lineOf(range: Range | undefined): string {
  return range ? `, line ${range.start.line + 1}` : '';
}

const ARROW =
  '<li class="arrow" aria-hidden="true"><svg width="28" height="16" viewBox="0 0 28 16" focusable="false"><path d="M1 8 H24 M18 2 L25 8 L18 14" fill="none" stroke="currentColor" stroke-width="2"/></svg></li>';

function box(kind: string, step: FlowStep, lines: string[], label: string): string {
  const body = lines.map((l) => `<span class="line">${escapeHtml(l)}</span>`).join('');
  return `<li class="step"><button type="button" class="box ${kind}"${rangeAttr(step.range)} aria-label="${escapeHtml(`${label.replace(/\.$/, '')}. Show in the file${lineOf(step.range)}.`)}"><span class="label">${escapeHtml(step.label)}</span>${body}</button></li>`;
}

function stageBox(stage: FlowStage): string {
  const lines = [
    `Approvers: ${stage.approvers.join(', ') || 'none'}`,
    ...(stage.fallbackApprovers.length ? [`Fallback: ${stage.fallbackApprovers.join(', ')}`] : []),
    stage.escalation ? `Escalates ${stage.escalation}` : 'No escalation',
    ...(stage.timeout ? [stage.timeout] : []),
  ];
  return box('stage', stage, lines, `${stage.label}: ${lines.join('; ')}`);
}

export function flowHtml(summary: PolicySummary): string {
  const f = summary.flow;
  const parts = [box('requestors', f.requestors, f.requestors.details, `${f.requestors.label}: ${f.requestors.details.join(', ')}`)];
  if (f.stages.length && summary.facts.approvalRequired) parts.push(...f.stages.map(stageBox));
  else
    parts.push(
      box(
        'stage none',
        { label: 'No approval', details: [], path: [], range: f.requestors.range },
        ['granted at once'],
        'No approval: requests are granted at once',
      ),
    );
  parts.push(box('access', f.access, f.access.details, `${f.access.label}: ${f.access.details.join(', ')}`));
  if (f.review) parts.push(box('review', f.review, f.review.details, `${f.review.label}: ${f.review.details.join(', ')}`));
  return `<ol class="flow" aria-label="How a request flows">${parts.join(ARROW)}</ol>`;
}

function findingHtml(f: SummaryFinding): string {
  const kind = f.severity === 'error' ? 'Error' : 'Warning';
  return `<li class="finding ${f.severity}"><button type="button" class="link"${rangeAttr(f.range)} aria-label="${escapeHtml(`${kind} ${f.code}${lineOf(f.range)}: ${f.message.replace(/\.$/, '')}. Show in the file.`)}"><span class="badge">${kind} ${escapeHtml(f.code)}</span> ${escapeHtml(f.message)}</button></li>`;
}

function findingsHtml(findings: SummaryFinding[] | undefined): string {
  return findings?.length ? `<ul class="findings" aria-label="Problems">${findings.map(findingHtml).join('')}</ul>` : '';
}

function itemHtml(item: SummaryItem): string {
  const children = item.children?.length ? `<ul>${item.children.map(itemHtml).join('')}</ul>` : '';
  return `<li><button type="button" class="link"${rangeAttr(item.range)} aria-label="${escapeHtml(`${item.text.replace(/[.:]$/, '')}. Show in the file${lineOf(item.range)}.`)}">${escapeHtml(item.text)}</button>${findingsHtml(item.findings)}${children}</li>`;
}

function sectionHtml(s: SummarySection, i: number): string {
  return `<section aria-labelledby="s${i}"><h2 id="s${i}">${escapeHtml(s.title)}</h2>${findingsHtml(s.findings)}<ul>${s.items.map(itemHtml).join('')}</ul></section>`;
}

/** The part of the page that changes as the file changes. */
export function summaryBodyHtml(summary: PolicySummary): string {
  const counts =
    summary.errorCount || summary.warningCount
      ? `${summary.errorCount} error${summary.errorCount === 1 ? '' : 's'}, ${summary.warningCount} warning${summary.warningCount === 1 ? '' : 's'}`
      : 'No errors or warnings';
  return [
    `<header><h1>${escapeHtml(summary.title)}</h1><p class="headline">${escapeHtml(summary.headline)}</p><p class="meta">Graph ${escapeHtml(summary.apiVersion)} · ${counts}</p></header>`,
    findingsHtml(summary.findings),
    summary.sections.length ? `<section aria-labelledby="flow-title"><h2 id="flow-title">Flow</h2>${flowHtml(summary)}</section>` : '',
    ...summary.sections.map(sectionHtml),
  ].join('');
}

const STYLE = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); line-height: 1.45; padding: 0 16px 24px; }
h1 { font-size: 1.4em; margin: 16px 0 4px; }
h2 { font-size: 1.1em; margin: 20px 0 6px; border-bottom: 1px solid var(--vscode-panel-border, transparent); padding-bottom: 2px; }
.headline { font-weight: 600; margin: 4px 0; }
.meta { color: var(--vscode-descriptionForeground); margin: 0; }
ul { margin: 2px 0; padding-left: 20px; }
button.link { all: unset; cursor: pointer; color: inherit; }
button.link:hover { color: var(--vscode-textLink-activeForeground, var(--vscode-textLink-foreground)); text-decoration: underline; }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.flow { list-style: none; display: flex; flex-wrap: wrap; align-items: stretch; gap: 4px; padding: 0; margin: 8px 0; }
.flow .arrow { display: flex; align-items: center; justify-content: center; color: var(--vscode-descriptionForeground); }
.box { display: flex; flex-direction: column; gap: 2px; text-align: left; min-width: 120px; max-width: 260px; height: 100%; padding: 8px 10px; border-radius: 6px; cursor: pointer; font: inherit;
  color: var(--vscode-editorWidget-foreground, var(--vscode-foreground)); background: var(--vscode-editorWidget-background); border: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border)); }
.box:hover { border-color: var(--vscode-focusBorder); }
.box .label { font-weight: 600; }
.box .line { color: var(--vscode-descriptionForeground); overflow-wrap: anywhere; }
.box.requestors { border-left: 4px solid var(--vscode-charts-blue, var(--vscode-focusBorder)); }
.box.stage { border-left: 4px solid var(--vscode-charts-orange, var(--vscode-focusBorder)); }
.box.access { border-left: 4px solid var(--vscode-charts-green, var(--vscode-focusBorder)); }
.box.review { border-left: 4px solid var(--vscode-charts-purple, var(--vscode-focusBorder)); }
.findings { list-style: none; padding-left: 20px; }
.finding.error { color: var(--vscode-editorError-foreground, var(--vscode-errorForeground)); }
.finding.warning { color: var(--vscode-editorWarning-foreground); }
.badge { font-weight: 600; }
body.vscode-high-contrast .box, body.vscode-high-contrast-light .box { border: 2px solid var(--vscode-contrastBorder); }
body.vscode-high-contrast button.link:hover, body.vscode-high-contrast-light button.link:hover { outline: 1px dashed var(--vscode-contrastActiveBorder); }
/* Beside an editor the preview is narrow: the flow runs top to bottom, the arrows point down. */
@media (max-width: 640px) {
  .flow { flex-direction: column; align-items: stretch; }
  .flow .arrow svg { transform: rotate(90deg); }
  .box { max-width: none; width: 100%; box-sizing: border-box; }
}
`;

// The page script: a click (or Enter/Space on a focused part) asks the extension to reveal that
// range in the file; "update" messages replace the summary as the file changes. Written as text:
// it runs in the webview, not in Node.
const SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const part = event.target.closest('[data-range]');
  if (!part) return;
  vscode.postMessage({ type: 'reveal', range: part.dataset.range.split(',').map(Number) });
});
window.addEventListener('message', (event) => {
  const message = event.data;
  if (message && message.type === 'update') {
    document.getElementById('summary').innerHTML = message.html;
    document.title = message.title;
  }
});
`;

/** The whole page. `nonce` must be fresh per page; `cspSource` is the webview's own source. */
export function summaryPageHtml(summary: PolicySummary, nonce: string, cspSource: string): string {
  const csp = `default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(pageTitle(summary))}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main id="summary" aria-live="polite">${summaryBodyHtml(summary)}</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}

export function pageTitle(summary: PolicySummary): string {
  return `Summary: ${summary.title}`;
}
