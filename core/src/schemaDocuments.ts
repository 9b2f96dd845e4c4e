// The two generated policy schemas, bundled into every entry point (no file I/O at run time).
import v1Schema from '../../schemas/accesspolicy-v1.0.schema.json';
import betaSchema from '../../schemas/accesspolicy-beta.schema.json';
import type { ApiVersion } from './diagnostic';
import type { JsonSchema } from './schemaTypes';

export const SCHEMAS: Record<ApiVersion, JsonSchema> = {
  'v1.0': v1Schema as JsonSchema,
  beta: betaSchema as JsonSchema,
};
