// POST /{tenant}/oauth2/v2.0/token: redeems authorization codes (PKCE checked), refresh tokens,
// device codes, and client credentials (secret or certificate assertion, both really checked).
import { createHash, timingSafeEqual, X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AadRequestError, aad, sendJson } from './errors';
import { readForm, requirePost } from './http';
import { sendUserTokens } from './identity';
import { decodeJwt, verifyJwtSignature, x5tValues } from './jwt';
import { parseScopes } from './scopes';
import { DEFAULT_APP_ROLES, type AuthorityState, type ClientRegistration } from './state';
import { pollDeviceCode } from './deviceCode';
import { ASSERTION_SKEW_SECONDS, isFederatedAssertion, verifyFederatedAssertion } from './federated';

const LOGIN_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
  'login.windows.net',
]);
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/**
 * Checks the credential a confidential client presented. Public clients present none. A
 * confidential client must present its credential on every grant, as in Entra.
 */
async function authenticateClient(
  state: AuthorityState,
  client: ClientRegistration,
  form: URLSearchParams,
  tenantSegment: string,
): Promise<void> {
  const secret = form.get('client_secret');
  const assertion = form.get('client_assertion');
  if (state.isPublic(client)) {
    if (secret || assertion) {
      throw new AadRequestError(
        aad.invalidClient(700025, 'Client is public so neither client_assertion nor client_secret should be presented.'),
      );
    }
    return;
  }
  if (secret !== null) {
    if (!client.secret || !sameSecret(secret, client.secret)) {
      throw new AadRequestError(
        aad.invalidClient(
          7000215,
          `Invalid client secret provided. Ensure the secret being sent is the client secret value, not the client secret ID, for a secret added to app '${client.clientId}'.`,
        ),
      );
    }
    return;
  }
  if (assertion !== null) {
    if (form.get('client_assertion_type') !== ASSERTION_TYPE) {
      throw new AadRequestError(
        aad.invalidRequest(50027, 'client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer.'),
      );
    }
    const jwt = decodeJwt(assertion);
    if (jwt && isFederatedAssertion(client, jwt)) await verifyFederatedAssertion(state, client, jwt);
    else verifyAssertion(state, client, assertion, tenantSegment);
    return;
  }
  throw new AadRequestError(
    aad.invalidClient(7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  );
}

function verifyAssertion(state: AuthorityState, client: ClientRegistration, assertion: string, tenantSegment: string): void {
  const bad = (code: number, why: string) => new AadRequestError(aad.invalidClient(code, `The client assertion is not valid: ${why}`));
  const jwt = decodeJwt(assertion);
  if (!jwt) throw bad(50027, 'it is not a well-formed JWT.');
  // The signing certificate: the registered public certificate, or the x5c chain's leaf when only a
  // thumbprint is registered (Entra's subject-name/issuer mode accepts a sent chain the same way).
  let cert: X509Certificate | undefined = state.clientCertificate(client);
  if (!cert) {
    const x5c = jwt.header.x5c;
    const first = Array.isArray(x5c) ? x5c[0] : typeof x5c === 'string' ? x5c : undefined;
    if (typeof first === 'string') {
      try {
        const pem = first.includes('BEGIN CERTIFICATE') ? first : `-----BEGIN CERTIFICATE-----\n${first}\n-----END CERTIFICATE-----\n`;
        cert = new X509Certificate(pem);
      } catch {
        throw bad(50027, 'the x5c header does not hold a certificate.');
      }
    }
  }
  if (!cert) throw bad(700027, 'no certificate is registered for this application and none was sent.');
  if (!state.thumbprintMatches(client, cert))
    throw bad(700027, 'the key was not found among the certificates registered for the application.');
  const { x5t, x5tS256 } = x5tValues(cert);
  const headerS256 = jwt.header['x5t#S256'];
  const headerS1 = jwt.header.x5t;
  if (headerS256 !== undefined ? headerS256 !== x5tS256 : headerS1 !== x5t) {
    throw bad(700027, 'the x5t/x5t#S256 header does not match a registered certificate.');
  }
  if (!verifyJwtSignature(jwt, cert)) throw bad(700027, 'the signature does not verify with the registered certificate.');
  const p = jwt.payload;
  if (p.iss !== client.clientId || p.sub !== client.clientId) throw bad(700021, 'iss and sub must both be the application (client) id.');
  // aud is the token endpoint URL as the client saw it (the production host in routed mode).
  let audOk = false;
  try {
    const aud = new URL(String(p.aud));
    audOk =
      (LOGIN_HOSTS.has(aud.hostname) || aud.hostname === '127.0.0.1' || aud.hostname === 'localhost') &&
      aud.pathname.replace(/\/$/, '').toLowerCase() === `/${tenantSegment}/oauth2/v2.0/token`.toLowerCase();
  } catch {
    audOk = false;
  }
  if (!audOk) throw bad(700212, "the audience must be this tenant's token endpoint URL.");
  const now = Math.floor(state.now() / 1000);
  if (typeof p.exp !== 'number' || p.exp + ASSERTION_SKEW_SECONDS < now) throw bad(700024, 'it has expired.');
  if (typeof p.nbf === 'number' && p.nbf - ASSERTION_SKEW_SECONDS > now) throw bad(700024, 'it is not valid yet.');
  if (typeof p.jti !== 'string' || !p.jti) throw bad(700023, 'it has no jti claim.');
  // No jti replay check: msal reuses one signed assertion until it nears expiry, and Entra accepts that.
}

export async function handleToken(
  state: AuthorityState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  tenantSegment: string,
): Promise<void> {
  void url;
  requirePost(req);
  const form = await readForm(req);
  const client = state.findClient(form.get('client_id') ?? undefined);
  const grant = form.get('grant_type') ?? '';
  await authenticateClient(state, client, form, tenantSegment);

  switch (grant) {
    case 'authorization_code': {
      const code = form.get('code') ?? '';
      const pending = state.codes.get(code);
      state.codes.delete(code); // one-time, even when the rest of the request is wrong
      if (!pending || pending.clientId.toLowerCase() !== client.clientId.toLowerCase() || state.now() >= pending.expiresAt) {
        throw new AadRequestError(aad.invalidGrant(70008, 'The provided authorization code is invalid or has expired; sign in again.'));
      }
      if ((form.get('redirect_uri') ?? '') !== pending.redirectUri) {
        throw new AadRequestError(aad.invalidGrant(70001, 'The redirect_uri does not match the one used in the authorization request.'));
      }
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!verifier || challenge !== pending.codeChallenge) {
        throw new AadRequestError(
          aad.invalidGrant(501481, 'The code_verifier does not match the code_challenge supplied in the authorization request.'),
        );
      }
      const scopes = parseScopes(form.get('scope') ?? pending.scopes.join(' '));
      return sendUserTokens(state, res, client, pending.user, scopes, pending.nonce);
    }
    case 'refresh_token': {
      const claims = state.tokens.redeemRefreshToken(form.get('refresh_token') ?? '');
      if (!claims || claims.clientId.toLowerCase() !== client.clientId.toLowerCase()) {
        // Entra sends suberror bad_token, which msal maps to "interaction required".
        throw new AadRequestError(
          aad.invalidGrant(700082, 'The refresh token has expired or was revoked; the user must sign in again.', 'bad_token'),
        );
      }
      const user = state.options.users.find((u) => u.objectId === claims.subject);
      if (!user) throw new AadRequestError(aad.invalidGrant(50034, 'The user account no longer exists in the directory.', 'bad_token'));
      return sendUserTokens(state, res, client, user, parseScopes(form.get('scope') ?? undefined));
    }
    case 'device_code':
    case 'urn:ietf:params:oauth:grant-type:device_code': {
      const entry = pollDeviceCode(state, form.get('device_code'), client.clientId);
      const scopes = parseScopes(form.get('scope') ?? entry.scopes.join(' '));
      return sendUserTokens(state, res, client, entry.user!, scopes);
    }
    case 'client_credentials': {
      if (state.isPublic(client)) {
        throw new AadRequestError(
          aad.invalidClient(7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
        );
      }
      const scopes = parseScopes(form.get('scope') ?? undefined);
      if (scopes.permissions.length !== 1 || scopes.permissions[0] !== '.default' || scopes.oidc.length > 0) {
        throw new AadRequestError(
          aad.invalidScope(
            1002012,
            `The scope '${form.get('scope') ?? ''}' is not valid for client credentials; use '<resource>/.default'.`,
          ),
        );
      }
      const roles = client.roles ?? DEFAULT_APP_ROLES;
      const issued = state.tokens.issue(
        { tenantId: state.options.tenantId, clientId: client.clientId, scopes: roles, subject: `sp-${client.clientId}`, appOnly: true },
        state.options.accessTokenTtlSeconds,
        { audience: scopes.resource },
      );
      return sendJson(res, 200, {
        token_type: 'Bearer',
        scope: scopes.resourceScopes.join(' '),
        expires_in: issued.expiresIn,
        ext_expires_in: issued.expiresIn,
        access_token: issued.accessToken,
      });
    }
    default:
      throw new AadRequestError(aad.unsupportedGrant(grant || '(missing)'));
  }
}
