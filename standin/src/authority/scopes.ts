// Splits an OAuth scope string into OpenID scopes and resource permissions, the way Entra does:
// `https://graph.microsoft.us/EntitlementManagement.ReadWrite.All` is permission
// EntitlementManagement.ReadWrite.All on resource https://graph.microsoft.us.
import { AadRequestError, aad } from './errors';
import type { ClientRegistration } from './state';

const OIDC = new Set(['openid', 'profile', 'offline_access', 'email']);
const DEFAULT_RESOURCE = 'https://graph.microsoft.com';
// Consented unless a test says otherwise (an admin consented what docs/references.md names). A
// token holds only the scopes asked for, so a client that asks for none of the reads gets a 403.
const DEFAULT_DELEGATED = [
  'EntitlementManagement.ReadWrite.All',
  'User.ReadBasic.All',
  'GroupMember.Read.All',
  'Application.Read.All',
  'Directory.Read.All',
];

export interface ParsedScopes {
  oidc: string[];
  /** The resource scopes exactly as requested (echoed in `scope`, which msal caches under). */
  resourceScopes: string[];
  resource: string;
  permissions: string[];
  offlineAccess: boolean;
}

export function parseScopes(raw: string | undefined): ParsedScopes {
  const all = (raw ?? '').split(/\s+/).filter(Boolean);
  const oidc = all.filter((s) => OIDC.has(s.toLowerCase()));
  const resourceScopes = all.filter((s) => !OIDC.has(s.toLowerCase()));
  const resources = new Set<string>();
  const permissions: string[] = [];
  for (const s of resourceScopes) {
    const m = /^(https?:\/\/[^/]+)\/(.+)$/.exec(s);
    if (m) {
      resources.add(m[1]);
      permissions.push(m[2]);
    } else {
      resources.add(DEFAULT_RESOURCE);
      permissions.push(s);
    }
  }
  if (resources.size > 1) {
    throw new AadRequestError(
      aad.invalidScope(28000, 'Provide scopes for one resource only; the scope parameter names more than one resource.'),
    );
  }
  return {
    oidc,
    resourceScopes,
    resource: [...resources][0] ?? DEFAULT_RESOURCE,
    permissions,
    offlineAccess: oidc.some((s) => s.toLowerCase() === 'offline_access'),
  };
}

/** Delegated permissions granted for a request; throws consent_required (AADSTS65001) otherwise. */
export function grantDelegated(client: ClientRegistration, scopes: ParsedScopes): string[] {
  const consented = client.consentedScopes ?? DEFAULT_DELEGATED;
  const wanted = scopes.permissions.flatMap((p) => (p === '.default' ? consented : [p]));
  const missing = wanted.filter((p) => !consented.some((c) => c.toLowerCase() === p.toLowerCase()));
  if (missing.length > 0) {
    throw new AadRequestError({
      status: 400,
      error: 'invalid_grant',
      code: 65001,
      description: `The user or administrator has not consented to use the application with ID '${client.clientId}'. Missing permission(s): ${missing.join(', ')}. Send an interactive authorization request for this user and resource.`,
      suberror: 'consent_required',
    });
  }
  return wanted.length > 0 ? wanted : [...consented];
}
