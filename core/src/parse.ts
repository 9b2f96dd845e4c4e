// Parsing a policy file. The value comes from one parse; the syntax tree (for positions) is built
// by jsonc-parser only when something needs a range, because most keystrokes on a valid document
// need none and the tree costs several times the value.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from './lineIndex';
import { locate, newSkipMemo, type NodeExtent, type SkipMemo } from './locate';
import { NESTING_LIMIT, nestsDeeperThan } from './nesting';
import { blankComments } from './comments';
import type { PolicyDiagnostic } from './diagnostic';
import { FILE_RECORDS } from './diagnostics/catalogue';

export type JsonPath = (string | number)[];

const BOM = 0xfeff;

/** Our own code for a document nested too deeply to parse (outside jsonc-parser's range). */
const TOO_DEEP = 1000 as ParseError['error'];

/**
 * Findings placed by scanning the text (locate.ts) before the syntax tree is built instead: a scan
 * is cheaper than a tree for a few findings, but each one walks the text again, so a document with
 * thousands of findings would be quadratic without the switch.
 */
export const SCANS_BEFORE_TREE = 64;

/** Objects with more keys than this are indexed for path lookups (see propertyValue). */
const INDEX_FROM_KEYS = 16;

/** The text's value when it is plain JSON; a UTF-8 byte order mark is allowed before it (editors hide it, JSON.parse does not). */
function parsePlain(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text.charCodeAt(0) === BOM ? text.slice(1) : text) };
  } catch {
    return undefined;
  }
}

/** Whether the first character after JSON whitespace is `/`, which no JSON text may start with. */
function opensWithComment(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    return c === 47;
  }
  return false;
}

const PARSE_OPTIONS = { disallowComments: false, allowTrailingComma: false, allowEmptyContent: true };

export class ParsedPolicy {
  private tree: Node | undefined | null = null;
  private index: LineIndex | undefined;
  private errors: ParseError[] | undefined;
  private skips: SkipMemo | undefined;
  private scans = 0;
  /** The text with comments blanked, when it has comments and parsed natively that way. */
  private strictText: string | undefined;
  /** Per wide object: its keys to their value nodes, so a path lookup does not scan every sibling (made with the first). */
  private keyIndex: WeakMap<Node, Map<string, Node>> | undefined;
  /** The document's value; `undefined` when the text holds no value at all. */
  readonly value: unknown;
  /**
   * The strict JSON text `JSON.parse` read the value from (the text, or the text with its comments
   * blanked); undefined when the value came from the syntax tree (a text with syntax errors).
   */
  readonly jsonText: string | undefined;

  constructor(readonly text: string) {
    // Fast path: plain JSON (no comments, no syntax errors) parses natively. A file that opens
    // with a comment (every pulled file does) is not tried: JSON.parse would only build and
    // throw a SyntaxError, which costs more than the parse.
    const plain = opensWithComment(text) ? undefined : parsePlain(text);
    const commented = plain ? undefined : this.readPastComments();
    let value: unknown;
    if (plain || commented) {
      value = (plain ?? commented)!.value;
      this.strictText = commented?.strict;
      this.jsonText = commented?.strict ?? text;
      this.errors = [];
    } else {
      // A syntax error: jsonc-parser gives the value it can recover and the errors.
      this.buildTree();
      value = this.tree ? nodeValue(this.tree) : undefined;
      this.jsonText = undefined;
    }
    this.value = value;
  }

  /**
   * The value of the text with its comments blanked (comments.ts), when that is valid JSON the tree would read
   * alike. Not for text with a byte order mark, nor nested past the tree's limit (the tree
   * refuses such text with an error), nor with a key that might be `__proto__` (spelled out or
   * escaped): the tree's value gives that key no property of its own, JSON.parse does.
   */
  private readPastComments(): { strict: string; value: unknown } | undefined {
    if (this.text.charCodeAt(0) === BOM) return undefined;
    // Comments only at the top (as pull writes them) first: blanking them reads no string.
    const leading = blankComments(this.text, true);
    return (leading !== undefined && this.readStrict(leading)) || this.readStrict(blankComments(this.text));
  }

  private readStrict(strict: string | undefined): { strict: string; value: unknown } | undefined {
    if (strict === undefined || strict.includes('\\u') || strict.includes('__proto__') || nestsDeeperThan(strict, NESTING_LIMIT))
      return undefined;
    try {
      return { strict, value: JSON.parse(strict) };
    } catch {
      return undefined;
    }
  }

  get lines(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }

  /** Whether the syntax tree is built already (by a syntax error or a finding's place): then it costs nothing more. */
  get hasTree(): boolean {
    return this.tree !== null;
  }

  /** The jsonc-parser syntax tree, built on first use. */
  get root(): Node | undefined {
    if (this.tree === null) this.buildTree();
    return this.tree ?? undefined;
  }

  get parseErrors(): ParseError[] {
    if (this.errors === undefined) this.buildTree();
    return this.errors ?? [];
  }

  /** The node at a JSON path, or undefined. */
  nodeAt(path: JsonPath): Node | undefined {
    let node = this.root;
    for (const seg of path) {
      if (!node) return undefined;
      node = this.childNode(node, seg);
    }
    return node;
  }

  /** One step of `nodeAt`: the item or property value `segment` of `node` (a walk down the tree takes these). */
  childNode(node: Node, segment: string | number): Node | undefined {
    if (typeof segment === 'number') return node.type === 'array' ? node.children?.[segment] : undefined;
    return node.type === 'object' ? this.propertyValue(node, segment) : undefined;
  }

