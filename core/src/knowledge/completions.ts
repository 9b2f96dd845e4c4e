// Completion at a cursor in a policy file, computed from the text itself (jsonc-parser's
// getLocation / findNodeAtOffset), so it works while the document is half typed and has syntax
// errors. Offers property names not yet present, enum values, and `@odata.type` values limited to
// the types the subject slot accepts in the file's API version. Pure: the server maps the result
// to LSP completion items.
import { findNodeAtLocation, findNodeAtOffset, getLocation, type Node } from 'jsonc-parser';
import type { ApiVersion } from '../diagnostic';
import type { JsonPath } from '../parse';
import { valueAt } from '../jsonPath';
import type { JsonSchema } from '../schemaTypes';
import { schemaNavigator, SCHEMA_FILE_NAMES } from '../schemas';
import { tagOf } from '../schemaNavigator';
import { enumValueDoc } from './enumDocs';
import { typeDoc } from './typeDocs';
import { propertyFacts, propertyLocations, type PropertyFacts } from './schemaFacts';
import { typeHover } from './hoverText';
import { slotAt } from './slots';
import { schemaUrl } from '../apiVersion';
import { odataTypeName, shortTypeName } from '../graphNames';

export type CompletionKind = 'property' | 'value' | 'type' | 'object';

export interface PolicyCompletion {
  label: string;
  kind: CompletionKind;
  /** Snippet syntax ($1, ${1:x}, ${1|a,b|}). */
  insertText: string;
  /** Replaced text, as offsets [start, end). */
  start: number;
  end: number;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  filterText?: string;
  sortText?: string;
}

const ODATA = '@odata.type';

/**
 * `root` is the document's cached syntax tree (jsonc-parser recovers a tree from broken text, so
 * a half-typed document has one too); only the cursor's location is scanned here.
 */
export function completionsAt(
  text: string,
  offset: number,
  version: ApiVersion,
  document: unknown,
  root: Node | undefined,
): PolicyCompletion[] {
  const location = getLocation(text, offset);
  const node = root ? findNodeAtOffset(root, offset, true) : undefined;

  // Cursor inside a quoted property name ("disp|" or "|").
  if (node && node.type === 'string' && node.parent?.type === 'property' && node.parent.children?.[0] === node) {
    const objectNode = node.parent.parent;
    const path = objectPath(objectNode);
    if (!objectNode || !path) return [];
    const hasColon = node.parent.colonOffset !== undefined && node.parent.colonOffset >= 0;
    return propertyCompletions({
      text,
      version,
      document,
      path,
      objectNode,
      keyNode: node,
      start: node.offset,
      end: stringEnd(text, node, offset),
      hasColon,
    });
  }
  if (location.isAtPropertyKey) {
    const parentPath = location.path.slice(0, -1);
    const objectNode = root ? (parentPath.length === 0 ? root : findNodeAtLocation(root, parentPath)) : undefined;
    const [start, end] = wordRange(text, offset);
    return propertyCompletions({
      text,
      version,
      document,
      path: parentPath,
      objectNode: objectNode?.type === 'object' ? objectNode : undefined,
      start,
      end,
      hasColon: false,
    });
  }
  // A value position: replace the value under the cursor (with its quotes), or the word typed so far.
  const valueNode = node && node.type !== 'object' && node.type !== 'array' && node.type !== 'property' ? node : undefined;
  const [start, end] = valueNode
    ? [valueNode.offset, valueNode.type === 'string' ? stringEnd(text, valueNode, offset) : valueNode.offset + valueNode.length]
    : wordRange(text, offset);
  return valueCompletions({ text, version, document, path: location.path, start, end, root });
}

/** Where a completion is asked for: the document and the span the chosen item replaces. */
interface CompletionSite {
  text: string;
  version: ApiVersion;
  document: unknown;
  /** The object's path (property names) or the value's path (values). */
  path: JsonPath;
  /** Replaced text, as offsets [start, end). */
  start: number;
  end: number;
}

