// `--format json`: one array of {file, apiVersion, diagnostics} with 0-based LSP ranges.
import type { FileVerdict, Formatter } from './formatter';

export function jsonFormatter(): Formatter {
  const reports: unknown[] = [];
  return {
    file: ({ file, apiVersion, diagnostics }: FileVerdict) => {
      reports.push({ file, apiVersion, diagnostics: diagnostics.map((d) => ({ severity: d.severity, code: d.code, message: d.message, range: d.range })) });
      return '';
    },
    end: () => JSON.stringify(reports, null, 2) + '\n',
  };
}
