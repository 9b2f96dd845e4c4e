// Registered clients, users, pending authorization codes and device codes of the stand-in.
import { X509Certificate, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TokenStore } from '../tokens';
import { AadRequestError, aad } from './errors';
import { certificateThumbprints } from './jwt';
import { IssuerKeyCache, type FederatedCredential } from './federated';

export interface ClientRegistration {
  clientId: string;
  secret?: string;
  certificateThumbprint?: string;
  certificatePem?: string;
  /** Delegated scopes consented for this app (short names); absent: the defaults of ./scopes.ts. */
  consentedScopes?: string[];
  /** Application permissions granted for app-only tokens; default DEFAULT_APP_ROLES. */
  roles?: string[];
  /** Workload identity federation: external tokens (issuer + subject + audience) this app accepts. */
  federatedCredentials?: FederatedCredential[];
}

export interface UserRegistration {
  username: string;
  objectId: string;
  displayName?: string;
}

export interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scopes: string[];
  user: UserRegistration;
  nonce?: string;
  expiresAt: number;
}

export interface PendingDeviceCode {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scopes: string[];
  status: 'pending' | 'approved' | 'denied';
  user?: UserRegistration;
  expiresAt: number;
}

export interface StateOptions {
  tenantId: string;
  tenantDisplayName: string;
  /** A verified domain accepted in the authority path in place of the tenant id. */
  domain?: string;
  tokens: TokenStore;
  /**
   * Registered apps. A client with neither secret nor certificate is a public client (browser,
   * device code). `certificatePem` (public certificate) lets the stand-in verify assertion
   * signatures; without it an `x5c` header whose thumbprint matches `certificateThumbprint` is used.
   */
  clients: ClientRegistration[];
  users: UserRegistration[];
  /** Seconds between device code polls told to the client (Entra says 5; tests use 0). */
  deviceCodeIntervalSeconds?: number;
  /** Lifetime of issued access tokens (default 3600 s; below 300 s msal refreshes on every call). */
  accessTokenTtlSeconds?: number;
}

/**
 * What an app registration is granted unless a test says otherwise: what docs/references.md tells
 * an admin to grant (the deploy's permission and the reads of name references).
 */
export const DEFAULT_APP_ROLES = [
  'EntitlementManagement.ReadWrite.All',
  'User.Read.All',
  'GroupMember.Read.All',
  'Application.Read.All',
  'Directory.Read.All',
];

export class AuthorityState {
  readonly codes = new Map<string, PendingCode>();
  readonly deviceCodes = new Map<string, PendingDeviceCode>();
  readonly issuerKeys = new IssuerKeyCache();

  constructor(readonly options: StateOptions) {}

  get tokens(): TokenStore {
    return this.options.tokens;
  }

  now(): number {
    return this.options.tokens.now();
  }

  assertTenant(segment: string): void {
    const t = segment.toLowerCase();
    if (t === this.options.tenantId.toLowerCase() || t === 'organizations' || t === 'common') return;
    if (t === this.options.tenantDisplayName.toLowerCase() || t === this.options.domain?.toLowerCase()) return;
    throw new AadRequestError({
      status: 400,
      error: 'invalid_tenant',
      code: 90002,
      description: `Tenant '${segment}' not found. Check the tenant ID or domain name.`,
    });
  }

  findClient(clientId: string | undefined): ClientRegistration {
    if (!clientId) throw new AadRequestError(aad.invalidRequest(900144, "The request body must contain the parameter 'client_id'."));
    const c = this.options.clients.find((x) => x.clientId.toLowerCase() === clientId.toLowerCase());
    if (!c) {
      throw new AadRequestError(
        aad.unauthorizedClient(
          700016,
          `Application with identifier '${clientId}' was not found in the directory '${this.options.tenantDisplayName}'. The app may not be installed or consented in this tenant.`,
        ),
      );
    }
    return c;
  }

  isPublic(c: ClientRegistration): boolean {
    return !c.secret && !c.certificateThumbprint && !c.certificatePem && !c.federatedCredentials?.length;
  }

  findUser(username: string | undefined): UserRegistration {
    if (!username) {
      const first = this.options.users[0];
      if (!first) throw new AadRequestError(aad.invalidRequest(50034, 'The stand-in tenant has no users.'));
      return first;
    }
    const u = this.options.users.find((x) => x.username.toLowerCase() === username.toLowerCase());
    if (!u) {
      throw new AadRequestError(
        aad.invalidRequest(
          50020,
          `User account '${username}' does not exist in tenant '${this.options.tenantDisplayName}' and cannot sign in to this application.`,
        ),
      );
    }
    return u;
  }

  /** Public certificate of a client, if registered as PEM. */
  clientCertificate(c: ClientRegistration): X509Certificate | undefined {
    return c.certificatePem ? new X509Certificate(c.certificatePem) : undefined;
  }

  thumbprintMatches(c: ClientRegistration, cert: X509Certificate): boolean {
    const tp = certificateThumbprints(cert);
    const want = (c.certificateThumbprint ?? '').replace(/[:\s]/g, '').toUpperCase();
    if (!want) return c.certificatePem !== undefined && new X509Certificate(c.certificatePem).fingerprint256 === cert.fingerprint256;
    return want === tp.sha256 || want === tp.sha1;
  }

  newCode(p: PendingCode): string {
    const code = `code.${randomBytes(24).toString('base64url')}`;
    this.codes.set(code, p);
    this.tokens.recordSecret(code);
    return code;
  }

  newDeviceCode(clientId: string, scopes: string[]): PendingDeviceCode {
    const deviceCode = `dc.${randomBytes(24).toString('base64url')}`;
    const userCode = randomBytes(6).toString('hex').slice(0, 9).toUpperCase();
    const entry: PendingDeviceCode = { deviceCode, userCode, clientId, scopes, status: 'pending', expiresAt: this.now() + 900_000 };
    this.deviceCodes.set(deviceCode, entry);
    this.tokens.recordSecret(deviceCode);
    return entry;
  }

  openIdConfiguration(tenantSegment: string, req: IncomingMessage): Record<string, unknown> {
    const base = `http://${req.headers.host ?? '127.0.0.1'}/${tenantSegment}`;
    return {
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      response_types_supported: ['code'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      tenant_region_scope: 'NA',
      cloud_instance_name: 'microsoftonline.com',
      request_id: randomUUID(),
    };
  }
}
