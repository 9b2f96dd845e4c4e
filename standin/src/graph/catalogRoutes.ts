// Catalogs, access packages and custom extensions as Graph lists and gets them (docs/policy-facts.md, "Reading a tenant"): v1.0
// `catalogs` / `customWorkflowExtensions`, beta `accessPackageCatalogs` /
// `customAccessPackageWorkflowExtensions`; `accessPackages` in both. Only `displayName eq` is
// accepted as a filter here [INF: the one filter evidenced for all three]; anything else is
// Graph's `InvalidFilter`. Nested policy paths under a package answer 404 as the service does.
import { isFilterProblem, parseFilter } from './filter';
import { HttpProblem, methodNotAllowed, notFound, unknownProperty } from './httpProblem';
import { applySelect, pageOf, parseExpand, parseSelect, type ExpandItem } from './odataQuery';
import type { GraphState, PolicyApiVersion, StoredAccessPackage, StoredCatalog, StoredCustomExtension } from './state';

export interface CatalogRouteInput {
  apiVersion: PolicyApiVersion;
  /** Path after `/{version}/identityGovernance/entitlementManagement`. */
  rest: string;
  method: string;
  url: URL;
  /** `http://host/{version}` for `@odata.context`. */
  base: string;
}

export interface RouteAnswer {
  status: number;
  body: unknown;
}

const CATALOGS: Record<PolicyApiVersion, string> = { 'v1.0': 'catalogs', beta: 'accessPackageCatalogs' };
const EXTENSIONS: Record<PolicyApiVersion, string> = { 'v1.0': 'customWorkflowExtensions', beta: 'customAccessPackageWorkflowExtensions' };
const PACKAGE_CATALOG_NAV: Record<PolicyApiVersion, string> = { 'v1.0': 'catalog', beta: 'accessPackageCatalog' };
const PACKAGE_POLICIES_NAV: Record<PolicyApiVersion, string> = { 'v1.0': 'assignmentPolicies', beta: 'accessPackageAssignmentPolicies' };

export function catalogJson(c: StoredCatalog): Record<string, unknown> {
  return {
    id: c.id,
    displayName: c.displayName,
    description: c.description,
    catalogType: 'userManaged',
    state: 'published',
    isExternallyVisible: false,
  };
}

export function packageJson(p: StoredAccessPackage): Record<string, unknown> {
  return { id: p.id, displayName: p.displayName, description: p.description, isHidden: false };
}

export function extensionJson(e: StoredCustomExtension): Record<string, unknown> {
  return {
    '@odata.type': e.odataType,
    id: e.id,
    displayName: e.displayName,
    description: '',
    endpointConfiguration: {
      '@odata.type': '#microsoft.graph.logicAppTriggerEndpointConfiguration',
      logicAppWorkflowName: e.displayName.replace(/\W+/g, '-'),
    },
  };
}

export function routeCatalogs(
  state: GraphState,
  pageSize: number,
  input: CatalogRouteInput,
  expandPolicies: (apiVersion: PolicyApiVersion, packageId: string) => unknown[],
): RouteAnswer | undefined {
  const { apiVersion, rest, method, url, base } = input;
  const segments = rest.split('/').filter(Boolean).map(decodeURIComponent);
  const head = segments[0];
  if (head !== CATALOGS[apiVersion] && head !== 'accessPackages') return undefined;
  if (method !== 'GET') {
    // Nested policy paths are not served, for any method (docs/policy-facts.md, "Reading a tenant": nested paths answer 404).
    if (head === 'accessPackages' && segments.length > 2) throw nestedNotFound(url);
    throw methodNotAllowed();
  }
  const context = `${base}/$metadata#identityGovernance/entitlementManagement/${head}`;

  if (head === CATALOGS[apiVersion]) {
    if (segments.length === 1) {
      const catalogs = filterByName([...state.catalogs.values()], url);
      return list(catalogs.map(catalogJson), url, pageSize, context);
    }
    const catalog = state.catalogs.get(stripQuotes(segments[1]).toLowerCase());
    if (!catalog) throw notFound(`Catalog '${segments[1]}'`);
    if (segments.length === 2)
      return {
        status: 200,
        body: {
          '@odata.context': `${context}/$entity`,
          ...applySelect(catalogJson(catalog), parseSelect(url.searchParams.get('$select'))),
        },
      };
    if (segments.length === 3 && segments[2] === EXTENSIONS[apiVersion]) {
      const exts = filterByName(
        [...state.customExtensions.values()].filter((e) => e.catalogId === catalog.id),
        url,
      );
      return list(exts.map(extensionJson), url, pageSize, `${context}('${catalog.id}')/${EXTENSIONS[apiVersion]}`);
    }
    throw new HttpProblem(400, 'BadRequest', `Resource not found for the segment '${segments[segments.length - 1]}'.`);
  }

  // accessPackages
  const expand = parseExpand(url.searchParams.get('$expand'));
  if (typeof expand === 'string') throw new HttpProblem(400, 'BadRequest', expand);
  for (const name of expand.keys()) {
    if (name !== PACKAGE_CATALOG_NAV[apiVersion] && name !== PACKAGE_POLICIES_NAV[apiVersion])
      throw unknownProperty(name, 'microsoft.graph.accessPackage');
  }
  const present = (p: StoredAccessPackage): Record<string, unknown> => {
    const out = applySelect(packageJson(p), parseSelect(url.searchParams.get('$select')));
    const cat = expand.get(PACKAGE_CATALOG_NAV[apiVersion]);
    if (cat) out[PACKAGE_CATALOG_NAV[apiVersion]] = applySelect(catalogJson(state.catalogs.get(p.catalogId)!), cat.select);
    if (expand.has(PACKAGE_POLICIES_NAV[apiVersion])) out[PACKAGE_POLICIES_NAV[apiVersion]] = expandPolicies(apiVersion, p.id);
    return out;
  };
  if (segments.length === 1) {
    return list(filterByName([...state.packages.values()], url).map(present), url, pageSize, context);
  }
  if (segments.length > 2) throw nestedNotFound(url);
  const pkg = state.packages.get(stripQuotes(segments[1]).toLowerCase());
  if (!pkg) throw notFound(`Access package '${segments[1]}'`);
  return { status: 200, body: { '@odata.context': `${context}/$entity`, ...present(pkg) } };
}

function nestedNotFound(url: URL): HttpProblem {
  return new HttpProblem(404, 'UnknownError', `No HTTP resource was found that matches the request URI '${url.href}'.`);
}

function stripQuotes(s: string): string {
  return s.replace(/^'|'$/g, '');
}

function filterByName<T extends { displayName: string }>(items: T[], url: URL): T[] {
  const text = url.searchParams.get('$filter');
  if (!text) return items;
  const clauses = parseFilter(text, ['displayName']);
  if (isFilterProblem(clauses)) throw new HttpProblem(clauses.status, clauses.code, clauses.message);
  // Directory-style string equality is case-insensitive [INF].
  return items.filter((i) => clauses.every((c) => i.displayName.toLowerCase() === c.value.toLowerCase()));
}

function list(items: Record<string, unknown>[], url: URL, pageSize: number, context: string): RouteAnswer {
  const { page, nextLink } = pageOf(items, url, pageSize);
  const body: Record<string, unknown> = { '@odata.context': context, value: page };
  if (nextLink) body['@odata.nextLink'] = nextLink;
  return { status: 200, body };
}

export type { ExpandItem };
