// The one syntax of name references: `${kind:name}` (two-part kinds `${kind:catalog/name}`), in a
// string value of a policy file. Pure: it reads a decoded string and says where each reference and
// each mistake is, as offsets into that string (core/src/references/positions.ts maps them to the
// file). The kinds are listed once, in schemas/inputs/reference-kinds.json.
//
// Escapes inside a reference (after JSON's own decoding): `\/` is a `/` that does not separate the
// two parts, `\}` a `}` that does not close the reference, `\\` a backslash. Outside references a
// backslash right before `${` makes it literal text (`\${` reads as `${`). Escaping with a
// backslash, not by doubling, because doubling is ambiguous where a name ends or starts with `/`.
import kindsFile from '../../../schemas/inputs/reference-kinds.json';
import { VALUE_NAME } from '../config/configSchema';
import type { MalformedReference } from '../diagnostics/referenceRecords';

export type ReferenceKind = keyof typeof kindsFile.kinds;

export interface ReferenceKindInfo {
  /** What each part names, e.g. `['catalog displayName', 'access package displayName']`. */
  parts: readonly string[];
  /** The object in words, e.g. `access package`. */
  object: string;
  description: string;
}

export const REFERENCE_KINDS: Readonly<Record<ReferenceKind, ReferenceKindInfo>> = kindsFile.kinds;
export const REFERENCE_KIND_NAMES = Object.keys(REFERENCE_KINDS) as ReferenceKind[];

/** Kinds that stand for a directory or entitlement-management object's id (all but `var`). */
export type ObjectReferenceKind = Exclude<ReferenceKind, 'var'>;

export function isReferenceKind(name: string): name is ReferenceKind {
  return Object.prototype.hasOwnProperty.call(REFERENCE_KINDS, name);
}

export interface Reference {
  kind: ReferenceKind;
  /** The names, unescaped; one per part of the kind. */
  parts: string[];
  /** Offsets of `${` and just after the closing `}` in the decoded string. */
  start: number;
  end: number;
  /** The reference is the whole string (required for kinds that stand for an id). */
  whole: boolean;
}

/** A mistake, with what AP4001's message needs (core/src/diagnostics/referenceRecords.ts words it). */
export type ReferenceSyntaxError = MalformedReference & { start: number; end: number };

export interface ReferenceScan {
  references: Reference[];
  errors: ReferenceSyntaxError[];
}

/** Cheap test first: most strings hold no `${` at all. */
export function mayHoldReference(s: string): boolean {
  return s.includes('${');
}

export function scanReferences(s: string): ReferenceScan {
  const references: Reference[] = [];
  const errors: ReferenceSyntaxError[] = [];
  let i = s.indexOf('${');
  while (i !== -1) {
    if (i > 0 && s[i - 1] === '\\') {
      i = s.indexOf('${', i + 2);
      continue;
    }
    const read = readReference(s, i);
    if ('problem' in read) {
      errors.push(read);
      // Resynchronise after the error's end (an unclosed reference runs to the end of the string).
      i = s.indexOf('${', Math.max(read.end, i + 2));
    } else {
      references.push(read);
      i = s.indexOf('${', read.end);
    }
  }
  return { references, errors };
}

function readReference(s: string, start: number): Reference | ReferenceSyntaxError {
  const colon = s.indexOf(':', start + 2);
  const close = findClose(s, start + 2);
  if (close === -1) return { problem: 'unclosed', start, end: s.length };
  const end = close + 1;
  if (colon === -1 || colon > close) {
    const word = s.slice(start + 2, close);
    const suggestion = isReferenceKind(word) ? word : undefined;
    return {
      problem: 'unknownKind',
      start,
      end,
      word,
      kinds: REFERENCE_KIND_NAMES,
      suggestion,
      shape: suggestion && shapeOf(suggestion),
      noColon: true,
    };
  }
  const kindText = s.slice(start + 2, colon);
  if (!isReferenceKind(kindText)) {
    return {
      problem: 'unknownKind',
      start,
      end,
      word: kindText,
      kinds: REFERENCE_KIND_NAMES,
      suggestion: nearestKind(kindText),
      noColon: false,
    };
  }
  const info = REFERENCE_KINDS[kindText];
  const split = splitParts(s, colon + 1, close, info.parts.length > 1);
  if ('problem' in split) return { ...split, start, end };
  const parts = split.parts;
  const shape = shapeOf(kindText);
  if (parts.length !== info.parts.length) {
    return { problem: 'partCount', start, end, kind: kindText, shape, expected: info.parts.length, got: parts.length };
  }
  const empty = parts.findIndex((p) => p.trim() === '');
  if (empty !== -1) return { problem: 'emptyName', start, end, kind: kindText, shape, part: info.parts[empty] };
  if (kindText === 'var' && !VALUE_NAME.test(parts[0])) return { problem: 'badVarName', start, end, name: parts[0] };
  return { kind: kindText, parts, start, end, whole: start === 0 && end === s.length };
}

/** How a kind's reference is written, e.g. `${accessPackage:catalog displayName/access package displayName}`. */
function shapeOf(kind: ReferenceKind): string {
  return `\`\${${kind}:${REFERENCE_KINDS[kind].parts.join('/')}}\``;
}

/** The closing `}` of a reference whose body starts at `from`, skipping escaped ones. */
function findClose(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '}') return i;
  }
  return -1;
}

function splitParts(s: string, from: number, to: number, twoPart: boolean): { parts: string[] } | { problem: 'badEscape'; escape: string } {
  const parts: string[] = [];
  let current = '';
  for (let i = from; i < to; i++) {
    const c = s[i];
    if (c === '\\') {
      const next = s[i + 1];
      if (next === '\\' || next === '/' || next === '}') {
        current += next;
        i++;
        continue;
      }
      return { problem: 'badEscape', escape: next ?? '' };
    }
    if (c === '/' && twoPart) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  return { parts };
}

function nearestKind(word: string): ReferenceKind | undefined {
  const lower = word.trim().toLowerCase();
  const exact = REFERENCE_KIND_NAMES.find((k) => k.toLowerCase() === lower);
  if (exact) return exact;
  let best: ReferenceKind | undefined;
  let bestDistance = Infinity;
  for (const k of REFERENCE_KIND_NAMES) {
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  }
  return bestDistance <= Math.max(1, Math.floor((best?.length ?? 0) / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = keep;
    }
  }
  return row[b.length];
}

/** Writes a reference that scans back to exactly these names (pull --portable, quick fixes). */
export function formatReference(kind: ReferenceKind, parts: readonly string[]): string {
  const twoPart = REFERENCE_KINDS[kind].parts.length > 1;
  const escape = (p: string) => p.replace(twoPart ? /[\\/}]/g : /[\\}]/g, (c) => '\\' + c);
  return `\${${kind}:${parts.map(escape).join('/')}}`;
}

/**
 * The string with every reference replaced by `replace(ref)` and `\${` unescaped to `${`: what is
 * sent once references are resolved. Callers check `scanReferences(s).errors` first.
 */
export function substituteReferences(s: string, replace: (ref: Reference) => string): string {
  if (!mayHoldReference(s)) return s;
  const { references } = scanReferences(s);
  let out = '';
  let at = 0;
  for (const ref of references) {
    out += unescapeLiteral(s.slice(at, ref.start)) + replace(ref);
    at = ref.end;
  }
  return out + unescapeLiteral(s.slice(at));
}

function unescapeLiteral(text: string): string {
  return text.replace(/\\\$\{/g, '${');
}
