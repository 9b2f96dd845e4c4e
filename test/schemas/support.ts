// Shared helpers for the schema tests: the committed schemas compiled once with the options the
// validation core uses, and the location of Microsoft's metadata in the shared folder.
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

export type JsonSchema = Record<string, any>;

export function loadSchema(version: 'v1.0' | 'beta'): JsonSchema {
  return JSON.parse(readFileSync(path.join(repoRoot, 'schemas', `accesspolicy-${version}.schema.json`), 'utf8'));
}

let compiled: { v1: ValidateFunction; beta: ValidateFunction } | undefined;

/** Both schemas compiled once, with the core's ajv options. */
export function validators(): { v1: ValidateFunction; beta: ValidateFunction } {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, discriminator: true, strict: false });
    addFormats(ajv);
    compiled = { v1: ajv.compile(loadSchema('v1.0')), beta: ajv.compile(loadSchema('beta')) };
  }
  return compiled;
}

/**
 * The shared folder (Microsoft's metadata and the docs examples). Tests may read it; the product
 * must not. ACCESSPOLICY_SHARED_DIR overrides the default, which is `shared` beside the repository.
 */
export function sharedDir(): string {
  return process.env.ACCESSPOLICY_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
}

/** Returns the path, or a reason to skip that names what is missing. */
export function sharedFile(...parts: string[]): { file: string; missing?: string } {
  const file = path.join(sharedDir(), ...parts);
  if (existsSync(file)) return { file };
  return {
    file,
    missing: `${file} is absent, so this check cannot run here (set ACCESSPOLICY_SHARED_DIR to the shared folder)`,
  };
}

/** Skips the test with a printed reason (never silently). */
export function skipBecause(t: { skip(message?: string): void; diagnostic(message: string): void }, reason: string): void {
  console.log(`SKIPPED: ${reason}`);
  t.diagnostic(reason);
  t.skip(reason);
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
