// Every diagnostic code with its one-line description and default severity, read from the table
// rows of docs/rules.md, the one place codes are described (bundled as text by scripts/build.mjs).
// SARIF names a rule for each code and links to its row's anchor.
import rulesDoc from '../../../docs/rules.md';
import type { Severity } from '../../../core/src';
import { repository } from '../../../package.json';

/**
 * Where docs/rules.md is published (each row has an anchor `#ap1003`), derived from the manifest's
 * `repository`, the one place the project's home is named, so moving the repository moves the links.
 */
export const RULES_DOC_URL = `${repository.url.replace(/\.git$/, '')}/blob/main/docs/rules.md`;

export interface RuleEntry {
  code: string;
  /** The row's description, Markdown as written. */
  markdown: string;
  /** The same without Markdown or HTML, for plain-text consumers. */
  text: string;
  severity: Severity;
  helpUri: string;
}

const ROW = /^\|\s*(AP\d{4})\s*\|\s*((?:[^|\\]|\\.)*?)\s*\|\s*([^|]*?)\s*\|/gm;

export function parseRuleCatalog(markdown: string): RuleEntry[] {
  const out: RuleEntry[] = [];
  for (const m of markdown.matchAll(ROW)) {
    const description = m[2].replace(/<a id="[^"]*"><\/a>/g, '').trim();
    const severity = (/\b(error|warning|information)\b/.exec(m[3])?.[1] ?? 'error') as Severity;
    out.push({
      code: m[1],
      markdown: description,
      text: description.replace(/`([^`]*)`/g, '$1').replace(/\*\*?([^*]+)\*\*?/g, '$1'),
      severity,
      helpUri: `${RULES_DOC_URL}#${m[1].toLowerCase()}`,
    });
  }
  return out;
}

let catalog: RuleEntry[] | undefined;

export function ruleCatalog(): readonly RuleEntry[] {
  return (catalog ??= parseRuleCatalog(rulesDoc));
}
