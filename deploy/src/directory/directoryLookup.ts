// A cached, batched lookup of directory and entitlement-management objects in one tenant, by the
// keys name references use (docs/references.md) and by id. One instance serves one command (or an
// editor session with its own expiry): every answer is cached, and a batch of names costs one
// request per kind and 15 names (`in (…)` filters on users, groups, service principals), one list
// of connected organizations, one of catalogs and one of access packages, one list of extensions
// per catalog named, whatever the number of references. Ids are described with
// `directoryObjects/getByIds` (1,000 per request). Throttling is the GraphClient's job (it honours
// Retry-After). A 403 is an answer ("unreadable", with the permissions that would do), not a throw.
import type { ApiVersion, ObjectReferenceKind } from '../../../core/src';
import { GraphError, type GraphClient } from '../graph/index';
import { readAccessPackages, readCatalogs } from '../tenant/tenantReader';
import { catalogsPath } from '../tenant/tenantPaths';
import { DIRECTORY_READ_PERMISSIONS as READS, ENTITLEMENT_READ_PERMISSION } from '../auth/scopes';

/** An object a name or id led to, with what tells it apart from others of the same name. */
export interface DirectoryObject {
  kind: ObjectReferenceKind;
  id: string;
  displayName: string;
  /** UPN and whether enabled, mail, group type, catalog, appId, partner tenant: for messages and hovers. */
  detail: string;
  /** The keys that name it in a reference (UPN; display name; catalog + name; appId; partner tenant id). */
  key: string[];
  /** The facts a hover shows, each where the kind has it. */
  userPrincipalName?: string;
  accountEnabled?: boolean;
  mail?: string;
  catalog?: string;
  appId?: string;
  /** A connected organization's partner Entra tenant ids. */
  partnerTenants?: string[];
  /** getByIds gave only its type and id: it exists, but the caller may not read its kind (tenant facts §4.1). */
  limited?: boolean;
}

export type LookupResult =
  | { status: 'found'; object: DirectoryObject }
  | { status: 'none' }
  | { status: 'many'; candidates: DirectoryObject[] }
  | { status: 'unreadable'; permissions: readonly string[]; graphSaid: string };

export interface LookupRequest {
  kind: ObjectReferenceKind;
  /** The reference's names (two for accessPackage and customExtension). */
  parts: readonly string[];
}

/**
 * The least-privileged permissions that let each lookup read (tenant facts §4.1; Graph's
 * permissions reference; the names are deploy/src/auth/scopes.ts's), the one table the CLI's AP4103
 * and the editor's hover both name when Graph answers 403. Users: `User.Read.All` for apps
 * (app-only `User.ReadBasic.All` is reported refused on `GET /users`), delegated
 * `User.ReadBasic.All` reads names but not `accountEnabled`. A group's members (the hover's count)
 * need `GroupMember.Read.All`; getByIds has no lower option than `Directory.Read.All`.
 */
export const LOOKUP_PERMISSIONS: Readonly<Record<ObjectReferenceKind | 'getByIds' | 'groupMembers', readonly string[]>> = {
  user: [READS.user.application, `${READS.user.delegated} (delegated)`],
  group: [READS.group.application, 'Group.Read.All', READS.getByIds.application],
  groupMembers: [READS.group.application],
  servicePrincipal: [READS.servicePrincipal.application, READS.getByIds.application],
  connectedOrganization: [ENTITLEMENT_READ_PERMISSION],
  accessPackage: [ENTITLEMENT_READ_PERMISSION],
  customExtension: [ENTITLEMENT_READ_PERMISSION],
  getByIds: [READS.getByIds.application],
};

/** The kinds getByIds describes, by their `@odata.type` name. */
export const DIRECTORY_OBJECT_KINDS = ['user', 'group', 'servicePrincipal'] as const;
export type DirectoryObjectKind = (typeof DIRECTORY_OBJECT_KINDS)[number];

/** Suggestions per kind and prefix (completion); `$top` under 20 also costs Graph one resource unit less. */
export const SUGGESTIONS_PER_PREFIX = 15;

/** Names per `in (…)` filter [INF: Graph's directory `in` takes at most 15 values]. */
export const NAMES_PER_FILTER = 15;
/** Ids per getByIds request [DOC directoryobject-getbyids]. */
export const IDS_PER_GET_BY_IDS = 1000;
const MAX_PAGES = 10_000;
const USER_SELECT = 'id,displayName,userPrincipalName,mail,accountEnabled';
const GROUP_SELECT = 'id,displayName,mail,mailNickname,securityEnabled,mailEnabled,groupTypes';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DirectoryLookupOptions {
  graph: GraphClient;
  /** The API version whose entitlement-management paths to read (catalogs, packages, extensions). */
  apiVersion?: ApiVersion;
  signal?: AbortSignal;
}

