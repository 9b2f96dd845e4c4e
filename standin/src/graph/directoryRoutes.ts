// Directory lookups as Graph answers them, for name references (tenant facts §4.1): users (by id
// or userPrincipalName), groups (with members and `$count`), service principals (by id or
// `(appId='…')`), connected organizations, and `POST /directoryObjects/getByIds`. Lists page
// (default page size as configured, `$top` up to 999) and take the filters of ./directoryFilter.ts.
import { HttpProblem, methodNotAllowed } from './httpProblem';
import { applySelect, pageOf, parseSelect } from './odataQuery';
import {
  connectedOrganizationJson,
  groupJson,
  servicePrincipalJson,
  userJson,
  type DirectoryState,
  type StoredConnectedOrganization,
  type StoredGroup,
  type StoredServicePrincipal,
  type StoredUser,
} from './directory';
import { DIRECTORY_FILTERS, isDirectoryFilterProblem, matchesFilter, parseDirectoryFilter } from './directoryFilter';

export interface DirectoryRequest {
  /** Path after `/{version}`, e.g. `/users/alice@contoso.com`. */
  rest: string;
  method: string;
  url: URL;
  /** `http://host/{version}` for `@odata.context`. */
  base: string;
  headers: Record<string, string | string[] | undefined>;
  readBody: () => Promise<unknown>;
}

export type DirectoryAnswer = { status: number; body: unknown } | { status: number; text: string };

/** `getByIds` takes at most this many ids per request [DOC directoryobject-getbyids]. */
export const MAX_GET_BY_IDS = 1000;
/** Directory lists page at most this many items per request with `$top` [DOC list pages]. */
const MAX_TOP = 999;

const EM_CONNECTED = '/identityGovernance/entitlementManagement/connectedOrganizations';

/** The paths (after `/{version}`) this module serves, for the handler's route table. */
export const DIRECTORY_PATH =
  /^\/(?:users|groups|servicePrincipals|directoryObjects)(?:[/(]|$)|^\/identityGovernance\/entitlementManagement\/connectedOrganizations(?:\/|$)/;

export async function routeDirectory(dir: DirectoryState, pageSize: number, req: DirectoryRequest): Promise<DirectoryAnswer> {
  const { rest, method, url, base } = req;
  if (rest === '/directoryObjects/getByIds') {
    if (method !== 'POST') throw methodNotAllowed();
    return getByIds(dir, await req.readBody(), base);
  }
  if (method !== 'GET') throw methodNotAllowed();
  const select = parseSelect(url.searchParams.get('$select'));

  const spByAppId = /^\/servicePrincipals\(appId='((?:[^']|'')*)'\)$/.exec(rest);
  if (spByAppId) {
    const appId = decodeURIComponent(spByAppId[1]).toLowerCase();
    const sp = [...dir.servicePrincipals.values()].find((s) => s.appId === appId);
    if (!sp) throw resourceNotFound(appId);
    return entity(`${base}/$metadata#servicePrincipals/$entity`, applySelect(servicePrincipalJson(sp), select));
  }

  const segments = rest
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  if (rest === EM_CONNECTED || rest.startsWith(`${EM_CONNECTED}/`)) {
    const context = `${base}/$metadata#identityGovernance/entitlementManagement/connectedOrganizations`;
    if (segments.length === 3)
      return list(
        filtered('connectedOrganizations', [...dir.connectedOrganizations.values()], url, orgProperty),
        url,
        pageSize,
        context,
        connectedOrganizationJson,
        select,
      );
    const org = segments.length === 4 ? dir.connectedOrganizations.get(segments[3].toLowerCase()) : undefined;
    if (!org) throw resourceNotFound(segments[3] ?? '');
    return entity(`${context}/$entity`, applySelect(connectedOrganizationJson(org), select));
  }

  const [collection, key, nav, count] = segments;
  if (collection === 'users') {
    if (key === undefined)
      return list(
        filtered('users', [...dir.users.values()], url, (u, p) => (u as unknown as Record<string, unknown>)[p]),
        url,
        pageSize,
        `${base}/$metadata#users`,
        userJson,
        select,
      );
    if (nav !== undefined) throw segmentNotFound(nav);
    const user = findUser(dir, key);
    if (!user) throw resourceNotFound(key);
    return entity(`${base}/$metadata#users/$entity`, applySelect(userJson(user), select));
  }
  if (collection === 'groups') {
    if (key === undefined)
      return list(
        filtered('groups', [...dir.groups.values()], url, (g, p) => (g as unknown as Record<string, unknown>)[p]),
        url,
        pageSize,
        `${base}/$metadata#groups`,
        groupJson,
        select,
        req,
      );
    const group = dir.groups.get(key.toLowerCase());
    if (!group) throw resourceNotFound(key);
    if (nav === undefined) return entity(`${base}/$metadata#groups/$entity`, applySelect(groupJson(group), select));
    if (nav !== 'members') throw segmentNotFound(nav);
    const members = group.members.map((id) => dir.users.get(id)).filter((u): u is StoredUser => !!u);
    if (count === '$count') {
      // `$count` is an advanced query: Graph refuses it without ConsistencyLevel: eventual [DOC aad-advanced-queries].
      if (String(req.headers.consistencylevel ?? '').toLowerCase() !== 'eventual') {
        throw new HttpProblem(400, 'Request_BadRequest', 'Count is not currently supported without the ConsistencyLevel: eventual header.');
      }
      return { status: 200, text: String(members.length) };
    }
    if (count !== undefined) throw segmentNotFound(count);
    const asUsers = (u: StoredUser) => ({ '@odata.type': '#microsoft.graph.user', ...userJson(u) });
    return list(members, url, pageSize, `${base}/$metadata#directoryObjects`, asUsers, select, req);
  }
  if (collection === 'servicePrincipals') {
    if (key === undefined)
      return list(
        filtered('servicePrincipals', [...dir.servicePrincipals.values()], url, (s, p) => (s as unknown as Record<string, unknown>)[p]),
        url,
        pageSize,
        `${base}/$metadata#servicePrincipals`,
        servicePrincipalJson,
        select,
      );
    if (nav !== undefined) throw segmentNotFound(nav);
    const sp = dir.servicePrincipals.get(key.toLowerCase());
    if (!sp) throw resourceNotFound(key);
    return entity(`${base}/$metadata#servicePrincipals/$entity`, applySelect(servicePrincipalJson(sp), select));
  }
  throw segmentNotFound(collection ?? '');
}