interface PropertySite extends CompletionSite {
  /** The object whose properties are offered, when the syntax tree has it. */
  objectNode: Node | undefined;
  /** The key being typed, so it does not count as present. */
  keyNode?: Node;
  /** A colon follows already: insert the name only. */
  hasColon: boolean;
}

interface ValueSite extends CompletionSite {
  root: Node | undefined;
}

function propertyCompletions(site: PropertySite): PolicyCompletion[] {
  const { text, version, document, path, objectNode, keyNode, start, end, hasColon } = site;
  const nav = schemaNavigator(version);
  const present = new Set<string>();
  for (const prop of objectNode?.children ?? []) {
    const k = prop.children?.[0];
    if (k && k !== keyNode && typeof k.value === 'string') present.add(k.value);
  }
  const schemas = nav.schemasAt(path, document);
  const separator = hasColon ? '' : separatorAfter(text, end);
  const out: PolicyCompletion[] = [];

  // A subject set (or question) whose type is not chosen yet: its properties depend on the type,
  // so offer the type first, and in an empty object one ready-made entry per allowed type.
  const tags = schemas.map(tagOf).filter((t): t is string => typeof t === 'string');
  if (schemas.length > 1 && tags.length === schemas.length && !present.has(ODATA)) {
    const allowed = allowedTags(version, path, document, tags);
    const empty = present.size === 0;
    out.push({
      label: ODATA,
      kind: 'property',
      insertText: hasColon ? `"${ODATA}"` : `"${ODATA}": "\${1|${allowed.join(',')}|}"${separator}`,
      start,
      end,
      detail: 'which kind of entry this is',
      documentation: schemas[0].properties?.[ODATA]?.markdownDescription ?? '',
      sortText: '0',
    });
    if (empty && !hasColon) {
      for (const tag of allowed) {
        out.push({
          label: `${ODATA}: ${shortTypeName(tag)}`,
          kind: 'type',
          insertText: `"${ODATA}": "${tag}"${skeletonSnippet(version, tag, multiLine(text, objectNode))}${separator}`,
          filterText: `"${ODATA}" ${shortTypeName(tag)}`,
          start,
          end,
          detail: typeDoc(tag)?.summary,
          documentation: typeHover(version, tag),
          sortText: `1${shortTypeName(tag)}`,
        });
      }
    }
    return out;
  }

  const seen = new Set<string>();
  for (const schema of schemas) {
    for (const [name, propSchema] of Object.entries(schema.properties ?? {})) {
      if (present.has(name) || seen.has(name)) continue;
      seen.add(name);
      const facts = propertyFacts(nav, propSchema);
      // Read-only properties are set by Graph; offering them would invite an ignored or rejected value.
      if (facts.readOnly) continue;
      out.push({
        label: name,
        kind: 'property',
        insertText: hasColon
          ? `"${escapeSnippet(name)}"`
          : `"${escapeSnippet(name)}": ${valueSnippet(facts, name, path, version, document)}${separator}`,
        filterText: `"${name}"`,
        start,
        end,
        detail: facts.typeLabel + (facts.nullable ? ' | null' : ''),
        documentation: propSchema.markdownDescription,
        sortText: name === '$schema' ? '0' : name === ODATA ? '1' : `2${name}`,
      });
    }
  }
  return out;
}

