// How deep a text nests, found by jsonc-parser's scanner (a loop, no recursion), so that the
// recursive parts (jsonc-parser's parseTree and getLocation, tree walks) are never started on a
// document deep enough to exhaust the stack, whichever handler happens to run them.
import { createScanner, SyntaxKind } from 'jsonc-parser';

/**
 * Deepest nesting of objects and arrays the core builds a syntax tree for. A real policy nests
 * about ten deep; a thousand levels keeps every recursive walk far inside Node's stack.
 */
export const NESTING_LIMIT = 1000;

export function nestsDeeperThan(text: string, limit: number): boolean {
  // Nesting deeper than the limit needs more opening brackets than the limit: a count of them
  // (native string search) spares every ordinary policy the scan.
  if (count(text, '{') + count(text, '[') <= limit) return false;
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      if (++depth > limit) return true;
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return false;
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++;
  return n;
}
