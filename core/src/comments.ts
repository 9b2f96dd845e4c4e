// A policy file may carry comments (`pull` writes one at the top of every file). JSON.parse takes
// none, and building jsonc-parser's syntax tree only to read past them costs several times the
// parse. With each comment blanked out (spaces; line breaks kept), the text is strict JSON with
// every other character where it was, so it parses natively and positions found in it
// (locate.ts) are positions in the file.
//
// Comments are found by reading characters, not tokens (jsonc-parser's scanner would tokenise the
// whole file to find one comment). The caller uses the result only when JSON.parse accepts it; then
// its strings are strict JSON strings, which end where this reading ends them, so what was blanked
// is exactly what jsonc-parser reads as comments (`//` to the line's end, `/*` to the next `*/`).

import { closingQuote } from './jsonText';

const SLASH = 47;
const STAR = 42;
const QUOTE = 34;

/**
 * `text` with its comments turned into spaces, or undefined when that would not read as
 * jsonc-parser reads the file: no comment at all (nothing to blank), or a block comment that is
 * not closed (an error jsonc-parser reports).
 *
 * `leadingOnly`: only the comments before the first value (undefined when it opens with none).
 * Most commented files (every pulled one) have comments only there; when the rest is valid JSON
 * it holds no comment (JSON has no place for a `/` outside strings), so the result equals the
 * whole blanking without reading every string.
 */
export function blankComments(text: string, leadingOnly = false): string | undefined {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (leadingOnly && c !== SLASH) {
      if (c === 32 || c === 9 || c === 10 || c === 13) continue;
      break;
    }
    if (c === QUOTE) {
      i = closingQuote(text, i);
      continue;
    }
    if (c !== SLASH) continue;
    const next = text.charCodeAt(i + 1);
    let end: number;
    let blank: string;
    if (next === SLASH) {
      end = lineEnd(text, i + 2);
      // A line comment holds no line break: all of it becomes spaces.
      blank = ' '.repeat(end - i);
    } else if (next === STAR) {
      const close = text.indexOf('*/', i + 2);
      if (close === -1) return undefined;
      end = close + 2;
      blank = text.slice(i, end).replace(/[^\r\n]/g, ' ');
    } else if (leadingOnly) break;
    else continue;
    parts.push(text.slice(from, i), blank);
    from = end;
    i = end - 1;
  }
  if (parts.length === 0) return undefined;
  parts.push(text.slice(from));
  return parts.join('');
}

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}
