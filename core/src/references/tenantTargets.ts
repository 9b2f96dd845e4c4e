// What of a policy file names an object in a tenant: each raw id in a slot that takes an object id
// (the slot's `x-references` in the schema names its kinds), and each object reference
// (`${group:Sales Approvers}`). The editor looks these up in the signed-in tenant for hover and
// "does not exist" warnings; this module only finds them, with their exact place in the file.
import type { ApiVersion } from '../diagnostic';
import { SCANS_BEFORE_TREE, type JsonPath, type ParsedPolicy } from '../parse';
import type { Node } from 'jsonc-parser';
import { schemaNavigator } from '../schemaDocuments';
import { isRecord } from '../schemaNavigator';
import { referenceKindsOf, type JsonSchema } from '../schemaTypes';
import { findReferenceStrings, placeInFile } from './check';
import { LARGE_TEXT_CHARS } from '../jsonText';
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
  const ids: { id: string; kinds: ObjectReferenceKind[]; path: JsonPath; node: Node | undefined }[] = [];
  // The schemas of each value go along with the walk (a step from its parent's), rather than
  // being looked up from the root for every GUID: a large policy has thousands of them, and this
  // runs on every change of a document while signed in. Values no schema describes hold no slot.
  // So does the value's syntax node when `node` is given (the walk then places each id at once).
  // One path array, extended and cut back as the walk goes; an id takes a copy.
  const path: JsonPath = [];
  const walk = (v: unknown, schemas: JsonSchema[], node: Node | undefined) => {
    if (schemas.length === 0) return;
    if (typeof v === 'string') {
      if (!isGuid(v)) return;
      const kinds = schemas.flatMap(referenceKindsOf).filter((k): k is ObjectReferenceKind => k !== 'var');
      if (kinds.length > 0) ids.push({ id: v.toLowerCase(), kinds: [...new Set(kinds)], path: [...path], node });
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i], nav.childSchemas(schemas, i, v[i]), node && parsed.childNode(node, i));
        path.pop();
      }
    } else if (isRecord(v)) {
      for (const k of Object.keys(v)) {
        path.push(k);
        walk(v[k], nav.childSchemas(schemas, k, v[k]), node && parsed.childNode(node, k));
        path.pop();
      }
    }
  };
  const rootSchemas = nav.alternatives(nav.root, value);
  // Few ids are placed by reading the text along their paths (no syntax tree); many, from the tree,
  // walked beside the value (finding each from the root was most of the time on a large policy):
  // at once when the tree is there already or the document is large, else in a second walk once
  // the first has found many.
  walk(value, rootSchemas, parsed.hasTree || parsed.text.length > LARGE_TEXT_CHARS ? parsed.root : undefined);
  if (!ids[0]?.node && ids.length > SCANS_BEFORE_TREE) {
    ids.length = 0;
    walk(value, rootSchemas, parsed.root);
  }
  for (const t of ids) {
    const place = t.node ?? parsed.rangeNodeAt(t.path, false);
    if (place) out.push({ form: 'id', id: t.id, kinds: t.kinds, path: t.path, offset: place.offset, length: place.length });
  }
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
