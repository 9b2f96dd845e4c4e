// Turns a policy body's ids into name references, slot by slot as the schema says (`x-references`),
// so a test can check a body both ways: with ids and with references.
import type { ApiVersion } from '../../core/src/diagnostic';
import type { JsonPath } from '../../core/src/parse';
import { schemaNavigator } from '../../core/src/schemaDocuments';
import { referenceKindsOf } from '../../core/src/schemaTypes';
import { formatReference, REFERENCE_KINDS, type ReferenceKind } from '../../core/src/references/syntax';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A copy of `body` with every id in a slot that takes references replaced by a reference; `names` says how each id is named. */
export function referencing(
  body: unknown,
  version: ApiVersion,
  names: (kind: ReferenceKind, id: string) => string[] = defaultNames,
): { body: unknown; replaced: { path: JsonPath; kind: ReferenceKind; reference: string }[] } {
  const nav = schemaNavigator(version);
  const replaced: { path: JsonPath; kind: ReferenceKind; reference: string }[] = [];
  const walk = (v: unknown, path: JsonPath): unknown => {
    if (typeof v === 'string' && GUID.test(v)) {
      const kind = nav
        .schemasAt(path, body)
        .flatMap(referenceKindsOf)
        .find((k) => k !== 'var') as ReferenceKind | undefined;
      if (!kind) return v;
      const reference = formatReference(kind, names(kind, v));
      replaced.push({ path, kind, reference });
      return reference;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, [...path, k])]));
    return v;
  };
  return { body: walk(body, []), replaced };
}

function defaultNames(kind: ReferenceKind, id: string): string[] {
  const tail = id.slice(-4);
  if (kind === 'user') return [`user-${tail}@contoso.com`];
  return REFERENCE_KINDS[kind].parts.map((p, i) => `${p.split(' ')[0]} ${tail}${i ? '' : ''}`);
}
