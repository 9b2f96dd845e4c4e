// Builds what a user sign-in returns besides the access token: id token and client_info.
import { randomUUID } from 'node:crypto';
import { b64urlJson, unsignedJwt } from './jwt';
import type { AuthorityState, ClientRegistration, UserRegistration } from './state';
import { grantDelegated, type ParsedScopes } from './scopes';
import { sendJson } from './errors';
import type { ServerResponse } from 'node:http';

export function clientInfo(state: AuthorityState, user: UserRegistration): string {
  return b64urlJson({ uid: user.objectId, utid: state.options.tenantId });
}

export function idToken(state: AuthorityState, clientId: string, user: UserRegistration, nonce?: string): string {
  const now = Math.floor(state.now() / 1000);
  const tid = state.options.tenantId;
  const payload: Record<string, unknown> = {
    aud: clientId,
    iss: `https://login.microsoftonline.com/${tid}/v2.0`,
    iat: now,
    nbf: now,
    exp: now + 3600,
    name: user.displayName ?? user.username,
    oid: user.objectId,
    preferred_username: user.username,
    sub: user.objectId,
    tid,
    uti: randomUUID(),
    ver: '2.0',
  };
  // msal rejects an id token carrying a nonce it did not send (nonce_mismatch).
  if (nonce) payload.nonce = nonce;
  return unsignedJwt(payload);
}

/** Issues and sends the token response of a delegated (user) flow. */
export function sendUserTokens(
  state: AuthorityState,
  res: ServerResponse,
  client: ClientRegistration,
  user: UserRegistration,
  scopes: ParsedScopes,
  nonce?: string,
): void {
  const granted = grantDelegated(client, scopes);
  const id = scopes.oidc.some((s) => s.toLowerCase() === 'openid') ? idToken(state, client.clientId, user, nonce) : undefined;
  const issued = state.tokens.issue(
    {
      tenantId: state.options.tenantId,
      clientId: client.clientId,
      scopes: granted,
      subject: user.objectId,
      username: user.username,
      appOnly: false,
    },
    state.options.accessTokenTtlSeconds,
    { refreshToken: scopes.offlineAccess, idToken: id, audience: scopes.resource },
  );
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    // msal caches the access token under this string; echo the resource scopes requested.
    scope: (scopes.resourceScopes.length ? scopes.resourceScopes : granted.map((g) => `${scopes.resource}/${g}`)).join(' '),
    expires_in: issued.expiresIn,
    ext_expires_in: issued.expiresIn,
    access_token: issued.accessToken,
    client_info: clientInfo(state, user),
  };
  if (issued.refreshToken) body.refresh_token = issued.refreshToken;
  if (issued.idToken) body.id_token = issued.idToken;
  sendJson(res, 200, body);
}
