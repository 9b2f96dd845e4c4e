// How a policy schema (or the folder configuration's schema) becomes an ajv validator. One set of ajv options serves both ways one is made:
// compiled in the process at first use (running from source: tests, tsx) and generated as standalone
// code when the bundles are built (scripts/precompiledValidators.mjs), so both give the same errors.
import Ajv, { _, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone';
import type { ApiVersion } from './diagnostic';
import { SCHEMAS } from './schemaDocuments';
import { CONFIG_SCHEMA } from './config/configSchema';
import type { JsonSchema } from './schemaTypes';
import { validatedForm } from './schemaDocumentation';

/** A validator the core uses: one per policy API version, and the folder configuration's. */
export type ValidatorName = ApiVersion | 'config';

/** What the validators are compiled from: the schemas without their documentation, null branches last (schemaDocumentation.ts). */
const ALL_SCHEMAS: Record<ValidatorName, JsonSchema> = {
  'v1.0': validatedForm(SCHEMAS['v1.0']),
  beta: validatedForm(SCHEMAS.beta),
  config: validatedForm(CONFIG_SCHEMA),
};

const FORMATS = ['uuid', 'date-time', 'duration', 'date'] as const;

function newAjv(extra: Options = {}): Ajv {
  // verbose: errors carry the failing schema object, which the error mapper uses to name the
  // Graph type and list allowed values. It costs nothing when the document is valid.
  const ajv = new Ajv({ allErrors: true, discriminator: true, strict: false, verbose: true, allowUnionTypes: true, ...extra });
  addFormats(ajv, [...FORMATS]);
  return ajv;
}

export function compileValidator(name: ValidatorName): ValidateFunction {
  return newAjv().compile(ALL_SCHEMAS[name]);
}

/** Export names of the standalone module, one per validator. */
export const STANDALONE_EXPORTS: Record<ValidatorName, string> = { 'v1.0': 'v1', beta: 'beta', config: 'config' };

/**
 * CommonJS source of every validator (ajv standalone code): the same functions `compileValidator`
 * returns, with the format checks taken from ajv-formats at run time.
 */
export function standaloneValidatorsCode(): string {
  const ajv = newAjv({ code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
  const refs: Record<string, string> = {};
  for (const name of Object.keys(ALL_SCHEMAS) as ValidatorName[]) {
    const schema = ALL_SCHEMAS[name];
    if (!schema.$id) throw new Error(`the ${name} schema has no $id`);
    ajv.addSchema(schema);
    refs[STANDALONE_EXPORTS[name]] = schema.$id;
  }
  return standaloneCode(ajv, refs);
}
