// The parts of a body that belong to the other API version (AP0002) are still checked against that
// version's schema, so a mistake inside them (a wrong-case enum value, a bad GUID) is reported too,
// not hidden behind "this is the other version's property".
import type { ApiVersion, PolicyDiagnostic } from './diagnostic';
import type { JsonPath, ParsedPolicy } from './parse';
import type { VersionMarker } from './apiVersion';
import { schemaNavigator, schemaValidator } from './schemas';
import { mapSchemaErrors } from './schemaErrors';
import { SCHEMA_CODES } from './diagnostics/catalogue';
import { lenientScalarFindings, readLenientScalars } from './lenientScalars';
import { findingToDiagnostic } from './rules/rule';
import { isWithin } from './jsonPath';

// Only what is wrong with a value: which keys a part has (or lacks) changes when it is rewritten
// in the file's own version, so unknown or missing properties would mislead.
const KEY_CODES: ReadonlySet<string> = new Set([SCHEMA_CODES.unknownProperty, SCHEMA_CODES.missingProperty, SCHEMA_CODES.odataAnnotation]);

export function foreignPartDiagnostics(
  parsed: ParsedPolicy,
  document: Record<string, unknown>,
  version: ApiVersion,
  foreign: readonly VersionMarker[],
): PolicyDiagnostic[] {
  if (foreign.length === 0) return [];
  const other: ApiVersion = version === 'v1.0' ? 'beta' : 'v1.0';
  const nav = schemaNavigator(other);
  const inForeign = (path: JsonPath) => foreign.some((m) => isWithin(path, m.path));
  const reading = readLenientScalars(document, nav, parsed.jsonText);
  const out = lenientScalarFindings(reading.scalars.filter((s) => inForeign(s.path))).map((f) => findingToDiagnostic(parsed, f));
  const validate = schemaValidator(other);
  if (validate(reading.value) || !validate.errors) return out;
  const suffix = ` (checked against the ${other} shape this property belongs to)`;
  for (const d of mapSchemaErrors(validate.errors, { parsed, version: other, nav, foreignKeys: new Set(), value: reading.value })) {
    if (KEY_CODES.has(d.code) || !inForeign(d.path) || foreign.some((m) => isWithin(m.path, d.path))) continue;
    out.push({ ...d, message: d.message + suffix });
  }
  return out;
}
