// Shared helpers for the schema tests: the committed schemas, the validators the validation core
// itself compiles from them (so these tests check the core's ajv options, not a look-alike), and
// Microsoft's metadata as committed under test/fixtures/microsoft.
import type { ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { schemaValidator } from '../../core/src/schemas';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** Microsoft's data, laid out as `--from-shared` of the schema generator expects it. */
export const MICROSOFT_DIR = path.join(repoRoot, 'test', 'fixtures', 'microsoft');

export type JsonSchema = Record<string, any>;

export function loadSchema(version: 'v1.0' | 'beta'): JsonSchema {
  return JSON.parse(readFileSync(path.join(repoRoot, 'schemas', `accesspolicy-${version}.schema.json`), 'utf8'));
}

/** Both schemas' validators, exactly as the core compiles and uses them. */
export function validators(): { v1: ValidateFunction; beta: ValidateFunction } {
  return { v1: schemaValidator('v1.0'), beta: schemaValidator('beta') };
}

/** A file of Microsoft's Graph metadata; a missing one fails the test that needs it, by name. */
export function metadataFile(name: string): string {
  const file = path.join(MICROSOFT_DIR, 'graph', 'metadata', name);
  if (!existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing: the repository carries Microsoft's metadata there (see test/fixtures/microsoft/README.md)`);
  return file;
}

/** The properties map of a definition or the root (`''`). */
export function propertiesOf(schema: JsonSchema, definition: string): Record<string, JsonSchema> | undefined {
  const def = definition === '' ? schema : schema.definitions?.[definition];
  return def?.properties;
}

/** The enum of a property schema, wherever it sits (scalar, nullable, array items), without null. */
export function enumOf(prop: JsonSchema): unknown[] | undefined {
  const candidates = [prop, prop.items, ...(prop.anyOf ?? []), ...(prop.anyOf ?? []).map((s: JsonSchema) => s.items)];
  for (const c of candidates) if (c && Array.isArray(c.enum)) return c.enum.filter((v: unknown) => v !== null);
  return undefined;
}

/** Whether a property schema accepts JSON null at the top level. */
export function acceptsNull(prop: JsonSchema): boolean {
  if (Array.isArray(prop.type)) return prop.type.includes('null');
  if (prop.type === 'null') return true;
  return Array.isArray(prop.anyOf) && prop.anyOf.some((s: JsonSchema) => s.type === 'null');
}

/** The definition name a property points at ($ref directly, through null anyOf, or array items). */
export function refOf(prop: JsonSchema): string | undefined {
  const candidates = [prop, prop.items, ...(prop.anyOf ?? []), ...(prop.anyOf ?? []).map((s: JsonSchema) => s?.items)];
  for (const c of candidates) {
    if (c && typeof c.$ref === 'string') return c.$ref.replace('#/definitions/', '');
  }
  return undefined;
}
