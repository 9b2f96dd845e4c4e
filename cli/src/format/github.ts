// `--format github`: GitHub Actions workflow commands, so findings show as annotations on the
// pull request's lines without uploading anything.
// ::error file=a.json,line=3,col=5,endLine=3,endColumn=9,title=AP1003::message
import type { Severity } from '../../../core/src';
import type { Formatter } from './formatter';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice' };

/** The message part: %, CR and LF would end or corrupt the command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` (ends the properties) and `,` (separates them). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function githubFormatter(): Formatter {
  return {
    file: ({ file, diagnostics }) =>
      diagnostics
        .map((d) => {
          const props = [
            `file=${escapeProperty(file)}`,
            `line=${d.range.start.line + 1}`,
            `col=${d.range.start.character + 1}`,
            `endLine=${d.range.end.line + 1}`,
            `endColumn=${d.range.end.character + 1}`,
            `title=${escapeProperty(d.code)}`,
          ];
          return `::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(d.message)}\n`;
        })
        .join(''),
    end: () => '',
  };
}
