// Which properties of a policy the service maintains itself, read off the generated schemas'
// `readOnly` marks (scripts/schema-gen/*-profile.mjs decides them), so the rule that flags them,
// the deploy body that drops them and the comparison that ignores them cannot disagree. Reads the
// schema documents only (no validator): the extension bundle uses it through the deploy core.
import type { ApiVersion } from './diagnostic';
import type { JsonSchema } from './schemaTypes';
import { schemaNavigator } from './schemaDocuments';

const topLevel = new Map<ApiVersion, readonly string[]>();

/**
 * The policy's own read-only properties (timestamps, who, expanded relations), except `id`: the
 * service assigns it too, but an update addresses the policy by it and deploy writes it back.
 */
export function serviceSetTopLevel(version: ApiVersion): readonly string[] {
  let list = topLevel.get(version);
  if (!list) {
    const props = schemaNavigator(version).root.properties ?? {};
    list = Object.keys(props).filter((k) => k !== 'id' && props[k].readOnly === true);
    topLevel.set(version, list);
  }
  return list;
}

let stamps: readonly string[] | undefined;

/**
 * The scalar read-only properties of a policy in either version (`createdDateTime`, `createdBy`,
 * …): the service stamps objects with them wherever they sit, so a comparison ignores them at
 * every depth.
 */
export function serviceStamps(): readonly string[] {
  if (!stamps) {
    const out = new Set<string>();
    for (const version of ['v1.0', 'beta'] as const) {
      const props = schemaNavigator(version).root.properties ?? {};
      for (const k of serviceSetTopLevel(version)) if (isScalar(props[k])) out.add(k);
    }
    stamps = [...out];
  }
  return stamps;
}

function isScalar(schema: JsonSchema): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return (
    schema.$ref === undefined &&
    schema.anyOf === undefined &&
    types.some((t) => t === 'string' || t === 'boolean' || t === 'integer' || t === 'number')
  );
}
