// `--format json`: one array of {file, apiVersion, diagnostics} with 0-based LSP ranges; each
// diagnostic links to its code's docs entry as the editor's does (LSP `codeDescription`).
import type { FileVerdict, Formatter } from './formatter';
import { docsHref } from '../../../core/src';

export function jsonFormatter(): Formatter {
  const reports: unknown[] = [];
  return {
    file: ({ file, apiVersion, diagnostics }: FileVerdict) => {
      reports.push({
        file,
        apiVersion,
        diagnostics: diagnostics.map((d) => ({
          severity: d.severity,
          code: d.code,
          codeDescription: { href: docsHref(d.code) },
          message: d.message,
          range: d.range,
        })),
      });
      return '';
    },
    end: () => JSON.stringify(reports, null, 2) + '\n',
  };
}
