// `--format sarif`: SARIF 2.1.0, the format GitHub code scanning and Azure DevOps read to show
// findings on a pull request's lines. One rule per diagnostic code (description and help link from
// the diagnostic records, as docs/rules.md), exact regions, severities as SARIF levels.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PolicyDiagnostic, Severity } from '../../../core/src';
import type { FileVerdict, Formatter } from './formatter';
import { ruleCatalog, RULES_DOC_URL, type RuleEntry } from './ruleCatalog';
import { version as toolVersion } from '../../../package.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note' };

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * A file argument as a SARIF artifact URI: relative to the working directory (which CI runs from
 * the repository root, so code scanning can place it), else an absolute file: URI.
 */
export function artifactUri(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) {
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(absolute).href };
}

/** SARIF regions are 1-based; columns count UTF-16 code units and endColumn is exclusive, as LSP's end. */
function region(d: PolicyDiagnostic) {
  return {
    startLine: d.range.start.line + 1,
    startColumn: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
  };
}

function ruleOf(entry: RuleEntry) {
  return {
    id: entry.code,
    shortDescription: { text: entry.text, markdown: entry.markdown },
    helpUri: entry.helpUri,
    help: { text: `See ${entry.helpUri}`, markdown: `See [${entry.code} in docs/rules.md](${entry.helpUri}).` },
    defaultConfiguration: { level: LEVEL[entry.severity] },
  };
}

export function sarifFormatter(cwd = process.cwd()): Formatter {
  const catalog = [...ruleCatalog()];
  const results: unknown[] = [];
  const indexOf = (code: string): number => {
    let i = catalog.findIndex((r) => r.code === code);
    if (i < 0) {
      // A code missing from docs/rules.md is a documentation bug; still report the finding.
      catalog.push({ code, markdown: code, text: code, severity: 'error', helpUri: RULES_DOC_URL });
      i = catalog.length - 1;
    }
    return i;
  };
  return {
    file: ({ file, diagnostics }: FileVerdict) => {
      const artifactLocation = artifactUri(file, cwd);
      for (const d of diagnostics) {
        results.push({
          ruleId: d.code,
          ruleIndex: indexOf(d.code),
          level: LEVEL[d.severity],
          message: { text: d.message },
          locations: [{ physicalLocation: { artifactLocation, region: region(d) } }],
        });
      }
      return '';
    },
    end: (unreadable) => {
      const log = {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'accesspolicy', version: toolVersion, informationUri: RULES_DOC_URL, rules: catalog.map(ruleOf) } },
            originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + path.sep).href } },
            columnKind: 'utf16CodeUnits',
            invocations: [
              {
                executionSuccessful: unreadable.length === 0,
                toolExecutionNotifications: unreadable.map((u) => ({
                  level: 'error',
                  message: { text: `cannot read ${u.arg}: ${u.reason}` },
                })),
              },
            ],
            results,
          },
        ],
      };
      return JSON.stringify(log, null, 2) + '\n';
    },
  };
}
