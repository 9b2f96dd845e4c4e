// Turns ajv's errors into one clear diagnostic per problem: in the user's terms, with the JSON path,
// on the exact key or value. Ajv reports the scaffolding of nullable unions and discriminated sets
// too (the null branch, the anyOf umbrella, the discriminator's own `required`); those are dropped
// here so the user sees the one that matters.
import type { ErrorObject } from 'ajv';
import type { ApiVersion, PolicyDiagnostic } from './diagnostic';
import type { JsonPath, ParsedPolicy } from './parse';
import type { SchemaNavigator } from './schemaNavigator';
import type { JsonSchema } from './schemaTypes';
import { formatPath, pointerToPath, valueAt } from './jsonPath';
import { suggest } from './suggest';
import { BETA_SCOPE_TO_V1, V1_ID_PROPERTY } from './versionHints';
import { SCHEMA_RECORDS as D } from './diagnostics/catalogue';
import type { Finding } from './diagnostics/record';
import { odataTypeName, shortTypeName } from './graphNames';

const OBJECT_KIND: Record<string, string> = {
  userId: 'user',
  groupId: 'group',
  connectedOrganizationId: 'connected organization',
  servicePrincipalId: 'service principal',
  accessPackageId: 'access package',
};

const PLACEHOLDER = 'string (identifier)';

/** How the schemas' reference patterns begin (scripts/schema-gen/emit-schema.mjs, acceptReferences). */
const REFERENCE_PATTERN_START = '^\\$\\{';

export interface SchemaErrorContext {
  parsed: ParsedPolicy;
  version: ApiVersion;
  nav: SchemaNavigator;
  /** `path` keys (formatted) already reported as belonging to the other API version. */
  foreignKeys: Set<string>;
  /** The value validated: the document as the service reads it (see lenientScalars.ts). */
  value: unknown;
}

