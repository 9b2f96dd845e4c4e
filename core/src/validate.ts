// The validation core: one entry point shared by the language server, the CLI and the deploy core,
// so all three give the same verdict on the same file.
import type { ApiVersion, PolicyDiagnostic } from './diagnostic';
import { ParsedPolicy, type JsonPath } from './parse';
import { decideApiVersion, type ApiVersionSource, type VersionMarker } from './apiVersion';
import { schemaNavigator, schemaValidator } from './schemas';
import { mapSchemaErrors, SCHEMA_CODES } from './schemaErrors';
import { readLenientScalars, type LenientScalar } from './lenientScalars';
import { formatPath } from './jsonPath';
import { isRecord } from './schemaNavigator';
import { SERVICE_RULES } from './rules';
import { findingToDiagnostic, type Rule, type RuleFinding } from './rules/rule';
import { counterpartHint } from './versionHints';

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
  /** Rules that threw: a bug in a rule must not hide the other diagnostics, but must be logged. */
  internalErrors: { rule: string; error: unknown }[];
}

export const FILE_CODES = {
  syntax: 'AP0001',
  otherVersion: 'AP0002',
  notAnObject: 'AP0003',
  unknownSchema: 'AP0004',
  versionUncertain: 'AP0005',
} as const;

export function validatePolicy(text: string, options: ValidationOptions = {}): ValidationResult {
  const parsed = new ParsedPolicy(text);
  const diagnostics: PolicyDiagnostic[] = parsed.syntaxDiagnostics();
  const internalErrors: ValidationResult['internalErrors'] = [];
  const value = parsed.value;
  const defaultVersion = options.defaultApiVersion ?? 'v1.0';

  if (!isRecord(value)) {
    if (diagnostics.length === 0) {
      const node = parsed.root;
      diagnostics.push({
        code: FILE_CODES.notAnObject,
        severity: 'error',
        message: value === undefined
          ? 'The file is empty. A policy file holds one JSON object: the body Graph takes to create the policy.'
          : 'A policy file holds one JSON object (the body Graph takes to create the policy), not ' + describeKind(value) + '.',
        range: parsed.lines.rangeOf(node?.offset ?? 0, node?.length ?? 0),
        offset: node?.offset ?? 0,
        length: node?.length ?? 0,
        path: [],
      });
    }
    return { apiVersion: defaultVersion, apiVersionSource: 'default', diagnostics, parsed, internalErrors };
  }

  const decision = decideApiVersion(value, defaultVersion);
  const version = decision.version;
  const report = (f: Parameters<typeof findingToDiagnostic>[1]) => diagnostics.push(findingToDiagnostic(parsed, f));

  const evidence = decision.evidence.slice(0, 3).map((m) => String(m.path[m.path.length - 1]));
  const because =
    decision.source === 'schema' ? 'its $schema says so'
    : decision.source === 'shape'
      ? decision.uncertain
        ? `most of its version-specific properties are ${version} ones (such as ${evidence.map((e) => '`' + e + '`').join(', ')})`
        : `it uses ${evidence.map((e) => '`' + e + '`').join(', ')}`
    : 'that is the default API version setting';
  const foreignKeys = new Set<string>();
  for (const m of decision.foreign) {
    const key = String(m.path[m.path.length - 1]);
    foreignKeys.add(formatPath(m.path));
    const hint = counterpartHint(key, m.version, formatPath(m.path));
    report({
      code: FILE_CODES.otherVersion,
      severity: 'error',
      message: `\`${key}\`${m.path.length > 1 ? ` (${formatPath(m.path)})` : ''} belongs to the ${m.version} API shape, but this file is checked as ${version} because ${because}.${hint ? ' ' + hint : ''}`,
      path: m.path,
      onKey: true,
      data: { otherVersion: m.version },
    });
  }
  if (decision.uncertain) {
    const other: ApiVersion = version === 'v1.0' ? 'beta' : 'v1.0';
    report({
      code: FILE_CODES.versionUncertain,
      severity: 'warning',
      message: `This body mixes the two API shapes (${decision.evidence.length} ${version} propert${decision.evidence.length === 1 ? 'y' : 'ies'}, ${decision.foreign.length} ${other}), so which version it is for is uncertain. It is checked as ${version}, the majority; add \`$schema\` to say which endpoint it is sent to.`,
      path: ['$schema'],
      missing: true,
      data: { versions: [version, other] },
    });
  }
  if (decision.unknownSchema !== undefined) {
    report({
      code: FILE_CODES.unknownSchema,
      severity: 'warning',
      message: `$schema does not name an access policy schema (accesspolicy-v1.0.schema.json or accesspolicy-beta.schema.json); the API version was taken from the body instead (${version}).`,
      path: ['$schema'],
    });
  }

  // The body as the service reads it: "true" where a boolean goes is true (lenientScalars.ts).
  const reading = readLenientScalars(value, schemaNavigator(version));
  reportLenientScalars(reading.scalars, report);
  const policy = reading.value as Record<string, unknown>;

  const validate = schemaValidator(version);
  const schemaDiagnostics = !validate(policy) && validate.errors
    ? mapSchemaErrors(validate.errors, { parsed, version, nav: schemaNavigator(version), foreignKeys, value: policy })
    : [];
  diagnostics.push(...schemaDiagnostics);
  diagnostics.push(...foreignPartDiagnostics(parsed, value, version, decision.foreign, report));

  // A value the schema already rejects is one mistake: rules neither repeat it nor reason from it.
  const invalidPaths = schemaDiagnostics.filter((d) => VALUE_ERROR_CODES.has(d.code)).map((d) => d.path);
  const invalid = (path: JsonPath) => invalidPaths.some((p) => startsWith(path, p));
  const ruleReport = (f: Parameters<typeof findingToDiagnostic>[1]) => {
    if (!invalid(f.path)) report(f);
  };
  for (const rule of options.rules ?? SERVICE_RULES) {
    if (!rule.versions.includes(version)) continue;
    try {
      rule.check({ version, parsed, policy, report: ruleReport, invalid });
    } catch (error) {
      internalErrors.push({ rule: rule.id, error });
    }
  }

  diagnostics.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
  return { apiVersion: version, apiVersionSource: decision.source, diagnostics, parsed, internalErrors };
}

