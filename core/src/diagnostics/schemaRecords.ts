// AP1xxx: what the generated JSON Schema (schemas/) says of the body, and how Graph reads values
// written loosely (a boolean as a string). Mapped from ajv's errors in core/src/schemaErrors.ts.
import type { ApiVersion } from '../diagnostic';
import { QUICK_FIXES } from '../features/quickFixes';
import { define } from './record';
import { PAGES } from './sources';
import { listOf, show } from './wording';

const BOTH: readonly ApiVersion[] = ['v1.0', 'beta'];
const SCHEMA = { cell: 'schema', urls: [PAGES.csdlV1] };

export type UnknownPropertyArgs =
  /** v1.0: beta's `id` on a subject that names its object `userId`, `groupId`, … */
  | { kind: 'betaId'; subject: string; objectKind: string; v1Name: string; where: string }
  /** beta: a v1.0 id name where beta has `id`. */
  | { kind: 'v1Id'; property: string; subject: string; objectKind: string; where: string }
  | { kind: 'unknown'; property: string; owner: string; suggestion?: string; allowed: readonly string[] };

export type NotGuidArgs =
  | { kind: 'placeholder'; where: string; placeholder: string; objectKind: string }
  | { kind: 'notGuid'; value: unknown; key: string; objectKind: string };

export type SubjectTypeArgs =
  | { kind: 'unknownType'; value: unknown; where: string; suggestion?: string; allowed: readonly string[] }
  | { kind: 'missingType'; where: string; allowed: readonly string[] };

export type AnnotationArgs =
  { kind: 'ownType'; ownType: string; hasHash: boolean } | { kind: 'control'; annotation: string; meaning: string; owner: string };

export type OtherSchemaArgs =
  { kind: 'keyword'; where: string; detail: string } | { kind: 'format'; value: unknown; format: string; where: string };

interface ValueAt {
  value: unknown;
  where: string;
}

