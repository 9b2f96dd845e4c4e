// The two generated policy schemas and their ajv validators, each made once per process on first use.
import type { ValidateFunction } from 'ajv';
import type { ApiVersion } from './diagnostic';
import type { JsonSchema } from './schemaTypes';
import { SchemaNavigator } from './schemaNavigator';
import { SCHEMAS } from './schemaDocuments';
import { loadValidator } from './schemaValidators';

export const SCHEMA_FILE_NAMES: Record<ApiVersion, string> = {
  'v1.0': 'accesspolicy-v1.0.schema.json',
  beta: 'accesspolicy-beta.schema.json',
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
  if (!validate) validators.set(version, (validate = loadValidator(version)));
  return validate;
}
