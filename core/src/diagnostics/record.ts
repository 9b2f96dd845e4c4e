// The shape of one diagnostic code: everything about it in one record (code, severity, the API
// versions it applies to, its docs row, where the fact behind it comes from, its message and its
// quick fix), so a report site names the record and its arguments and nothing else. Bicep's
// `DiagnosticBuilder` and linter rule classes are the model: code, level and message are never
// typed where a diagnostic is raised.
import type { ApiVersion, PolicyDiagnostic, Severity } from '../diagnostic';
import type { JsonPath } from '../parse';
import type { FixBuilder } from '../features/quickFixTypes';

/** Where the fact behind a check comes from: Microsoft's documentation, or an inference and why. */
export interface DiagnosticSource {
  /** The docs row's "source" cell, Markdown (e.g. `R1`, `schema`, `R5 [INF] (…)`). */
  cell: string;
  /** Microsoft (or standards) pages the fact is stated in. */
  urls: readonly string[];
  /** Set when the fact is inferred ([INF]) rather than documented: why it is believed. */
  inferred?: string;
  /** Sections of docs/policy-facts.md that state the fact, by heading anchor. */
  facts?: readonly string[];
  /** Set when the check is the product's own convention (its file formats, its editor), not a Graph fact. */
  own?: true;
}

export interface DiagnosticRecordSpec<A> {
  code: string;
  /** The property name the code is known by in the code (`tooManyStages`). */
  name: string;
  /** The severity, or how the arguments decide it (a few codes are graded by the case). */
  severity: Severity | ((args: A) => Severity);
  /** The docs row's severity cell when `severity` is a function; else the severity itself. */
  severityText?: string;
  versions: readonly ApiVersion[];
  /** The docs row's description (Markdown, one line): what the check finds. */
  title: string;
  source: DiagnosticSource;
  message: (args: A) => string;
  /** The quick fixes offered for a diagnostic of this code (core/src/features/quickFixes.ts). */
  fix?: FixBuilder;
}

/** Where a finding goes, and what its quick fix needs to know. */
export interface FindingPlace {
  /** Path of the offending node. */
  path: JsonPath;
  /** Underline the property key rather than its value (e.g. a property that must go). */
  onKey?: boolean;
  /**
   * The path names a property that is absent: underline the key of the object that should hold it
   * (or the object's opening brace when the object is an array entry or the document).
   */
  missing?: boolean;
  /** Machine-readable details for quick fixes. */
  data?: Record<string, unknown>;
}

/** A finding as a report site hands it on: placed, with code, severity and message from its record. */
export interface Finding extends FindingPlace {
  code: string;
  severity: Severity;
  message: string;
}

type Args<A> = [A] extends [void] ? [] : [args: A];

export interface DiagnosticRecord<A = void> extends Readonly<DiagnosticRecordSpec<A>> {
  /** The anchor of the code's row in docs/rules.md (`ap1003`). */
  readonly anchor: string;
  /** A finding of this code at `place`. */
  at(place: FindingPlace, ...args: Args<A>): Finding;
  /** A diagnostic of this code whose range is already known. */
  diagnostic(where: Pick<PolicyDiagnostic, 'range' | 'offset' | 'length' | 'path' | 'data'>, ...args: Args<A>): PolicyDiagnostic;
}

/** Every code is `AP` and four digits, so that codes order alike by character and by number. */
const CODE_SHAPE = /^AP\d{4}$/;

/**
 * Orders two codes (diagnostics at one offset, the catalogue). An ordinal comparison: it gives what
 * `localeCompare` gives for codes of CODE_SHAPE, without the collator, whose first use costs a
 * process some 15 ms of ICU start-up (a pre-commit hook's whole check of a file is less).
 */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function define<A = void>(spec: DiagnosticRecordSpec<A>): DiagnosticRecord<A> {
  if (!CODE_SHAPE.test(spec.code)) throw new Error(`diagnostic code ${spec.code} is not AP and four digits`);
  const severityOf = (args: A): Severity => (typeof spec.severity === 'function' ? spec.severity(args) : spec.severity);
  return {
    ...spec,
    anchor: spec.code.toLowerCase(),
    at(place, ...rest) {
      const args = rest[0] as A;
      return { code: spec.code, severity: severityOf(args), message: spec.message(args), ...place };
    },
    diagnostic(where, ...rest) {
      const args = rest[0] as A;
      const { range, offset, length, path } = where;
      const d: PolicyDiagnostic = { code: spec.code, severity: severityOf(args), message: spec.message(args), range, offset, length, path };
      if ('data' in where) d.data = where.data;
      return d;
    },
  };
}

/** Any record, whatever its arguments (for the registry and the docs). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDiagnosticRecord = DiagnosticRecord<any>;

/**
 * The severity a code has when nothing grades it: its severity, or for a graded code the first one
 * its docs cell names (SARIF's `defaultConfiguration.level`).
 */
export function defaultSeverity(record: AnyDiagnosticRecord): Severity {
  if (typeof record.severity === 'string') return record.severity;
  const first = /\b(error|warning|information)\b/.exec(record.severityText ?? '');
  return (first?.[1] as Severity | undefined) ?? 'error';
}
