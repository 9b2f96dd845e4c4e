// Decides, before formatting, whether a formatting request stays within the server's bounds
// (server/src/limits.ts). The formatter's output grows with nesting depth times indentation
// width, so a 600 KB file nested 100,000 deep asks for tens of gigabytes; one linear scan of the
// tokens here tells that in milliseconds, and the formatter is never started on such a file.
import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { FormattingOptions } from 'vscode-languageserver';
import { FORMAT_OUTPUT_LIMIT, FORMAT_TAB_SIZE_LIMIT, STRUCTURE_LIMIT } from '../limits';

/** Why formatting is refused, for the log; undefined when it may go ahead. */
export function formatRefusal(text: string, start: number, end: number, options: FormattingOptions): string | undefined {
  const { tabSize, insertSpaces } = options;
  if (!Number.isInteger(tabSize) || tabSize < 1 || tabSize > FORMAT_TAB_SIZE_LIMIT) {
    return `tabSize ${JSON.stringify(tabSize)} is outside 1–${FORMAT_TAB_SIZE_LIMIT}`;
  }
  const width = insertSpaces ? tabSize : 1;
  // A range is formatted at the indentation of its first line; count that line's indentation
  // as columns (an upper bound on what the formatter adds before every line of the range).
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let base = 0;
  for (let i = lineStart; text[i] === ' ' || text[i] === '\t'; i++) base += text[i] === '\t' ? tabSize : 1;

  // Upper estimate of the formatted size: the text itself plus, for every place the formatter
  // may break a line (after an opening bracket or a comma, before a closing bracket, around a
  // comment), a newline and the indentation of that depth.
  const scanner = createScanner(text.slice(start, end), false);
  let depth = 0;
  let deepest = 0;
  let size = end - start;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    switch (kind) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken:
        depth++;
        if (depth > deepest && (deepest = depth) > STRUCTURE_LIMIT) {
          return `it is nested more than ${STRUCTURE_LIMIT} levels deep`;
        }
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        depth = Math.max(0, depth - 1);
        break;
      case SyntaxKind.CommaToken:
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
        break;
      default:
        continue;
    }
    size += 1 + base + depth * width;
    if (size > FORMAT_OUTPUT_LIMIT) {
      return `the formatted text would exceed ${FORMAT_OUTPUT_LIMIT / (1024 * 1024)} MB (nesting ${deepest} deep, indentation ${width} per level)`;
    }
  }
  return undefined;
}
