// JSON paths in the notation users read in messages: requestApprovalSettings.stages[0].primaryApprovers[1]
import type { JsonPath } from './parse';

export function formatPath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out || '(policy)';
}

/** Decodes an ajv instancePath (JSON Pointer) into path segments; array indices become numbers. */
export function pointerToPath(pointer: string, document: unknown): JsonPath {
  if (!pointer) return [];
  const out: JsonPath = [];
  let value: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      const i = Number(seg);
      out.push(i);
      value = value[i];
    } else {
      out.push(seg);
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

/** The value at `path` within `doc`, or undefined where any step is missing. */
export function valueAt(doc: unknown, path: JsonPath): unknown {
  let v: unknown = doc;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** Whether `path` is `prefix` or lies below it. */
export function isWithin(path: JsonPath, prefix: JsonPath): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => path[i] === seg);
}
