// Every diagnostic code with its one-line description and default severity, from the diagnostic
// records (core/src/diagnostics/), the one place codes are described. SARIF names a rule for each
// code and links to its row in docs/rules.md (generated from the same records).
import { CATALOGUE, defaultSeverity, docsHref, RULES_DOC_URL, type Severity } from '../../../core/src';

export { RULES_DOC_URL };

export interface RuleEntry {
  code: string;
  /** The row's description, Markdown as written. */
  markdown: string;
  /** The same without Markdown, for plain-text consumers. */
  text: string;
  severity: Severity;
  helpUri: string;
}

let catalog: RuleEntry[] | undefined;

export function ruleCatalog(): readonly RuleEntry[] {
  return (catalog ??= CATALOGUE.map((r) => ({
    code: r.code,
    markdown: r.title,
    text: r.title.replace(/`([^`]*)`/g, '$1').replace(/\*\*?([^*]+)\*\*?/g, '$1'),
    severity: defaultSeverity(r),
    helpUri: docsHref(r.code),
  })));
}
