// Compares what the file will send with what the tenant holds, the way a PUT sees it: a property
// the file leaves out is reset by the full replace. Server-maintained properties (ids of nested
// items, timestamps, OData annotations) are not differences; `null` and absent mean the same.
import { GRAPH_NAMESPACE, graphTypeName, serviceSetTopLevel, serviceStamps } from '../../../core/src';

export interface PropertyChange {
  /** Dotted path, e.g. `requestApprovalSettings.stages[0].durationBeforeAutomaticDenial`. */
  path: string;
  kind: 'added' | 'changed' | 'reset';
  before?: unknown;
  after?: unknown;
}

// The service's stamps (who, when; the schemas' read-only scalars) at every depth, and the
// policy's read-only properties of either version at the top (expanded catalog, beta package).
let serverKeys: Set<string> | undefined;
let serverTopKeys: Set<string> | undefined;

/** The current policy reduced to what a file can express, for comparison and display. */
export function normalizeCurrent(current: Record<string, unknown>, apiVersion: 'v1.0' | 'beta'): Record<string, unknown> {
  serverKeys ??= new Set(['@odata.context', '@odata.etag', ...serviceStamps()]);
  serverTopKeys ??= new Set([...serviceSetTopLevel('v1.0'), ...serviceSetTopLevel('beta')]);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(current)) {
    // v1.0 names the package by id (beta's expanded package is read-only, among the top keys).
    if (k === 'accessPackage' && apiVersion === 'v1.0') {
      const id = v && typeof v === 'object' ? (v as Record<string, unknown>).id : undefined;
      if (typeof id === 'string') out[k] = { id };
      continue;
    }
    if (serverKeys.has(k) || serverTopKeys.has(k) || (k.startsWith('@odata.') && k !== '@odata.type')) continue;
    out[k] = stripServerKeys(v, serverKeys);
  }
  return out;
}

function stripServerKeys(v: unknown, keys: Set<string>): unknown {
  if (Array.isArray(v)) return v.map((x) => stripServerKeys(x, keys));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!keys.has(k)) out[k] = stripServerKeys(x, keys);
    return out;
  }
  return v;
}

/** Every difference between the body to send and the current policy. */
export function diffPolicy(proposed: Record<string, unknown>, current: Record<string, unknown>): PropertyChange[] {
  const changes: PropertyChange[] = [];
  walk(proposed, current, '', changes);
  return changes;
}

function walk(p: unknown, c: unknown, path: string, out: PropertyChange[]): void {
  if (isAbsent(p) && isAbsent(c)) return;
  if (isObject(p) && isObject(c)) {
    for (const key of Object.keys(p)) walk(p[key], c[key], join(path, key), out);
    for (const key of Object.keys(c)) {
      if (key in p) continue;
      // Ids of nested items (questions, stages) are assigned by the service; leaving them out of
      // the file does not change anything.
      if (key === 'id' && path !== '') continue;
      if (isAbsent(c[key])) continue;
      out.push({ path: join(path, key), kind: 'reset', before: c[key] });
    }
    return;
  }
  if (Array.isArray(p) && Array.isArray(c) && p.length === c.length) {
    p.forEach((item, i) => walk(item, c[i], `${path}[${i}]`, out));
    return;
  }
  if (equalScalar(p, c)) return;
  if (isAbsent(c)) out.push({ path, kind: 'added', after: p });
  else if (p === undefined) out.push({ path, kind: 'reset', before: c });
  else out.push({ path, kind: 'changed', before: c, after: p });
}

function equalScalar(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return normalizeOdataType(a) === normalizeOdataType(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `#microsoft.graph.x` and `microsoft.graph.x` name the same type; other strings are compared as they are. */
function normalizeOdataType(s: string): string {
  return s.startsWith(`#${GRAPH_NAMESPACE}`) ? graphTypeName(s) : s;
}

function isAbsent(v: unknown): boolean {
  return v === undefined || v === null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/**
 * The current policy laid out in the order of the proposed body (then its extra keys), so a text
 * diff of the two lines up property by property.
 */
export function alignForDisplay(current: unknown, proposed: unknown): unknown {
  if (isObject(current) && isObject(proposed)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(proposed)) if (k in current) out[k] = alignForDisplay(current[k], proposed[k]);
    for (const k of Object.keys(current)) if (!(k in out)) out[k] = current[k];
    return out;
  }
  if (Array.isArray(current) && Array.isArray(proposed)) return current.map((c, i) => alignForDisplay(c, proposed[i]));
  return current;
}
