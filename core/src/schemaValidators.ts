// Where the validators come from. Running from source, each is compiled on first use. The bundles
// replace this module with ajv standalone code generated from the schema files at build time
// (scripts/precompiledValidators.mjs), so a shipped process neither loads ajv's compiler nor spends
// its start-up compiling; test/core/precompiledParity.test.ts checks both give the same verdicts.
import type { ValidateFunction } from 'ajv';
import { compileValidator, type ValidatorName } from './schemaCompiler';

export function loadValidator(name: ValidatorName): ValidateFunction {
  return compileValidator(name);
}
