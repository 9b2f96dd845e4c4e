// `--format text`: one line per problem, file:line:col severity code message (1-based). Control
// characters in the name or the message are escaped (../terminalText), so no line can be forged.
import type { Formatter } from './formatter';
import { displayPath, oneLine } from '../terminalText';

export function textFormatter(): Formatter {
  return {
    file: ({ file, diagnostics }) =>
      diagnostics.map((d) => `${displayPath(file)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${oneLine(d.message)}\n`).join(''),
    end: () => '',
  };
}
