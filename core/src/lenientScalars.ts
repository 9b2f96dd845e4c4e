// Scalars written as strings that Graph's OData JSON reader still reads as what they mean:
// "true"/"false" where an Edm.Boolean is expected, "365" where an Edm.Int32 is expected.
//
// Facts (docs/policy-facts.md, "Strings for booleans and numbers"): a Graph docs maintainer says
// the reader accepts "true"/"false" for Edm.Boolean (microsoftgraph/microsoft-graph-docs#12816) and
// a Microsoft Entra how-to sends it. For Edm.Int32 the OData library's reader converts a JSON
// string with the invariant culture (only Edm.Int64/Edm.Decimal are tied to IEEE754Compatible), so
// "365" is read as 365 — inferred from the library's source, not observed on this service.
//
// Likewise an `@odata.type` without its leading "#" ("microsoft.graph.singleUser"): the reader
// strips a "#" when there is one and takes the name either way — inferred from the library's
// source, as for numbers.
//
// The validator reads such values as what they mean (schema and rules alike) and reports the
// written form once, as a warning with a quick fix, instead of an error that would block deploy.
import type { JsonPath } from './parse';
import type { RuleFinding } from './rules/rule';
import { SCHEMA_RECORDS as D } from './diagnostics/catalogue';
import { formatPath } from './jsonPath';
import type { JsonSchema } from './schemaTypes';
import type { SchemaNavigator } from './schemaNavigator';
import { isRecord } from './schemaNavigator';

export interface LenientScalar {
  path: JsonPath;
  written: string;
  meant: boolean | number | string;
}

export interface LenientReading {
  /** The document with each such string replaced by the scalar it means (shared where unchanged). */
  value: unknown;
  scalars: LenientScalar[];
}

// Boolean.Parse: "true"/"false" in any case, surrounding white space allowed.
const BOOLEAN_TEXT = /^\s*(true|false)\s*$/i;
// Int32.Parse with NumberStyles.Integer: optional sign, digits, surrounding white space.
const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

export function readLenientScalars(document: unknown, nav: SchemaNavigator): LenientReading {
  const scalars: LenientScalar[] = [];
  const walk = (value: unknown, schemas: JsonSchema[], path: JsonPath, depth: number): unknown => {
    if (schemas.length === 0 || depth > 64) return value;
    if (typeof value === 'string') {
      const meant = path[path.length - 1] === ODATA_TYPE ? typeNameMeant(value, schemas) : scalarMeant(value, schemas);
      if (meant === undefined) return value;
      scalars.push({ path, written: value, meant });
      return meant;
    }
    if (Array.isArray(value)) {
      const itemSchemas = schemas.map((s) => s.items).filter((s): s is JsonSchema => s !== undefined);
      let copy: unknown[] | undefined;
      value.forEach((item, i) => {
        const next = walk(item, itemSchemas.flatMap((s) => nav.alternatives(s, item)), [...path, i], depth + 1);
        if (next !== item) (copy ??= [...value])[i] = next;
      });
      return copy ?? value;
    }
    if (!isRecord(value)) return value;
    let copy: Record<string, unknown> | undefined;
    for (const [key, child] of Object.entries(value)) {
      const childSchemas = schemas.flatMap((s) => {
        const c = s.properties?.[key];
        return c ? nav.alternatives(c, child) : [];
      });
      const next = walk(child, childSchemas, [...path, key], depth + 1);
      if (next !== child) (copy ??= { ...value })[key] = next;
    }
    return copy ?? value;
  };
  const value = walk(document, nav.alternatives(nav.root, document), [], 0);
  return { value, scalars };
}

const ODATA_TYPE = '@odata.type';

/** "microsoft.graph.singleUser" where the schema takes "#microsoft.graph.singleUser". */
function typeNameMeant(text: string, schemas: JsonSchema[]): string | undefined {
  if (text.startsWith('#')) return undefined;
  const tagged = '#' + text;
  const accepted = schemas.flatMap((s) => [...(s.enum ?? []), ...(s.const !== undefined ? [s.const] : [])]);
  return accepted.includes(tagged) ? tagged : undefined;
}

function scalarMeant(text: string, schemas: JsonSchema[]): boolean | number | undefined {
  const types = new Set(schemas.flatMap((s) => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : [])));
  // A position that also takes a string (or takes anything) keeps the string as written.
  if (types.size === 0 || types.has('string')) return undefined;
  if (types.has('boolean') && BOOLEAN_TEXT.test(text)) {
    return text.trim().toLowerCase() === 'true';
  }
  if (types.has('integer') && INTEGER_TEXT.test(text)) {
    const n = Number(text.trim());
    if (Number.isSafeInteger(n) && n >= INT32_MIN && n <= INT32_MAX) return n;
  }
  return undefined;
}

/** One warning per such value, with what it means for the quick fix (AP1012, AP1013, AP1015). */
export function lenientScalarFindings(scalars: readonly LenientScalar[]): RuleFinding[] {
  return scalars.map((s) => {
    const where = formatPath(s.path);
    const meant = String(s.meant);
    const written = JSON.stringify(s.written);
    const place = { path: s.path, data: { replaceWith: s.meant } };
    return typeof s.meant === 'boolean'
      ? D.booleanAsString.at(place, { where, written, meant })
      : typeof s.meant === 'number'
        ? D.numberAsString.at(place, { where, written, meant })
        : D.typeNameWithoutHash.at(place, { written, meant });
  });
}
