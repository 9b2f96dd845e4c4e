// Looks up what ids and name references mean in one tenant, for the editor's hover and "does not
// exist" warnings: raw ids of users, groups and service principals in one
// `directoryObjects/getByIds` call per 1,000 ids, others (access packages, connected
// organizations) by id, and references by name per kind (a user by UPN, a group by display
// name…). Every answer is one of a few states a user can act on: found (with the detail that tells
// the object apart), missing, several matches, unreadable (naming the permission), or not checked.
// Permissions and calls: docs/tenant-aware-editor.md (tenant facts §4.1).
import { GraphError } from '../graph/graphError';
import { SignInError } from '../auth/errors';
import type { GraphClient } from '../graph/graphClient';
import type { DirectoryAnswers, DirectoryEntry, DirectoryKind, DirectoryQuery, FoundObject } from '../../../core/src';

/** getByIds takes at most this many ids per request [DOC directoryobject-getbyids]. */
export const GET_BY_IDS_LIMIT = 1000;

/** The least permission each lookup needs (tenant facts §4.1), named when Graph answers 403. */
export const LOOKUP_PERMISSIONS: Record<DirectoryKind | 'getByIds', string[]> = {
  getByIds: ['Directory.Read.All'],
  user: ['User.Read.All'],
  group: ['GroupMember.Read.All', 'Directory.Read.All'],
  servicePrincipal: ['Application.Read.All', 'Directory.Read.All'],
  accessPackage: ['EntitlementManagement.Read.All'],
  connectedOrganization: ['EntitlementManagement.Read.All'],
  customExtension: ['EntitlementManagement.Read.All'],
};