type Row = Record<string, unknown>;

export class DirectoryLookup {
  private readonly results = new Map<string, Promise<LookupResult>>();
  private readonly lists = new Map<string, Promise<Row[]>>();
  private readonly members = new Map<string, Promise<{ count: number; more: boolean } | undefined>>();
  private readonly suggestions = new Map<string, Promise<DirectoryObject[] | { unreadable: readonly string[]; graphSaid: string }>>();
  private readonly apiVersion: ApiVersion;

  constructor(private readonly options: DirectoryLookupOptions) {
    this.apiVersion = options.apiVersion ?? 'v1.0';
  }

  /** Resolves many names at once, batched per kind; the answer is keyed by `keyOf(request)`. */
  async findAll(requests: readonly LookupRequest[]): Promise<Map<string, LookupResult>> {
    const pending = new Map<string, LookupRequest>();
    for (const r of requests) if (!this.results.has(keyOf(r))) pending.set(keyOf(r), r);
    const byKind = new Map<ObjectReferenceKind, LookupRequest[]>();
    for (const r of pending.values()) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
    for (const [kind, list] of byKind) {
      const batch = this.lookUpKind(kind, list);
      for (const r of list) {
        const one = batch.then((m) => m.get(keyOf(r)) ?? ({ status: 'none' } as const));
        // A failed lookup (throttled, unreachable) is asked again next time, not cached; the catch also
        // keeps a failed batch's results not awaited below from crashing the process.
        one.catch(() => this.results.delete(keyOf(r)));
        this.results.set(keyOf(r), one);
      }
    }
    const out = new Map<string, LookupResult>();
    for (const r of requests) out.set(keyOf(r), await this.results.get(keyOf(r))!);
    return out;
  }

  async find(request: LookupRequest): Promise<LookupResult> {
    return (await this.findAll([request])).get(keyOf(request))!;
  }

  /**
   * Users, groups and service principals by object id (getByIds, 1,000 per request): found ones
   * with their detail; an id missing from the answer does not exist (or is not one of those types).
   */
  async describeIds(
    ids: readonly string[],
    types: readonly DirectoryObjectKind[] = DIRECTORY_OBJECT_KINDS,
  ): Promise<Map<string, DirectoryObject> | { unreadable: readonly string[]; graphSaid: string }> {
    const out = new Map<string, DirectoryObject>();
    const unique = [...new Set(ids.map((i) => i.toLowerCase()))];
    try {
      for (let i = 0; i < unique.length; i += IDS_PER_GET_BY_IDS) {
        const res = await this.options.graph.request<{ value?: Row[] }>('POST', '/v1.0/directoryObjects/getByIds', {
          body: { ids: unique.slice(i, i + IDS_PER_GET_BY_IDS), types },
          signal: this.options.signal,
        });
        for (const row of res.body?.value ?? []) {
          const type = String(row['@odata.type'] ?? '');
          const obj = type.endsWith('.user')
            ? userObject(row)
            : type.endsWith('.group')
              ? groupObject(row)
              : type.endsWith('.servicePrincipal')
                ? spObject(row)
                : undefined;
          // Only `@odata.type` and `id`: "limited information", the kind is not readable to the caller.
          if (obj && row.displayName === undefined) obj.limited = true;
          if (obj) out.set(obj.id.toLowerCase(), obj);
        }
      }
    } catch (e) {
      if (e instanceof GraphError && e.status === 403)
        return { unreadable: LOOKUP_PERMISSIONS.getByIds, graphSaid: e.graphMessage ?? 'Forbidden' };
      throw e;
    }
    return out;
  }

  /** Connected organizations, access packages (with catalogs) or custom extensions by id, from the cached lists. */
  async describeEntitlementIds(
    kind: 'connectedOrganization' | 'accessPackage' | 'customExtension',
    ids: readonly string[],
  ): Promise<Map<string, DirectoryObject>> {
    const all =
      kind === 'connectedOrganization'
        ? await this.connectedOrganizations()
        : kind === 'accessPackage'
          ? await this.accessPackages()
          : await this.customExtensions([...new Set((await this.catalogs()).map((c) => c.displayName))]);
    const wanted = new Set(ids.map((i) => i.toLowerCase()));
    return new Map(all.filter((o) => wanted.has(o.id.toLowerCase())).map((o) => [o.id.toLowerCase(), o]));
  }

