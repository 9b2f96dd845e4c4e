// The `$filter` rules of the stand-in's lists, as Graph enforces them: `<property> eq '<string>'`
// clauses on the properties a list is evidenced to filter on, optionally parenthesised and joined
// by `and` (the form Tenant Management Framework sends). Everything else is refused the way Graph
// refuses it (400 InvalidFilter), so a client tested here cannot depend on a filter the service
// rejects.

/**
 * The assignment-policy lists (both versions): only `displayName eq` and `accessPackage/id eq` are
 * evidenced to work; beta's `accessPackageId eq` is refused (microsoft-graph-docs#7519).
 */
export const POLICY_FILTER_FIELDS = ['displayName', 'accessPackage/id'] as const;

export interface FilterClause<F extends string = string> {
  /** The property as spelled in `fields`. */
  field: F;
  value: string;
}

export interface FilterProblem {
  status: 400;
  code: 'InvalidFilter';
  message: string;
}

/** OData operators, spelled as Graph's "Filter '<property> <Operator> <value>'" message spells them. */
const OPERATOR_NAMES: Record<string, string> = {
  eq: 'Equals',
  ne: 'NotEquals',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
  in: 'In',
  has: 'Has',
};

const CLAUSE = /^([A-Za-z][\w/]*)\s+([a-z]+)\s+('(?:[^']|'')*'|[^\s()]+)$/i;

export function isFilterProblem<F extends string>(x: FilterClause<F>[] | FilterProblem): x is FilterProblem {
  return !Array.isArray(x);
}

/**
 * Parses a list's filter against the properties it supports, or returns the 400 InvalidFilter
 * Graph would answer. Property names match case-insensitively, as Graph takes TMF's
 * `displayname` [INF].
 */
export function parseFilter<F extends string>(text: string, fields: readonly F[]): FilterClause<F>[] | FilterProblem {
  const parts = splitOnAnd(text);
  if (!parts) return unsupported(text.trim());
  const clauses: FilterClause<F>[] = [];
  for (const raw of parts) {
    const part = unwrapParentheses(raw.trim());
    const m = CLAUSE.exec(part);
    if (!m) return unsupported(part);
    const [, property, op, literal] = m;
    const operator = op.toLowerCase();
    const field = fields.find((f) => f.toLowerCase() === property.toLowerCase());
    const isString = literal.startsWith("'");
    const shown = `${property} ${OPERATOR_NAMES[operator] ?? op} ${isString ? literal.slice(1, -1).replace(/''/g, "'") : literal}`;
    if (!field || operator !== 'eq' || !isString) return unsupported(shown);
    clauses.push({ field, value: literal.slice(1, -1).replace(/''/g, "'") });
  }
  return clauses;
}

// The wording of the refusal in microsoft-graph-docs#7519 (its exact punctuation is not documented [INF]).
function unsupported(what: string): FilterProblem {
  return { status: 400, code: 'InvalidFilter', message: `OData query is invalid: Filter '${what}' is not supported.` };
}

/**
 * The characters of `text` outside string literals (`'…'`, with `''` as an escaped quote), each
 * with the parenthesis depth after it; `unterminated` is true when a literal is left open.
 */
function outsideStrings(text: string): { chars: { i: number; ch: string; depth: number }[]; unterminated: boolean } {
  const chars: { i: number; ch: string; depth: number }[] = [];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "'" && text[i + 1] === "'") i++;
      else if (ch === "'") inString = false;
      continue;
    }
    if (ch === "'") inString = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else chars.push({ i, ch, depth });
    if (ch === '(' || ch === ')') chars.push({ i, ch, depth });
  }
  return { chars, unterminated: inString };
}

/**
 * Splits on top-level ` and ` outside string literals. Undefined when the text holds `or`/`not`
 * at the top level or unbalanced quotes/parentheses: combinations Graph's policy lists do not take.
 */
function splitOnAnd(text: string): string[] | undefined {
  const { chars, unterminated } = outsideStrings(text);
  if (unterminated || chars.some((c) => c.depth < 0) || (chars.length > 0 && chars[chars.length - 1].depth !== 0)) return undefined;
  const parts: string[] = [];
  let start = 0;
  let skipTo = -1;
  for (const { i, ch, depth } of chars) {
    if (i < skipTo || depth !== 0 || !/\s/.test(ch)) continue;
    const word = /^\s+(and|or|not)\s+/i.exec(text.slice(i));
    if (!word) continue;
    if (word[1].toLowerCase() !== 'and') return undefined;
    parts.push(text.slice(start, i));
    start = skipTo = i + word[0].length;
  }
  parts.push(text.slice(start));
  return parts;
}

/** `((x eq 'a'))` → `x eq 'a'`, only when the outer parentheses enclose the whole clause. */
function unwrapParentheses(clause: string): string {
  let s = clause;
  while (
    s.startsWith('(') &&
    s.endsWith(')') &&
    !outsideStrings(s).chars.some((c) => c.ch === ')' && c.depth === 0 && c.i < s.length - 1)
  ) {
    s = s.slice(1, -1).trim();
  }
  return s;
}