  /**
   * The value node of `key` in an object node: the first one, as jsonc-parser's
   * findNodeAtLocation has it. Every diagnostic looks its node up by path; scanning a wide
   * object's children for each would make a document with many findings quadratic, so an
   * object past a few keys gets an index, built once per tree.
   */
  private propertyValue(object: Node, key: string): Node | undefined {
    const props = object.children ?? [];
    if (props.length <= INDEX_FROM_KEYS) {
      for (const p of props) if (p.children?.length === 2 && p.children[0].value === key) return p.children[1];
      return undefined;
    }
    this.keyIndex ??= new WeakMap();
    let index = this.keyIndex.get(object);
    if (!index) {
      index = new Map();
      for (const p of props) {
        if (p.children?.length !== 2) continue;
        const k = String(p.children[0].value);
        if (!index.has(k)) index.set(k, p.children[1]);
      }
      this.keyIndex.set(object, index);
    }
    return index.get(key);
  }

  /**
   * The node to underline for a path: the property key when `preferKey` (unknown properties),
   * otherwise the value. Falls back to the nearest existing ancestor. `key` is the property name's
   * place when the node is a property's value.
   */
  rangeNodeAt(path: JsonPath, preferKey = false): NodeExtent | undefined {
    if (this.tree === null && this.text.charCodeAt(0) !== BOM && this.scans++ < SCANS_BEFORE_TREE) {
      // Parsed natively and no tree yet: find just this node (locate.ts) rather than build one.
      const found = locate(this.strictText ?? this.text, path, (this.skips ??= newSkipMemo()));
      if (!found) return undefined;
      return preferKey && found.whole && found.node.key ? { type: 'string', ...found.node.key } : found.node;
    }
    for (let i = path.length; i >= 0; i--) {
      const node = this.nodeAt(path.slice(0, i));
      if (!node) continue;
      const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
      if (preferKey && i === path.length && key) return { type: key.type, offset: key.offset, length: key.length };
      return { type: node.type, offset: node.offset, length: node.length, key: key && { offset: key.offset, length: key.length } };
    }
    return undefined;
  }

  syntaxDiagnostics(): PolicyDiagnostic[] {
    if (this.parseErrors.length === 0) return [];
    // jsonc-parser may report one slip twice at the same place (e.g. a trailing comma).
    const seen = new Set<number>();
    const errors = this.parseErrors.filter((e) => !seen.has(e.offset) && seen.add(e.offset));
    return errors.map((e) => {
      // Underline at least one character, except at the very end (a cut-off document).
      const length = Math.min(Math.max(e.length, 1), this.text.length - e.offset);
      return FILE_RECORDS.syntax.diagnostic(
        { range: this.lines.rangeOf(e.offset, length), offset: e.offset, length, path: [] },
        { description: this.describe(e) },
      );
    });
  }

  private describe(e: ParseError): string {
    if (e.error === TOO_DEEP) return `the document is nested more than ${NESTING_LIMIT} levels deep, too deep to read`;
    const code = printParseErrorCode(e.error);
    // jsonc-parser reports a trailing comma as a missing name or value at the closing bracket.
    const next = this.text.slice(e.offset).trimStart()[0];
    if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && (next === '}' || next === ']')) {
      return 'trailing comma: remove the comma before this bracket';
    }
    return PARSE_ERROR_TEXT[code] ?? code;
  }

  /** The document nests deeper than NESTING_LIMIT: it has no syntax tree (nor hover, completion, outline). */
  get tooDeep(): boolean {
    return this.root === undefined && this.parseErrors.some((e) => e.error === TOO_DEEP);
  }

  private buildTree(): void {
    const errors: ParseError[] = [];
    if (nestsDeeperThan(this.text, NESTING_LIMIT)) {
      this.tree = undefined;
      this.errors = [{ error: TOO_DEEP, offset: 0, length: 1 }];
      return;
    }
    try {
      this.tree = parseTree(this.text, errors, PARSE_OPTIONS);
      if (this.text.charCodeAt(0) === BOM && errors[0]?.offset === 0) errors.shift();
    } catch (err) {
      // The parser recurses per nesting level; the depth check above keeps it far from the
      // stack's end, and this stays as the last guard. Reported as a syntax problem at the
      // start rather than failing the whole validation.
      if (!(err instanceof RangeError)) throw err;
      this.tree = undefined;
      errors.length = 0;
      errors.push({ error: TOO_DEEP, offset: 0, length: 1 });
    }
    this.errors = errors;
  }
}

/** The value a syntax tree holds, as the document's value is read from it (exported for tests). */
export function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [key, val] = prop.children ?? [];
        if (key && val) out[String(key.value)] = nodeValue(val);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

const PARSE_ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a property name in double quotes is expected here',
  ValueExpected: 'a value is expected here',
  ColonExpected: 'a colon is expected after the property name',
  CommaExpected: 'a comma is expected between items',
  CloseBraceExpected: 'a closing brace } is expected',
  CloseBracketExpected: 'a closing bracket ] is expected',
  EndOfFileExpected: 'nothing may follow the policy object',
  InvalidCommentToken: 'malformed comment',
  UnexpectedEndOfComment: 'comment is not closed',
  UnexpectedEndOfString: 'string is not closed',
  UnexpectedEndOfNumber: 'number is cut off',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};