  /**
   * A group's direct members, counted from one page of 999 (`more` when Graph has further pages);
   * undefined when they may not be read. Read, not `$count`, which needs an eventually consistent
   * query (tenant facts §4.1).
   */
  memberCount(groupId: string): Promise<{ count: number; more: boolean } | undefined> {
    const id = groupId.toLowerCase();
    let p = this.members.get(id);
    if (!p) {
      p = this.options.graph
        .request<{ value?: unknown[]; '@odata.nextLink'?: string }>('GET', `/v1.0/groups/${encodeURIComponent(id)}/members`, {
          query: { $select: 'id', $top: '999' },
          signal: this.options.signal,
        })
        .then((res) => ({ count: res.body?.value?.length ?? 0, more: typeof res.body?.['@odata.nextLink'] === 'string' }))
        .catch((e: unknown) => {
          if (e instanceof GraphError && (e.status === 403 || e.status === 404)) return undefined;
          this.members.delete(id);
          throw e;
        });
      this.members.set(id, p);
    }
    return p;
  }

  /**
   * Objects of `kind` whose reference name starts with `prefix` (completion): one filtered page per
   * directory kind (`startswith` on the key Graph filters by: UPN, display name), the cached lists
   * for entitlement-management kinds; for two-part kinds `catalog` narrows to one catalog's objects.
   */
  suggest(
    kind: ObjectReferenceKind,
    prefix: string,
    catalog?: string,
  ): Promise<DirectoryObject[] | { unreadable: readonly string[]; graphSaid: string }> {
    const key = `${kind}\u0000${catalog?.toLowerCase() ?? ''}\u0000${prefix.toLowerCase()}`;
    let p = this.suggestions.get(key);
    if (!p) {
      p = this.readSuggestions(kind, prefix, catalog).catch((e: unknown) => {
        this.suggestions.delete(key);
        if (e instanceof GraphError && e.status === 403)
          return { unreadable: LOOKUP_PERMISSIONS[kind], graphSaid: e.graphMessage ?? 'Forbidden' };
        throw e;
      });
      this.suggestions.set(key, p);
    }
    return p;
  }

  private async readSuggestions(kind: ObjectReferenceKind, prefix: string, catalog?: string): Promise<DirectoryObject[]> {
    const lower = prefix.toLowerCase();
    const starts = (s: string | undefined) => (s ?? '').toLowerCase().startsWith(lower);
    const page = async (path: string, property: string, select: string) => {
      const query: Record<string, string> = { $select: select, $top: String(SUGGESTIONS_PER_PREFIX) };
      if (prefix) query.$filter = `startswith(${property},${odataString(prefix)})`;
      const res = await this.options.graph.request<{ value?: Row[] }>('GET', path, { query, signal: this.options.signal });
      return Array.isArray(res.body?.value) ? res.body.value : [];
    };
    switch (kind) {
      case 'user':
        return (await page('/v1.0/users', 'userPrincipalName', USER_SELECT)).map(userObject);
      case 'group':
        return (await page('/v1.0/groups', 'displayName', GROUP_SELECT)).map(groupObject);
      case 'servicePrincipal':
        return (await page('/v1.0/servicePrincipals', 'displayName', 'id,appId,displayName')).map(spObject);
      case 'connectedOrganization':
        return (await this.connectedOrganizations()).filter((o) => starts(o.displayName)).slice(0, SUGGESTIONS_PER_PREFIX);
      case 'accessPackage':
      case 'customExtension': {
        if (catalog === undefined)
          return (await this.catalogs())
            .filter((c) => starts(c.displayName))
            .slice(0, SUGGESTIONS_PER_PREFIX)
            .map((c) => ({ kind, id: c.id, displayName: c.displayName, detail: 'catalog', key: [c.displayName] }));
        const inCatalog =
          kind === 'accessPackage'
            ? (await this.accessPackages()).filter((o) => o.key[0].toLowerCase() === catalog.toLowerCase())
            : await this.customExtensions([catalog]);
        return inCatalog.filter((o) => starts(o.key[1])).slice(0, SUGGESTIONS_PER_PREFIX);
      }
    }
  }

