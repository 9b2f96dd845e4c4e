// Tokens issued by the local tenant stand-in. The sign-in half issues them; the Graph half checks
// Bearer tokens with verify(). Access tokens look like Entra JWTs (so clients that peek at claims
// behave as in production) and are HMAC-signed with a per-process key; validity is decided by this
// store, which lets tests expire every token at once.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';

export interface IssuedToken {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  expiresIn: number;
}

export interface TokenClaims {
  tenantId: string;
  clientId: string;
  /** Delegated: the granted scopes (short names like `EntitlementManagement.ReadWrite.All`). App-only: the roles. */
  scopes: string[];
  /** Object id of the user (delegated) or the service principal (app-only). */
  subject: string;
  username?: string;
  appOnly: boolean;
}

export interface IssueOptions {
  /** Issue a refresh token too (delegated flows that asked for offline_access). */
  refreshToken?: boolean;
  /** An id token to hand out with the access token; recorded so leak scans find it. */
  idToken?: string;
  /** Audience of the access token (the Graph root); defaults to the global Graph host. */
  audience?: string;
}

interface AccessRecord {
  claims: TokenClaims;
  expiresAt: number;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

function b64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

export class TokenStore {
  private readonly key = randomBytes(32);
  private readonly access = new Map<string, AccessRecord>();
  private readonly refresh = new Map<string, TokenClaims>();
  private readonly secrets: string[] = [];
  /** Clock in ms; replaceable so tests can move time without sleeping. */
  now: () => number = () => Date.now();

  issue(claims: TokenClaims, ttlSeconds: number = DEFAULT_TOKEN_TTL_SECONDS, options: IssueOptions = {}): IssuedToken {
    const issuedAt = Math.floor(this.now() / 1000);
    const payload: Record<string, unknown> = {
      aud: options.audience ?? 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${claims.tenantId}/`,
      iat: issuedAt,
      nbf: issuedAt,
      exp: issuedAt + ttlSeconds,
      appid: claims.clientId,
      tid: claims.tenantId,
      oid: claims.subject,
      sub: claims.subject,
      uti: randomUUID(),
      ver: '1.0',
    };
    if (claims.appOnly) payload.roles = [...claims.scopes];
    else {
      payload.scp = claims.scopes.join(' ');
      if (claims.username) payload.upn = claims.username;
    }
    const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
    const body = b64url(JSON.stringify(payload));
    const sig = createHmac('sha256', this.key).update(`${head}.${body}`).digest('base64url');
    const accessToken = `${head}.${body}.${sig}`;
    this.access.set(accessToken, { claims: { ...claims, scopes: [...claims.scopes] }, expiresAt: (issuedAt + ttlSeconds) * 1000 });
    this.secrets.push(accessToken);

    const issued: IssuedToken = { accessToken, expiresIn: ttlSeconds };
    if (options.refreshToken) {
      // Opaque, like Entra's; the prefix only helps a human reading a test failure.
      const rt = `rt.${randomBytes(32).toString('base64url')}`;
      this.refresh.set(rt, { ...claims, scopes: [...claims.scopes] });
      this.secrets.push(rt);
      issued.refreshToken = rt;
    }
    if (options.idToken) {
      this.secrets.push(options.idToken);
      issued.idToken = options.idToken;
    }
    return issued;
  }

  verify(accessToken: string): TokenClaims | undefined {
    const rec = this.access.get(accessToken);
    if (!rec) return undefined;
    if (this.now() >= rec.expiresAt) return undefined;
    return { ...rec.claims, scopes: [...rec.claims.scopes] };
  }

  /** Looks up and consumes a refresh token (Entra rotates them); undefined when unknown or revoked. */
  redeemRefreshToken(refreshToken: string): TokenClaims | undefined {
    const claims = this.refresh.get(refreshToken);
    if (!claims) return undefined;
    this.refresh.delete(refreshToken);
    return claims;
  }

  /** Revokes every refresh token (tests of "sign in again"). */
  revokeRefreshTokens(): void {
    this.refresh.clear();
  }

  expireAll(): void {
    for (const rec of this.access.values()) rec.expiresAt = 0;
  }

  /** Records a secret the store did not mint (an id token, a device code) for leak scans. */
  recordSecret(secret: string): void {
    this.secrets.push(secret);
  }

  allIssuedSecrets(): string[] {
    return [...this.secrets];
  }
}
