// The file-only checks of references: each `${…}` in a string value reads as a reference
// (syntax.ts) and stands where its kind goes (the slot's `x-references` in the schema). Whether the
// name exists is the resolver's question (deploy/src/references), asked of a tenant.
import type { ApiVersion, PolicyDiagnostic } from '../diagnostic';
import type { Finding } from '../diagnostics/record';
import type { JsonPath, ParsedPolicy } from '../parse';
import { schemaNavigator } from '../schemaDocuments';
import { isRecord } from '../schemaNavigator';
import { referenceKindsOf } from '../schemaTypes';
import { formatPath } from '../jsonPath';
import { REFERENCE_RECORDS as D } from '../diagnostics/catalogue';
import { mayHoldReference, REFERENCE_KINDS, scanReferences, type Reference, type ReferenceKind } from './syntax';
import { textRangeOf } from './positions';

export interface StringReferences {
  path: JsonPath;
  value: string;
  references: Reference[];
  errors: ReturnType<typeof scanReferences>['errors'];
}

/** `${` in the text, also written with JSON escapes (`\u0024{`, `$\u007b`). */
const MAY_HOLD_REFERENCE = /\$\{|\\u0024|\\u007[bB]/;

/** Every string value holding `${`, with what it holds. Cheap when the text has no `${` at all. */
export function findReferenceStrings(text: string, value: unknown): StringReferences[] {
  if (!MAY_HOLD_REFERENCE.test(text)) return [];
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

/** A finding (built by its record) placed on the decoded range `where` of its string. */
export function referenceDiagnostic(parsed: ParsedPolicy, finding: Finding, where: { start: number; end: number }): PolicyDiagnostic {
  const { code, severity, message, path, data } = finding;
  const { offset, length } = placeInFile(parsed, path, where.start, where.end);
  return { code, severity, message, range: parsed.lines.rangeOf(offset, length), offset, length, path, ...(data ? { data } : {}) };
}

/** AP4001 and AP4002 for one document, checked as `version`; `value` is what the schema checked. */
export function referenceDiagnostics(parsed: ParsedPolicy, value: unknown, version: ApiVersion): PolicyDiagnostic[] {
  const strings = findReferenceStrings(parsed.text, value);
  if (strings.length === 0) return [];
  const nav = schemaNavigator(version);
  const out: PolicyDiagnostic[] = [];
  for (const s of strings) {
    for (const e of s.errors) {
      out.push(referenceDiagnostic(parsed, D.malformed.at({ path: s.path, data: e.suggestion ? { suggestion: e.suggestion } : undefined }, { problem: e.message }), e));
    }
    const accepted = new Set(nav.schemasAt(s.path, value).flatMap(referenceKindsOf));
    // A slot that takes references takes one, as its whole value (the schema's pattern says so too;
    // its error is left to this message).
    if (accepted.size && s.errors.length === 0 && s.value.startsWith('${') && !(s.references.length === 1 && s.references[0].whole)) {
      out.push(referenceDiagnostic(parsed,
        D.wrongSlot.at({ path: s.path }, { kind: 'notWhole', key: String(s.path[s.path.length - 1]), count: s.references.length }),
        { start: 0, end: s.value.length }));
      continue;
    }
    for (const ref of s.references) {
      if (ref.kind === 'var') continue;
      const problem = slotProblem(ref, accepted, s.path);
      if (problem) out.push(referenceDiagnostic(parsed, D.wrongSlot.at({ path: s.path, data: { kind: ref.kind } }, { kind: 'slot', problem }), ref));
    }
  }
  return out;
}

function slotProblem(ref: Reference, accepted: ReadonlySet<string>, path: JsonPath): string | undefined {
  const what = REFERENCE_KINDS[ref.kind].object;
  const key = String(path[path.length - 1] ?? 'value');
  if (!ref.whole) {
    return `A ${ref.kind} reference stands for the id of ${article(what)} ${what}, so it must be the whole value of \`${key}\`, not part of a longer string. Only \`\${var:…}\` may sit inside a string.`;
  }
  if (accepted.has(ref.kind)) return undefined;
  const objectKinds = [...accepted].filter((k): k is ReferenceKind => k !== 'var');
  if (objectKinds.length) {
    const wanted = objectKinds.map((k) => `\`\${${k}:…}\``).join(' or ');
    return `\`${key}\` (${formatPath(path)}) holds the id of ${article(REFERENCE_KINDS[objectKinds[0]].object)} ${REFERENCE_KINDS[objectKinds[0]].object}; ${article(what)} ${what} reference does not go here. Use ${wanted}, \`\${var:…}\` or the object id.`;
  }
  return `\`${key}\` (${formatPath(path)}) is not an id, so ${article(what)} ${what} reference does not go here; a reference of that kind goes where ${article(what)} ${what}'s id goes. Only \`\${var:…}\` may stand in any string.`;
}

function article(word: string): string {
  return /^[aeio]/i.test(word) ? 'an' : 'a';
}
