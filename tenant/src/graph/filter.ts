// The small subset of OData `$filter` the stand-in understands: `field eq 'value'` clauses joined
// by `and`, on the fields a deploy tool looks policies up by.

export interface FilterClause {
  field: string;
  value: string;
}

const CLAUSE = /^\s*([A-Za-z][\w/]*)\s+eq\s+'((?:[^']|'')*)'\s*$/;

/** Parses the filter, or returns an error message for a 400. */
export function parseFilter(text: string, allowedFields: string[]): FilterClause[] | string {
  const parts = text.split(/\s+and\s+/i);
  const clauses: FilterClause[] = [];
  for (const part of parts) {
    const m = CLAUSE.exec(part);
    if (!m) return `Invalid filter clause: '${part.trim()}'.`;
    const field = m[1];
    if (!allowedFields.includes(field)) return `Filtering on '${field}' is not supported.`;
    clauses.push({ field, value: m[2].replace(/''/g, "'") });
  }
  return clauses;
}
