// The OData query options the stand-in honours besides `$filter`: `$expand` (with nested
// `$select`/`$expand` in parentheses), `$select`, and server-driven paging through
// `@odata.nextLink` (`$skiptoken` is the stand-in's own opaque offset; clients follow the link).

export interface ExpandItem {
  select?: string[];
  expand: ExpandTree;
}
export type ExpandTree = Map<string, ExpandItem>;

/** Splits on commas that are not inside parentheses. */
function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** Parses `$expand`; returns an error message for a malformed one. */
export function parseExpand(text: string | null): ExpandTree | string {
  const tree: ExpandTree = new Map();
  if (!text) return tree;
  for (const part of splitTop(text, ',')) {
    const m = /^([A-Za-z][\w.]*)(?:\((.*)\))?$/s.exec(part);
    if (!m) return `Invalid $expand item '${part}'.`;
    const item: ExpandItem = { expand: new Map() };
    if (m[2] !== undefined) {
      for (const opt of splitTop(m[2], ';')) {
        const o = /^\$(select|expand)=(.*)$/s.exec(opt);
        if (!o) return `Unsupported option '${opt}' in $expand of '${m[1]}'.`;
        if (o[1] === 'select')
          item.select = o[2]
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
        else {
          const nested = parseExpand(o[2]);
          if (typeof nested === 'string') return nested;
          item.expand = nested;
        }
      }
    }
    tree.set(m[1], item);
  }
  return tree;
}

export function parseSelect(text: string | null): string[] | undefined {
  if (!text) return undefined;
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Keeps `id`, OData annotations and the selected properties. */
export function applySelect<T extends Record<string, unknown>>(item: T, select: string[] | undefined): Record<string, unknown> {
  if (!select) return item;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (k === 'id' || k.startsWith('@odata.') || select.includes(k)) out[k] = v;
  return out;
}

/** One page of a collection and the link to the next, as Graph answers a list. */
export function pageOf<T>(items: T[], url: URL, pageSize: number): { page: T[]; nextLink?: string } {
  const skip = Math.max(0, Number.parseInt(url.searchParams.get('$skiptoken') ?? '0', 10) || 0);
  const top = Math.min(pageSize, Math.max(1, Number.parseInt(url.searchParams.get('$top') ?? String(pageSize), 10) || pageSize));
  const page = items.slice(skip, skip + top);
  if (skip + top >= items.length) return { page };
  const next = new URL(url.href);
  next.searchParams.set('$skiptoken', String(skip + top));
  return { page, nextLink: next.href };
}
