// A loopback stand-in of the App Service / Functions managed identity endpoint, the source msal-node
// picks when IDENTITY_ENDPOINT and IDENTITY_HEADER are set:
//
//   GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=…[&client_id=…]
//       header X-IDENTITY-HEADER: {IDENTITY_HEADER}
//       → { access_token, expires_on, resource, token_type, client_id }
//
// Tokens come from the tenant stand-in's token store, so its Graph accepts them. One system-assigned
// identity and any number of user-assigned ones (by client id).
import { DEFAULT_APP_ROLES } from '../authority/state';
import { randomBytes } from 'node:crypto';
import type { TokenStore } from '../tokens';
import { startLoopbackServer } from './loopbackServer';

export interface ManagedIdentityEndpointOptions {
  tokens: TokenStore;
  tenantId: string;
  /** Client id of the system-assigned identity; absent = the host has none. */
  systemAssigned?: string;
  userAssigned?: string[];
  /** Application permissions of every identity (default EntitlementManagement.ReadWrite.All). */
  roles?: string[];
  accessTokenTtlSeconds?: number;
}

export interface ManagedIdentityEndpoint {
  /** Value for IDENTITY_ENDPOINT. */
  endpoint: string;
  /** Value for IDENTITY_HEADER (a per-start secret, as the platform sets it). */
  header: string;
  /** Client id each token was issued to, in order. */
  readonly issuedTo: string[];
  close(): Promise<void>;
}

const API_VERSION = '2019-08-01';

export async function startManagedIdentityEndpoint(o: ManagedIdentityEndpointOptions): Promise<ManagedIdentityEndpoint> {
  const header = randomBytes(16).toString('hex');
  o.tokens.recordSecret(header);
  const issuedTo: string[] = [];
  const fail = (status: number, message: string) => ({ status, body: { statusCode: status, message } });
  const server = await startLoopbackServer((req, url) => {
    if (req.method !== 'GET' || url.pathname !== '/msi/token') return fail(404, `Nothing is served at ${url.pathname}.`);
    if (req.headers['x-identity-header'] !== header) return fail(401, 'The X-IDENTITY-HEADER header is missing or wrong.');
    if (url.searchParams.get('api-version') !== API_VERSION) return fail(400, `api-version must be ${API_VERSION}.`);
    const resource = url.searchParams.get('resource');
    if (!resource) return fail(400, 'The resource parameter is required.');
    const asked = url.searchParams.get('client_id') ?? undefined;
    if (url.searchParams.get('mi_res_id') || url.searchParams.get('principal_id'))
      return fail(400, 'Only client_id identifies a user-assigned identity in this stand-in.');
    const clientId = asked ? o.userAssigned?.find((u) => u.toLowerCase() === asked.toLowerCase()) : o.systemAssigned;
    if (!clientId) {
      return fail(
        400,
        asked
          ? 'No User Assigned or Delegated Managed Identity found for specified ClientId/ResourceId/PrincipalId.'
          : 'No managed identity is assigned to this resource.',
      );
    }
    const issued = o.tokens.issue(
      {
        tenantId: o.tenantId,
        clientId,
        scopes: o.roles ?? DEFAULT_APP_ROLES,
        subject: `mi-${clientId}`,
        appOnly: true,
      },
      o.accessTokenTtlSeconds,
      { audience: resource.replace(/\/\.default$/, '') },
    );
    issuedTo.push(clientId);
    const expiresOn = Math.floor(o.tokens.now() / 1000) + issued.expiresIn;
    return {
      status: 200,
      body: { access_token: issued.accessToken, expires_on: String(expiresOn), resource, token_type: 'Bearer', client_id: clientId },
    };
  });
  return { endpoint: `${server.url}/msi/token`, header, issuedTo, close: () => server.close() };
}
