// The validation core: one entry point shared by the language server, the CLI and the deploy core,
// so all three give the same verdict on the same file.
import type { ApiVersion, PolicyDiagnostic } from './diagnostic';
import { ParsedPolicy, type JsonPath } from './parse';
import { decideApiVersion, type ApiVersionDecision, type ApiVersionSource } from './apiVersion';
import { schemaNavigator, schemaValidator } from './schemas';
import { mapSchemaErrors } from './schemaErrors';
import { FILE_RECORDS, SCHEMA_CODES } from './diagnostics/catalogue';
import { lenientScalarFindings, readLenientScalars } from './lenientScalars';
import { foreignPartDiagnostics } from './foreignParts';
import { formatPath, isWithin } from './jsonPath';
import { isRecord } from './schemaNavigator';
import { SERVICE_RULES } from './rules';
import { findingToDiagnostic, type Rule, type RuleContext } from './rules/rule';
import { counterpartHint } from './versionHints';
import { compareCodes } from './diagnostics/record';
import { misreadUtf16 } from './encoding';
import { referenceDiagnostics } from './references/check';

export interface ValidationOptions {
  /** Used when neither `$schema` nor the body's shape says which version the file is. */
  defaultApiVersion?: ApiVersion;
  /** Rules to run; defaults to every service rule. */
  rules?: readonly Rule[];
}

export interface ValidationResult {
  apiVersion: ApiVersion;
  apiVersionSource: ApiVersionSource;
  diagnostics: PolicyDiagnostic[];
  parsed: ParsedPolicy;
  /**
   * The document as the service reads it: `parsed.value` with strings that mean a boolean or a
   * number where one is expected (AP1012, AP1013) replaced by that scalar.
   */
  asRead: unknown;
  /** Rules that threw: a bug in a rule must not hide the other diagnostics, but must be logged. */
  internalErrors: { rule: string; error: unknown }[];
}