/** By object id, or by userPrincipalName (`/users/alice@contoso.com`, or `/users('$x@y')` for a UPN starting with `$` [DOC user-get]). */
function findUser(dir: DirectoryState, key: string): StoredUser | undefined {
  const quoted = /^\('((?:[^']|'')*)'\)$/.exec(key);
  const k = (quoted ? quoted[1].replace(/''/g, "'") : key).toLowerCase();
  if (!quoted && k.startsWith('$')) throw new HttpProblem(400, 'Request_BadRequest', `Invalid object identifier '${key}'.`);
  return dir.users.get(k) ?? [...dir.users.values()].find((u) => u.userPrincipalName.toLowerCase() === k);
}

function orgProperty(o: StoredConnectedOrganization, property: string): unknown {
  return property === 'identitySources/tenantId' ? o.tenantId : (o as unknown as Record<string, unknown>)[property];
}

function filtered<T>(collection: keyof typeof DIRECTORY_FILTERS, items: T[], url: URL, read: (item: T, property: string) => unknown): T[] {
  const text = url.searchParams.get('$filter');
  if (!text) return items;
  const filter = parseDirectoryFilter(collection, text);
  if (isDirectoryFilterProblem(filter)) throw new HttpProblem(filter.status, filter.code, filter.message);
  return items.filter((i) => matchesFilter(filter, read(i, filter.property)));
}

function list<T>(
  items: T[],
  url: URL,
  pageSize: number,
  context: string,
  json: (item: T) => Record<string, unknown>,
  select: string[] | undefined,
  req?: DirectoryRequest,
): DirectoryAnswer {
  const top = Number.parseInt(url.searchParams.get('$top') ?? '', 10);
  if (Number.isFinite(top) && (top < 1 || top > MAX_TOP)) {
    throw new HttpProblem(400, 'Request_BadRequest', `Invalid page size specified: '${top}'. Must be between 1 and ${MAX_TOP} inclusive.`);
  }
  // The stand-in's page size stands for Graph's default (100); `$top` may ask for more, up to 999.
  const { page, nextLink } = pageOf(items, url, Number.isFinite(top) ? Math.min(top, MAX_TOP) : pageSize);
  const body: Record<string, unknown> = { '@odata.context': context };
  if (url.searchParams.get('$count') === 'true') {
    if (String(req?.headers.consistencylevel ?? '').toLowerCase() !== 'eventual') {
      throw new HttpProblem(400, 'Request_BadRequest', '$count is not currently supported without the ConsistencyLevel: eventual header.');
    }
    body['@odata.count'] = items.length;
  }
  body.value = page.map((i) => applySelect(json(i), select));
  if (nextLink) body['@odata.nextLink'] = nextLink;
  return { status: 200, body };
}

function entity(context: string, item: Record<string, unknown>): DirectoryAnswer {
  return { status: 200, body: { '@odata.context': context, ...item } };
}

function getByIds(dir: DirectoryState, raw: unknown, base: string): DirectoryAnswer {
  const body = raw as { ids?: unknown; types?: unknown };
  if (!body || !Array.isArray(body.ids) || body.ids.some((i) => typeof i !== 'string')) {
    throw new HttpProblem(400, 'Request_BadRequest', "The request body must name 'ids', an array of object ids.");
  }
  if (body.ids.length > MAX_GET_BY_IDS) {
    throw new HttpProblem(400, 'Request_BadRequest', `Too many ids: at most ${MAX_GET_BY_IDS} are allowed in one request.`);
  }
  const types = Array.isArray(body.types) ? body.types.map((t) => String(t).toLowerCase()) : undefined;
  const known = ['user', 'group', 'serviceprincipal'];
  const unknownType = types?.find((t) => !known.includes(t) && !['device', 'directoryobjectpartnerreference'].includes(t));
  if (unknownType) throw new HttpProblem(400, 'Request_BadRequest', `Invalid type '${unknownType}' in types.`);
  const value: Record<string, unknown>[] = [];
  for (const id of body.ids as string[]) {
    const found = dir.object(id);
    if (!found || (types && !types.includes(found.kind.toLowerCase()))) continue;
    const json =
      found.kind === 'user'
        ? userJson(found.value as StoredUser)
        : found.kind === 'group'
          ? groupJson(found.value as StoredGroup)
          : servicePrincipalJson(found.value as StoredServicePrincipal);
    value.push({ '@odata.type': `#microsoft.graph.${found.kind}`, ...json });
  }
  return { status: 200, body: { '@odata.context': `${base}/$metadata#directoryObjects`, value } };
}

function resourceNotFound(key: string): HttpProblem {
  return new HttpProblem(
    404,
    'Request_ResourceNotFound',
    `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

function segmentNotFound(segment: string): HttpProblem {
  return new HttpProblem(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
}
