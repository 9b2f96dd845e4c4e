// How a document is laid out (indentation, line ending), so an edit made for the user (a quick
// fix, the policy id a deploy writes back) looks like the rest of the file.
import type { FormattingOptions } from 'jsonc-parser';

/**
 * Tabs if any line is indented with a tab; otherwise spaces, as wide as the narrowest indented line
 * (2 when no line is indented); CRLF if the file uses it anywhere.
 */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let tabSize = 0;
  for (const line of text.split(/\r?\n/)) {
    const indent = /^([ \t]+)\S/.exec(line)?.[1];
    if (!indent) continue;
    if (indent.startsWith('\t')) return { tabSize: 4, insertSpaces: false, eol };
    tabSize = tabSize === 0 ? indent.length : Math.min(tabSize, indent.length);
  }
  return { tabSize: tabSize || 2, insertSpaces: true, eol };
}