const DIRECTORY_TYPES: Partial<Record<DirectoryKind, string>> = { user: 'user', group: 'group', servicePrincipal: 'servicePrincipal' };
const EM = '/v1.0/identityGovernance/entitlementManagement';
const USER_SELECT = 'id,displayName,userPrincipalName,accountEnabled';
const GROUP_SELECT = 'id,displayName,mail,groupTypes,securityEnabled';
/** Member lists are read at most this far for a count (pages of 999). */
const MEMBER_PAGES = 2;

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class DirectoryLookup {
  constructor(
    private readonly graph: GraphClient,
    private readonly signal?: AbortSignal,
  ) {}

  /** Answers every query; throws only a SignInError (a Graph failure is an `unchecked` or `unreadable` entry). */
  async lookup(queries: readonly DirectoryQuery[]): Promise<DirectoryAnswers> {
    const answers: DirectoryAnswers = {};
    const byIds = queries.filter(
      (q): q is Extract<DirectoryQuery, { id: string }> => 'id' in q && q.kinds.every((k) => DIRECTORY_TYPES[k]),
    );
    for (let i = 0; i < byIds.length; i += GET_BY_IDS_LIMIT)
      Object.assign(answers, await this.getByIds(byIds.slice(i, i + GET_BY_IDS_LIMIT)));
    for (const q of queries) {
      if (answers[q.key]) continue;
      answers[q.key] = await this.settle('id' in q ? q.kinds[0] : q.kind, () =>
        'id' in q ? this.byId(q.id, q.kinds) : this.byName(q.kind, q.parts),
      );
    }
    return answers;
  }

  private async getByIds(queries: Extract<DirectoryQuery, { id: string }>[]): Promise<DirectoryAnswers> {
    const answers: DirectoryAnswers = {};
    const types = [...new Set(queries.flatMap((q) => q.kinds.map((k) => DIRECTORY_TYPES[k] as string)))];
    let value: Record<string, unknown>[];
    try {
      const res = await this.graph.request<{ value?: Record<string, unknown>[] }>('POST', '/v1.0/directoryObjects/getByIds', {
        body: { ids: [...new Set(queries.map((q) => q.id))], types },
        signal: this.signal,
      });
      value = Array.isArray(res.body?.value) ? res.body.value : [];
    } catch (e) {
      const entry = failure(e, LOOKUP_PERMISSIONS.getByIds);
      for (const q of queries) answers[q.key] = entry;
      return answers;
    }
    const byId = new Map(value.map((o) => [String(o.id).toLowerCase(), o]));
    for (const q of queries) {
      const o = byId.get(q.id.toLowerCase());
      if (!o) {
        answers[q.key] = { state: 'missing', lookedUp: `id ${q.id}` };
        continue;
      }
      const kind = kindOfType(String(o['@odata.type'] ?? '')) ?? q.kinds[0];
      if (o.displayName === undefined) {
        answers[q.key] = { state: 'limited', kind, id: q.id, permissions: LOOKUP_PERMISSIONS[kind] };
        continue;
      }
      answers[q.key] = { state: 'found', object: await this.withDetail(objectOf(kind, o)) };
    }
    return answers;
  }

  private async byId(id: string, kinds: DirectoryKind[]): Promise<DirectoryEntry> {
    const kind = kinds[0];
    if (kind === 'accessPackage') {
      const res = await this.graph.request<Record<string, unknown>>('GET', `${EM}/accessPackages/${encodeURIComponent(id)}`, {
        query: { $expand: 'catalog' },
        signal: this.signal,
      });
      return { state: 'found', object: objectOf('accessPackage', res.body) };
    }
    if (kind === 'connectedOrganization') {
      const res = await this.graph.request<Record<string, unknown>>('GET', `${EM}/connectedOrganizations/${encodeURIComponent(id)}`, {
        signal: this.signal,
      });
      return { state: 'found', object: objectOf('connectedOrganization', res.body) };
    }
    return { state: 'unchecked', reason: `${kind} ids are not looked up by the editor` };
  }

  private async byName(kind: DirectoryKind, parts: string[]): Promise<DirectoryEntry> {
    const [name, second] = parts;
    switch (kind) {
      case 'user': {
        // A UPN starting with `$` is only read in the quoted form (tenant facts §4.1).
        const path = name.startsWith('$') ? `/v1.0/users(${encodeURIComponent(quote(name))})` : `/v1.0/users/${encodeURIComponent(name)}`;
        const res = await this.graph.request<Record<string, unknown>>('GET', path, {
          query: { $select: USER_SELECT },
          signal: this.signal,
        });
        return { state: 'found', object: objectOf('user', res.body) };
      }
      case 'group':
        return this.one(
          'group',
          `display name ${quote(name)}`,
          await this.graph.list('/v1.0/groups', {
            query: { $filter: `displayName eq ${quote(name)}`, $select: GROUP_SELECT },
            signal: this.signal,
            maxPages: 5,
          }),
        );
      case 'servicePrincipal': {
        if (GUID.test(name)) {
          const res = await this.graph.request<Record<string, unknown>>(
            'GET',
            `/v1.0/servicePrincipals(appId=${encodeURIComponent(quote(name))})`,
            { signal: this.signal },
          );
          return { state: 'found', object: objectOf('servicePrincipal', res.body) };
        }
        return this.one(
          'servicePrincipal',
          `display name ${quote(name)}`,
          await this.graph.list('/v1.0/servicePrincipals', {
            query: { $filter: `displayName eq ${quote(name)}` },
            signal: this.signal,
            maxPages: 5,
          }),
        );
      }
      case 'connectedOrganization': {
        const filter = GUID.test(name)
          ? `identitySources/any(s:s/microsoft.graph.azureActiveDirectoryTenant/tenantId eq ${quote(name)})`
          : `displayName eq ${quote(name)}`;
        return this.one(
          'connectedOrganization',
          GUID.test(name) ? `partner tenant ${name}` : `display name ${quote(name)}`,
          await this.graph.list(`${EM}/connectedOrganizations`, { query: { $filter: filter }, signal: this.signal, maxPages: 5 }),
        );
      }
      case 'accessPackage': {
        // Graph filters packages by displayName tenant-wide only; the catalog is matched here (tenant facts §3.3).
        const all = await this.graph.list(`${EM}/accessPackages`, {
          query: { $filter: `displayName eq ${quote(second)}`, $expand: 'catalog' },
          signal: this.signal,
          maxPages: 5,
        });
        const inCatalog = all.filter((p) => (p.catalog as Record<string, unknown> | undefined)?.displayName === name);
        return this.one('accessPackage', `display name ${quote(second)} in catalog ${quote(name)}`, inCatalog);
      }
      case 'customExtension':
        return { state: 'unchecked', reason: 'custom extensions are not looked up by the editor' };
    }
  }

  private async one(kind: DirectoryKind, lookedUp: string, items: Record<string, unknown>[]): Promise<DirectoryEntry> {
    if (items.length === 0) return { state: 'missing', lookedUp };
    const objects = items.map((o) => objectOf(kind, o));
    if (objects.length > 1)
      return { state: 'ambiguous', lookedUp, candidates: objects.map((o) => ({ id: o.id, detail: distinguishing(o) })) };
    return { state: 'found', object: await this.withDetail(objects[0]) };
  }

  /** A group's member count (read, not `$count`: that needs an eventually consistent query). */
  private async withDetail(o: FoundObject): Promise<FoundObject> {
    if (o.kind !== 'group') return o;
    try {
      const members = await this.graph.list(`/v1.0/groups/${encodeURIComponent(o.id)}/members`, {
        query: { $select: 'id', $top: '999' },
        signal: this.signal,
        maxPages: MEMBER_PAGES,
      });
      return { ...o, memberCount: { count: members.length, more: false } };
    } catch (e) {
      if (e instanceof SignInError) throw e;
      if (e instanceof GraphError) return o;
      // More pages than read: say "at least".
      return { ...o, memberCount: { count: MEMBER_PAGES * 999, more: true } };
    }
  }

  private async settle(kind: DirectoryKind, run: () => Promise<DirectoryEntry>): Promise<DirectoryEntry> {
    try {
      return await run();
    } catch (e) {
      return failure(e, LOOKUP_PERMISSIONS[kind]);
    }
  }
}

