// Workload identity federation in the sign-in stand-in: a client_assertion that is not signed by
// the app's own certificate but by an external OIDC issuer (GitHub Actions, Azure DevOps, a
// Kubernetes cluster) is accepted when one of the app's federated identity credentials names that
// issuer, the token's subject and one of its audiences, and the token verifies with the issuer's
// published keys (OIDC discovery, then jwks_uri), as Entra does. Only loopback issuers are fetched:
// the stand-in never reaches beyond 127.0.0.1.
import { createPublicKey, verify as cryptoVerify, type JsonWebKey } from 'node:crypto';
import { AadRequestError, aad } from './errors';
import type { DecodedJwt } from './jwt';
import type { AuthorityState, ClientRegistration } from './state';
import { errorMessage } from '../util/errorMessage';

/** A federated identity credential on an app registration (Graph federatedIdentityCredential). */
export interface FederatedCredential {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

/** Clock skew tolerated on exp/nbf, as for certificate assertions. */
export const ASSERTION_SKEW_SECONDS = 300;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const KEY_CACHE_MS = 60_000;

interface CachedKeys {
  keys: JsonWebKey[];
  fetchedAt: number;
}

/** Keys per issuer, re-fetched when a kid is unknown (the issuer rotated) or the entry is old. */
export class IssuerKeyCache {
  private readonly byIssuer = new Map<string, CachedKeys>();

  async keysFor(issuer: string, refresh: boolean): Promise<JsonWebKey[]> {
    const hit = this.byIssuer.get(issuer);
    if (hit && !refresh && Date.now() - hit.fetchedAt < KEY_CACHE_MS) return hit.keys;
    const keys = await fetchIssuerKeys(issuer);
    this.byIssuer.set(issuer, { keys, fetchedAt: Date.now() });
    return keys;
  }
}

async function getJson(url: string): Promise<Record<string, unknown>> {
  const u = new URL(url);
  if (!LOOPBACK.has(u.hostname)) throw new Error(`the stand-in only fetches keys from loopback issuers, not ${u.origin}`);
  const res = await fetch(u, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`${u.pathname} answered HTTP ${res.status}`);
  const body = (await res.json()) as unknown;
  if (typeof body !== 'object' || body === null) throw new Error(`${u.pathname} did not answer a JSON object`);
  return body as Record<string, unknown>;
}

async function fetchIssuerKeys(issuer: string): Promise<JsonWebKey[]> {
  const config = await getJson(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
  if (config.issuer !== issuer) throw new Error('the discovery document names another issuer');
  if (typeof config.jwks_uri !== 'string') throw new Error('the discovery document has no jwks_uri');
  const jwks = await getJson(config.jwks_uri);
  return Array.isArray(jwks.keys) ? (jwks.keys as JsonWebKey[]) : [];
}

function audiencesOf(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

/** True when the assertion is meant for federation: signed by someone other than the app itself. */
export function isFederatedAssertion(client: ClientRegistration, jwt: DecodedJwt): boolean {
  return (
    !!client.federatedCredentials?.length &&
    jwt.payload.iss !== client.clientId &&
    jwt.header.x5t === undefined &&
    jwt.header['x5t#S256'] === undefined
  );
}

export async function verifyFederatedAssertion(state: AuthorityState, client: ClientRegistration, jwt: DecodedJwt): Promise<void> {
  const p = jwt.payload;
  const iss = typeof p.iss === 'string' ? p.iss : '';
  const sub = typeof p.sub === 'string' ? p.sub : '';
  const auds = audiencesOf(p.aud);
  const fail = (code: number, why: string) => new AadRequestError(aad.invalidClient(code, why));
  const presented = `Assertion Issuer: '${iss}'. Assertion Subject: '${sub}'. Assertion Audience: '${auds.join(',')}'.`;

  const byIssuer = (client.federatedCredentials ?? []).filter((c) => c.issuer === iss);
  if (!byIssuer.length) {
    throw fail(
      700211,
      `No matching federated identity record found for presented assertion issuer '${iss}'. Check the federated identity credential's issuer against the presented assertion.`,
    );
  }
  if (jwt.header.alg !== 'RS256')
    throw fail(
      50013,
      `Assertion failed signature validation. [Reason - the algorithm '${String(jwt.header.alg)}' is not supported, Thumbprint of key used by client: '${String(jwt.header.kid ?? '')}']`,
    );
  const kid = typeof jwt.header.kid === 'string' ? jwt.header.kid : undefined;
  let keys: JsonWebKey[];
  try {
    keys = await state.issuerKeys.keysFor(iss, false);
    if (!keys.some((k) => k.kid === kid)) keys = await state.issuerKeys.keysFor(iss, true);
  } catch (e) {
    throw fail(
      50013,
      `Assertion failed signature validation. [Reason - the signing keys of issuer '${iss}' could not be obtained: ${errorMessage(e)}.]`,
    );
  }
  const jwk = keys.find((k) => k.kid === kid && k.kty === 'RSA');
  if (!jwk)
    throw fail(
      50013,
      `Assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: '${kid ?? ''}']`,
    );
  let valid = false;
  try {
    valid = cryptoVerify('sha256', Buffer.from(jwt.signingInput), createPublicKey({ key: jwk, format: 'jwk' }), jwt.signature);
  } catch {
    valid = false;
  }
  if (!valid)
    throw fail(
      50013,
      'Assertion failed signature validation. [Reason - The provided signature value did not match the expected signature value.]',
    );

  const now = Math.floor(state.now() / 1000);
  const exp = typeof p.exp === 'number' ? p.exp : undefined;
  const nbf = typeof p.nbf === 'number' ? p.nbf : undefined;
  if (exp === undefined || exp + ASSERTION_SKEW_SECONDS < now || (nbf !== undefined && nbf - ASSERTION_SKEW_SECONDS > now)) {
    const iso = (s: number | undefined) => (s === undefined ? 'none' : new Date(s * 1000).toISOString());
    throw fail(
      700024,
      `Client assertion is not within its valid time range. Current time: ${iso(now)}, assertion valid from ${iso(nbf)}, expiry time of assertion ${iso(exp)}.`,
    );
  }
  const byAudience = byIssuer.filter((c) => c.audiences.some((a) => auds.includes(a)));
  if (!byAudience.length) {
    throw fail(
      700212,
      `No matching federated identity record found for presented assertion audience '${auds.join(',')}'. Check the federated identity credential's audience against the presented assertion.`,
    );
  }
  if (!byAudience.some((c) => c.subject === sub)) {
    throw fail(70021, `No matching federated identity record found for presented assertion. ${presented}`);
  }
}
