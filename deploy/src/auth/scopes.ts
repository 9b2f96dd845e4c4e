// Scopes the deploy needs, per cloud. Scopes carry the cloud's Graph host: a token for
// graph.microsoft.com is rejected by graph.microsoft.us and vice versa. The one place the product
// names the Graph permissions it signs in for (docs/references.md, "Permissions the lookups need").
import { CLOUDS, type CloudName } from '../cloud';

export const ENTITLEMENT_PERMISSION = 'EntitlementManagement.ReadWrite.All';
/** Enough to read catalogs, packages, connected organizations and extensions (ENTITLEMENT_PERMISSION covers it). */
export const ENTITLEMENT_READ_PERMISSION = 'EntitlementManagement.Read.All';

/** What a name-reference lookup reads: the directory kinds, and getByIds (id → object, for pull --portable). */
export type DirectoryRead = 'user' | 'group' | 'servicePrincipal' | 'getByIds';

/**
 * The least-privileged permission for each directory read (tenant facts §4.1): `delegated` is the
 * scope a signed-in user's token asks for (incremental consent), `application` the app role an
 * admin grants a service principal (app-only tokens use `.default` and cannot ask). App-only
 * User.ReadBasic.All is reported to be refused on GET /users [INF], hence User.Read.All.
 * Connected organizations, catalogs, packages and extensions are entitlement management, which
 * ENTITLEMENT_PERMISSION already covers.
 */
export const DIRECTORY_READ_PERMISSIONS: Record<DirectoryRead, { delegated: string; application: string }> = {
  user: { delegated: 'User.ReadBasic.All', application: 'User.Read.All' },
  group: { delegated: 'GroupMember.Read.All', application: 'GroupMember.Read.All' },
  servicePrincipal: { delegated: 'Application.Read.All', application: 'Application.Read.All' },
  getByIds: { delegated: 'Directory.Read.All', application: 'Directory.Read.All' },
};

/** The directory reads of a set of reference kinds (other kinds read entitlement management). */
export function directoryReadsOf(kinds: Iterable<string>): DirectoryRead[] {
  const reads = new Set<DirectoryRead>();
  for (const k of kinds) if (k === 'user' || k === 'group' || k === 'servicePrincipal') reads.add(k);
  return [...reads];
}

/** The delegated scopes (short names) a delegated sign-in asks for before these reads. */
export function delegatedPermissionsFor(reads: Iterable<DirectoryRead>): string[] {
  return [...new Set([...reads].map((r) => DIRECTORY_READ_PERMISSIONS[r].delegated))];
}

/** What the editor's background lookups read (names of users, groups, service principals; ids by getByIds). */
export const EDITOR_LOOKUP_READS: readonly DirectoryRead[] = ['user', 'group', 'servicePrincipal', 'getByIds'];

/** Delegated sign-in: the write permission (plus `extra` delegated permissions) and a refresh token for silent renewal. */
export function delegatedScopes(cloud: CloudName, extra: readonly string[] = []): string[] {
  const host = CLOUDS[cloud].graphHost;
  return [ENTITLEMENT_PERMISSION, ...extra].map((p) => `${host}/${p}`).concat('offline_access');
}

/** App-only sign-in: whatever application permissions were granted to the app. */
export function appOnlyScopes(cloud: CloudName): string[] {
  return [CLOUDS[cloud].graphScope];
}
