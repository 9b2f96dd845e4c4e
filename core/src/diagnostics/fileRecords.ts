// AP0xxx: the file as a whole (syntax, encoding, which API version it is written for).
import type { ApiVersion, Severity } from '../diagnostic';
import { QUICK_FIXES } from '../features/quickFixes';
import { define } from './record';
import { PAGES } from './sources';

const BOTH: readonly ApiVersion[] = ['v1.0', 'beta'];

export const FILE_RECORDS = {
  syntax: define<{ description: string }>({
    code: 'AP0001',
    name: 'syntax',
    severity: 'error',
    versions: BOTH,
    title: 'Syntax error (unclosed brace, trailing comma, …)',
    source: { cell: 'JSON', urls: [PAGES.jsonSyntax] },
    message: (a) => `Syntax error: ${a.description}.`,
  }),
  otherVersion: define<{ key: string; where?: string; belongsTo: ApiVersion; checkedAs: ApiVersion; because: string; hint?: string }>({
    code: 'AP0002',
    name: 'otherVersion',
    severity: 'error',
    versions: BOTH,
    title: "A property of the other API version's shape (e.g. `accessPackageId` in a v1.0 file)",
    source: { cell: 'Graph v1.0 and beta types', urls: [PAGES.policyV1, PAGES.policyBeta], facts: ['which-version-a-body-is-written-for'] },
    message: (a) =>
      `\`${a.key}\`${a.where ? ` (${a.where})` : ''} belongs to the ${a.belongsTo} API shape, but this file is checked as ${a.checkedAs} because ${a.because}.${a.hint ? ' ' + a.hint : ''}`,
  }),
  notAnObject: define<{ kind?: string }>({
    code: 'AP0003',
    name: 'notAnObject',
    severity: 'error',
    versions: BOTH,
    title: 'The file is empty or is not one JSON object',
    source: { cell: '—', urls: [PAGES.createPolicyV1] },
    message: (a) =>
      a.kind === undefined
        ? 'The file is empty. A policy file holds one JSON object: the body Graph takes to create the policy.'
        : 'A policy file holds one JSON object (the body Graph takes to create the policy), not ' + a.kind + '.',
  }),
  unknownSchema: define<{ version: ApiVersion }>({
    code: 'AP0004',
    name: 'unknownSchema',
    severity: 'warning',
    versions: BOTH,
    title: '`$schema` does not name an access policy schema; version taken from the body',
    source: { cell: '—', urls: [], own: true },
    message: (a) =>
      `$schema does not name an access policy schema (accesspolicy-v1.0.schema.json or accesspolicy-beta.schema.json); the API version was taken from the body instead (${a.version}).`,
  }),
  versionUncertain: define<{ version: ApiVersion; other: ApiVersion; majority: number; minority: number }>({
    code: 'AP0005',
    name: 'versionUncertain',
    severity: 'warning',
    versions: BOTH,
    title:
      "The body mixes the two shapes (two or more properties of the minority version, or a tie): the version is uncertain. The body is checked as the majority (every version-specific property counts, at any depth; top-level ones break a tie), the minority's properties are AP0002, and the parts of the minority are still checked against their own version's schema (e.g. a wrong-case enum inside them, AP1003). Quick fixes add `$schema` for either version",
    source: { cell: 'Graph v1.0 and beta types', urls: [PAGES.policyV1, PAGES.policyBeta], facts: ['which-version-a-body-is-written-for'] },
    message: (a) =>
      `This body mixes the two API shapes (${a.majority} ${a.version} propert${a.majority === 1 ? 'y' : 'ies'}, ${a.minority} ${a.other}), so which version it is for is uncertain. It is checked as ${a.version}, the majority; add \`$schema\` to say which endpoint it is sent to.`,
    fix: QUICK_FIXES.schemaForVersion,
  }),
  notUtf8: define<{ encoding: string }>({
    code: 'AP0006',
    name: 'notUtf8',
    severity: 'error',
    versions: BOTH,
    title:
      'The file is UTF-16 (as Windows PowerShell 5 writes with `>`/`Out-File`), not UTF-8: one diagnostic instead of a syntax error per character',
    source: { cell: 'RFC 8259 §8.1', urls: [PAGES.rfc8259] },
    message: (a) =>
      `This file is ${a.encoding} text; a policy file must be UTF-8 (JSON exchanged between systems is UTF-8: RFC 8259). Save it as UTF-8: in VS Code, click the encoding in the status bar, then Save with Encoding, UTF-8; in PowerShell, write it with \`Set-Content -Encoding utf8\` or \`Out-File -Encoding utf8\`.`,
  }),
  moreProblems: define<{ hidden: number; counts: string; limit: number; worst: Severity }>({
    code: 'AP0007',
    name: 'moreProblems',
    severity: (a) => a.worst,
    severityText: 'error, warning or information: that of the worst hidden one',
    versions: BOTH,
    title:
      'Editor only: "… and N more problems": the editor is sent a file\'s first 1,000 diagnostics (`server/src/limits.ts`) and this one, as severe as the worst hidden one; `accesspolicy validate` lists them all',
    source: { cell: '—', urls: [], own: true },
    message: (a) =>
      `… and ${a.hidden.toLocaleString('en')} more problems from here on (${a.counts}), not listed: the editor shows the first ${a.limit.toLocaleString('en')} of a file; \`accesspolicy validate\` lists them all.`,
  }),
};
