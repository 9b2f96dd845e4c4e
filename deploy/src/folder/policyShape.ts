// Two views of a policy, both read off the generated schema (its readOnly marks, formats and the
// subject-set union), so no list of Graph facts is repeated here:
// - fileValue: what `pull` writes — a GET body minus everything the service maintains (readOnly
//   properties such as subject-set descriptions, question and stage-setting ids, expanded objects
//   beyond their id), `@odata.type` with its `#`, keeping the policy `id` and its package.
// - canonicalPolicy: what `plan` compares — the same, without the id, and with the spellings the
//   service echoes differently from what was sent made equal: ISO 8601 durations (`P14D` =
//   `PT336H`), date-time forms (`Z` = `+00:00`, fractions), subject-set order, `#` in
//   `@odata.type`, null / empty list / false / absent, and the escalation default `PT0S` [INF:
//   docs/policy-facts.md, "Reading a tenant" (comparing), lists these; which defaults the service
//   fills in is not documented].
import { type ApiVersion, type JsonSchema, formatOf, schemaNavigator, isRecord, type SchemaNavigator } from '../../../core/src';
import type { PolicyValue } from '../deploy/policyBody';
import { SUBJECT_SET_BASE } from '../../../core/src';

const SUBJECT_SET_TYPES = new Set(Object.values(SUBJECT_SET_BASE));
/** The service's value for "no escalation" [INF from portal-made policies, docs/policy-facts.md "Reading a tenant"]. */
const DEFAULT_VALUES: Record<string, unknown> = { durationBeforeEscalation: 'PT0S' };

interface Mode {
  canonical: boolean;
}

// The walk asks the same schema questions for every policy of a folder; the answers depend only
// on the schema object and, for discriminated unions, the value's `@odata.type`. Cached, a plan of
// 2,000 files spends its time comparing rather than resolving `$ref`s.
const alternativesCache = new WeakMap<JsonSchema, Map<string, JsonSchema[]>>();
function alternatives(nav: SchemaNavigator, schema: JsonSchema, value: unknown): JsonSchema[] {
  let byTag = alternativesCache.get(schema);
  if (!byTag) alternativesCache.set(schema, (byTag = new Map()));
  const tag = isRecord(value) && typeof value['@odata.type'] === 'string' ? value['@odata.type'] : '';
  let found = byTag.get(tag);
  if (!found) byTag.set(tag, (found = nav.alternatives(schema, value)));
  return found;
}

const subjectSetCache = new WeakMap<JsonSchema, boolean>();
function isSubjectSetSchema(nav: SchemaNavigator, schema: JsonSchema): boolean {
  let yes = subjectSetCache.get(schema);
  if (yes === undefined) subjectSetCache.set(schema, (yes = SUBJECT_SET_TYPES.has(nav.definitionName(schema) ?? '')));
  return yes;
}

interface KeyInfo {
  props: JsonSchema[];
  readOnly: boolean;
}
const keyCache = new WeakMap<JsonSchema[], Map<string, KeyInfo>>();
function keyInfo(schemas: JsonSchema[], key: string): KeyInfo {
  let byKey = keyCache.get(schemas);
  if (!byKey) keyCache.set(schemas, (byKey = new Map()));
  let info = byKey.get(key);
  if (!info) {
    const props = schemas.map((s) => s.properties?.[key]).filter((p): p is JsonSchema => p !== undefined);
    info = { props, readOnly: props.some((p) => p.readOnly === true) };
    byKey.set(key, info);
  }
  return info;
}

export function fileValue(current: PolicyValue, apiVersion: ApiVersion): PolicyValue {
  const nav = schemaNavigator(apiVersion);
  const out: PolicyValue = {};
  if (typeof current.id === 'string') out.id = current.id;
  if (apiVersion === 'beta' && typeof current.accessPackageId === 'string') out.accessPackageId = current.accessPackageId;
  const rest = walkObject(nav, alternatives(nav, nav.root, current), current, { canonical: false }, true);
  for (const [k, v] of Object.entries(rest)) if (!(k in out)) out[k] = v;
  if (apiVersion === 'v1.0') {
    const id = packageIdOf(current);
    // The package always comes last: the reference a reader looks for after the settings.
    delete out.accessPackage;
    if (id) out.accessPackage = { id };
  }
  return out;
}