export const SCHEMA_RECORDS = {
  unknownProperty: define<UnknownPropertyArgs>({
    code: 'AP1001',
    name: 'unknownProperty',
    severity: 'error',
    versions: BOTH,
    title: 'Unknown property (with a suggestion; beta `id` vs v1 `userId`/`groupId`/… named)',
    source: { cell: 'schema (CSDL / type maps)', urls: [PAGES.csdlV1] },
    message: (a) => {
      switch (a.kind) {
        case 'betaId':
          return `\`id\` is how the beta API names the ${a.objectKind} of a ${a.subject}; in v1.0 the property is \`${a.v1Name}\` (at ${a.where}).`;
        case 'v1Id':
          return `\`${a.property}\` is the v1.0 name; in the beta API a ${a.subject} names its ${a.objectKind} with \`id\` (at ${a.where}).`;
        case 'unknown': {
          const tail = a.suggestion ? ` Did you mean \`${a.suggestion}\`?` : ` Allowed here: ${listOf(a.allowed)}.`;
          return `Unknown property \`${a.property}\` in ${a.owner}.${tail}`;
        }
      }
    },
    fix: QUICK_FIXES.unknownProperty,
  }),
  wrongType: define<{ where: string; expected: string; actual: string }>({
    code: 'AP1002',
    name: 'wrongType',
    severity: 'error',
    versions: BOTH,
    title: 'Wrong JSON type',
    source: SCHEMA,
    message: (a) => `${a.where} must be ${a.expected}, not ${a.actual}.`,
  }),
  invalidValue: define<ValueAt & { betaScopeFor?: string; suggestion?: string; allowed: readonly string[] }>({
    code: 'AP1003',
    name: 'invalidValue',
    severity: 'error',
    versions: BOTH,
    title: 'Value not in the enum (case-sensitive; suggestion offered)',
    source: SCHEMA,
    message: (a) => {
      const tail = a.betaScopeFor
        ? ` ${show(a.value)} is the beta \`scopeType\` name; in v1.0 it is \`${a.betaScopeFor}\`.`
        : a.suggestion
          ? ` Did you mean \`${a.suggestion}\`? (Values are case-sensitive.)`
          : '';
      return `${show(a.value)} is not a valid value for ${a.where}.${tail} Allowed: ${listOf(a.allowed)}.`;
    },
    fix: QUICK_FIXES.suggestedValue,
  }),
  missingProperty: define<{ owner: string; where: string; property: string }>({
    code: 'AP1004',
    name: 'missingProperty',
    severity: 'error',
    versions: BOTH,
    title: 'Required property missing',
    source: SCHEMA,
    message: (a) => `${a.owner} at ${a.where} is missing the required property \`${a.property}\`.`,
    fix: QUICK_FIXES.missingProperty,
  }),
  notGuid: define<NotGuidArgs>({
    code: 'AP1005',
    name: 'notGuid',
    severity: 'error',
    versions: BOTH,
    title: 'Not a GUID (including the docs\' placeholder "string (identifier)")',
    source: { cell: 'schema (format uuid)', urls: [PAGES.csdlV1] },
    message: (a) =>
      a.kind === 'placeholder'
        ? `${a.where} still holds the docs' placeholder "${a.placeholder}": put the object id (a GUID) of the ${a.objectKind} here.`
        : `${show(a.value)} is not a GUID: ${a.key} must be the object id of the ${a.objectKind}, like 7deff43e-1f17-44ef-9e5f-d516b0ba11d4.`,
  }),
  badDateTime: define<ValueAt>({
    code: 'AP1007',
    name: 'badDateTime',
    severity: 'error',
    versions: BOTH,
    title: 'Not an ISO 8601 date-time',
    source: SCHEMA,
    message: (a) =>
      `${show(a.value)} is not an ISO 8601 date and time: ${a.where} needs a date, a time and a time zone, like 2026-01-31T09:00:00Z.`,
  }),
  badDuration: define<ValueAt>({
    code: 'AP1008',
    name: 'badDuration',
    severity: 'error',
    versions: ['v1.0'],
    title: 'Not an ISO 8601 duration',
    source: SCHEMA,
    message: (a) => `${show(a.value)} is not an ISO 8601 duration: ${a.where} takes values like P14D (14 days), PT12H (12 hours) or P1Y.`,
  }),
  badDate: define<ValueAt>({
    code: 'AP1009',
    name: 'badDate',
    severity: 'error',
    versions: ['v1.0'],
    title: 'Not a date (YYYY-MM-DD)',
    source: SCHEMA,
    message: (a) => `${show(a.value)} is not a date: ${a.where} takes YYYY-MM-DD, like 2026-01-31.`,
  }),
  badSubjectType: define<SubjectTypeArgs>({
    code: 'AP1010',
    name: 'badSubjectType',
    severity: 'error',
    versions: BOTH,
    title: 'Missing or unknown `@odata.type` for a subject/user set or question',
    source: { cell: 'schema (discriminator)', urls: [PAGES.csdlV1] },
    message: (a) =>
      a.kind === 'unknownType'
        ? `${show(a.value)} is not a type allowed at ${a.where}.${a.suggestion ? ` Did you mean \`${a.suggestion}\`?` : ''} Allowed: ${listOf(a.allowed)}.`
        : `The entry at ${a.where} needs an \`@odata.type\` string saying what kind of entry it is: ${listOf(a.allowed)}.`,
    fix: QUICK_FIXES.subjectType,
  }),
  outOfRange: define<ValueAt & { comparison: string; limit: string }>({
    code: 'AP1011',
    name: 'outOfRange',
    severity: 'error',
    versions: BOTH,
    title: 'Number out of range (Int32)',
    source: SCHEMA,
    message: (a) => `${a.where} must be ${a.comparison} ${a.limit} (it is ${show(a.value)}).`,
  }),
  booleanAsString: define<{ where: string; written: string; meant: string }>({
    code: 'AP1012',
    name: 'booleanAsString',
    severity: 'warning',
    versions: BOTH,
    title:
      'A boolean written as a string (`"true"`, `"False"`) where Graph expects `Edm.Boolean`: Graph\'s OData reader accepts it, and the check reads it as the boolean; quick fixes write the JSON boolean, or every quoted boolean and number of the file at once',
    source: {
      cell: 'microsoftgraph/microsoft-graph-docs#12816',
      urls: [PAGES.booleanStringsIssue],
      facts: ['strings-for-booleans-and-numbers-ap1012-ap1013'],
    },
    message: (a) =>
      `${a.where} is a boolean written as the string ${a.written}. Graph reads it as ${a.meant}, and so does this check; write \`${a.meant}\` without quotes.`,
    fix: QUICK_FIXES.unquote(() => QUOTED_SCALAR_CODES),
  }),
  numberAsString: define<{ where: string; written: string; meant: string }>({
    code: 'AP1013',
    name: 'numberAsString',
    severity: 'warning',
    versions: BOTH,
    title:
      'A whole number written as a string (`"365"`) where Graph expects `Edm.Int32`: read as the number; quick fix writes the JSON number',
    source: {
      cell: "[INF] OData library's reader",
      urls: [PAGES.odataReader],
      facts: ['strings-for-booleans-and-numbers-ap1012-ap1013'],
      inferred:
        'the OData library converts a string for an Edm.Int32 with the invariant culture; not observed on the entitlement-management service',
    },
    message: (a) =>
      `${a.where} is a whole number written as the string ${a.written}. It is checked as ${a.meant} (inferred: Graph's OData reader converts such strings for Edm.Int32); write \`${a.meant}\` without quotes.`,
    fix: QUICK_FIXES.unquote(() => QUOTED_SCALAR_CODES),
  }),
  odataAnnotation: define<AnnotationArgs>({
    code: 'AP1014',
    name: 'odataAnnotation',
    severity: 'information',
    versions: BOTH,
    title:
      "An OData control annotation (`@odata.context`, `@odata.etag`, `@odata.id`, …, or an `@odata.type` naming the value's own declared type) where a property is expected: it comes from a response and the service does not need it in a create or update; quick fix removes it",
    source: { cell: 'OData JSON format', urls: [PAGES.odataJson], facts: ['odata-annotations-ap1014'] },
    message: (a) =>
      a.kind === 'ownType'
        ? `\`@odata.type\` names the type this value has anyway (${a.ownType}), so the service does not need it here${a.hasHash ? '' : ' (OData writes type names with a leading "#")'}; you can remove it.`
        : `\`${a.annotation}\` is an OData control annotation (${a.meaning}), not a property of ${a.owner}. Graph writes it in responses; a create or update body does not need it, and you can remove it.`,
    fix: QUICK_FIXES.removeAnnotation,
  }),
  typeNameWithoutHash: define<{ written: string; meant: string }>({
    code: 'AP1015',
    name: 'typeNameWithoutHash',
    severity: 'warning',
    versions: BOTH,
    title:
      'An `@odata.type` without its leading `#` (`"microsoft.graph.singleUser"`) where the schema takes the `#` form: read as that type by the schema and every rule; quick fix adds the `#`. A short name (`"singleUser"`) stays AP1010',
    source: {
      cell: "[INF] OData library's reader",
      urls: [PAGES.odataReader],
      facts: ['type-names-without-ap1015'],
      inferred:
        'the OData library removes a leading "#" before resolving a type name; Microsoft\'s own v1.0 example writes answer choices that way',
    },
    message: (a) =>
      `${a.written} lacks the leading "#" of an OData type name. It is checked as "${a.meant}" (inferred: Graph's OData reader accepts the name without it); write "${a.meant}".`,
    fix: QUICK_FIXES.hashedTypeName,
  }),
  other: define<OtherSchemaArgs>({
    code: 'AP1099',
    name: 'other',
    severity: 'error',
    versions: BOTH,
    title: 'Any other schema violation',
    source: SCHEMA,
    message: (a) =>
      a.kind === 'keyword' ? `${a.where} ${a.detail}.` : `${show(a.value)} does not match the format ${a.format} required at ${a.where}.`,
  }),
};

/** The codes the "write all quoted booleans and numbers without quotes" fix gathers. */
const QUOTED_SCALAR_CODES: readonly string[] = [SCHEMA_RECORDS.booleanAsString.code, SCHEMA_RECORDS.numberAsString.code];
