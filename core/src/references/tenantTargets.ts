// What of a policy file names an object in a tenant: each raw id in a slot that takes an object id
// (the slot's `x-references` in the schema names its kinds), and each object reference
// (`${group:Sales Approvers}`). The editor looks these up in the signed-in tenant for hover and
// "does not exist" warnings; this module only finds them, with their exact place in the file.
import type { ApiVersion } from '../diagnostic';
import type { JsonPath, ParsedPolicy } from '../parse';
import { schemaNavigator } from '../schemaDocuments';
import { isRecord } from '../schemaNavigator';
import { referenceKindsOf } from '../schemaTypes';
import { findReferenceStrings, placeInFile } from './check';
import type { ObjectReferenceKind } from './syntax';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(s: string): boolean {
  return GUID.test(s);
}

export type TenantTarget =
  | { form: 'id'; id: string; kinds: ObjectReferenceKind[]; path: JsonPath; offset: number; length: number }
  | { form: 'reference'; kind: ObjectReferenceKind; parts: string[]; path: JsonPath; offset: number; length: number };

/** Every id slot holding a GUID, and every object reference, in `value` (what the schema checked). */
export function tenantTargets(parsed: ParsedPolicy, value: unknown, version: ApiVersion): TenantTarget[] {
  const nav = schemaNavigator(version);
  const out: TenantTarget[] = [];
  const walk = (v: unknown, path: JsonPath) => {
    if (typeof v === 'string') {
      if (!isGuid(v)) return;
      const kinds = nav
        .schemasAt(path, value)
        .flatMap(referenceKindsOf)
        .filter((k): k is ObjectReferenceKind => k !== 'var');
      if (kinds.length === 0) return;
      const node = parsed.rangeNodeAt(path, false);
      if (node) out.push({ form: 'id', id: v.toLowerCase(), kinds: [...new Set(kinds)], path, offset: node.offset, length: node.length });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...path, i]));
    } else if (isRecord(v)) {
      for (const [k, item] of Object.entries(v)) walk(item, [...path, k]);
    }
  };
  walk(value, []);
  for (const s of findReferenceStrings(parsed.text, value)) {
    if (s.errors.length) continue;
    for (const ref of s.references) {
      if (ref.kind === 'var' || !ref.whole) continue;
      const { offset, length } = placeInFile(parsed, s.path, ref.start, ref.end);
      out.push({ form: 'reference', kind: ref.kind, parts: ref.parts, path: s.path, offset, length });
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}
