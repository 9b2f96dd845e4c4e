// Converts the core's diagnostics to LSP diagnostics, and caps what is published per document.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { type PolicyDiagnostic, type Severity, FILE_RECORDS, docsHref } from '../../../core/src';
import { PUBLISHED_DIAGNOSTICS_LIMIT } from '../limits';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

export const DIAGNOSTIC_SOURCE = 'accesspolicy';

export function toLspDiagnostic(d: PolicyDiagnostic): Diagnostic {
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    // The code in the Problems panel links to its entry in docs/rules.md.
    codeDescription: { href: docsHref(d.code) },
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
    data: { path: d.path, ...(d.data ?? {}) },
  };
}

/**
 * What the editor is sent for a document: every diagnostic up to the limit (the core sorts them by
 * position, so these are the first in the file), then one saying how many more there are, as
 * severe as the worst of them, so a file whose hidden problems are errors still shows as failing.
 */
export function publishedDiagnostics(all: readonly PolicyDiagnostic[], limit = PUBLISHED_DIAGNOSTICS_LIMIT): Diagnostic[] {
  if (all.length <= limit) return all.map(toLspDiagnostic);
  const shown = all.slice(0, limit).map(toLspDiagnostic);
  const hidden = all.slice(limit);
  const count = (s: Severity) => hidden.filter((d) => d.severity === s).length;
  const counts = (['error', 'warning', 'information'] as const)
    .map((s) => [s, count(s)] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n.toLocaleString('en')} ${s === 'information' ? 'information' : s + (n === 1 ? '' : 's')}`);
  const worst = count('error') ? 'error' : count('warning') ? 'warning' : 'information';
  const first = hidden[0];
  shown.push(
    toLspDiagnostic(
      FILE_RECORDS.moreProblems.diagnostic(
        { range: first.range, offset: first.offset, length: first.length, path: first.path, data: { hidden: hidden.length } },
        { hidden: hidden.length, counts: counts.join(', '), limit, worst },
      ),
    ),
  );
  return shown;
}
