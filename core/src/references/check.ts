// The file-only checks of references: each `${…}` in a string value reads as a reference
// (syntax.ts) and stands where its kind goes (the slot's `x-references` in the schema). Whether the
// name exists is the resolver's question (deploy/src/references), asked of a tenant.
import type { ApiVersion, PolicyDiagnostic } from '../diagnostic';
import type { JsonPath, ParsedPolicy } from '../parse';
import { schemaNavigator } from '../schemaDocuments';
import { isRecord } from '../schemaNavigator';
import { referenceKindsOf } from '../schemaTypes';
import { formatPath } from '../jsonPath';
import { REFERENCE_RECORDS } from '../diagnostics/referenceRecords';
import type { DiagnosticRecord } from '../diagnostics/record';
import { mayHoldReference, REFERENCE_KINDS, scanReferences, type Reference, type ReferenceKind } from './syntax';
import { textRangeOf } from './positions';

export interface StringReferences {
  path: JsonPath;
  value: string;
  references: Reference[];
  errors: ReturnType<typeof scanReferences>['errors'];
}

/**
 * `${` in the text, also written with JSON escapes (`\u0024{`, `$\u007b`). Native substring
 * searches first: on a 1 MB policy the one regular expression cost about 0.45 ms, these 0.05.
 */
function textMayHoldReference(text: string): boolean {
  return text.includes('${') || (text.includes('\\u00') && ESCAPED_REFERENCE_PART.test(text));
}

const ESCAPED_REFERENCE_PART = /\\u0024|\\u007[bB]/;

/** Every string value holding `${`, with what it holds. Cheap when the text has no `${` at all. */
export function findReferenceStrings(text: string, value: unknown): StringReferences[] {
  if (!textMayHoldReference(text)) return [];
  const out: StringReferences[] = [];
  const walk = (v: unknown, path: JsonPath) => {
    if (typeof v === 'string') {
      if (mayHoldReference(v)) {
        const scan = scanReferences(v);
        if (scan.references.length || scan.errors.length) out.push({ path, value: v, ...scan });
      }
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...path, i]));
    } else if (isRecord(v)) {
      for (const [k, item] of Object.entries(v)) walk(item, [...path, k]);
    }
  };
  walk(value, []);
  return out;
}

/** The exact place of a decoded range of the string at `path`, in the file. */
export function placeInFile(parsed: ParsedPolicy, path: JsonPath, start: number, end: number): { offset: number; length: number } {
  const node = parsed.rangeNodeAt(path, false);
  if (!node || node.type !== 'string') return { offset: node?.offset ?? 0, length: node?.length ?? 1 };
  return textRangeOf(parsed.text, node.offset, start, end);
}

/** A diagnostic of `record` on exactly the decoded range `where` of the string at `path`. */
export function referenceDiagnostic<A>(
  parsed: ParsedPolicy,
  record: DiagnosticRecord<A>,
  path: JsonPath,
  where: { start: number; end: number },
  args: A,
  data?: Record<string, unknown>,
): PolicyDiagnostic {
  const { offset, length } = placeInFile(parsed, path, where.start, where.end);
  const place = { range: parsed.lines.rangeOf(offset, length), offset, length, path, ...(data ? { data } : {}) };
  return (record.diagnostic as (w: typeof place, a: A) => PolicyDiagnostic)(place, args);
}

/** AP4001 and AP4002 for one document, checked as `version`; `value` is what the schema checked. */
export function referenceDiagnostics(parsed: ParsedPolicy, value: unknown, version: ApiVersion): PolicyDiagnostic[] {
  const strings = findReferenceStrings(parsed.text, value);
  if (strings.length === 0) return [];
  const nav = schemaNavigator(version);
  const out: PolicyDiagnostic[] = [];
  for (const s of strings) {
    for (const e of s.errors) {
      const { start, end, ...args } = e;
      out.push(
        referenceDiagnostic(
          parsed,
          REFERENCE_RECORDS.malformed,
          s.path,
          { start, end },
          args,
          'suggestion' in e && e.suggestion ? { suggestion: e.suggestion } : undefined,
        ),
      );
    }
    const accepted = new Set(nav.schemasAt(s.path, value).flatMap(referenceKindsOf));
    const key = String(s.path[s.path.length - 1] ?? 'value');
    // A slot that takes references takes one, as its whole value (the schema's pattern says so too;
    // its error is left to this message).
    if (accepted.size && s.errors.length === 0 && s.value.startsWith('${') && !(s.references.length === 1 && s.references[0].whole)) {
      out.push(
        referenceDiagnostic(
          parsed,
          REFERENCE_RECORDS.wrongSlot,
          s.path,
          { start: 0, end: s.value.length },
          { problem: 'notOne', key, count: s.references.length },
        ),
      );
      continue;
    }
    for (const ref of s.references) {
      if (ref.kind === 'var') continue;
      const object = REFERENCE_KINDS[ref.kind].object;
      const where = formatPath(s.path);
      const objectKinds = [...accepted].filter((k): k is ReferenceKind => k !== 'var');
      const args = !ref.whole
        ? { problem: 'insideString' as const, kind: ref.kind, object, key }
        : accepted.has(ref.kind)
          ? undefined
          : objectKinds.length
            ? {
                problem: 'otherKind' as const,
                kind: ref.kind,
                object,
                key,
                where,
                slotObject: REFERENCE_KINDS[objectKinds[0]].object,
                wanted: objectKinds,
              }
            : { problem: 'notAnId' as const, kind: ref.kind, object, key, where };
      if (args) out.push(referenceDiagnostic(parsed, REFERENCE_RECORDS.wrongSlot, s.path, ref, args, { kind: ref.kind }));
    }
  }
  return out;
}