  private async lookUpKind(kind: ObjectReferenceKind, requests: LookupRequest[]): Promise<Map<string, LookupResult>> {
    try {
      const candidates = await this.candidatesFor(kind, requests);
      const out = new Map<string, LookupResult>();
      for (const r of requests) {
        const matches = candidates.filter((c) => matchesKey(c, r));
        out.set(
          keyOf(r),
          matches.length === 1
            ? { status: 'found', object: matches[0] }
            : matches.length === 0
              ? { status: 'none' }
              : { status: 'many', candidates: matches },
        );
      }
      return out;
    } catch (e) {
      if (e instanceof GraphError && e.status === 403) {
        const answer: LookupResult = {
          status: 'unreadable',
          permissions: LOOKUP_PERMISSIONS[kind],
          graphSaid: e.graphMessage ?? 'Forbidden',
        };
        return new Map(requests.map((r) => [keyOf(r), answer]));
      }
      throw e;
    }
  }

  private async candidatesFor(kind: ObjectReferenceKind, requests: LookupRequest[]): Promise<DirectoryObject[]> {
    const names = [...new Set(requests.map((r) => r.parts[0]))];
    switch (kind) {
      case 'user':
        return (await this.filtered('/v1.0/users', 'userPrincipalName', names, USER_SELECT)).map(userObject);
      case 'group':
        return (await this.filtered('/v1.0/groups', 'displayName', names, GROUP_SELECT)).map(groupObject);
      case 'servicePrincipal': {
        const appIds = names.filter((n) => GUID.test(n));
        const displayNames = names.filter((n) => !GUID.test(n));
        const rows = [
          ...(appIds.length ? await this.filtered('/v1.0/servicePrincipals', 'appId', appIds, 'id,appId,displayName') : []),
          ...(displayNames.length
            ? await this.filtered('/v1.0/servicePrincipals', 'displayName', displayNames, 'id,appId,displayName')
            : []),
        ];
        return rows.map(spObject);
      }
      case 'connectedOrganization':
        return this.connectedOrganizations();
      case 'accessPackage':
        return this.accessPackages();
      case 'customExtension':
        return this.customExtensions(names);
    }
  }

  /** `prop in ('a','b',…)`, 15 names a request, every page read. */
  private async filtered(path: string, property: string, names: readonly string[], select: string): Promise<Row[]> {
    const rows: Row[] = [];
    for (let i = 0; i < names.length; i += NAMES_PER_FILTER) {
      const chunk = names.slice(i, i + NAMES_PER_FILTER);
      const filter = `${property} in (${chunk.map(odataString).join(',')})`;
      rows.push(
        ...(await this.options.graph.list<Row>(path, {
          query: { $filter: filter, $select: select },
          signal: this.options.signal,
          maxPages: MAX_PAGES,
        })),
      );
    }
    return rows;
  }

  private cachedList(key: string, read: () => Promise<Row[]>): Promise<Row[]> {
    let p = this.lists.get(key);
    if (!p) {
      p = read();
      this.lists.set(key, p);
      p.catch(() => this.lists.delete(key));
    }
    return p;
  }

  private async connectedOrganizations(): Promise<DirectoryObject[]> {
    const rows = await this.cachedList('connectedOrganizations', () =>
      this.options.graph.list<Row>(`/${this.apiVersion}/identityGovernance/entitlementManagement/connectedOrganizations`, {
        signal: this.options.signal,
        maxPages: MAX_PAGES,
      }),
    );
    return rows.map((r) => {
      const sources = Array.isArray(r.identitySources) ? (r.identitySources as Row[]) : [];
      const tenants = sources.map((s) => s.tenantId).filter((t): t is string => typeof t === 'string');
      const domains = sources.map((s) => s.domainName).filter((t): t is string => typeof t === 'string');
      const id = String(r.id);
      return {
        kind: 'connectedOrganization',
        id,
        displayName: String(r.displayName ?? id),
        detail: tenants.length
          ? `partner tenant ${tenants.join(', ')}`
          : domains.length
            ? `domain ${domains.join(', ')}`
            : 'no Entra tenant source',
        key: [...tenants, ...domains, String(r.displayName ?? '')],
        ...(tenants.length ? { partnerTenants: tenants } : {}),
      };
    });
  }

  private async catalogs(): Promise<{ id: string; displayName: string }[]> {
    const key = `catalogs:${this.apiVersion}`;
    const rows = await this.cachedList(
      key,
      async () => [...(await readCatalogs(this.options.graph, this.apiVersion, this.options.signal)).values()] as unknown as Row[],
    );
    return rows as unknown as { id: string; displayName: string }[];
  }

