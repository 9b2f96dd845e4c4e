// Completion inside a reference: after `${` the kinds (the one list, schemas/inputs/reference-kinds.json,
// those the slot takes first), after `${kind:` names. Where the cursor is is read from the text of
// its line (a JSON string cannot span lines), so a half-typed `"${gr` completes as well as a whole
// file. The names come from elsewhere (the tenant, through the server; a config's values); this
// module says what is being completed and turns names into edits that scan back to exactly them.
import { getLocation } from 'jsonc-parser';
import type { ApiVersion } from '../diagnostic';
import { schemaNavigator } from '../schemaDocuments';
import { referenceKindsOf } from '../schemaTypes';
import type { PolicyCompletion } from '../knowledge/completions';
import { REFERENCE_KINDS, REFERENCE_KIND_NAMES, isReferenceKind, type ReferenceKind } from './syntax';

export type ReferenceCompletionContext =
  | {
      phase: 'kind';
      /** What is typed of the kind so far. */
      prefix: string;
      start: number;
      end: number;
      /** The kinds the slot takes (empty when the slot is unknown: then every kind is offered). */
      accepted: ReferenceKind[];
    }
  | {
      phase: 'name';
      kind: ReferenceKind;
      /** For two-part kinds: the catalog already typed (then the second part is completed). */
      catalog?: string;
      /** What is typed of the name so far, unescaped. */
      prefix: string;
      start: number;
      end: number;
      /** A `}` already follows in the string: the edit does not add one. */
      closed: boolean;
    };

/** The reference the cursor at `offset` is in, if any. */
export function referenceCompletionContext(
  text: string,
  offset: number,
  version: ApiVersion,
  document: unknown,
): ReferenceCompletionContext | undefined {
  const literal = stringAround(text, offset);
  if (!literal) return undefined;
  const typed = text.slice(literal.start + 1, offset);
  const open = lastOpening(typed);
  if (open === -1) return undefined;
  const body = typed.slice(open + 2);
  if (/(^|[^\\])\}/.test(body)) return undefined; // after a closed reference
  const bodyStart = literal.start + 1 + open + 2;
  const colon = body.indexOf(':');
  if (colon === -1) {
    if (!/^[A-Za-z]*$/.test(body)) return undefined;
    return { phase: 'kind', prefix: body, start: bodyStart, end: offset, accepted: acceptedKinds(text, offset, version, document) };
  }
  const kind = body.slice(0, colon);
  if (!isReferenceKind(kind)) return undefined;
  const rest = body.slice(colon + 1);
  const closed = /(^|[^\\])\}/.test(text.slice(offset, literal.end));
  if (REFERENCE_KINDS[kind].parts.length > 1) {
    const slash = unescapedSlash(rest);
    if (slash !== -1)
      return {
        phase: 'name',
        kind,
        catalog: decodePart(rest.slice(0, slash)),
        prefix: decodePart(rest.slice(slash + 1)),
        start: bodyStart + colon + 1 + slash + 1,
        end: offset,
        closed,
      };
  }
  return { phase: 'name', kind, prefix: decodePart(rest), start: bodyStart + colon + 1, end: offset, closed };
}

/** The kinds, as completions of `${|`: each inserts `kind:` (the editor then asks for names). */
export function referenceKindCompletions(ctx: Extract<ReferenceCompletionContext, { phase: 'kind' }>): PolicyCompletion[] {
  const kinds = ctx.accepted.length ? ctx.accepted : REFERENCE_KIND_NAMES;
  return kinds.map((kind, i) => ({
    label: kind,
    kind: 'value',
    insertText: `${kind}:`,
    start: ctx.start,
    end: ctx.end,
    detail: REFERENCE_KINDS[kind].description,
    documentation: `\`\${${kind}:${REFERENCE_KINDS[kind].parts.join('/')}}\`: ${REFERENCE_KINDS[kind].description}.`,
    filterText: kind,
    sortText: String(i).padStart(2, '0'),
  }));
}

export interface ReferenceName {
  /** The name as the reference holds it (unescaped). */
  name: string;
  detail?: string;
  documentation?: string;
}

