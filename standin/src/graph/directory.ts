// The directory objects a stand-in tenant holds, for name references and lookups: users, groups
// (with members), service principals and connected organizations. Ids are per tenant (random);
// userPrincipalName, appId and a connected organization's partner tenant id are the keys that
// stay the same across tenants (docs/references.md, "Which key").
import { randomUUID } from 'node:crypto';

export interface StoredUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  mail: string | null;
  accountEnabled: boolean;
}

export interface StoredGroup {
  id: string;
  displayName: string;
  mailNickname: string;
  mail: string | null;
  securityEnabled: boolean;
  mailEnabled: boolean;
  /** `["Unified"]` for a Microsoft 365 group, `[]` for a security group. */
  groupTypes: string[];
  /** Object ids of the members (users). */
  members: string[];
}

export interface StoredServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
}

export interface StoredConnectedOrganization {
  id: string;
  displayName: string;
  /** The partner's Entra tenant (its identity source). */
  tenantId: string;
  domain: string;
}

export type DirectoryKind = 'user' | 'group' | 'servicePrincipal';

export class DirectoryState {
  readonly users = new Map<string, StoredUser>();
  readonly groups = new Map<string, StoredGroup>();
  readonly servicePrincipals = new Map<string, StoredServicePrincipal>();
  readonly connectedOrganizations = new Map<string, StoredConnectedOrganization>();
  /** Principals (username, object id or client id) refused directory reads: 403, to test the permission named. */
  readonly deniedReaders = new Set<string>();

  addUser(u: Partial<StoredUser> & { userPrincipalName: string }): StoredUser {
    const user: StoredUser = {
      id: (u.id ?? randomUUID()).toLowerCase(),
      userPrincipalName: u.userPrincipalName,
      displayName: u.displayName ?? u.userPrincipalName.split('@')[0],
      mail: u.mail ?? u.userPrincipalName,
      accountEnabled: u.accountEnabled ?? true,
    };
    this.users.set(user.id, user);
    return user;
  }

  addGroup(g: Partial<StoredGroup> & { displayName: string }): StoredGroup {
    const unified = g.groupTypes?.includes('Unified') ?? false;
    const nickname = g.mailNickname ?? (g.displayName.replace(/[^A-Za-z0-9]/g, '').slice(0, 64) || 'group');
    const group: StoredGroup = {
      id: (g.id ?? randomUUID()).toLowerCase(),
      displayName: g.displayName,
      mailNickname: nickname,
      mail: g.mail ?? (unified ? `${nickname}@contoso.com` : null),
      securityEnabled: g.securityEnabled ?? !unified,
      mailEnabled: g.mailEnabled ?? unified,
      groupTypes: g.groupTypes ?? [],
      members: (g.members ?? []).map((m) => m.toLowerCase()),
    };
    this.groups.set(group.id, group);
    return group;
  }

  addServicePrincipal(s: Partial<StoredServicePrincipal> & { displayName: string }): StoredServicePrincipal {
    const sp: StoredServicePrincipal = {
      id: (s.id ?? randomUUID()).toLowerCase(),
      appId: (s.appId ?? randomUUID()).toLowerCase(),
      displayName: s.displayName,
    };
    this.servicePrincipals.set(sp.id, sp);
    return sp;
  }

  addConnectedOrganization(c: Partial<StoredConnectedOrganization> & { displayName: string }): StoredConnectedOrganization {
    const org: StoredConnectedOrganization = {
      id: (c.id ?? randomUUID()).toLowerCase(),
      displayName: c.displayName,
      tenantId: (c.tenantId ?? randomUUID()).toLowerCase(),
      domain: c.domain ?? `${c.displayName.toLowerCase().replace(/[^a-z0-9]/g, '')}.onmicrosoft.com`,
    };
    this.connectedOrganizations.set(org.id, org);
    return org;
  }

  /** The user, group or service principal with this object id. */
  object(id: string): { kind: DirectoryKind; value: StoredUser | StoredGroup | StoredServicePrincipal } | undefined {
    const key = id.toLowerCase();
    const user = this.users.get(key);
    if (user) return { kind: 'user', value: user };
    const group = this.groups.get(key);
    if (group) return { kind: 'group', value: group };
    const sp = this.servicePrincipals.get(key);
    if (sp) return { kind: 'servicePrincipal', value: sp };
    return undefined;
  }

  clear(): void {
    this.users.clear();
    this.groups.clear();
    this.servicePrincipals.clear();
    this.connectedOrganizations.clear();
    this.deniedReaders.clear();
  }
}

export function userJson(u: StoredUser): Record<string, unknown> {
  return { id: u.id, displayName: u.displayName, userPrincipalName: u.userPrincipalName, mail: u.mail, accountEnabled: u.accountEnabled };
}

export function groupJson(g: StoredGroup): Record<string, unknown> {
  return {
    id: g.id,
    displayName: g.displayName,
    mailNickname: g.mailNickname,
    mail: g.mail,
    securityEnabled: g.securityEnabled,
    mailEnabled: g.mailEnabled,
    groupTypes: [...g.groupTypes],
  };
}

export function servicePrincipalJson(s: StoredServicePrincipal): Record<string, unknown> {
  return { id: s.id, appId: s.appId, displayName: s.displayName, servicePrincipalType: 'Application' };
}

export function connectedOrganizationJson(c: StoredConnectedOrganization): Record<string, unknown> {
  return {
    id: c.id,
    displayName: c.displayName,
    description: '',
    state: 'configured',
    identitySources: [{ '@odata.type': '#microsoft.graph.azureActiveDirectoryTenant', tenantId: c.tenantId, displayName: c.displayName }],
  };
}