/** A Graph failure as an entry; a sign-in failure is thrown (no token: the lookup as a whole is off). */
function failure(e: unknown, permissions: string[]): DirectoryEntry {
  if (e instanceof SignInError) throw e;
  if (e instanceof GraphError) {
    if (e.status === 404) return { state: 'missing', lookedUp: 'its id' };
    if (e.status === 403) return { state: 'unreadable', permissions, graphSaid: e.graphMessage ?? 'Forbidden' };
    return { state: 'unchecked', reason: `Graph answered ${e.status ?? 'nothing'}${e.code ? ` (${e.code})` : ''}` };
  }
  return { state: 'unchecked', reason: e instanceof Error ? e.message : String(e) };
}

function kindOfType(odataType: string): DirectoryKind | undefined {
  const t = odataType.replace(/^#?microsoft\.graph\./, '');
  return t === 'user' || t === 'group' || t === 'servicePrincipal' ? t : undefined;
}

function objectOf(kind: DirectoryKind, o: Record<string, unknown>): FoundObject {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const catalog = o.catalog as Record<string, unknown> | undefined;
  return {
    kind,
    id: String(o.id ?? ''),
    displayName: str(o.displayName),
    userPrincipalName: str(o.userPrincipalName),
    accountEnabled: typeof o.accountEnabled === 'boolean' ? o.accountEnabled : undefined,
    catalog: str(catalog?.displayName),
    appId: str(o.appId),
    mail: str(o.mail),
  };
}

/** What tells one candidate apart from another of the same name. */
export function distinguishing(o: FoundObject): string {
  return o.userPrincipalName ?? o.mail ?? (o.catalog ? `catalog ${o.catalog}` : undefined) ?? (o.appId ? `appId ${o.appId}` : 'no mail');
}
