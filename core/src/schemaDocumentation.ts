// The keywords of our schemas that only document: hover text, enum descriptions, completion
// snippets. The editor reads them from the schemas as published; validation never does. The
// validators are compiled from the schemas without them (schemaCompiler.ts): the generated
// validators carry copies of the schema objects they report on (ajv's `verbose`), and the
// documentation was most of the text of those copies, which every process loads.

const DOCUMENTATION_KEYWORDS: ReadonlySet<string> = new Set([
  'title',
  'description',
  'markdownDescription',
  'markdownEnumDescriptions',
  'enumDescriptions',
  'defaultSnippets',
  '$comment',
]);

/** Keywords whose value maps names to schemas. */
const SCHEMA_MAPS: ReadonlySet<string> = new Set(['properties', 'patternProperties', 'definitions']);
/** Keywords whose value is a schema, or a list of schemas. */
const SUBSCHEMAS: ReadonlySet<string> = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'anyOf',
  'oneOf',
  'allOf',
]);

/**
 * A copy of `schema` without its documentation keywords, at every schema position (a property
 * named `description` is a property, not a keyword, and stays). Everything else is kept as is.
 */
export function withoutDocumentation<T>(schema: T): T {
  return copyOf(schema, false);
}

/**
 * The schema as the validators are compiled from it (schemaCompiler.ts): without documentation,
 * and with the `null` branch of each nullable union last. Ajv tries a union's branches in order
 * and records an error for each one that fails before one passes, so with `null` first every
 * non-null value of a nullable property (most of a policy's) made an error object only to drop
 * it. A value's errors are the same either way but for where the null branch's sits among them,
 * and that one is always dropped as scaffolding (schemaErrors.ts).
 */
export function validatedForm<T>(schema: T): T {
  return copyOf(schema, true);
}

function copyOf<T>(schema: T, nullLast: boolean): T {
  if (Array.isArray(schema)) return schema.map((s: unknown) => copyOf(s, nullLast)) as T;
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DOCUMENTATION_KEYWORDS.has(key)) continue;
    if (SCHEMA_MAPS.has(key) && typeof value === 'object' && value !== null)
      out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, copyOf(s, nullLast)]));
    else if (nullLast && key === 'anyOf' && Array.isArray(value)) {
      const branches = copyOf(value, nullLast);
      out[key] = [...branches.filter((b) => !isNullOnly(b)), ...branches.filter(isNullOnly)];
    } else out[key] = SUBSCHEMAS.has(key) ? copyOf(value, nullLast) : value;
  }
  return out as T;
}

function isNullOnly(branch: unknown): boolean {
  return (
    typeof branch === 'object' && branch !== null && Object.keys(branch).length === 1 && (branch as { type?: unknown }).type === 'null'
  );
}
