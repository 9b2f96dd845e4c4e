// Which permissions let a token read each directory resource, as Graph enforces them: a delegated
// token's `scp` or an app-only token's `roles` must hold one of them, else 403
// Authorization_RequestDenied "Insufficient privileges to complete the operation." (the same answer
// Graph gives). From the Graph permissions tables of each call (tenant facts §4.1): users need
// User.ReadBasic.All (delegated) or User.Read.All; groups GroupMember.Read.All or Group.Read.All;
// service principals Application.Read.All; getByIds Directory.Read.All (no lower option); every
// one of them is also covered by Directory.Read.All and the ReadWrite variants.
// [INF] App-only User.ReadBasic.All is refused on GET /users (a 2026 Q&A report), so the
// stand-in refuses it too. Entra puts every consented scope of the resource into `scp`; the
// stand-in puts only the requested ones (stricter: a client that works here works there).

export type DirectoryResource = 'users' | 'groups' | 'servicePrincipals' | 'getByIds' | 'connectedOrganizations';

const DIRECTORY = ['Directory.Read.All', 'Directory.ReadWrite.All'];
const DELEGATED_ALL = ['Directory.AccessAsUser.All'];
/** Entitlement management reads (connected organizations live there); the policy routes take the same. */
export const ENTITLEMENT_READ = ['EntitlementManagement.Read.All', 'EntitlementManagement.ReadWrite.All'];

const ACCEPTED: Record<DirectoryResource, { delegated: string[]; application: string[] }> = {
  users: {
    delegated: ['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', ...DIRECTORY, ...DELEGATED_ALL],
    application: ['User.Read.All', 'User.ReadWrite.All', ...DIRECTORY],
  },
  groups: {
    delegated: ['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', ...DIRECTORY, ...DELEGATED_ALL],
    application: ['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', ...DIRECTORY],
  },
  servicePrincipals: {
    delegated: ['Application.Read.All', 'Application.ReadWrite.All', ...DIRECTORY, ...DELEGATED_ALL],
    application: ['Application.Read.All', 'Application.ReadWrite.All', ...DIRECTORY],
  },
  getByIds: { delegated: [...DIRECTORY, ...DELEGATED_ALL], application: DIRECTORY },
  connectedOrganizations: { delegated: ENTITLEMENT_READ, application: ENTITLEMENT_READ },
};

/** The resource a directory path (after `/{version}`) reads. */
export function directoryResourceOf(rest: string): DirectoryResource {
  if (rest.startsWith('/directoryObjects')) return 'getByIds';
  if (rest.startsWith('/identityGovernance/')) return 'connectedOrganizations';
  if (rest.startsWith('/servicePrincipals')) return 'servicePrincipals';
  if (rest.startsWith('/groups')) return 'groups';
  return 'users';
}

/** Whether the token's permissions (short names) let it read the resource. */
export function mayRead(resource: DirectoryResource, permissions: readonly string[], appOnly: boolean): boolean {
  const accepted = ACCEPTED[resource][appOnly ? 'application' : 'delegated'].map((p) => p.toLowerCase());
  return permissions.some((p) => accepted.includes(p.toLowerCase()));
}
