// Cuts the policy-reachable part out of Microsoft's full v1.0 CSDL, so the repository carries a
// small pinned input (schemas/inputs/v1.0-policy-csdl.xml) instead of the 3.5 MB original. Each
// type element is copied verbatim; only the wrapper elements and the provenance comment are ours.
import { createHash } from 'node:crypto';
import { derivedTypes, splitCollection } from './csdl-reader.mjs';

export const V1_SOURCE = {
  repository: 'microsoftgraph/msgraph-metadata',
  commit: 'f54f11b60956ea7b185ca0447b2b80805836ec7b',
  path: 'clean_v10_metadata/cleanMetadata.xml',
  date: '2026-08-20',
  licence: 'MIT, Copyright (c) 2018 Microsoft Graph',
};

/** Names of the types the v1.0 schema needs, given the full model and the profile. */
export function reachableTypes(types, profile) {
  const out = new Set();
  const queue = [];
  const add = (name) => {
    if (name.startsWith('Edm.') || out.has(name)) return;
    if (!types.has(name)) throw new Error(`CSDL has no type ${name}`);
    out.add(name);
    queue.push(name);
  };
  const addShallow = (name) => {
    // Referenced entities: the type, its bases and the element types of its structural
    // properties (so enums can be told from objects), without following further.
    for (let t = types.get(name); t; t = t.baseType ? types.get(t.baseType) : undefined) {
      out.add(t.fullName);
      for (const p of t.properties) {
        const { element } = splitCollection(p.type);
        if (!element.startsWith('Edm.')) {
          if (!types.has(element)) throw new Error(`CSDL has no type ${element}`);
          out.add(element);
        }
      }
    }
  };
  add(profile.root);
  while (queue.length) {
    const t = types.get(queue.shift());
    if (t.baseType) add(t.baseType);
    for (const p of t.properties) add(splitCollection(p.type).element);
    for (const n of t.navigationProperties) {
      const { element } = splitCollection(n.type);
      const key = `${t.fullName}.${n.name}`;
      if (n.containsTarget) add(element);
      else if (profile.references[element]) {
        for (const r of [element, ...profile.references[element]]) addShallow(r);
      } else if (profile.opaqueNavs[key] === undefined && profile.skip[key] === undefined) {
        throw new Error(`navigation ${key} is not modelled by the v1.0 profile`);
      }
    }
    if (profile.discriminated[t.fullName]) {
      const exclude = new Set(profile.discriminated[t.fullName].exclude ?? []);
      for (const d of derivedTypes(types, t.fullName)) if (!exclude.has(d)) add(d);
    }
    for (const d of profile.merged[t.fullName] ?? []) add(d);
  }
  return out;
}

/** The slice document: provenance comment, then each reached type element in source order. */
export function sliceCsdl(fullXml, model, profile) {
  const names = reachableTypes(model.types, profile);
  const byNamespace = new Map();
  for (const t of model.types.values()) {
    if (!names.has(t.fullName)) continue;
    if (!byNamespace.has(t.namespace)) byNamespace.set(t.namespace, []);
    byNamespace.get(t.namespace).push(t.text);
  }
  const sha256 = createHash('sha256').update(fullXml).digest('hex');
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<!--',
    '  Slice of the Microsoft Graph v1.0 CSDL: only the types reachable from',
    '  microsoft.graph.accessPackageAssignmentPolicy, each element copied unchanged.',
    `  Source: ${V1_SOURCE.repository} ${V1_SOURCE.path}`,
    `  Commit: ${V1_SOURCE.commit} (${V1_SOURCE.date})`,
    `  Source file: ${Buffer.byteLength(fullXml)} bytes, sha256 ${sha256}`,
    `  Licence: ${V1_SOURCE.licence}`,
    '  Regenerate with: node scripts/generate-schemas.mjs --from-shared',
    '-->',
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
    '  <edmx:DataServices>',
  ];
  for (const s of model.schemas) {
    const texts = byNamespace.get(s.namespace);
    if (!texts) continue;
    const alias = s.alias ? ` Alias="${s.alias}"` : '';
    lines.push(`    <Schema Namespace="${s.namespace}"${alias} xmlns="http://docs.oasis-open.org/odata/ns/edm">`);
    for (const text of texts) lines.push(`      ${text}`);
    lines.push('    </Schema>');
  }
  lines.push('  </edmx:DataServices>', '</edmx:Edmx>', '');
  return lines.join('\n');
}
