// `--format text`: one line per problem, file:line:col severity code message (1-based).
import type { Formatter } from './formatter';

export function textFormatter(): Formatter {
  return {
    file: ({ file, diagnostics }) =>
      diagnostics.map((d) => `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}\n`).join(''),
    end: () => '',
  };
}
