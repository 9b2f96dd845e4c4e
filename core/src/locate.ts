// Where a JSON path is in a document's text, without building its syntax tree. A finding on a
// large valid policy needs the position of one node; jsonc-parser's tree of a 1 MB file costs far
// more than the whole check. This walks jsonc-parser's scanner along the path only, skipping the
// values beside it, and answers what `ParsedPolicy.rangeNodeAt` answers from the tree (the same
// first-match rule as `findNodeAtLocation`). Only for text `JSON.parse` accepted: strict JSON, so
// no comments, no errors to recover from. test/core/locate.test.ts compares it with the tree.
import { createScanner, SyntaxKind, type JSONScanner, type NodeType } from 'jsonc-parser';
import type { JsonPath } from './parse';
import { closingQuote } from './jsonText';

/** A node's place in the text; `key` is its property name's, when it is a property's value. */
export interface NodeExtent {
  type: NodeType;
  offset: number;
  length: number;
  key?: { offset: number; length: number };
}

/**
 * Ends of the containers a scan skipped, by start offset, kept per document so the next finding's
 * scan jumps over a large list the previous one already read through.
 */
export type SkipMemo = Map<number, number>;

/** The node at `path`, or the nearest ancestor that exists, with whether `path` matched whole. */
export function locate(text: string, path: JsonPath, skips: SkipMemo = new Map()): { node: NodeExtent; whole: boolean } | undefined {
  const scanner = createScanner(text, true);
  let token = scanner.scan();
  let key: NodeExtent['key'];
  for (let depth = 0; depth < path.length; depth++) {
    const segment = path[depth];
    const start = scanner.getTokenOffset();
    const opener = typeof segment === 'string' ? SyntaxKind.OpenBraceToken : SyntaxKind.OpenBracketToken;
    if (token !== opener) return { node: extentOf(scanner, token, key), whole: false };
    const type: NodeType = typeof segment === 'string' ? 'object' : 'array';
    token = scanner.scan();
    let index = 0;
    let found = false;
    while (token !== SyntaxKind.CloseBraceToken && token !== SyntaxKind.CloseBracketToken && token !== SyntaxKind.EOF) {
      let memberKey: NodeExtent['key'];
      let name: string | undefined;
      if (type === 'object') {
        memberKey = { offset: scanner.getTokenOffset(), length: scanner.getTokenLength() };
        name = scanner.getTokenValue();
        scanner.scan(); // the colon
        token = scanner.scan();
      }
      if (type === 'object' ? name === segment : index === segment) {
        key = memberKey; // undefined for an array entry: its parent is no property
        found = true;
        break;
      }
      token = skipValue(text, scanner, token, skips);
      if (token === SyntaxKind.CommaToken) token = scanner.scan();
      index++;
    }
    if (!found) {
      // The container is the nearest node that exists: its extent runs to its closing bracket.
      const end = closeOf(scanner, token);
      // Its key, if it is a property's value, is the one recorded when it was matched.
      return { node: { type, offset: start, length: end - start, key }, whole: false };
    }
  }
  return { node: extentOf(scanner, token, key), whole: true };
}

function extentOf(scanner: JSONScanner, token: SyntaxKind, key: NodeExtent['key']): NodeExtent {
  const offset = scanner.getTokenOffset();
  const type = typeOf(token);
  const end = type === 'object' || type === 'array' ? closeOf(scanner, scanner.scan()) : offset + scanner.getTokenLength();
  return { type, offset, length: end - offset, key };
}

function typeOf(token: SyntaxKind): NodeType {
  switch (token) {
    case SyntaxKind.OpenBraceToken:
      return 'object';
    case SyntaxKind.OpenBracketToken:
      return 'array';
    case SyntaxKind.StringLiteral:
      return 'string';
    case SyntaxKind.NumericLiteral:
      return 'number';
    case SyntaxKind.TrueKeyword:
    case SyntaxKind.FalseKeyword:
      return 'boolean';
    default:
      return 'null';
  }
}

/** Skips the value starting at `token`; returns the token after it. */
function skipValue(text: string, scanner: JSONScanner, token: SyntaxKind, skips: SkipMemo): SyntaxKind {
  if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
    const start = scanner.getTokenOffset();
    const end = skips.get(start);
    if (end !== undefined) scanner.setPosition(end);
    else {
      const close = containerEnd(text, start + 1);
      skips.set(start, close);
      scanner.setPosition(close);
    }
  }
  return scanner.scan();
}

/**
 * The offset just past the bracket that closes the container whose members start at `from`, by
 * reading characters rather than tokens: the text is strict JSON (see the file's head), so outside
 * strings a bracket is structure, and a string ends at the first quote not escaped. Skipping a
 * large list this way costs a fraction of tokenising it (no token values are made).
 */
function containerEnd(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) i = closingQuote(text, i);
    else if (c === 123 /* { */ || c === 91 /* [ */) depth++;
    else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (--depth === 0) return i + 1;
    }
  }
  return text.length;
}

/**
 * From `token` inside a container (its members partly read), scans to the container's closing
 * bracket and returns the offset just past it. `token` is the current token.
 */
function closeOf(scanner: JSONScanner, token: SyntaxKind): number {
  let depth = 1;
  for (;;) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) depth++;
    else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      if (--depth === 0) return scanner.getTokenOffset() + 1;
    } else if (token === SyntaxKind.EOF) return scanner.getTokenOffset();
    token = scanner.scan();
  }
}
