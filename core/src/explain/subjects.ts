// A subject (v1.0 subjectSet) or user set (beta userSet) in words, by its type and id:
// "members of group 1623f912-…", "the requestor's manager (2 levels up)". The nouns and which
// property holds the id come from the type knowledge the hover uses (knowledge/typeDocs.ts).
import type { ApiVersion } from '../diagnostic';
import type { JsonPath } from '../parse';
import { typeDoc } from '../knowledge/typeDocs';
import { obj, quote, str, num } from './read';
import type { SummaryItem } from './types';
import { shortTypeName } from '../graphNames';

/** The property that names the entry's object ("userId", beta "id", "membershipRule"). */
function idKey(version: ApiVersion, odataType: string): string | undefined {
  const skeleton = typeDoc(odataType)?.skeleton?.[version] ?? typeDoc(odataType)?.skeleton?.['v1.0'];
  return skeleton?.find((e) => 'placeholder' in e)?.key;
}

export function describeSubject(version: ApiVersion, entry: unknown): string {
  const e = obj(entry);
  if (!e) return `not a subject (${quote(entry, 40)})`;
  const type = str(e['@odata.type']);
  if (!type) return 'a subject without @odata.type';
  const doc = typeDoc(type);
  if (!doc?.noun) return `a subject of unknown type ${quote(type, 60)}`;
  let text = doc.noun;
  const key = idKey(version, type);
  if (key) {
    const value = e[key];
    text +=
      value === undefined || value === null || value === ''
        ? ` (no ${key} given)`
        : ` ${key === 'membershipRule' ? quote(value) : String(str(value) ?? quote(value, 60))}`;
  }
  const level = num(e.managerLevel);
  if (level !== undefined && level !== 1) text += ` (${level} levels up)`;
  const description = str(e.description);
  if (description) text += ` — ${quote(description, 80)}`;
  return text;
}

/** True for beta entries marked as backups (fallbacks) in their collection. */
export function isBackup(entry: unknown): boolean {
  return obj(entry)?.isBackup === true;
}

/** One item per subject of a collection, each pointing at its entry. */
export function subjectItems(
  version: ApiVersion,
  entries: unknown[],
  path: JsonPath,
  keep: (e: unknown) => boolean = () => true,
): SummaryItem[] {
  const out: SummaryItem[] = [];
  entries.forEach((entry, i) => {
    if (keep(entry)) out.push({ text: describeSubject(version, entry), path: [...path, i] });
  });
  return out;
}

export function shortSubjectType(entry: unknown): string | undefined {
  const type = str(obj(entry)?.['@odata.type']);
  return type ? shortTypeName(type) : undefined;
}
