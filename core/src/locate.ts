// Where a JSON path is in a document's text, without building its syntax tree. A finding on a
// large valid policy needs the position of one node; jsonc-parser's tree of a 1 MB file costs far
// more than the whole check. This reads the text by characters along the path only, jumping over
// the values beside it, and answers what `ParsedPolicy.rangeNodeAt` answers from the tree (the same
// first-match rule as `findNodeAtLocation`). Only for text `JSON.parse` accepted (or that text with
// its comments blanked to spaces): strict JSON, so between tokens there is only JSON whitespace,
// outside strings a bracket is structure, and a string ends at the first quote not escaped. No
// tokens are made, so a key costs a comparison, not a decoded string; test/core/locate.test.ts
// compares every answer with the tree's.
import type { NodeType } from 'jsonc-parser';
import type { JsonPath } from './parse';
import { closingQuote, LARGE_TEXT_CHARS } from './jsonText';

/** A node's place in the text; `key` is its property name's, when it is a property's value. */
export interface NodeExtent {
  type: NodeType;
  offset: number;
  length: number;
  key?: { offset: number; length: number };
}

/**
 * What the scans of one document learnt, kept so the next finding's scan does not read it again:
 * the ends of the containers skipped (by start offset), so it jumps over a large list the
 * previous one read through, and the root keys found by searching (rootMemberBySearch's answers).
 */
export interface SkipMemo {
  ends: Map<number, number>;
  rootKeys: Map<string, number>;
}

export function newSkipMemo(): SkipMemo {
  return { ends: new Map(), rootKeys: new Map() };
}

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** The node at `path`, or the nearest ancestor that exists, with whether `path` matched whole. */
export function locate(text: string, path: JsonPath, skips: SkipMemo = newSkipMemo()): { node: NodeExtent; whole: boolean } | undefined {
  let pos = skipSpace(text, 0);
  let key: NodeExtent['key'];
  for (let depth = 0; depth < path.length; depth++) {
    const segment = path[depth];
    const isObject = typeof segment === 'string';
    const start = pos;
    if (text.charCodeAt(pos) !== (isObject ? OPEN_BRACE : OPEN_BRACKET)) return { node: extentAt(text, pos, key, skips), whole: false };
    pos = skipSpace(text, pos + 1);
    let index = 0;
    let found = false;
    if (depth === 0 && isObject) {
      let member = skips.rootKeys.get(segment);
      if (member === undefined) skips.rootKeys.set(segment, (member = rootMemberBySearch(text, start, segment)));
      if (member === ABSENT) return { node: { type: 'object', offset: start, length: rootEnd(text) - start, key }, whole: false };
      if (member !== UNKNOWN) {
        key = { offset: member, length: segment.length + 2 };
        pos = skipSpace(text, skipSpace(text, member + segment.length + 2) + 1);
        continue;
      }
    }
    for (let c = text.charCodeAt(pos); c !== CLOSE_BRACE && c !== CLOSE_BRACKET && pos < text.length; c = text.charCodeAt(pos)) {
      let matches: boolean;
      let memberKey: NodeExtent['key'];
      if (isObject) {
        const close = closingQuote(text, pos);
        memberKey = { offset: pos, length: close + 1 - pos };
        matches = keyIs(text, pos, close, segment);
        pos = skipSpace(text, close + 1);
        if (text.charCodeAt(pos) === COLON) pos = skipSpace(text, pos + 1);
      } else matches = index === segment;
      if (matches) {
        key = memberKey; // undefined for an array entry: its parent is no property
        found = true;
        break;
      }
      pos = skipSpace(text, valueEnd(text, pos, skips));
      if (text.charCodeAt(pos) === COMMA) pos = skipSpace(text, pos + 1);
      index++;
    }
    if (!found) {
      // The container is the nearest node that exists: its extent runs to its closing bracket (or
      // the text's end), and its key, if it is a property's value, is the one recorded when it was matched.
      const end = pos < text.length ? pos + 1 : text.length;
      return { node: { type: isObject ? 'object' : 'array', offset: start, length: end - start, key }, whole: false };
    }
  }
  return { node: extentAt(text, pos, key, skips), whole: true };
}

/** Answers of rootMemberBySearch besides a key's offset. */
const UNKNOWN = -1;
const ABSENT = -2;

/** A name whose JSON form is the name between quotes, and that cannot follow a string's closing quote. */
function isPlainName(name: string): boolean {
  return NAME_START.test(name) && JSON.stringify(name) === `"${name}"`;
}

