// `$filter` on the directory lists, as far as name lookups use it: one clause, `prop eq 'v'`,
// `prop in ('a','b')` or `startswith(prop,'v')`, on the properties Graph's user, group and
// servicePrincipal pages list with those operators (default queries, no ConsistencyLevel). The
// connected-organization list takes `displayName eq` and the identity-source `any` form its page
// documents. Anything else is refused with 400 InvalidFilter, so a client tested here cannot rely
// on a query the service refuses. Values compare case-insensitively, as directory string
// equality does [INF].
export type FilterOperator = 'eq' | 'in' | 'startswith';

export interface DirectoryFilter {
  property: string;
  operator: FilterOperator;
  values: string[];
}

export interface DirectoryFilterProblem {
  status: 400;
  code: 'InvalidFilter';
  message: string;
}

/** At most this many values in one `in (…)` [INF: the limit Graph applies to directory `in` filters is 15]. */
export const MAX_IN_VALUES = 15;

export const DIRECTORY_FILTERS: Record<string, { resource: string; properties: Record<string, readonly FilterOperator[]> }> = {
  users: {
    resource: 'User',
    properties: {
      id: ['eq', 'in'],
      userPrincipalName: ['eq', 'in', 'startswith'],
      displayName: ['eq', 'in', 'startswith'],
      mail: ['eq', 'in', 'startswith'],
    },
  },
  groups: {
    resource: 'Group',
    properties: {
      id: ['eq', 'in'],
      displayName: ['eq', 'in', 'startswith'],
      mailNickname: ['eq', 'in', 'startswith'],
      mail: ['eq', 'in', 'startswith'],
    },
  },
  servicePrincipals: {
    resource: 'ServicePrincipal',
    properties: { id: ['eq', 'in'], appId: ['eq', 'in'], displayName: ['eq', 'in', 'startswith'] },
  },
  connectedOrganizations: {
    resource: 'ConnectedOrganization',
    properties: { displayName: ['eq'], 'identitySources/tenantId': ['eq'] },
  },
};

const STRING = `'(?:[^']|'')*'`;
const EQ = new RegExp(`^([A-Za-z][\\w/]*)\\s+eq\\s+(${STRING})$`, 'i');
const IN = new RegExp(`^([A-Za-z][\\w/]*)\\s+in\\s+\\(\\s*(${STRING}(?:\\s*,\\s*${STRING})*)\\s*\\)$`, 'i');
const STARTS = new RegExp(`^startswith\\(\\s*([A-Za-z][\\w/]*)\\s*,\\s*(${STRING})\\s*\\)$`, 'i');
const IDENTITY_SOURCE = new RegExp(
  `^identitySources/any\\(\\s*(\\w+)\\s*:\\s*\\1/microsoft\\.graph\\.azureActiveDirectoryTenant/tenantId\\s+eq\\s+(${STRING})\\s*\\)$`,
  'i',
);

const unquote = (literal: string) => literal.slice(1, -1).replace(/''/g, "'");

export function isDirectoryFilterProblem(x: DirectoryFilter | DirectoryFilterProblem): x is DirectoryFilterProblem {
  return 'code' in x;
}

export function parseDirectoryFilter(collection: keyof typeof DIRECTORY_FILTERS, text: string): DirectoryFilter | DirectoryFilterProblem {
  const spec = DIRECTORY_FILTERS[collection];
  const clause = text.trim();
  let found: DirectoryFilter | undefined;
  let m: RegExpExecArray | null;
  if ((m = IDENTITY_SOURCE.exec(clause))) found = { property: 'identitySources/tenantId', operator: 'eq', values: [unquote(m[2])] };
  else if ((m = EQ.exec(clause))) found = { property: m[1], operator: 'eq', values: [unquote(m[2])] };
  else if ((m = IN.exec(clause)))
    found = { property: m[1], operator: 'in', values: [...m[2].matchAll(new RegExp(STRING, 'g'))].map((x) => unquote(x[0])) };
  else if ((m = STARTS.exec(clause))) found = { property: m[1], operator: 'startswith', values: [unquote(m[2])] };
  if (!found) return invalid(`Invalid filter clause: '${clause}' is not supported.`);
  const property = Object.keys(spec.properties).find((p) => p.toLowerCase() === found!.property.toLowerCase());
  if (!property || !spec.properties[property].includes(found.operator)) {
    return invalid(`Unsupported or invalid query filter clause specified for property '${found.property}' of resource '${spec.resource}'.`);
  }
  if (found.operator === 'in' && found.values.length > MAX_IN_VALUES) {
    return invalid(`Too many values in the 'in' operator: at most ${MAX_IN_VALUES} are allowed.`);
  }
  return { ...found, property };
}

export function matchesFilter(filter: DirectoryFilter, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const v = value.toLowerCase();
  const wanted = filter.values.map((x) => x.toLowerCase());
  return filter.operator === 'startswith' ? v.startsWith(wanted[0]) : wanted.includes(v);
}

function invalid(message: string): DirectoryFilterProblem {
  return { status: 400, code: 'InvalidFilter', message };
}
