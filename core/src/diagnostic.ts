// The validation core's own diagnostic model. It carries offsets (for edits and quick fixes) and
// line/character ranges (for the editor and the CLI), and knows nothing of LSP or VS Code so the
// CLI, the server and the deploy core share it unchanged.

export type Severity = 'error' | 'warning' | 'information';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface PolicyDiagnostic {
  /** Stable code, e.g. `AP1001` (schema), `AP2xxx` (service rules). Documented in docs/rules.md. */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Offset and length of the range in the document text. */
  offset: number;
  length: number;
  /** JSON path of the offending node, e.g. ['requestApprovalSettings', 'stages', 0]. */
  path: (string | number)[];
  /** Machine-readable details for quick fixes (e.g. the valid spelling of an enum value). */
  data?: Record<string, unknown>;
}

export type ApiVersion = 'v1.0' | 'beta';

/** Where a range starts as compilers and editors print it: `file:line:col`, 1-based (`line:col` without a file). */
export function formatLocation(range: Range, file?: string): string {
  const at = `${range.start.line + 1}:${range.start.character + 1}`;
  return file === undefined ? at : `${file}:${at}`;
}