export function canonicalPolicy(value: PolicyValue, apiVersion: ApiVersion): PolicyValue {
  const nav = schemaNavigator(apiVersion);
  const out = walkObject(nav, alternatives(nav, nav.root, value), value, { canonical: true }, true);
  delete out.id;
  if (apiVersion === 'v1.0') {
    const id = packageIdOf(value);
    if (id) out.accessPackage = { id: id.toLowerCase() };
  } else if (typeof value.accessPackageId === 'string') out.accessPackageId = value.accessPackageId.toLowerCase();
  return out;
}

function packageIdOf(v: PolicyValue): string | undefined {
  const ap = v.accessPackage;
  const id = isRecord(ap) ? ap.id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function walkObject(
  nav: SchemaNavigator,
  schemas: JsonSchema[],
  value: Record<string, unknown>,
  mode: Mode,
  top: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (key === '$schema' || (key.startsWith('@odata.') && key !== '@odata.type')) continue;
    if (top && (key === 'id' || key === 'accessPackageId' || key === 'accessPackage')) continue; // the callers place these
    const info = keyInfo(schemas, key);
    if (info.readOnly) continue;
    if (key === '@odata.type' && typeof v === 'string') {
      out[key] = v.startsWith('#') ? v : `#${v}`;
      continue;
    }
    const w = walkValue(nav, info.props, v, mode);
    if (mode.canonical && (isEmpty(w) || (key in DEFAULT_VALUES && w === DEFAULT_VALUES[key]))) continue;
    out[key] = w;
  }
  return out;
}

/** A value against the schemas that declare it (property or array item schemas). */
function walkValue(nav: SchemaNavigator, declared: JsonSchema[], value: unknown, mode: Mode): unknown {
  if (value === null || typeof value !== 'object') {
    if (mode.canonical && typeof value === 'string') return canonicalString(nav, declared, value);
    return value;
  }
  const schemas = declared.length === 1 ? alternatives(nav, declared[0], value) : declared.flatMap((d) => alternatives(nav, d, value));
  if (Array.isArray(value)) {
    const itemDecl = schemas.map((s) => s.items).filter((i): i is JsonSchema => i !== undefined);
    const items = value.map((item) => walkValue(nav, itemDecl, item, mode));
    // The order of approvers, targets or reviewers means nothing to the service.
    if (mode.canonical && itemDecl.some((d) => isSubjectSetSchema(nav, d))) {
      return items
        .map((i) => [JSON.stringify(i), i] as const)
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .map(([, i]) => i);
    }
    return items;
  }
  return walkObject(nav, schemas, value as Record<string, unknown>, mode, false);
}

function canonicalString(nav: SchemaNavigator, declared: JsonSchema[], value: string): string {
  let format: string | undefined;
  for (const d of declared) {
    format ??= formatOf(d);
    if (!format) for (const a of alternatives(nav, d, value)) format ??= formatOf(a);
  }
  if (format === 'duration') return canonicalDuration(value);
  if (format === 'date-time') return canonicalDateTime(value);
  if (format === 'uuid') return value.toLowerCase();
  return value;
}

function isEmpty(v: unknown): boolean {
  return (
    v === undefined || v === null || v === false || (Array.isArray(v) && v.length === 0) || (isRecord(v) && Object.keys(v).length === 0)
  );
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** `P14D`, `PT336H` and `P2W` are all `P14D`; years and months have no fixed length and stay as written. */
export function canonicalDuration(text: string): string {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim() === 'P' || /T$/i.test(text.trim())) return text;
  if (m[1] || m[2]) return text.trim().toUpperCase();
  const n = (i: number): number => (m[i] ? Number(m[i]) : 0);
  let seconds = n(4) * 86400 + n(3) * 7 * 86400 + n(5) * 3600 + n(6) * 60 + n(7);
  const d = Math.floor(seconds / 86400);
  seconds -= d * 86400;
  const h = Math.floor(seconds / 3600);
  seconds -= h * 3600;
  const min = Math.floor(seconds / 60);
  const s = Math.round((seconds - min * 60) * 1000) / 1000;
  const time = `${h ? `${h}H` : ''}${min ? `${min}M` : ''}${s ? `${s}S` : ''}`;
  if (!d && !time) return 'PT0S';
  return `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
}

export function canonicalDateTime(text: string): string {
  const t = Date.parse(text);
  return Number.isNaN(t) ? text : new Date(t).toISOString();
}
