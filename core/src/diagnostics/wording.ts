// How messages show values and lists, shared by the records' message templates.

/** A value as JSON, cut to 60 characters. */
export function show(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = Array.isArray(v) ? '[…]' : '{…}'; // nested too deeply to print
  }
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

/** A list of names, cut after 14 with the count. */
export function listOf(items: readonly string[]): string {
  return items.length > 14 ? items.slice(0, 14).join(', ') + `, … (${items.length} in all)` : items.join(', ');
}