export function mapSchemaErrors(errors: readonly ErrorObject[], ctx: SchemaErrorContext): PolicyDiagnostic[] {
  const doc = ctx.value;
  const withPaths = errors.map((e) => ({ e, path: pointerToPath(e.instancePath, doc) }));
  const pointersWithTagError = new Set(errors.filter((e) => e.keyword === 'discriminator').map((e) => e.instancePath));
  const pointersWithAnyOf = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));

  const out: PolicyDiagnostic[] = [];
  const seen = new Set<string>();
  for (const { e, path } of withPaths) {
    if (isScaffolding(e, pointersWithTagError, pointersWithAnyOf, errors)) continue;
    const d = describe(e, path, ctx);
    if (!d) continue;
    const key = `${d.code}|${d.offset}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

function isScaffolding(e: ErrorObject, tagErrors: Set<string>, anyOfPointers: Set<string>, all: readonly ErrorObject[]): boolean {
  // The null branch of a nullable property: the value is not null, and the other branch says why.
  if (e.keyword === 'type' && e.params.type === 'null' && anyOfPointers.has(e.instancePath)) return true;
  if (e.keyword === 'anyOf') {
    // The umbrella matters only when no branch error explains it.
    return all.some(
      (o) =>
        o !== e &&
        o.keyword !== 'anyOf' &&
        o.instancePath.startsWith(e.instancePath) &&
        !(o.keyword === 'type' && o.params.type === 'null'),
    );
  }
  // A discriminated set reports a missing tag twice (required + discriminator): keep the latter.
  if (e.keyword === 'required' && e.params.missingProperty === '@odata.type' && tagErrors.has(e.instancePath)) return true;
  if (e.keyword === 'oneOf' || e.keyword === 'if') return true;
  // A value starting with `${` in a slot that takes references: the core's reference check
  // (core/src/references/check.ts) says precisely what is wrong with it.
  if (e.keyword === 'pattern' && String(e.params.pattern).startsWith(REFERENCE_PATTERN_START)) return true;
  return false;
}

function describe(e: ErrorObject, path: JsonPath, ctx: SchemaErrorContext): PolicyDiagnostic | undefined {
  const { nav } = ctx;
  const where = formatPath(path);
  const typeLabel = labelOf(nav, e.parentSchema as JsonSchema | undefined, path);
  const value = valueAt(ctx.value, path);

  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = String(e.params.additionalProperty);
      const propPath = [...path, prop];
      if (ctx.foreignKeys.has(formatPath(propPath))) return undefined;
      const ownType =
        prop === '@odata.type' ? namesOwnType(valueAt(ctx.value, propPath), nav.definitionName(e.parentSchema as JsonSchema)) : undefined;
      if (ownType) {
        return make(
          ctx,
          D.odataAnnotation.at(
            { path: propPath, onKey: true, data: { annotation: prop } },
            { kind: 'ownType', ownType, hasHash: String(valueAt(ctx.value, propPath)).startsWith('#') },
          ),
        );
      }
      if (isControlAnnotation(prop)) {
        return make(
          ctx,
          D.odataAnnotation.at(
            { path: propPath, onKey: true, data: { annotation: prop } },
            {
              kind: 'control',
              annotation: prop,
              meaning: annotationMeaning(prop),
              owner: path.length ? `${typeLabel} (${where})` : 'the policy',
            },
          ),
        );
      }
      const allowed = Object.keys((e.parentSchema as JsonSchema)?.properties ?? {}).filter((k) => k !== '@odata.type');
      const subject = shortTypeName(typeLabel);
      const v1Id = V1_ID_PROPERTY[subject];
      if (ctx.version === 'v1.0' && prop === 'id' && v1Id) {
        return make(
          ctx,
          D.unknownProperty.at(
            { path: propPath, onKey: true, data: { rename: { from: 'id', to: v1Id } } },
            { kind: 'betaId', subject, objectKind: OBJECT_KIND[v1Id], v1Name: v1Id, where },
          ),
        );
      }
      if (ctx.version === 'beta' && Object.values(V1_ID_PROPERTY).includes(prop) && allowed.includes('id')) {
        return make(
          ctx,
          D.unknownProperty.at(
            { path: propPath, onKey: true, data: { rename: { from: prop, to: 'id' } } },
            { kind: 'v1Id', property: prop, subject, objectKind: OBJECT_KIND[prop], where },
          ),
        );
      }
      const suggestion = suggest(prop, allowed);
      return make(
        ctx,
        D.unknownProperty.at(
          { path: propPath, onKey: true, data: suggestion ? { suggestion, allowed } : { allowed } },
          { kind: 'unknown', property: prop, owner: path.length ? `${typeLabel} (${where})` : typeLabel, suggestion, allowed },
        ),
      );
    }
    case 'enum':
    case 'const': {
      const values = e.keyword === 'enum' ? (e.params.allowedValues as unknown[]) : [e.params.allowedValue];
      const allowed = values.filter((v) => v !== null).map(String);
      // A beta scopeType value in v1.0's allowedTargetScope is the other version's name, not a typo.
      const v1Scope =
        typeof value === 'string' && path[path.length - 1] === 'allowedTargetScope' && allowed.includes(BETA_SCOPE_TO_V1[value] ?? '')
          ? BETA_SCOPE_TO_V1[value]
          : undefined;
      const suggestion = v1Scope ?? (typeof value === 'string' ? suggest(value, allowed) : undefined);
      return make(
        ctx,
        D.invalidValue.at(
          { path, data: suggestion ? { suggestion, allowed } : { allowed } },
          { value, where, betaScopeFor: v1Scope, suggestion, allowed },
        ),
      );
    }
    case 'type': {
      const types = String(e.params.type).split(',');
      const expected =
        types
          .filter((t) => t !== 'null')
          .map((t) => typeName(t))
          .join(' or ') + (types.includes('null') ? ' (or null)' : '');
      return make(
        ctx,
        D.wrongType.at({ path, data: { expected: e.params.type } }, { where, expected, actual: typeName(jsonType(value), true) }),
      );
    }
    case 'required': {
      const missing = String(e.params.missingProperty);
      return make(
        ctx,
        D.missingProperty.at({ path, onKey: true, data: { missingProperty: missing } }, { owner: typeLabel, where, property: missing }),
      );
    }
    case 'format':
      return formatDiagnostic(ctx, path, String(e.params.format), value);
    case 'discriminator': {
      const allowed = nav.discriminatorValues(e.parentSchema as JsonSchema);
      if (e.params.error === 'mapping') {
        const tagPath = [...path, '@odata.type'];
        const suggestion =
          typeof value === 'object' && value ? suggestTag(String((value as Record<string, unknown>)['@odata.type']), allowed) : undefined;
        return make(
          ctx,
          D.badSubjectType.at(
            { path: tagPath, data: suggestion ? { suggestion, allowed } : { allowed } },
            { kind: 'unknownType', value: valueAt(ctx.value, tagPath), where, suggestion, allowed },
          ),
        );
      }
      return make(
        ctx,
        D.badSubjectType.at(
          { path, onKey: true, data: { allowed, missingProperty: '@odata.type' } },
          { kind: 'missingType', where, allowed },
        ),
      );
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return make(ctx, D.outOfRange.at({ path }, { where, comparison: String(e.params.comparison), limit: String(e.params.limit), value }));
    default:
      return make(ctx, D.other.at({ path }, { kind: 'keyword', where, detail: e.message ?? 'is not valid' }));
  }
}

/**
 * `@odata.context`, `@odata.etag`, `@odata.id`, … (and property annotations such as
 * `displayName@odata.type`): control information of an OData payload, commonly left in a body
 * copied from a GET response. `@odata.type` on its own is a property the schemas know.
 */
function isControlAnnotation(key: string): boolean {
  return key !== '@odata.type' && /^[^@]*@odata\.[A-Za-z]+$/.test(key);
}

/** The short type name when `tag` ("#microsoft.graph.x", with or without "#") names the definition itself. */
function namesOwnType(tag: unknown, definition: string | undefined): string | undefined {
  if (typeof tag !== 'string' || !definition) return undefined;
  return tag.replace(/^#/, '') === definition ? shortTypeName(definition) : undefined;
}

const ANNOTATION_MEANINGS: Record<string, string> = {
  context: 'the URL of the metadata describing a response',
  etag: 'the version of the object when it was read',
  id: 'the URL that identifies the object',
  editLink: 'the URL to edit the object',
  readLink: 'the URL to read the object',
  type: 'the type of a property value',
  count: 'the number of items in a collection',
  nextLink: 'the URL of the next page of a response',
  deltaLink: 'the URL to ask for later changes',
  metadataEtag: 'the version of the service metadata',
};

function annotationMeaning(key: string): string {
  const term = key.slice(key.indexOf('@odata.') + '@odata.'.length);
  return ANNOTATION_MEANINGS[term] ?? 'information about the payload, not part of the object';
}

function formatDiagnostic(ctx: SchemaErrorContext, path: JsonPath, format: string, value: unknown): PolicyDiagnostic {
  const where = formatPath(path);
  const key = path[path.length - 1];
  switch (format) {
    case 'uuid': {
      const kind = objectKindAt(ctx, path);
      if (value === PLACEHOLDER) {
        return make(
          ctx,
          D.notGuid.at({ path, data: { placeholder: true } }, { kind: 'placeholder', where, placeholder: PLACEHOLDER, objectKind: kind }),
        );
      }
      return make(ctx, D.notGuid.at({ path }, { kind: 'notGuid', value, key: String(key), objectKind: kind }));
    }
    case 'date-time':
      return make(ctx, D.badDateTime.at({ path }, { value, where }));
    case 'duration':
      return make(ctx, D.badDuration.at({ path }, { value, where }));
    case 'date':
      return make(ctx, D.badDate.at({ path }, { value, where }));
    default:
      return make(ctx, D.other.at({ path }, { kind: 'format', value, format, where }));
  }
}

function objectKindAt(ctx: SchemaErrorContext, path: JsonPath): string {
  const key = String(path[path.length - 1]);
  if (OBJECT_KIND[key]) return OBJECT_KIND[key];
  const parentPath = path.slice(0, -1);
  const parent = valueAt(ctx.value, parentPath);
  const tag = parent && typeof parent === 'object' ? (parent as Record<string, unknown>)['@odata.type'] : undefined;
  if (typeof tag === 'string') {
    const v1Key = V1_ID_PROPERTY[shortTypeName(tag)];
    if (v1Key) return OBJECT_KIND[v1Key];
  }
  const parentKey = parentPath[parentPath.length - 1];
  if (parentKey === 'accessPackage') return 'access package';
  if (parentKey === 'customExtension') return 'custom extension';
  if (parentPath.length === 0 && key === 'id') return 'policy';
  return 'object';
}

/**
 * A schema finding placed in the text: on the key when `onKey` (an object with no key of its own,
 * such as an array entry, gets its opening brace), else on the value.
 */
function make(ctx: SchemaErrorContext, finding: Finding): PolicyDiagnostic {
  const { code, severity, message, path, data } = finding;
  const preferKey = finding.onKey ?? false;
  const node = ctx.parsed.rangeNodeAt(path, preferKey);
  const offset = node?.offset ?? 0;
  const length = node ? (preferKey && node.type === 'object' ? 1 : node.length) : 1;
  return { code, severity, message, range: ctx.parsed.lines.rangeOf(offset, length), offset, length, path, data };
}

function labelOf(nav: SchemaNavigator, schema: JsonSchema | undefined, path: JsonPath): string {
  if (path.length === 0) return 'the policy';
  const name = schema ? nav.definitionName(schema) : undefined;
  return name ? shortTypeName(name) : formatPath(path);
}

function suggestTag(tag: string, allowed: string[]): string | undefined {
  const full = suggest(tag, allowed);
  if (full) return full;
  // Users often write the short name ("singleUser") or drop the '#'.
  const bare = shortTypeName(tag);
  return allowed.find((a) => a.toLowerCase().endsWith('.' + bare.toLowerCase())) ?? suggest(odataTypeName(bare), allowed);
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeName(t: string, actual = false): string {
  switch (t) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'boolean':
      return actual ? 'a boolean' : 'true or false';
    case 'integer':
      return actual ? 'a whole number' : 'a whole number';
    case 'number':
      return actual ? 'a fractional number' : 'a number';
    case 'null':
      return 'null';
    default:
      return t;
  }
}
