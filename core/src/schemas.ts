// The two generated policy schemas and their ajv validators, each made once per process on first use.
import type { ValidateFunction } from 'ajv';
import type { ApiVersion } from './diagnostic';
export { SCHEMA_FILE_NAMES, policySchema, schemaNavigator } from './schemaDocuments';
import { loadValidator } from './schemaValidators';

const validators = new Map<ApiVersion, ValidateFunction>();

export function schemaValidator(version: ApiVersion): ValidateFunction {
  let validate = validators.get(version);
  if (!validate) validators.set(version, (validate = loadValidator(version)));
  return validate;
}