function valueCompletions(site: ValueSite): PolicyCompletion[] {
  const { text, version, document, path, start, end, root } = site;
  const key = path[path.length - 1];
  const separator = separatorAfter(text, end);
  const nav = schemaNavigator(version);

  if (key === ODATA) {
    const objPath = path.slice(0, -1);
    const obj = root ? findNodeAtLocation(root, objPath) : undefined;
    const otherKeys = (obj?.children ?? []).filter((p) => p.children?.[0]?.value !== ODATA).length;
    const tags = discriminatorTags(version, objPath, document);
    const allowed = allowedTags(version, objPath, document, tags);
    return allowed.map((tag) => ({
      label: tag,
      kind: 'type' as const,
      insertText: `"${tag}"${otherKeys === 0 ? skeletonSnippet(version, tag, multiLine(text, obj)) : ''}${separator}`,
      filterText: `"${tag}"`,
      start,
      end,
      detail: typeDoc(tag)?.summary,
      documentation: typeHover(version, tag),
      sortText: shortTypeName(tag),
    }));
  }

  if (key === '$schema' && path.length === 1) {
    return (Object.keys(SCHEMA_FILE_NAMES) as ApiVersion[]).map((v) => ({
      label: schemaUrl(v),
      kind: 'value' as const,
      insertText: `"${schemaUrl(v)}"${separator}`,
      filterText: `"${schemaUrl(v)}"`,
      start,
      end,
      detail: `Graph ${v} policy schema`,
    }));
  }

  // An entry position in a subject list: offer whole entries, one per allowed type.
  if (typeof key === 'number') {
    const slot = slotAt(version, path.slice(0, -1));
    if (slot) {
      return slot.allowedTypes.map((tag) => ({
        label: `{ ${shortTypeName(tag)} }`,
        kind: 'object' as const,
        insertText: `{ "${ODATA}": "${tag}"${skeletonSnippet(version, tag, false)} }${separator}`,
        filterText: `{ ${shortTypeName(tag)}`,
        start,
        end,
        detail: typeDoc(tag)?.summary,
        documentation: typeHover(version, tag, slot),
        sortText: shortTypeName(tag),
      }));
    }
  }

  const factsList = valueFacts(version, path, document, nav);
  const out: PolicyCompletion[] = [];
  const seen = new Set<string>();
  for (const { facts, enumKeys } of factsList) {
    const values: { label: string; insert: string; doc?: string }[] = [];
    // `unknownFutureValue` is Graph's marker for values added later; it is never meant to be sent.
    if (facts.values)
      for (const v of facts.values.filter((x) => x !== 'unknownFutureValue'))
        values.push({ label: v, insert: JSON.stringify(v), doc: enumValueDoc(enumKeys, v) });
    if (facts.kind === 'boolean') values.push({ label: 'true', insert: 'true' }, { label: 'false', insert: 'false' });
    if (facts.nullable && values.length > 0) values.push({ label: 'null', insert: 'null' });
    for (const v of values) {
      if (seen.has(v.label)) continue;
      seen.add(v.label);
      out.push({
        label: v.label,
        kind: 'value',
        insertText: escapeSnippet(v.insert) + separator,
        filterText: v.insert,
        start,
        end,
        documentation: v.doc,
        sortText: v.label === 'null' ? '9' : `${String(out.length).padStart(3, '0')}`,
      });
    }
  }
  return out;
}

/** Facts of the value at `path`: a property's, or the item schema of an array. */
function valueFacts(
  version: ApiVersion,
  path: JsonPath,
  document: unknown,
  nav: ReturnType<typeof schemaNavigator>,
): { facts: PropertyFacts; enumKeys: string[] }[] {
  const key = path[path.length - 1];
  if (typeof key === 'string') {
    return propertyLocations(version, path, document).map((loc) => {
      const facts = propertyFacts(nav, loc.schema);
      return { facts, enumKeys: [facts.graphType, `${loc.owner}.${key}`].filter((k): k is string => !!k) };
    });
  }
  // An item of an array of enum values (daysOfWeek).
  const arrayKey = path[path.length - 2];
  if (typeof arrayKey !== 'string') return [];
  return propertyLocations(version, path.slice(0, -1), document).map((loc) => {
    const facts = propertyFacts(nav, loc.schema);
    return {
      facts: { ...facts, kind: facts.values ? 'string' : 'any', nullable: false },
      enumKeys: facts.graphType ? [facts.graphType] : [],
    };
  });
}

/** Every `@odata.type` value the object at `objPath` may take, ignoring the value it has now. */
function discriminatorTags(version: ApiVersion, objPath: JsonPath, document: unknown): string[] {
  const nav = schemaNavigator(version);
  if (objPath.length === 0) {
    const c = nav.root.properties?.[ODATA];
    return constOrEnum(c);
  }
  const last = objPath[objPath.length - 1];
  const tags: string[] = [];
  for (const parent of nav.schemasAt(objPath.slice(0, -1), document)) {
    const child: JsonSchema | undefined = typeof last === 'number' ? parent.items : parent.properties?.[last];
    if (!child) continue;
    for (const alt of nav.alternatives(child)) {
      if (alt.type === 'array') continue;
      const tag = tagOf(alt);
      if (typeof tag === 'string') tags.push(tag);
      else tags.push(...constOrEnum(alt.properties?.[ODATA]));
    }
  }
  return [...new Set(tags)];
}

