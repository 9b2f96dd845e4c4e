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
import { LARGE_TEXT_CHARS } from './jsonText';

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

/** Deeper values are read as written (and the walk's recursion stays bounded). */
const MAX_DEPTH = 64;

/**
 * Reads `document` as the service does. Only strings can be read as something else, and only
 * strings of three forms: a boolean's or an integer's text, or an `@odata.type` without its "#".
 * Almost every document has none, so the strings of those forms are found first by a walk of the
 * value alone (no schema, no allocation per node; the value is decoded, so an escaped "tr\u0075e"
 * is seen as "true"), and the schema is consulted only along their paths: the same schemas, in the
 * same order, as a walk of the whole document alongside its schema would give each of them.
 * test/core/lenientScalars.test.ts holds that whole walk and requires the same reading.
 */
export function readLenientScalars(document: unknown, nav: SchemaNavigator, jsonText?: string): LenientReading {
  if (jsonText !== undefined && !mayHoldCandidates(jsonText, document)) return { value: document, scalars: [] };
  const candidates = lenientCandidates(document);
  const scalars: LenientScalar[] = [];
  for (const path of candidates) {
    const schemas = nav.schemasAt(path, document);
    if (schemas.length === 0) continue;
    const written = valueAt(document, path) as string;
    const meant = stringMeant(written, schemas, path[path.length - 1]);
    if (meant !== undefined) scalars.push({ path, written, meant });
  }
  return { value: scalars.length ? withReplacements(document, scalars) : document, scalars };
}

/**
 * Whether `document`, parsed from `jsonText`, could hold such a string. Without a backslash each
 * string is in the text as written between its quotes, so one native search finds any that could
 * be a candidate (and some that are not: a key, say); the walk then decides. A text with escapes
 * is walked. A large text is not searched but its value walked, without paths: the search stops at
 * every quote, and on a 1 MB policy it took 1.4-2.9 ms where this walk takes about 0.5 (in a
 * process that checks many small files the walk runs unoptimised, and the search is cheaper).
 */
function mayHoldCandidates(jsonText: string, document: unknown): boolean {
  if (jsonText.length >= LARGE_TEXT_CHARS) return holdsCandidate(document, undefined, 0);
  return jsonText.includes('\\') || CANDIDATE_TEXT.test(jsonText);
}

/** Whether lenientCandidates would find a string below `value` (the value of `key`, at `depth`). */
function holdsCandidate(value: unknown, key: string | number | undefined, depth: number): boolean {
  if (typeof value === 'string') return key !== undefined && isCandidate(key, value);
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (holdsCandidate(value[i], i, depth + 1)) return true;
    return false;
  }
  // for-in, not Object.keys: no array per object (a parsed value's objects have no inherited enumerable keys).
  for (const k in value) if (holdsCandidate((value as Record<string, unknown>)[k], k, depth + 1)) return true;
  return false;
}

/** A string of a boolean's or an integer's form (with BOOLEAN_TEXT's and INTEGER_TEXT's white space), or an `@odata.type` value not opening with "#". */
const CANDIDATE_TEXT = /"\s*(?:true|false|[+-]?\d+)\s*"|"@odata\.type"\s*:\s*"(?!#)/i;

/** Whether the string `value` of `key` may be read leniently: a scalar's form, or an `@odata.type` without its "#". */
function isCandidate(key: string | number, value: string): boolean {
  return key === ODATA_TYPE ? !value.startsWith('#') : mayBeScalarText(value);
}

/** Paths of the strings that could mean something else (see readLenientScalars), in document order. */
function lenientCandidates(document: unknown): JsonPath[] {
  const found: JsonPath[] = [];
  const path: JsonPath = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      // (The document itself is an object wherever this runs: a root string has nothing to mean.)
      if (path.length === 0) return;
      if (isCandidate(path[path.length - 1], value)) found.push([...path]);
      return;
    }
    if (typeof value !== 'object' || value === null || path.length >= MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i]);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(value)) {
      path.push(key);
      visit((value as Record<string, unknown>)[key]);
      path.pop();
    }
  };
  visit(document);
  return found;
}

/** Whether `text` has a boolean's or an integer's form (the schema then says whether one goes there). */
function mayBeScalarText(text: string): boolean {
  const c = text.charCodeAt(0);
  // First characters of such text: a letter of true/false, a sign, a digit, or white space (\s
  // includes spaces outside ASCII). Anything else is ruled out without a regular expression.
  // Text starting with a digit is no boolean, and has no sign to come: an identifier such as a
  // GUID ("1623f912-…") is ruled out by its first "-".
  if (c >= 48 && c <= 57) return !text.includes('-') && INTEGER_TEXT.test(text);
  const possible = c <= 32 || c > 127 || c === 116 || c === 84 || c === 102 || c === 70 || c === 43 || c === 45;
  return possible && (BOOLEAN_TEXT.test(text) || INTEGER_TEXT.test(text));
}

function valueAt(document: unknown, path: JsonPath): unknown {
  let value = document;
  for (const segment of path) value = (value as Record<string | number, unknown>)[segment];
  return value;
}

/**
 * `document` with each scalar's string replaced by what it means: the containers on the way to a
 * replacement are copied (once each), everything else is shared with `document`.
 */
function withReplacements(document: unknown, scalars: readonly LenientScalar[]): unknown {
  const copies = new Map<object, Record<string | number, unknown>>();
  const copyOf = (original: object) => {
    let copy = copies.get(original);
    if (!copy)
      copies.set(original, (copy = (Array.isArray(original) ? [...original] : { ...original }) as Record<string | number, unknown>));
    return copy;
  };
  for (const { path, meant } of scalars) {
    let original = document as Record<string | number, unknown>;
    let copy = copyOf(original);
    for (const segment of path.slice(0, -1)) {
      original = original[segment] as Record<string | number, unknown>;
      const next = copyOf(original);
      copy[segment] = next;
      copy = next;
    }
    copy[path[path.length - 1]] = meant;
  }
  return copies.get(document as object);
}

const ODATA_TYPE = '@odata.type';

/** What the service reads a string as, where `schemas` apply and it is the value of `key`; undefined: the string itself. */
export function stringMeant(
  text: string,
  schemas: readonly JsonSchema[],
  key: string | number | undefined,
): boolean | number | string | undefined {
  return key === ODATA_TYPE ? typeNameMeant(text, schemas) : scalarMeant(text, schemas);
}

/** "microsoft.graph.singleUser" where the schema takes "#microsoft.graph.singleUser". */
function typeNameMeant(text: string, schemas: readonly JsonSchema[]): string | undefined {
  if (text.startsWith('#')) return undefined;
  const tagged = '#' + text;
  const accepted = schemas.flatMap((s) => [...(s.enum ?? []), ...(s.const !== undefined ? [s.const] : [])]);
  return accepted.includes(tagged) ? tagged : undefined;
}

function scalarMeant(text: string, schemas: readonly JsonSchema[]): boolean | number | undefined {
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
