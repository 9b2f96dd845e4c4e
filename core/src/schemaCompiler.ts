// How a policy schema becomes an ajv validator. One set of ajv options serves both ways one is made:
// compiled in the process at first use (running from source: tests, tsx) and generated as standalone
// code when the bundles are built (scripts/precompiledValidators.mjs), so both give the same errors.
import Ajv, { _, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone';
import type { ApiVersion } from './diagnostic';
import { SCHEMAS } from './schemaDocuments';

const FORMATS = ['uuid', 'date-time', 'duration', 'date'] as const;

function newAjv(extra: Options = {}): Ajv {
  // verbose: errors carry the failing schema object, which the error mapper uses to name the
  // Graph type and list allowed values. It costs nothing when the document is valid.
  const ajv = new Ajv({ allErrors: true, discriminator: true, strict: false, verbose: true, allowUnionTypes: true, ...extra });
  addFormats(ajv, [...FORMATS]);
  return ajv;
}

export function compileValidator(version: ApiVersion): ValidateFunction {
  return newAjv().compile(SCHEMAS[version]);
}

/** Export names of the standalone module, one per API version. */
export const STANDALONE_EXPORTS: Record<ApiVersion, string> = { 'v1.0': 'v1', beta: 'beta' };

/**
 * CommonJS source of both validators (ajv standalone code): the same functions `compileValidator`
 * returns, with the format checks taken from ajv-formats at run time.
 */
export function standaloneValidatorsCode(): string {
  const ajv = newAjv({ code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
  const refs: Record<string, string> = {};
  for (const version of Object.keys(SCHEMAS) as ApiVersion[]) {
    const schema = SCHEMAS[version];
    if (!schema.$id) throw new Error(`the ${version} schema has no $id`);
    ajv.addSchema(schema);
    refs[STANDALONE_EXPORTS[version]] = schema.$id;
  }
  return standaloneCode(ajv, refs);
}
