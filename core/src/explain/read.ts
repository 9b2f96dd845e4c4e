// Reading a policy body that may be anything: every accessor returns undefined for a missing or
// wrongly typed value, so a summary of a broken file says "not set" instead of throwing.
import { isRecord } from '../schemaNavigator';

export type Obj = Record<string, unknown>;

export function obj(v: unknown): Obj | undefined {
  return isRecord(v) ? v : undefined;
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** "yes", "no" or "not set" for a flag. */
export function yesNo(v: unknown): string {
  return v === true ? 'yes' : v === false ? 'no' : 'not set';
}

/** A value quoted for a sentence; long text cut so one odd value cannot swamp the summary. */
export function quote(v: unknown, max = 120): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  const one = s.replace(/\s+/g, ' ');
  return `"${one.length > max ? one.slice(0, max - 1) + '…' : one}"`;
}

/** The first sentence of a knowledge text: what a value means, without the editing advice after it. */
export function meaningOf(doc: string | undefined): string | undefined {
  if (!doc) return undefined;
  const m = /^.*?[.!?](?=\s|$)/.exec(doc);
  return (m ? m[0] : doc).replace(/`/g, '');
}