function constOrEnum(s: JsonSchema | undefined): string[] {
  if (!s) return [];
  if (typeof s.const === 'string') return [s.const];
  return (s.enum ?? []).filter((v): v is string => typeof v === 'string');
}

/** Narrows a subject set's candidate types to those its slot accepts in this version. */
function allowedTags(version: ApiVersion, objPath: JsonPath, document: unknown, tags: string[]): string[] {
  const slot = slotAt(version, objPath, valueAt(document, objPath));
  if (!slot) return tags;
  return tags.filter((t) => slot.allowedTypes.includes(odataTypeName(t)));
}

/** Snippet text for the properties a new object of this type needs, after its `@odata.type`. */
export function skeletonSnippet(version: ApiVersion, tag: string, multiline: boolean): string {
  const entries = typeDoc(tag)?.skeleton?.[version] ?? [];
  const sep = multiline ? ',\n' : ', ';
  let stop = 1;
  let out = '';
  for (const e of entries) {
    const value = 'placeholder' in e ? `"$${stop++}"` : JSON.stringify(e.value);
    out += `${sep}"${e.key}": ${value}`;
  }
  return out;
}

function valueSnippet(facts: PropertyFacts, name: string, path: JsonPath, version: ApiVersion, document: unknown): string {
  if (name === ODATA) {
    const tags = discriminatorTags(version, path, document);
    const allowed = allowedTags(version, path, document, tags);
    return allowed.length > 0 ? `"\${1|${allowed.join(',')}|}"` : '"$1"';
  }
  const choices = facts.values?.filter((v) => v !== 'unknownFutureValue') ?? [];
  if (choices.length > 0 && facts.kind !== 'array') return `"\${1|${choices.join(',')}|}"`;
  switch (facts.kind) {
    case 'string':
      return '"$1"';
    case 'boolean':
      return '${1|false,true|}';
    case 'integer':
    case 'number':
      return '${1:0}';
    case 'object':
      return '{$1}';
    case 'array':
      return '[$1]';
    default:
      return '$1';
  }
}

/** The object's JSON path, from its syntax node. */
function objectPath(objectNode: Node | undefined): JsonPath | undefined {
  if (!objectNode) return undefined;
  const path: JsonPath = [];
  let n: Node | undefined = objectNode;
  while (n?.parent) {
    const p: Node = n.parent;
    if (p.type === 'property') path.unshift(String(p.children?.[0]?.value));
    else if (p.type === 'array') path.unshift(p.children?.indexOf(n) ?? 0);
    n = p;
  }
  return path;
}

/**
 * Where a string token under the cursor ends. An unclosed string runs to the end of the line in
 * the scanner's view and would swallow a closing brace typed after it; stop after the word then.
 */
function stringEnd(text: string, node: Node, offset: number): number {
  const end = node.offset + node.length;
  if (node.length >= 2 && text[end - 1] === '"') return end;
  return wordRange(text, offset)[1];
}

/** The unquoted word around the cursor (what the user typed without quotes). */
function wordRange(text: string, offset: number): [number, number] {
  let start = offset;
  while (start > 0 && /[\w$@.#-]/.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && /[\w$@.#-]/.test(text[end])) end++;
  return [start, end];
}

/** A comma when another property or value follows on without one. */
function separatorAfter(text: string, end: number): string {
  const next = text.slice(end).match(/^\s*(\S)/)?.[1];
  return next === '"' || next === '{' || next === '[' ? ',' : '';
}

function multiLine(text: string, objectNode: Node | undefined): boolean {
  if (!objectNode) return false;
  return text.slice(objectNode.offset, objectNode.offset + objectNode.length).includes('\n');
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}