const NAME_START = /^[A-Za-z0-9@$_#.-]/;

/**
 * The offset of the root object's first key `name`, found by a native search for `"name"` and
 * proven by reading from there to the text's end, rather than by reading every value before it:
 * a policy whose large list of targets comes first has its approval settings near the end. In
 * strict JSON a `"name"` whose opening quote is not escaped is a string (a closing quote cannot be
 * followed by a letter), a key when a colon follows, and in the root object exactly when the
 * container around it closes at the root's closing brace. It is the first such key because it is
 * the text's first `"name"`. ABSENT when no `"name"` is in a text without escapes; UNKNOWN when
 * the search cannot tell (a small text, a key near the start, a backslash before it, a nested
 * key), and the caller reads from the start.
 */
function rootMemberBySearch(text: string, rootOpen: number, name: string): number {
  // A smaller text is read from the start: the search pays only past a large value.
  if (text.length < LARGE_TEXT_CHARS || !isPlainName(name)) return UNKNOWN;
  const at = text.indexOf(`"${name}"`, rootOpen + 1);
  if (at === -1) return text.includes('\\') ? UNKNOWN : ABSENT;
  // Reading on from the key must cost less than reading up to it.
  if (at - rootOpen < text.length - at) return UNKNOWN;
  // With no backslash before it, its opening quote is not escaped and no key before it is this
  // name written with escapes (which would be the first).
  // (A forward search: V8's backward one reads characters one by one, several times slower.)
  const backslash = text.indexOf('\\');
  if (backslash !== -1 && backslash < at) return UNKNOWN;
  const colon = skipSpace(text, at + name.length + 2);
  if (text.charCodeAt(colon) !== COLON) return UNKNOWN;
  return containerEnd(text, colon + 1) === rootEnd(text) ? at : UNKNOWN;
}

/** The offset just past the root's closing bracket: the text's last character that is not white space. */
function rootEnd(text: string): number {
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * Whether the key whose quotes are at `open` and `close` is `name`: its characters, or its value when it has escapes.
 * An escape is longer than the character it stands for, so a key written with one is longer than
 * its value: a key as long as `name` is it only character for character, a shorter one never, and
 * only a longer one is searched (natively) for a backslash.
 */
function keyIs(text: string, open: number, close: number, name: string): boolean {
  const length = close - open - 1;
  if (length === name.length) return text.startsWith(name, open + 1) && !name.includes('\\');
  if (length < name.length) return false;
  UNESCAPED.lastIndex = open + 1;
  UNESCAPED.test(text);
  return UNESCAPED.lastIndex < close && JSON.parse(text.slice(open, close + 1)) === name;
}

/** A run of string characters that are neither a quote nor a backslash. */
const UNESCAPED = /[^"\\]*/y;

function extentAt(text: string, offset: number, key: NodeExtent['key'], skips: SkipMemo): NodeExtent {
  return { type: typeAt(text, offset), offset, length: valueEnd(text, offset, skips) - offset, key };
}

function typeAt(text: string, offset: number): NodeType {
  switch (text.charCodeAt(offset)) {
    case OPEN_BRACE:
      return 'object';
    case OPEN_BRACKET:
      return 'array';
    case QUOTE:
      return 'string';
    case 116 /* t */:
    case 102 /* f */:
      return 'boolean';
    case 110 /* n */:
      return 'null';
    default:
      return 'number';
  }
}

/** The offset just past the value that starts at `offset`. */
function valueEnd(text: string, offset: number, skips: SkipMemo): number {
  const c = text.charCodeAt(offset);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    let end = skips.ends.get(offset);
    if (end === undefined) skips.ends.set(offset, (end = containerEnd(text, offset + 1)));
    return end;
  }
  if (c === QUOTE) return closingQuote(text, offset) + 1;
  // A number, true, false or null: it runs to the next delimiter.
  let i = offset;
  while (i < text.length && !isDelimiter(text.charCodeAt(i))) i++;
  return i;
}

function isDelimiter(c: number): boolean {
  return c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isSpace(c);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function skipSpace(text: string, from: number): number {
  // Mostly a line break and an indentation: one native search rather than a loop per character.
  if (!isSpace(text.charCodeAt(from))) return from;
  SPACE.lastIndex = from;
  SPACE.test(text);
  return SPACE.lastIndex;
}

const SPACE = /[ \t\n\r]*/y;

/**
 * What lies between brackets: characters that are no bracket nor quote, and whole strings. The
 * regular expression runs natively, so a list of flat objects costs two searches per object
 * instead of a loop over each of its characters (a loop that runs unoptimised in a process that
 * checks one large file). A bounded repeat keeps its backtracking stack small on any text.
 */
const BETWEEN_BRACKETS = /(?:[^"{}[\]]+|"[^"\\]*(?:\\[\s\S][^"\\]*)*"){0,256}/y;

/**
 * The offset just past the bracket that closes the container whose members start at `from`.
 * Skipping a large list this way costs a fraction of tokenising it.
 */
function containerEnd(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    BETWEEN_BRACKETS.lastIndex = i;
    BETWEEN_BRACKETS.test(text);
    i = BETWEEN_BRACKETS.lastIndex;
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (--depth === 0) return i + 1;
    } else if (c === QUOTE) i = closingQuote(text, i); // a string the bounded repeat stopped before
    // Anything else is a character of a run the bounded repeat stopped in: no structure.
  }
  return text.length;
}