  private async accessPackages(): Promise<DirectoryObject[]> {
    const catalogs = new Map((await this.catalogs()).map((c) => [c.id.toLowerCase(), c.displayName]));
    const rows = await this.cachedList(
      `accessPackages:${this.apiVersion}`,
      async () => [...(await readAccessPackages(this.options.graph, this.apiVersion, this.options.signal)).values()] as unknown as Row[],
    );
    return (rows as unknown as { id: string; displayName: string; catalogId: string }[]).map((p) => {
      const catalog = catalogs.get(p.catalogId.toLowerCase()) ?? p.catalogId;
      return {
        kind: 'accessPackage',
        id: p.id,
        displayName: p.displayName,
        detail: `catalog "${catalog}"`,
        key: [catalog, p.displayName],
        catalog,
      };
    });
  }

  /** The custom extensions of the catalogs with these names (one list per catalog). */
  private async customExtensions(catalogNames: readonly string[]): Promise<DirectoryObject[]> {
    const wanted = new Set(catalogNames.map((n) => n.toLowerCase()));
    const catalogs = (await this.catalogs()).filter((c) => wanted.has(c.displayName.toLowerCase()));
    const out: DirectoryObject[] = [];
    const nav = this.apiVersion === 'v1.0' ? 'customWorkflowExtensions' : 'customAccessPackageWorkflowExtensions';
    for (const c of catalogs) {
      const rows = await this.cachedList(`extensions:${this.apiVersion}:${c.id}`, () =>
        this.options.graph.list<Row>(`${catalogsPath(this.apiVersion)}/${c.id}/${nav}`, {
          signal: this.options.signal,
          maxPages: MAX_PAGES,
        }),
      );
      for (const r of rows) {
        const id = String(r.id);
        const type = String(r['@odata.type'] ?? '').replace(/^#microsoft\.graph\./, '');
        out.push({
          kind: 'customExtension',
          id,
          displayName: String(r.displayName ?? id),
          detail: `catalog "${c.displayName}"${type ? `, ${type}` : ''}`,
          key: [c.displayName, String(r.displayName ?? '')],
          catalog: c.displayName,
        });
      }
    }
    return out;
  }
}

/** The cache key of a request: kind and names, case-insensitive as directory names compare [INF]. */
export function keyOf(r: LookupRequest): string {
  return `${r.kind}\u0000${r.parts.map((p) => p.toLowerCase()).join('\u0000')}`;
}

function matchesKey(o: DirectoryObject, r: LookupRequest): boolean {
  const want = r.parts.map((p) => p.toLowerCase());
  const key = o.key.map((k) => k.toLowerCase());
  if (o.kind === 'accessPackage' || o.kind === 'customExtension') return key[0] === want[0] && key[1] === want[0 + 1];
  // One name, several keys: a UPN; a display name; an appId or display name; a tenant id, domain or display name.
  return key.includes(want[0]);
}

function odataString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function userObject(r: Row): DirectoryObject {
  const upn = String(r.userPrincipalName ?? '');
  const enabled = r.accountEnabled === false ? ', account disabled' : '';
  return {
    kind: 'user',
    id: String(r.id),
    displayName: String(r.displayName ?? upn),
    detail: `${upn}${enabled}`,
    key: [upn],
    ...(upn ? { userPrincipalName: upn } : {}),
    ...(typeof r.accountEnabled === 'boolean' ? { accountEnabled: r.accountEnabled } : {}),
    ...(typeof r.mail === 'string' && r.mail ? { mail: r.mail } : {}),
  };
}

function groupObject(r: Row): DirectoryObject {
  const types = Array.isArray(r.groupTypes) ? (r.groupTypes as string[]) : [];
  const kind = types.includes('Unified')
    ? 'Microsoft 365 group'
    : r.securityEnabled === false
      ? 'distribution group'
      : r.mailEnabled
        ? 'mail-enabled security group'
        : 'security group';
  const mail =
    typeof r.mail === 'string' && r.mail ? `, ${r.mail}` : typeof r.mailNickname === 'string' ? `, mailNickname ${r.mailNickname}` : '';
  return {
    kind: 'group',
    id: String(r.id),
    displayName: String(r.displayName ?? r.id),
    detail: `${kind}${mail}`,
    key: [String(r.displayName ?? '')],
    ...(typeof r.mail === 'string' && r.mail ? { mail: r.mail } : {}),
  };
}

function spObject(r: Row): DirectoryObject {
  const appId = String(r.appId ?? '');
  return {
    kind: 'servicePrincipal',
    id: String(r.id),
    displayName: String(r.displayName ?? appId),
    detail: `appId ${appId}`,
    key: [appId, String(r.displayName ?? '')],
    ...(appId ? { appId } : {}),
  };
}