/**
 * Names as completions of `${kind:|`: each inserts the name, escaped for the reference and the
 * JSON string, and closes the reference; for the catalog of a two-part kind it inserts `Catalog/`.
 */
export function referenceNameCompletions(
  ctx: Extract<ReferenceCompletionContext, { phase: 'name' }>,
  names: readonly ReferenceName[],
  stage: 'catalog' | 'name',
): PolicyCompletion[] {
  const twoPart = REFERENCE_KINDS[ctx.kind].parts.length > 1;
  return names.map((n, i) => {
    const escaped = escapeForJson(n.name.replace(twoPart ? /[\\/}]/g : /[\\}]/g, (c) => '\\' + c));
    const tail = stage === 'catalog' ? '/' : ctx.closed ? '' : '}';
    return {
      label: n.name,
      kind: 'value',
      insertText: escapeSnippet(escaped + tail),
      start: ctx.start,
      end: ctx.end,
      detail: n.detail,
      documentation: n.documentation,
      filterText: escaped,
      sortText: String(i).padStart(3, '0'),
    };
  });
}

/** The kinds the slot at `offset` takes as references (the schema's `x-references`). */
function acceptedKinds(text: string, offset: number, version: ApiVersion, document: unknown): ReferenceKind[] {
  try {
    const path = getLocation(text, offset).path;
    const schemas = schemaNavigator(version).schemasAt(path, document);
    // A string slot that names no kinds still takes a value (`${var:…}` goes in any string).
    const kinds = new Set<string>(schemas.length ? ['var', ...schemas.flatMap(referenceKindsOf)] : []);
    return REFERENCE_KIND_NAMES.filter((k) => kinds.has(k));
  } catch {
    return [];
  }
}

/** The string literal holding `offset` on its line: its opening quote and its end (closing quote or line end). */
function stringAround(text: string, offset: number): { start: number; end: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = text.length;
  let start = -1;
  for (let i = lineStart; i < offset; i++) {
    const c = text[i];
    if (start === -1) {
      if (c === '"') start = i;
      else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) return undefined; // a comment
    } else if (c === '\\') i++;
    else if (c === '"') start = -1;
  }
  if (start === -1) return undefined;
  let end = offset;
  while (end < lineEnd && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
  return { start, end: Math.min(end, lineEnd) };
}

/** The last `${` that opens a reference (not `\${`, which is literal text). */
function lastOpening(s: string): number {
  for (let i = s.lastIndexOf('${'); i !== -1; i = i > 0 ? s.lastIndexOf('${', i - 1) : -1) {
    // In the JSON text the reference's `\${` is written `\\${`.
    if (!s.slice(0, i).endsWith('\\\\')) return i;
  }
  return -1;
}

/** The first `/` that splits catalog from name, as an offset into the JSON text (`\/` in the reference, `\\/` in the text, does not). */
function unescapedSlash(raw: string): number {
  let escaped = false;
  for (let i = 0; i < raw.length; i++) {
    // One decoded character: a JSON escape is two (or six, `\uXXXX`) characters of the text.
    let c = raw[i];
    const at = i;
    if (c === '\\') {
      c = raw[i + 1] === 'u' ? String.fromCharCode(Number.parseInt(raw.slice(i + 2, i + 6), 16)) : (raw[i + 1] ?? '');
      i += raw[i + 1] === 'u' ? 5 : 1;
    }
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === '/') return at;
  }
  return -1;
}

/** A part as written in the JSON text, decoded (JSON escapes, then reference escapes); tolerant of a half-typed escape. */
function decodePart(raw: string): string {
  let json: string;
  try {
    json = JSON.parse(`"${raw}"`) as string;
  } catch {
    json = raw;
  }
  return json.replace(/\\([\\/}])/g, '$1');
}

function escapeForJson(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** Snippet syntax gives `$`, `}` and `\` meaning; inserted as text they are escaped. */
function escapeSnippet(s: string): string {
  return s.replace(/[$}\\]/g, (c) => '\\' + c);
}
