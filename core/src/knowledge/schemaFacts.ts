// Reads, from the generated schema, what a property holds (type, format, allowed values, nullable,
// read-only) and which Graph type owns a property at a JSON path. Hover and completion show these
// facts, so they always match what validation enforces.
import type { ApiVersion } from '../diagnostic';
import type { JsonPath } from '../parse';
import { formatOf, type JsonSchema } from '../schemaTypes';
import { schemaNavigator } from '../schemas';
import type { SchemaNavigator } from '../schemaNavigator';
import { shortTypeName } from '../graphNames';

export type ValueKind = 'string' | 'boolean' | 'integer' | 'number' | 'object' | 'array' | 'any';

export interface PropertyFacts {
  kind: ValueKind;
  /** Readable type, e.g. `string (uuid)`, `array of subjectSet`, `expirationPattern`. */
  typeLabel: string;
  /** String values the property accepts (without null), when it is an enum or a constant. */
  values?: string[];
  nullable: boolean;
  readOnly: boolean;
  /** The enum's Graph type (`microsoft.graph.allowedTargetScope`), when it has one. */
  graphType?: string;
  /** The definition objects (or array items) point to, e.g. `microsoft.graph.subjectSet`. */
  definition?: string;
}

const FORMAT_LABEL: Record<string, string> = {
  uuid: 'GUID',
  'date-time': 'ISO 8601 date and time',
  duration: 'ISO 8601 duration',
  date: 'date YYYY-MM-DD',
};

export function propertyFacts(nav: SchemaNavigator, schema: JsonSchema): PropertyFacts {
  const readOnly = schema.readOnly === true;
  const graphType = typeof schema['x-graphType'] === 'string' ? (schema['x-graphType'] as string) : undefined;
  let nullable = false;
  let branches: JsonSchema[] = [schema];
  if (schema.anyOf) {
    nullable = schema.anyOf.some((b) => b.type === 'null');
    branches = schema.anyOf.filter((b) => b.type !== 'null');
  }
  const s = nav.deref(branches[0] ?? {});
  const definition = nav.definitionName(branches[0] ?? {});
  const types = (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []).filter((t) => {
    if (t === 'null') nullable = true;
    return t !== 'null';
  });
  const stringValues = (list: unknown[] | undefined) => list?.filter((v): v is string => typeof v === 'string');
  const base = {
    nullable,
    readOnly,
    graphType: graphType && !graphType.startsWith('Edm.') && !graphType.startsWith('Collection(') ? graphType : undefined,
  };

  if (s.const !== undefined) return { ...base, kind: 'string', typeLabel: 'string (constant)', values: stringValues([s.const]) };
  if (types[0] === 'array' || s.items) {
    const item = s.items ?? {};
    const itemDef = nav.definitionName(item);
    const itemFacts = itemDef ? undefined : propertyFacts(nav, item);
    return {
      ...base,
      kind: 'array',
      typeLabel: `array of ${itemDef ? shortTypeName(itemDef) : itemFacts!.typeLabel}`,
      values: itemFacts?.values,
      definition: itemDef,
      graphType: itemFacts?.graphType ?? base.graphType,
    };
  }
  if (definition || types[0] === 'object' || s.properties || s.oneOf) {
    return { ...base, kind: 'object', typeLabel: definition ? `object (${shortTypeName(definition)})` : 'object', definition };
  }
  const kind: ValueKind =
    types[0] === 'string' || types[0] === 'boolean' || types[0] === 'integer' || types[0] === 'number' ? types[0] : 'any';
  const label =
    kind === 'integer' && graphType === 'Edm.Int32'
      ? 'integer (32-bit)'
      : formatOf(s) && FORMAT_LABEL[formatOf(s)!]
        ? `string (${FORMAT_LABEL[formatOf(s)!]})`
        : kind;
  return { ...base, kind, typeLabel: label, values: stringValues(s.enum) };
}

export interface PropertyLocation {
  /** Short Graph type name of the object holding the property; `policy` at the top level. */
  owner: string;
  schema: JsonSchema;
}

/**
 * The schemas of property `path[path.length - 1]` on the object at `path.slice(0, -1)`, one per
 * type that object may be (several while a subject set has no `@odata.type` yet).
 */
export function propertyLocations(version: ApiVersion, path: JsonPath, document: unknown): PropertyLocation[] {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return [];
  const nav = schemaNavigator(version);
  const out: PropertyLocation[] = [];
  for (const parent of nav.schemasAt(path.slice(0, -1), document)) {
    const schema = parent.properties?.[key];
    if (!schema) continue;
    out.push({ owner: ownerName(nav, parent), schema });
  }
  return out;
}

/** Short Graph type name of an object schema; `policy` for the schema's root. */
export function ownerName(nav: SchemaNavigator, schema: JsonSchema): string {
  if (schema === nav.root) return 'policy';
  const name = nav.definitionName(schema);
  return name ? shortTypeName(name) : 'object';
}

/** Every (owner, property, schema) a schema declares: for coverage tests and listings. */
export function allProperties(version: ApiVersion): { owner: string; property: string; schema: JsonSchema }[] {
  const nav = schemaNavigator(version);
  const out = Object.entries(nav.root.properties ?? {}).map(([property, schema]) => ({ owner: 'policy', property, schema }));
  for (const [name, def] of Object.entries(nav.root.definitions ?? {})) {
    for (const [property, schema] of Object.entries(def.properties ?? {})) out.push({ owner: shortTypeName(name), property, schema });
  }
  return out;
}

/** The `@odata.type` values a version's schema defines as object types (e.g. every subject set). */
export function definedTypes(version: ApiVersion): Set<string> {
  const nav = schemaNavigator(version);
  const out = new Set<string>();
  for (const def of Object.values(nav.root.definitions ?? {})) {
    const tag = def.properties?.['@odata.type']?.const;
    if (typeof tag === 'string') out.add(tag);
  }
  return out;
}

/** The definition schema for an `@odata.type` value in a version, if the version has the type. */
export function definitionOf(version: ApiVersion, odataType: string): JsonSchema | undefined {
  const nav = schemaNavigator(version);
  return nav.root.definitions?.['microsoft.graph.' + shortTypeName(odataType)];
}
