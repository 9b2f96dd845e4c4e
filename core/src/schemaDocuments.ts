// The two generated policy schemas, bundled into every entry point (no file I/O at run time), and
// a navigator over each. No validator here: code that only reads the schemas' facts (read-only
// marks, shapes), such as the deploy core's canonical comparison inside the extension, stays free
// of ajv; core/src/schemas.ts adds the validators.
import v1Schema from '../../schemas/accesspolicy-v1.0.schema.json';
import betaSchema from '../../schemas/accesspolicy-beta.schema.json';
import type { ApiVersion } from './diagnostic';
import type { JsonSchema } from './schemaTypes';
import { SchemaNavigator } from './schemaNavigator';

export const SCHEMAS: Record<ApiVersion, JsonSchema> = {
  'v1.0': v1Schema as JsonSchema,
  beta: betaSchema as JsonSchema,
};

export const SCHEMA_FILE_NAMES: Record<ApiVersion, string> = {
  'v1.0': 'accesspolicy-v1.0.schema.json',
  beta: 'accesspolicy-beta.schema.json',
};

const navigators = new Map<ApiVersion, SchemaNavigator>();

export function policySchema(version: ApiVersion): JsonSchema {
  return SCHEMAS[version];
}

export function schemaNavigator(version: ApiVersion): SchemaNavigator {
  let nav = navigators.get(version);
  if (!nav) navigators.set(version, (nav = new SchemaNavigator(SCHEMAS[version])));
  return nav;
}
