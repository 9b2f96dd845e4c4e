// The small slice of JSON Schema (draft-07) this project's generated schemas use.
export interface JsonSchema {
  $id?: string;
  $ref?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  /** Documentation in Markdown (an editor keyword; the generator writes ours, see schemas/README.md). */
  markdownDescription?: string;
  /** Markdown meaning of each `enum` value, in `enum`'s order. */
  markdownEnumDescriptions?: string[];
  /** Ready-made values an editor offers in completion. */
  defaultSnippets?: { label?: string; description?: string; body?: unknown; bodyText?: string }[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  /** Slots that also take references (`${kind:name}`) keep their format in `else` (schemas/README.md). */
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  discriminator?: { propertyName: string };
  definitions?: Record<string, JsonSchema>;
  readOnly?: boolean;
  default?: unknown;
  [extension: `x-${string}`]: unknown;
}

/** The string format of a slot (`uuid`, `date-time`, …), also where the slot takes references. */
export function formatOf(schema: JsonSchema): string | undefined {
  return schema.format ?? schema.else?.format;
}

/** The kinds of reference (`${kind:name}`) a slot takes, as the schema lists them. */
export function referenceKindsOf(schema: JsonSchema): readonly string[] {
  const kinds = schema['x-references'];
  return Array.isArray(kinds) ? (kinds as string[]) : [];
}
