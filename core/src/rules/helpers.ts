// Small readers shared by the rule modules: typed access into the parsed policy value, durations,
// and the words messages use for subject types. Rules read values here and report paths; ranges
// come from the parsed tree in `findingToDiagnostic`.
import type { JsonPath } from '../parse';
import { isRecord } from '../schemaNavigator';
import { valueAt } from '../jsonPath';
import { shortTypeName } from '../graphNames';

export { isRecord };

/** The value at `path` below `root`, or undefined when any step is missing. */
export const at = valueAt;

export function recordAt(root: unknown, path: JsonPath): Record<string, unknown> | undefined {
  const v = at(root, path);
  return isRecord(v) ? v : undefined;
}

export function arrayAt(root: unknown, path: JsonPath): unknown[] | undefined {
  const v = at(root, path);
  return Array.isArray(v) ? v : undefined;
}

export function has(obj: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** True for a non-empty array. */
export function nonEmpty(v: unknown): v is unknown[] {
  return Array.isArray(v) && v.length > 0;
}

/** `@odata.type` of an entry, if it is a string. */
export function odataType(v: unknown): string | undefined {
  const t = isRecord(v) ? v['@odata.type'] : undefined;
  return typeof t === 'string' ? t : undefined;
}

export function listTypes(types: readonly string[]): string {
  return types.map(shortTypeName).join(', ');
}

/** Whether a string is blank (empty or whitespace only). */
export function isBlank(v: unknown): boolean {
  return typeof v === 'string' && v.trim() === '';
}

const ISO_DURATION =
  /^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * An ISO-8601 duration in minutes, or undefined when it does not parse (the schema reports that).
 * Years and months have no fixed length; they count as 365 and 30 days, which is enough to compare
 * against the day-scale limits the rules check.
 */
export function durationMinutes(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = ISO_DURATION.exec(v);
  if (!m || v === 'P' || v.endsWith('T')) return undefined;
  const n = (i: number) => (m[i] ? Number(m[i]) : 0);
  const minutes = n(2) * 365 * 1440 + n(3) * 30 * 1440 + n(4) * 7 * 1440 + n(5) * 1440 + n(6) * 60 + n(7) + n(8) / 60;
  return m[1] ? -minutes : minutes;
}

/** Minutes as words for messages: 11520 → "8 days", 90 → "1.5 hours". */
export function describeMinutes(minutes: number): string {
  const plural = (n: number, unit: string) => `${Number(n.toFixed(2))} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes >= 1440) return plural(minutes / 1440, 'day');
  if (minutes >= 60) return plural(minutes / 60, 'hour');
  return plural(minutes, 'minute');
}

/** Every [path, value] of the entries of an array at `path`. */
export function entries(root: unknown, path: JsonPath): [JsonPath, unknown][] {
  const arr = arrayAt(root, path);
  return arr ? arr.map((v, i) => [[...path, i], v]) : [];
}
