// The one registry of diagnostic codes. Each family keeps its records in its own module; this puts
// them together, checks that no code or name is used twice, and answers "which record is AP1003".
// To add a code: add a `define({...})` to its family's module (code, severity, versions, title,
// source, message, fix); docs/rules.md is regenerated from here (`npm run generate-rules-doc`).
import { FILE_RECORDS } from './fileRecords';
import { SCHEMA_RECORDS } from './schemaRecords';
import { RULE_RECORDS } from './ruleRecords';
import { CONFIG_RECORDS } from './configRecords';
import { REFERENCE_RECORDS } from './referenceRecords';
import { compareCodes, type AnyDiagnosticRecord } from './record';

/** The families, in the order docs/rules.md lists them. */
export const FAMILIES = [
  {
    id: 'file',
    heading: 'AP0xxx: file level',
    where: '`core/src/validate.ts`, `core/src/parse.ts`; records in `core/src/diagnostics/fileRecords.ts`',
    records: FILE_RECORDS as Record<string, AnyDiagnosticRecord>,
  },
  {
    id: 'schema',
    heading: 'AP1xxx: schema',
    where: '`core/src/schemaErrors.ts`, `core/src/lenientScalars.ts`; records in `core/src/diagnostics/schemaRecords.ts`',
    records: SCHEMA_RECORDS as Record<string, AnyDiagnosticRecord>,
  },
  {
    id: 'rules',
    heading: 'AP2xxx: service rules',
    where: '`core/src/rules/`; records in `core/src/diagnostics/ruleRecords.ts`',
    records: RULE_RECORDS as Record<string, AnyDiagnosticRecord>,
  },
  {
    id: 'config',
    heading: 'AP3xxx: folder configuration',
    where: '`core/src/config/parseConfig.ts` (`accesspolicy.config.json`); records in `core/src/diagnostics/configRecords.ts`',
    intro: `The checks of a folder's \`accesspolicy.config.json\` ([environments.md](environments.md)), in the
editor and before \`plan\`, \`apply\`, \`pull\` and \`deploy --env\` (which stop with exit 2 on any of them).
Syntax errors there are AP0001 as in policy files.`,
    records: CONFIG_RECORDS as Record<string, AnyDiagnosticRecord>,
  },
  {
    id: 'references',
    heading: 'AP4xxx: name references',
    where: '`core/src/references/`; records in `core/src/diagnostics/referenceRecords.ts`',
    intro: `A file may hold a reference such as \`\${group:Sales Approvers}\` where an id goes, and \`\${var:name}\`
in any string; see [references.md](references.md). AP40xx come from the file alone (editor, \`validate\`);
AP41xx come from resolving the references against the target tenant (\`plan\`, \`apply\`, \`deploy\`) and
are placed on the reference all the same; nothing is sent while one of them is an error.`,
    records: REFERENCE_RECORDS as Record<string, AnyDiagnosticRecord>,
  },
] as const satisfies readonly Family[];

interface Family {
  id: string;
  heading: string;
  where: string;
  /** Prose shown under the family's heading in docs/rules.md. */
  intro?: string;
  records: Record<string, AnyDiagnosticRecord>;
}

/** Every record, ordered by code. */
export const CATALOGUE: readonly AnyDiagnosticRecord[] = FAMILIES.flatMap((f) => Object.values(f.records)).sort((a, b) =>
  compareCodes(a.code, b.code),
);

const byCode = new Map<string, AnyDiagnosticRecord>();
for (const family of FAMILIES) {
  for (const [key, record] of Object.entries(family.records)) {
    if (key !== record.name) throw new Error(`diagnostic record ${record.code} is listed as ${key} but named ${record.name}`);
    if (byCode.has(record.code)) throw new Error(`diagnostic code ${record.code} is defined twice`);
    byCode.set(record.code, record);
  }
}

/** The record of a code, or undefined for a code no record defines. */
export function recordFor(code: string): AnyDiagnosticRecord | undefined {
  return byCode.get(code);
}

type CodesOf<R extends Record<string, { code: string }>> = { readonly [K in keyof R]: R[K]['code'] };

function codesOf<R extends Record<string, { code: string }>>(records: R): CodesOf<R> {
  return Object.fromEntries(Object.entries(records).map(([k, r]) => [k, r.code])) as CodesOf<R>;
}

/** The codes by name, for code that asks "is this diagnostic an AP1004" (derived from the records). */
export const FILE_CODES = codesOf(FILE_RECORDS);
export const SCHEMA_CODES = codesOf(SCHEMA_RECORDS);
export const RULE_CODES = codesOf(RULE_RECORDS);
export const CONFIG_CODES = codesOf(CONFIG_RECORDS);
export const REFERENCE_CODES = codesOf(REFERENCE_RECORDS);

export { FILE_RECORDS, SCHEMA_RECORDS, RULE_RECORDS, CONFIG_RECORDS, REFERENCE_RECORDS };
