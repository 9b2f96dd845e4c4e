// `--format text`: one line per problem, file:line:col severity code message (1-based). Control
// characters in the name or the message are escaped (../terminalText), so no line can be forged.
import type { Formatter } from './formatter';
import { displayPath, oneLine } from '../terminalText';
import { formatLocation } from '../../../core/src';

export function textFormatter(): Formatter {
  return {
    file: ({ file, diagnostics }) =>
      diagnostics.map((d) => `${formatLocation(d.range, displayPath(file))} ${d.severity} ${d.code} ${oneLine(d.message)}\n`).join(''),
    end: () => '',
  };
}
