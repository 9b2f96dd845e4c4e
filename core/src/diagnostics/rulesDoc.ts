// docs/rules.md, written from the records: one table row per code (its anchor, title, severity,
// versions, source), then where each check comes from. `scripts/generate-rules-doc.ts` writes it;
// test/rules/rulesDoc.test.ts fails when the committed file differs from what this renders.
import { compareCodes, type AnyDiagnosticRecord } from './record';
import { FAMILIES } from './catalogue';

const INTRO = `# Diagnostic codes

<!-- Generated from core/src/diagnostics/ by \`npm run generate-rules-doc\`; edit the records, not this file. -->

Every diagnostic the validation core reports, with its code. The same codes appear in the editor,
in \`accesspolicy validate\` and before \`accesspolicy deploy\`; in the editor and in the CLI's JSON and
SARIF output each code links to its row here.

- **Severity**: *error* where the service rejects the body; *warning* where it accepts it but the
  result is surely not what was meant (or where the body only works through leniency, such as
  \`"true"\` for \`true\`); *information* where the fact behind the check is inferred ([INF]) rather
  than documented (those messages say "inferred"), or where what is sent is harmless (read-only
  values the service fills in, OData annotations).
- **One mistake, one diagnostic**: a rule finding on a value (or inside a value) the schema already
  rejects is dropped, and rules that reason from a value (an approval flag, a scope) do not run on
  one the schema rejects. Values written as strings that Graph reads as booleans or numbers
  (AP1012, AP1013) are read as what they mean by the schema and by every rule.
- **Source**: R-numbers refer to the service rules in [policy-facts.md](policy-facts.md#service-rules);
  "schema" means the generated JSON Schema (\`schemas/\`); [INF] marks inferred facts, [TF]
  terraform's client-side checks. The pages each check rests on are listed at the end.
`;

const NOTES: Record<string, string> = {
  schema: '(AP1006 is not used.)',
  rules: 'Code AP2039 is unassigned.',
};

const CHOICES = `### Choices made

- **Policy \`id\`** is not reported. It is read-only for the service, but for \`accesspolicy deploy\`
  an \`id\` means "update this policy" (the docs' PUT bodies carry it), so it is intended.
- **Unknown subject types** are reported only by the schema (AP1010); AP2005 covers types the
  schema accepts but the collection does not, so one bad entry gives one diagnostic.
- **Object ids that are not GUIDs** are AP1005 only.
- **Missing properties** (AP2013, AP2040, AP2041, …) are underlined on the key of the object that
  should hold them, or on its opening brace when the object is an array entry or the whole file.
`;

function versions(r: AnyDiagnosticRecord): string {
  return r.versions.length === 2 ? 'both' : r.versions[0];
}

function severity(r: AnyDiagnosticRecord): string {
  return r.severityText ?? (typeof r.severity === 'string' ? r.severity : 'depends on the case');
}

/** The source cell: R-numbers link to their row in policy-facts.md, other fact sections follow. */
function sourceCell(r: AnyDiagnosticRecord): string {
  const linked = r.source.cell.replace(/\bR(\d+)\b/g, (m: string, n: string) => `[${m}](policy-facts.md#r${n})`);
  const sections = (r.source.facts ?? []).filter((f: string) => !/^r\d+$/.test(f));
  return [linked, ...sections.map((f: string) => `[policy facts](policy-facts.md#${f})`)].filter((s) => s !== '').join('; ');
}

function row(r: AnyDiagnosticRecord): string {
  return `| ${r.code} | <a id="${r.anchor}"></a>${r.title} | ${severity(r)} | ${versions(r)} | ${sourceCell(r)} |`;
}

/** A page as a short link: its path's last part (and the API version, for Graph reference pages). */
function pageLink(url: string): string {
  const u = new URL(url);
  const last = u.pathname.split('/').filter(Boolean).pop() ?? u.host;
  const view = u.searchParams.get('view');
  const label = view ? `${last} (${view === 'graph-rest-beta' ? 'beta' : 'v1.0'})` : u.host === 'github.com' ? u.pathname.slice(1) : last;
  return `[${label}](${url})`;
}

function sourceLine(r: AnyDiagnosticRecord): string {
  const pages = r.source.urls.map(pageLink).join(', ');
  const inferred = r.source.inferred ? `${pages ? '. ' : ''}Inferred: ${r.source.inferred}.` : pages ? '.' : '';
  const text = pages + inferred;
  return `- [${r.code}](#${r.anchor}): ${text === '' ? (r.source.own ? "the product's own convention (no outside fact)." : '—') : text}`;
}

export function renderRulesDoc(): string {
  const parts = [INTRO];
  for (const family of FAMILIES) {
    const records = Object.values(family.records).sort((a, b) => compareCodes(a.code, b.code));
    const intro = 'intro' in family ? `${family.intro}\n\n` : '';
    parts.push(`## ${family.heading} (${family.where})

${intro}| code | rule | severity | version(s) | source |
|---|---|---|---|---|
${records.map(row).join('\n')}
${NOTES[family.id] ? `\n${NOTES[family.id]}\n` : ''}`);
  }
  parts.push(CHOICES);
  const all = FAMILIES.flatMap((f) => Object.values(f.records)).sort((a, b) => compareCodes(a.code, b.code));
  parts.push(`## Where each check comes from

Microsoft's pages (and, where marked, other sources) that state the fact a code rests on; for an
inferred fact, why it is believed. The facts themselves, in the product's words, are in
[policy-facts.md](policy-facts.md).

${all.map(sourceLine).join('\n')}
`);
  return parts.join('\n');
}
