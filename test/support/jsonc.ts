// Policy files carry comments (pull writes a leading one). Tests read their values through
// jsonc-parser's stripComments, the library the product parses with, not a regex that knows only
// one comment form; JSON.parse after it still fails on anything else that is not JSON.
import { stripComments } from 'jsonc-parser';

export function parseJsonc(text: string): any {
  return JSON.parse(stripComments(text));
}
