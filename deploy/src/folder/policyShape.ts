// Two views of a policy, both read off the generated schema (its readOnly marks, formats and the
// subject-set union), so no list of Graph facts is repeated here:
// - fileValue: what `pull` writes — a GET body minus everything the service maintains (readOnly
//   properties such as subject-set descriptions, question and stage-setting ids, expanded objects
//   beyond their id), `@odata.type` with its `#`, keeping the policy `id` and its package.
// - canonicalPolicy: what `plan` compares — the same, without the id, and with the spellings the
//   service echoes differently from what was sent made equal: ISO 8601 durations (`P14D` =
//   `PT336H`), date-time forms (`Z` = `+00:00`, fractions), subject-set order, `#` in
//   `@odata.type`, null / empty list / false / absent, and the escalation default `PT0S` [INF:
//   tenant facts §2.1 lists these; which defaults the service fills in is not documented].
import type { ApiVersion } from '../../../core/src/diagnostic';
import type { JsonSchema } from '../../../core/src/schemaTypes';
import { schemaNavigator } from '../../../core/src/schemas';
import { isRecord, type SchemaNavigator } from '../../../core/src/schemaNavigator';
import type { PolicyValue } from '../deploy/policyBody';

const SUBJECT_SET_TYPES = new Set(['microsoft.graph.subjectSet', 'microsoft.graph.userSet']);
/** The service's value for "no escalation" [INF from portal-made policies, tenant facts §2.1]. */
const DEFAULT_VALUES: Record<string, unknown> = { durationBeforeEscalation: 'PT0S' };

interface Mode {
  canonical: boolean;
}

export function fileValue(current: PolicyValue, apiVersion: ApiVersion): PolicyValue {
  const nav = schemaNavigator(apiVersion);
  const out: PolicyValue = {};
  if (typeof current.id === 'string') out.id = current.id;
  if (apiVersion === 'beta' && typeof current.accessPackageId === 'string') out.accessPackageId = current.accessPackageId;
  const rest = walkObject(nav, nav.alternatives(nav.root, current), current, { canonical: false }, true);
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
  const out = walkObject(nav, nav.alternatives(nav.root, value), value, { canonical: true }, true);
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

function walkObject(nav: SchemaNavigator, schemas: JsonSchema[], value: Record<string, unknown>, mode: Mode, top: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '$schema' || (key.startsWith('@odata.') && key !== '@odata.type')) continue;
    if (top && (key === 'id' || key === 'accessPackageId' || key === 'accessPackage')) continue; // the callers place these
    const props = schemas.map((s) => s.properties?.[key]).filter((p): p is JsonSchema => p !== undefined);
    if (props.some((p) => p.readOnly)) continue;
    if (key === '@odata.type' && typeof v === 'string') {
      out[key] = v.startsWith('#') ? v : `#${v}`;
      continue;
    }
    const childSchemas = props.flatMap((p) => nav.alternatives(p, v));
    const w = walk(nav, childSchemas, props, v, mode);
    if (mode.canonical && (isEmpty(w) || (key in DEFAULT_VALUES && w === DEFAULT_VALUES[key]))) continue;
    out[key] = w;
  }
  return out;
}

function walk(nav: SchemaNavigator, schemas: JsonSchema[], declared: JsonSchema[], value: unknown, mode: Mode): unknown {
  if (Array.isArray(value)) {
    const itemDecl = schemas.map((s) => s.items).filter((i): i is JsonSchema => i !== undefined);
    const items = value.map((item) => walk(nav, itemDecl.flatMap((d) => nav.alternatives(d, item)), itemDecl, item, mode));
    // The order of approvers, targets or reviewers means nothing to the service.
    if (mode.canonical && itemDecl.some((d) => SUBJECT_SET_TYPES.has(nav.definitionName(d) ?? ''))) {
      return items.map((i) => [JSON.stringify(i), i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, i]) => i);
    }
    return items;
  }
  if (isRecord(value)) return walkObject(nav, schemas, value, mode, false);
  if (mode.canonical && typeof value === 'string') {
    const formats = new Set([...schemas, ...declared].map((s) => s.format));
    if (formats.has('duration')) return canonicalDuration(value);
    if (formats.has('date-time')) return canonicalDateTime(value);
    if (formats.has('uuid')) return value.toLowerCase();
  }
  return value;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === false || (Array.isArray(v) && v.length === 0) || (isRecord(v) && Object.keys(v).length === 0);
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
