// Reading JSON text by characters where tokens are not needed (comments.ts, locate.ts): in strict
// JSON a string ends at the first quote not escaped by an odd run of backslashes.

/** The offset of the quote closing the string that opens at `open` (the text's end if none). */
export function closingQuote(text: string, open: number): number {
  for (let q = text.indexOf('"', open + 1); q !== -1; q = text.indexOf('"', q + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === 92 /* \ */) backslashes++;
    if (backslashes % 2 === 0) return q;
  }
  return text.length;
}
