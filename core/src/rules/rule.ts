// The contract every service rule implements. Rules see the parsed document and its API version
// and report through `report`, which turns a JSON path into an exact range. What a finding says
// (code, severity, message) comes from its record in core/src/diagnostics/.
import type { ApiVersion, PolicyDiagnostic } from '../diagnostic';
import type { JsonPath, ParsedPolicy } from '../parse';
import type { Finding } from '../diagnostics/record';

/** A finding built by its code's record (`RULE_RECORDS.x.at(place, args)`), never by hand. */
export type RuleFinding = Finding;

export interface RuleContext {
  version: ApiVersion;
  parsed: ParsedPolicy;
  /** The policy object (rules run only when the document is an object). */
  policy: Record<string, unknown>;
  report(finding: RuleFinding): void;
  /**
   * Whether the value at `path` (or the value holding it) already has a schema error. A rule must
   * not draw a conclusion from such a value; findings on it are dropped anyway.
   */
  invalid(path: JsonPath): boolean;
}

export interface Rule {
  /** Short name, for logs. */
  id: string;
  versions: readonly ApiVersion[];
  check(ctx: RuleContext): void;
}

export function findingToDiagnostic(parsed: ParsedPolicy, f: RuleFinding): PolicyDiagnostic {
  let offset: number;
  let length: number;
  if (f.missing) {
    const owner = parsed.rangeNodeAt(f.path.slice(0, -1), false);
    const key = owner?.key;
    offset = (key ?? owner)?.offset ?? 0;
    length = key ? key.length : 1;
  } else {
    const node = parsed.rangeNodeAt(f.path, f.onKey ?? false);
    offset = node?.offset ?? 0;
    length = node?.length ?? 1;
  }
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
