// Converts the core's diagnostics to LSP diagnostics.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { PolicyDiagnostic, Severity } from '../../../core/src/diagnostic';

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
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
    data: { path: d.path, ...(d.data ?? {}) },
  };
}
