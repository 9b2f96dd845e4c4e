// Where a piece of a decoded JSON string sits in the file. A string literal may hold JSON escapes
// (`\"`, `\\`, `\u0024`), so offsets into the value are not offsets into the text; a reference's
// diagnostic must underline exactly the reference as written.

/**
 * For the string literal starting at `literalOffset` (its opening quote): the text offset of each
 * decoded character, plus one entry for the end of the value (the closing quote).
 */
export function decodedOffsets(text: string, literalOffset: number): number[] {
  const out: number[] = [];
  let i = literalOffset + 1;
  while (i < text.length && text[i] !== '"') {
    out.push(i);
    if (text[i] === '\\') {
      const e = text[i + 1];
      // `\uXXXX` is one UTF-16 unit of the value (a surrogate pair is two escapes), any other escape one.
      i += e === 'u' ? 6 : 2;
    } else {
      i += 1;
    }
  }
  out.push(i);
  return out;
}

/** Text offset and length of the decoded range [start, end) of the literal at `literalOffset`. */
export function textRangeOf(text: string, literalOffset: number, start: number, end: number): { offset: number; length: number } {
  const map = decodedOffsets(text, literalOffset);
  const from = map[Math.min(start, map.length - 1)];
  const to = map[Math.min(end, map.length - 1)];
  return { offset: from, length: Math.max(to - from, 1) };
}
