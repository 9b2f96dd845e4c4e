// Reading JSON text by characters where tokens are not needed (comments.ts, locate.ts): in strict
// JSON a string ends at the first quote not escaped by an odd run of backslashes.

/**
 * From this many characters a document is large: reading it character by character (to place a
 * finding, to search it with a regular expression at every quote, to build its targets before its
 * diagnostics go out) costs more than the native search, value walk or deferral each user of this
 * takes instead. A real policy is a few KB; a tenant's largest (thousands of targets) about 1 MB.
 */
export const LARGE_TEXT_CHARS = 64 * 1024;

/** The offset of the quote closing the string that opens at `open` (the text's end if none). */
export function closingQuote(text: string, open: number): number {
  for (let q = text.indexOf('"', open + 1); q !== -1; q = text.indexOf('"', q + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === 92 /* \ */) backslashes++;
    if (backslashes % 2 === 0) return q;
  }
  return text.length;
}
