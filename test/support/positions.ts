// Where a piece of text sits in a document, found in the text itself (never through the code under
// test's own offset-to-position logic), as LSP positions: 0-based line and UTF-16 character.
export interface Position {
  line: number;
  character: number;
}

/** Offset of the `nth` (from 0) occurrence of `needle`, searching from the first `after` if given. */
export function offsetOf(text: string, needle: string, opts: { nth?: number; after?: string } = {}): number {
  let from = 0;
  if (opts.after !== undefined) {
    from = text.indexOf(opts.after);
    if (from < 0) throw new Error(`${JSON.stringify(opts.after)} not in the test document`);
  }
  let at = from - 1;
  for (let i = 0; i <= (opts.nth ?? 0); i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} (occurrence ${opts.nth ?? 0}) not in the test document:\n${text}`);
  }
  return at;
}

/** The position of `offset` in `text`. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * Position of the `nth` occurrence of `needle` (after the first `after`), moved `delta` characters
 * into it (0: its first character).
 */
export function positionOf(text: string, needle: string, opts: { nth?: number; after?: string; delta?: number } = {}): Position {
  return positionAt(text, offsetOf(text, needle, opts) + (opts.delta ?? 0));
}

/** Position of the `|` marker inside `snippet`, where the snippet (without its marker) occurs in `text`. */
export function markedPositionOf(text: string, snippet: string, nth = 0): Position {
  const bar = snippet.indexOf('|');
  if (bar < 0) throw new Error(`snippet ${JSON.stringify(snippet)} needs a | marker`);
  const needle = snippet.slice(0, bar) + snippet.slice(bar + 1);
  return positionAt(text, offsetOf(text, needle, { nth }) + bar);
}
