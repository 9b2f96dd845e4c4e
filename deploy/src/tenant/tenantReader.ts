// Reads what a tenant has, in as few requests as Graph allows: one paged list of catalogs, one of
// access packages (each with its catalog expanded), and the policies either tenant-wide (one paged
// list) or per access package (`accessPackage/id eq`, docs/policy-facts.md "Reading a tenant") when only a few packages are
// wanted. Every list follows `@odata.nextLink` to the end; a page that fails after the client's
// retries fails the whole read, so no caller ever acts on part of a tenant.
import type { ApiVersion } from '../../../core/src';
import type { GraphClient } from '../graph/index';
import { policiesOfPackageQuery, policyCollectionPath, policyExpand } from '../deploy/endpoints';
import type { PolicyValue } from '../deploy/policyBody';
import { accessPackagesPath, catalogsPath, packageCatalogNavigation } from './tenantPaths';

export interface TenantCatalog {
  id: string;
  displayName: string;
}

export interface TenantAccessPackage {
  id: string;
  displayName: string;
  catalogId: string;
}

export interface TenantPolicy {
  id: string;
  displayName: string;
  accessPackageId: string;
  /** The policy as Graph returned it (with the navigations a file holds expanded). */
  raw: PolicyValue;
}

export interface TenantSnapshot {
  apiVersion: ApiVersion;
  catalogs: Map<string, TenantCatalog>;
  packages: Map<string, TenantAccessPackage>;
  policies: TenantPolicy[];
  /** The packages whose policies were read; `all` for a tenant-wide list. */
  policyScope: Set<string> | 'all';
}

export interface ReadTenantOptions {
  apiVersion: ApiVersion;
  /** Ids of the access packages whose policies to read; absent: every policy the caller can read. */
  packageIds?: string[];
  signal?: AbortSignal;
  /** Above this many packages one tenant-wide list is cheaper than a list per package (default PER_PACKAGE_LIMIT). */
  perPackageLimit?: number;
  onProgress?: (message: string) => void;
  /** Each page of policies as it arrives, unfiltered (GraphClient.list's onPage). */
  onPage?: (page: PolicyValue[]) => void;
}

/** No page limit short of absurd: a partial list must never pass for a whole one. */
const MAX_PAGES = 100_000;

export async function readCatalogs(graph: GraphClient, apiVersion: ApiVersion, signal?: AbortSignal): Promise<Map<string, TenantCatalog>> {
  const items = await graph.list<Record<string, unknown>>(catalogsPath(apiVersion), {
    query: { $select: 'id,displayName' },
    signal,
    maxPages: MAX_PAGES,
  });
  const out = new Map<string, TenantCatalog>();
  for (const c of items)
    if (typeof c.id === 'string') out.set(c.id.toLowerCase(), { id: c.id, displayName: String(c.displayName ?? c.id) });
  return out;
}

export async function readAccessPackages(
  graph: GraphClient,
  apiVersion: ApiVersion,
  signal?: AbortSignal,
): Promise<Map<string, TenantAccessPackage>> {
  const nav = packageCatalogNavigation(apiVersion);
  const items = await graph.list<Record<string, unknown>>(accessPackagesPath(apiVersion), {
    query: { $select: 'id,displayName', $expand: `${nav}($select=id,displayName)` },
    signal,
    maxPages: MAX_PAGES,
  });
  const out = new Map<string, TenantAccessPackage>();
  for (const p of items) {
    if (typeof p.id !== 'string') continue;
    const cat = p[nav] as { id?: unknown } | undefined;
    out.set(p.id.toLowerCase(), {
      id: p.id,
      displayName: String(p.displayName ?? p.id),
      catalogId: typeof cat?.id === 'string' ? cat.id.toLowerCase() : '',
    });
  }
  return out;
}

/** Above this many access packages, one tenant-wide list is cheaper than a list per package. */
export const PER_PACKAGE_LIMIT = 10;

export async function readPolicies(
  graph: GraphClient,
  options: ReadTenantOptions,
): Promise<{ policies: TenantPolicy[]; scope: Set<string> | 'all' }> {
  return selectPolicies(await listPolicies(graph, options), options.apiVersion, options.packageIds);
}

/**
 * The policies as Graph lists them, unfiltered: per access package (`accessPackage/id eq`) when
 * few are wanted, otherwise the tenant-wide list (which `selectPolicies` then narrows).
 */
export async function listPolicies(graph: GraphClient, options: ReadTenantOptions): Promise<PolicyValue[]> {
  const { apiVersion, signal } = options;
  const limit = options.perPackageLimit ?? PER_PACKAGE_LIMIT;
  const wanted = options.packageIds?.map((id) => id.toLowerCase());
  const raw: PolicyValue[] = [];
  if (wanted && wanted.length <= limit) {
    for (const id of wanted) {
      raw.push(
        ...(await graph.list<PolicyValue>(policyCollectionPath(apiVersion), {
          query: policiesOfPackageQuery(apiVersion, id),
          signal,
          maxPages: MAX_PAGES,
          onPage: options.onPage,
        })),
      );
    }
  } else {
    raw.push(
      ...(await graph.list<PolicyValue>(policyCollectionPath(apiVersion), {
        query: { $expand: policyExpand(apiVersion) },
        signal,
        maxPages: MAX_PAGES,
        onPage: options.onPage,
      })),
    );
  }
  return raw;
}

/** The listed policies of the wanted packages (all when none are named), each id once. */
export function selectPolicies(
  raw: PolicyValue[],
  apiVersion: ApiVersion,
  packageIds?: string[],
): { policies: TenantPolicy[]; scope: Set<string> | 'all' } {
  const wanted = packageIds?.map((id) => id.toLowerCase());
  const keep = wanted ? new Set(wanted) : undefined;
  const policies: TenantPolicy[] = [];
  const seen = new Set<string>();
  for (const p of raw) {
    if (typeof p.id !== 'string' || seen.has(p.id.toLowerCase())) continue;
    const accessPackageId = packageIdOfPolicy(p, apiVersion);
    if (keep && !keep.has(accessPackageId)) continue;
    seen.add(p.id.toLowerCase());
    policies.push({ id: p.id, displayName: String(p.displayName ?? ''), accessPackageId, raw: p });
  }
  return { policies, scope: keep ?? 'all' };
}

export async function readTenant(graph: GraphClient, options: ReadTenantOptions): Promise<TenantSnapshot> {
  options.onProgress?.('reading catalogs and access packages…');
  const catalogs = await readCatalogs(graph, options.apiVersion, options.signal);
  const packages = await readAccessPackages(graph, options.apiVersion, options.signal);
  options.onProgress?.('reading policies…');
  const { policies, scope } = await readPolicies(graph, options);
  return { apiVersion: options.apiVersion, catalogs, packages, policies, policyScope: scope };
}

export function packageIdOfPolicy(p: PolicyValue, apiVersion: ApiVersion): string {
  if (apiVersion === 'beta') return typeof p.accessPackageId === 'string' ? p.accessPackageId.toLowerCase() : '';
  const ap = p.accessPackage as { id?: unknown } | undefined;
  return typeof ap?.id === 'string' ? ap.id.toLowerCase() : '';
}