export function validatePolicy(text: string, options: ValidationOptions = {}): ValidationResult {
  const defaultVersion = options.defaultApiVersion ?? 'v1.0';
  const utf16 = misreadUtf16(text);
  if (utf16) {
    // Nothing else is said about such a file: every other finding would be noise from the encoding.
    const parsed = new ParsedPolicy(text);
    return {
      apiVersion: defaultVersion,
      apiVersionSource: 'default',
      diagnostics: [
        FILE_RECORDS.notUtf8.diagnostic(
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: Math.min(1, text.length) } },
            offset: 0,
            length: Math.min(1, text.length),
            path: [],
          },
          { encoding: utf16 },
        ),
      ],
      parsed,
      asRead: undefined,
      internalErrors: [],
    };
  }
  const parsed = new ParsedPolicy(text);
  const diagnostics: PolicyDiagnostic[] = parsed.syntaxDiagnostics();
  const internalErrors: ValidationResult['internalErrors'] = [];
  const value = parsed.value;

  if (!isRecord(value)) {
    if (diagnostics.length === 0) {
      const node = parsed.root;
      diagnostics.push(
        FILE_RECORDS.notAnObject.diagnostic(
          {
            range: parsed.lines.rangeOf(node?.offset ?? 0, node?.length ?? 0),
            offset: node?.offset ?? 0,
            length: node?.length ?? 0,
            path: [],
          },
          { kind: value === undefined ? undefined : describeKind(value) },
        ),
      );
    }
    return { apiVersion: defaultVersion, apiVersionSource: 'default', diagnostics, parsed, asRead: value, internalErrors };
  }

  const decision = decideApiVersion(value, defaultVersion);
  const version = decision.version;
  const report = (f: Parameters<typeof findingToDiagnostic>[1]) => diagnostics.push(findingToDiagnostic(parsed, f));

  const foreignKeys = new Set<string>();
  if (decision.foreign.length > 0) {
    const because = versionReason(decision);
    for (const m of decision.foreign) {
      const key = String(m.path[m.path.length - 1]);
      foreignKeys.add(formatPath(m.path));
      const hint = counterpartHint(key, m.version, formatPath(m.path));
      report(
        FILE_RECORDS.otherVersion.at(
          { path: m.path, onKey: true, data: { otherVersion: m.version } },
          { key, where: m.path.length > 1 ? formatPath(m.path) : undefined, belongsTo: m.version, checkedAs: version, because, hint },
        ),
      );
    }
  }
  if (decision.uncertain) {
    const other: ApiVersion = version === 'v1.0' ? 'beta' : 'v1.0';
    report(
      FILE_RECORDS.versionUncertain.at(
        { path: ['$schema'], missing: true, data: { versions: [version, other] } },
        { version, other, majority: decision.evidence.length, minority: decision.foreign.length },
      ),
    );
  }
  if (decision.unknownSchema !== undefined) {
    report(FILE_RECORDS.unknownSchema.at({ path: ['$schema'] }, { version }));
  }

  // The body as the service reads it: "true" where a boolean goes is true (lenientScalars.ts).
  const reading = readLenientScalars(value, schemaNavigator(version), parsed.jsonText);
  for (const f of lenientScalarFindings(reading.scalars)) report(f);
  const policy = reading.value as Record<string, unknown>;

  const validate = schemaValidator(version);
  const schemaDiagnostics =
    !validate(policy) && validate.errors
      ? mapSchemaErrors(validate.errors, { parsed, version, nav: schemaNavigator(version), foreignKeys, value: policy })
      : [];
  diagnostics.push(...schemaDiagnostics);
  diagnostics.push(...foreignPartDiagnostics(parsed, value, version, decision.foreign));
  const referenceProblems = referenceDiagnostics(parsed, policy, version);
  diagnostics.push(...referenceProblems);

  // A value the schema already rejects is one mistake: rules neither repeat it nor reason from it.
  const invalidPaths: JsonPath[] = [];
  for (const d of schemaDiagnostics) if (VALUE_ERROR_CODES.has(d.code)) invalidPaths.push(d.path);
  for (const d of referenceProblems) invalidPaths.push(d.path);
  const invalid = invalidPaths.length === 0 ? nothingInvalid : (path: JsonPath) => invalidPaths.some((p) => isWithin(path, p));
  const ctx: RuleContext = {
    version,
    parsed,
    policy,
    report: invalidPaths.length === 0 ? report : (f) => void (invalid(f.path) || report(f)),
    invalid,
  };
  for (const rule of options.rules ?? SERVICE_RULES) {
    if (!rule.versions.includes(version)) continue;
    try {
      rule.check(ctx);
    } catch (error) {
      internalErrors.push({ rule: rule.id, error });
    }
  }

  diagnostics.sort((a, b) => a.offset - b.offset || compareCodes(a.code, b.code));
  return { apiVersion: version, apiVersionSource: decision.source, diagnostics, parsed, asRead: policy, internalErrors };
}

/** Schema codes that say a value (or a key) is wrong; a missing property (AP1004) says nothing of what is there. */
const VALUE_ERROR_CODES: ReadonlySet<string> = new Set(
  Object.values(SCHEMA_CODES).filter(
    (c) =>
      c !== SCHEMA_CODES.missingProperty &&
      c !== SCHEMA_CODES.booleanAsString &&
      c !== SCHEMA_CODES.numberAsString &&
      c !== SCHEMA_CODES.typeNameWithoutHash &&
      c !== SCHEMA_CODES.odataAnnotation,
  ),
);

const nothingInvalid = (): boolean => false;

/** Why the file is checked as `decision.version`, for the messages on the other version's properties. */
function versionReason(decision: ApiVersionDecision): string {
  const version = decision.version;
  const evidence = decision.evidence.slice(0, 3).map((m) => String(m.path[m.path.length - 1]));
  return decision.source === 'schema'
    ? 'its $schema says so'
    : decision.source === 'shape'
      ? decision.uncertain
        ? `most of its version-specific properties are ${version} ones (such as ${evidence.map((e) => '`' + e + '`').join(', ')})`
        : `it uses ${evidence.map((e) => '`' + e + '`').join(', ')}`
      : 'that is the default API version setting';
}

function describeKind(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  return `a ${typeof v}`;
}

export type { JsonPath };
