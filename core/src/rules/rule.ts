// The contract every service rule implements. Rules see the parsed document and its API version
// and report through `report`, which turns a JSON path into an exact range.
import type { ApiVersion, PolicyDiagnostic, Severity } from '../diagnostic';
import type { JsonPath, ParsedPolicy } from '../parse';

export interface RuleFinding {
  code: string;
  severity: Severity;
  message: string;
  /** Path of the offending node. */
  path: JsonPath;
  /** Underline the property key rather than its value (e.g. a property that must go). */
  onKey?: boolean;
  data?: Record<string, unknown>;
}

export interface RuleContext {
  version: ApiVersion;
  parsed: ParsedPolicy;
  /** The policy object (rules run only when the document is an object). */
  policy: Record<string, unknown>;
  report(finding: RuleFinding): void;
}

export interface Rule {
  /** Short name, for logs. */
  id: string;
  versions: readonly ApiVersion[];
  check(ctx: RuleContext): void;
}

export function findingToDiagnostic(parsed: ParsedPolicy, f: RuleFinding): PolicyDiagnostic {
  const node = parsed.rangeNodeAt(f.path, f.onKey ?? false);
  const offset = node?.offset ?? 0;
  const length = node?.length ?? 1;
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    range: parsed.lines.rangeOf(offset, length),
    offset,
    length,
    path: f.path,
    data: f.data,
  };
}