/** Schema codes that say a value (or a key) is wrong; a missing property (AP1004) says nothing of what is there. */
const VALUE_ERROR_CODES: ReadonlySet<string> = new Set(
  Object.values(SCHEMA_CODES).filter((c) => c !== SCHEMA_CODES.missingProperty && c !== SCHEMA_CODES.booleanAsString
    && c !== SCHEMA_CODES.numberAsString && c !== SCHEMA_CODES.odataAnnotation),
);

function startsWith(path: JsonPath, prefix: JsonPath): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => path[i] === seg);
}

function reportLenientScalars(scalars: readonly LenientScalar[], report: (f: RuleFinding) => void): void {
  for (const s of scalars) {
    const isBoolean = typeof s.meant === 'boolean';
    report({
      code: isBoolean ? SCHEMA_CODES.booleanAsString : SCHEMA_CODES.numberAsString,
      severity: 'warning',
      path: s.path,
      message: isBoolean
        ? `${formatPath(s.path)} is a boolean written as the string ${JSON.stringify(s.written)}. Graph reads it as ${String(s.meant)}, and so does this check; write \`${String(s.meant)}\` without quotes.`
        : `${formatPath(s.path)} is a whole number written as the string ${JSON.stringify(s.written)}. It is checked as ${String(s.meant)} (inferred: Graph's OData reader converts such strings for Edm.Int32); write \`${String(s.meant)}\` without quotes.`,
      data: { replaceWith: s.meant },
    });
  }
}

/**
 * The parts of the body that belong to the other version are checked against that version's
 * schema, so a mistake inside them (a wrong-case enum value, a bad GUID) is reported too, not
 * hidden behind "this is the other version's property".
 */
function foreignPartDiagnostics(
  parsed: ParsedPolicy,
  document: Record<string, unknown>,
  version: ApiVersion,
  foreign: readonly VersionMarker[],
  report: (f: RuleFinding) => void,
): PolicyDiagnostic[] {
  if (foreign.length === 0) return [];
  const other: ApiVersion = version === 'v1.0' ? 'beta' : 'v1.0';
  const nav = schemaNavigator(other);
  const inForeign = (path: JsonPath) => foreign.some((m) => startsWith(path, m.path));
  const reading = readLenientScalars(document, nav);
  reportLenientScalars(reading.scalars.filter((s) => inForeign(s.path)), report);
  const validate = schemaValidator(other);
  if (validate(reading.value) || !validate.errors) return [];
  // Only what is wrong with a value: which keys the part has (or lacks) changes when it is
  // rewritten in this file's version, so unknown or missing properties would mislead.
  const keyCodes: ReadonlySet<string> = new Set([SCHEMA_CODES.unknownProperty, SCHEMA_CODES.missingProperty, SCHEMA_CODES.odataAnnotation]);
  return mapSchemaErrors(validate.errors, { parsed, version: other, nav, foreignKeys: new Set(), value: reading.value })
    .filter((d) => !keyCodes.has(d.code) && d.path.length > 0 && inForeign(d.path) && !foreign.some((m) => startsWith(m.path, d.path)))
    .map((d) => ({ ...d, message: `${d.message} (checked against the ${other} shape this property belongs to)` }));
}

function describeKind(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  return `a ${typeof v}`;
}

export type { JsonPath };
