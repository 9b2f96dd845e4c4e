// A loopback stand-in of the OIDC issuers CI platforms run for workload identity federation. It
// publishes discovery and a JWKS (an RSA key made at start, RS256 signatures) like
// token.actions.githubusercontent.com or vstoken.dev.azure.com, and serves the two token requests
// a job makes:
//
//   GET  /github/idtoken?api-version=2.0[&audience=…]   as ACTIONS_ID_TOKEN_REQUEST_URL; Bearer
//        ACTIONS_ID_TOKEN_REQUEST_TOKEN; answers { count, value }
//   POST /azdo/oidctoken?api-version=7.1&serviceConnectionId=…   as SYSTEM_OIDCREQUESTURI; Bearer
//        System.AccessToken; answers { oidcToken }
//
// mint() signs a token directly (the content of an AZURE_FEDERATED_TOKEN_FILE). Token lifetime
// and the clock are settable, so tests can expire tokens between requests instead of waiting.
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { bearer, startLoopbackServer } from './loopbackServer';

export interface OidcIssuerOptions {
  /** Clock in ms (share the tenant stand-in's, so issuer and authority agree on "now"). */
  now?: () => number;
  /** Lifetime of issued tokens in seconds (GitHub's are a few minutes); may be negative. */
  lifetimeSeconds?: number;
  /** Called with every token issued, for leak scans. */
  recordSecret?: (token: string) => void;
  github?: {
    requestToken: string;
    subject: string;
    /** aud when the request names none (GitHub: the owner's URL). */ defaultAudience?: string;
  };
  azureDevOps?: { accessToken: string; serviceConnectionId: string; subject: string };
}

export interface IssuedOidcToken {
  via: 'github' | 'azureDevOps' | 'mint';
  subject: string;
  audience: string;
  issuedAt: number;
  expiresAt: number;
}

export interface OidcIssuer {
  /** The issuer URL (`iss` of every token; what a federated credential's issuer must be). */
  url: string;
  readonly issued: IssuedOidcToken[];
  /** Requests refused (bad request token, unknown service connection), for tests. */
  readonly refused: string[];
  /** Every token request (not discovery or JWKS) as received: method, path with query, and the headers that matter (no tokens). */
  readonly requests: { method: string; url: string; contentType?: string; fedAuthRedirect?: string }[];
  lifetimeSeconds: number;
  mint(subject: string, audience: string): string;
  /** Replaces the signing key; the JWKS then publishes only the new one (issuers rotate keys). */
  rotateKey(): void;
  close(): Promise<void>;
}

export const DEFAULT_OIDC_LIFETIME_SECONDS = 300;

export async function startOidcIssuer(options: OidcIssuerOptions = {}): Promise<OidcIssuer> {
  const newKey = () => ({ ...generateKeyPairSync('rsa', { modulusLength: 2048 }), kid: randomUUID() });
  let key = newKey();
  const now = options.now ?? (() => Date.now());
  const issued: IssuedOidcToken[] = [];
  const refused: string[] = [];
  const requests: OidcIssuer['requests'] = [];
  let issuerUrl = '';

  const sign = (via: IssuedOidcToken['via'], subject: string, audience: string): string => {
    const iat = Math.floor(now() / 1000);
    const exp = iat + issuer.lifetimeSeconds;
    const token = signJwt(key.privateKey, key.kid, {
      iss: issuerUrl,
      sub: subject,
      aud: audience,
      iat,
      nbf: Math.min(iat, exp),
      exp,
      jti: randomUUID(),
    });
    issued.push({ via, subject, audience, issuedAt: iat, expiresAt: exp });
    options.recordSecret?.(token);
    return token;
  };

  const server = await startLoopbackServer((req, url) => {
    if (!url.pathname.startsWith('/.well-known/')) {
      const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
      requests.push({
        method: req.method ?? '',
        url: `${url.pathname}${url.search}`,
        contentType: header('content-type'),
        fedAuthRedirect: header('x-tfs-fedauthredirect'),
      });
    }
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return {
        status: 200,
        body: {
          issuer: issuerUrl,
          jwks_uri: `${issuerUrl}/.well-known/jwks`,
          subject_types_supported: ['public'],
          response_types_supported: ['id_token'],
          id_token_signing_alg_values_supported: ['RS256'],
        },
      };
    }
    if (req.method === 'GET' && url.pathname === '/.well-known/jwks') {
      return {
        status: 200,
        body: { keys: [{ ...(key.publicKey as KeyObject).export({ format: 'jwk' }), kid: key.kid, use: 'sig', alg: 'RS256' }] },
      };
    }
    const gh = options.github;
    if (gh && req.method === 'GET' && url.pathname === '/github/idtoken') {
      if (bearer(req) !== gh.requestToken) {
        refused.push('github: bad request token');
        return { status: 401, body: { message: 'Bad credentials' } };
      }
      const audience = url.searchParams.get('audience') ?? gh.defaultAudience ?? 'https://github.com/contoso';
      return { status: 200, body: { count: 1, value: sign('github', gh.subject, audience) } };
    }
    const ado = options.azureDevOps;
    if (ado && req.method === 'POST' && url.pathname === '/azdo/oidctoken') {
      if (bearer(req) !== ado.accessToken) {
        refused.push('azureDevOps: bad access token');
        return { status: 401, body: { message: 'TF400813: The user is not authorized to access this resource.' } };
      }
      const id = url.searchParams.get('serviceConnectionId');
      if (!url.searchParams.get('api-version') || id !== ado.serviceConnectionId) {
        refused.push(`azureDevOps: service connection ${id ?? '(none)'}`);
        return { status: 404, body: { message: `No service connection found with identifier "${id ?? ''}".` } };
      }
      return { status: 200, body: { oidcToken: sign('azureDevOps', ado.subject, 'api://AzureADTokenExchange') } };
    }
    return { status: 404, body: { message: `Nothing is served at ${url.pathname}.` } };
  });
  issuerUrl = server.url;

  const issuer: OidcIssuer = {
    url: server.url,
    issued,
    refused,
    requests,
    lifetimeSeconds: options.lifetimeSeconds ?? DEFAULT_OIDC_LIFETIME_SECONDS,
    mint: (subject, audience) => sign('mint', subject, audience),
    rotateKey: () => {
      key = newKey();
    },
    close: () => server.close(),
  };
  return issuer;
}

function signJwt(key: KeyObject, kid: string, payload: Record<string, unknown>): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${enc({ typ: 'JWT', alg: 'RS256', kid })}.${enc(payload)}`;
  const signature = createSign('sha256').update(input).sign(key).toString('base64url');
  return `${input}.${signature}`;
}
