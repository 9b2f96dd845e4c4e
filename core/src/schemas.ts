// The two generated policy schemas, bundled into every entry point (no file I/O at run time), and
// their ajv validators, each compiled once per process on first use.
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import v1Schema from '../../schemas/accesspolicy-v1.0.schema.json';
import betaSchema from '../../schemas/accesspolicy-beta.schema.json';
import type { ApiVersion } from './diagnostic';
import type { JsonSchema } from './schemaTypes';
import { SchemaNavigator } from './schemaNavigator';

export const SCHEMA_FILE_NAMES: Record<ApiVersion, string> = {
  'v1.0': 'accesspolicy-v1.0.schema.json',
  beta: 'accesspolicy-beta.schema.json',
};

const SCHEMAS: Record<ApiVersion, JsonSchema> = {
  'v1.0': v1Schema as JsonSchema,
  beta: betaSchema as JsonSchema,
};

const validators = new Map<ApiVersion, ValidateFunction>();
const navigators = new Map<ApiVersion, SchemaNavigator>();

export function policySchema(version: ApiVersion): JsonSchema {
  return SCHEMAS[version];
}

export function schemaNavigator(version: ApiVersion): SchemaNavigator {
  let nav = navigators.get(version);
  if (!nav) navigators.set(version, (nav = new SchemaNavigator(SCHEMAS[version])));
  return nav;
}

export function schemaValidator(version: ApiVersion): ValidateFunction {
  let validate = validators.get(version);
  if (!validate) {
    // verbose: errors carry the failing schema object, which the error mapper uses to name the
    // Graph type and list allowed values. It costs nothing when the document is valid.
    const ajv = new Ajv({ allErrors: true, discriminator: true, strict: false, verbose: true, allowUnionTypes: true });
    addFormats(ajv, ['uuid', 'date-time', 'duration', 'date']);
    validate = ajv.compile(SCHEMAS[version]);
    validators.set(version, validate);
  }
  return validate;
}
