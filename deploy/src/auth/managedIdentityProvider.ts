// `--managed-identity [CLIENT_ID]`: the identity of the Azure machine or service the job runs on
// (self-hosted runners and agents on Azure VMs, Arc servers, App Service, Functions), through
// msal-node's ManagedIdentityApplication. msal picks the source from the environment (App
// Service's IDENTITY_ENDPOINT + IDENTITY_HEADER, Arc, Cloud Shell's MSI_ENDPOINT, Service Fabric,
// else the VM's IMDS). No secret exists anywhere; the token carries the identity's app roles.
import { ManagedIdentityApplication, type AuthenticationResult } from '@azure/msal-node';
import type { AccessToken, TokenProvider } from './tokenProvider';
import { SignInError } from './errors';
import { createAuthLogger, msalLoggerOptions, type AuthLogSink, type AuthLogger } from './log';
import { Redactor } from './redact';
import { CLOUDS, type CloudName } from '../cloud';
import { claimText, readJwtClaims } from './jwtClaims';
import { errorMessage } from '../../../core/src';

export interface ManagedIdentityProviderOptions {
  /** Client id of a user-assigned identity; absent = the system-assigned one. */
  clientId?: string;
  /** Tenant the deploy targets: a token from another tenant is refused before Graph sees it. */
  tenant: string;
  cloud?: CloudName;
  log?: AuthLogSink;
  verboseMsalLog?: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ManagedIdentityTokenProvider implements TokenProvider {
  private readonly app: ManagedIdentityApplication;
  private readonly redactor = new Redactor();
  private readonly logger: AuthLogger;

  constructor(private readonly options: ManagedIdentityProviderOptions) {
    if (options.clientId !== undefined && !GUID.test(options.clientId)) {
      throw new SignInError(
        'configuration',
        `Managed identity client id "${options.clientId}" is not a GUID (the user-assigned identity's Client ID).`,
      );
    }
    this.logger = createAuthLogger(options.log, this.redactor);
    this.app = new ManagedIdentityApplication({
      managedIdentityIdParams: options.clientId ? { userAssignedClientId: options.clientId } : undefined,
      system: { loggerOptions: msalLoggerOptions(options.log, this.redactor, options.verboseMsalLog) },
    });
  }

  /** Which platform endpoint msal will ask (AppService, AzureArc, CloudShell, Imds, …). */
  get source(): string {
    return this.app.getManagedIdentitySource();
  }

  get identityLabel(): string {
    return this.options.clientId ? `user-assigned managed identity ${this.options.clientId}` : 'the system-assigned managed identity';
  }

  async getToken(opts: { signal?: AbortSignal; forceRefresh?: boolean } = {}): Promise<AccessToken> {
    if (opts.signal?.aborted) throw new SignInError('cancelled', 'Sign-in was cancelled.');
    const resource = CLOUDS[this.options.cloud ?? 'global'].graphHost;
    let r: AuthenticationResult;
    try {
      r = await this.app.acquireToken({ resource, forceRefresh: opts.forceRefresh ?? false });
    } catch (e) {
      throw this.explain(e);
    }
    if (!r.accessToken) throw new SignInError('unknown', 'The managed identity endpoint returned no access token.');
    this.redactor.addSecret(r.accessToken);
    const tenantId = r.tenantId || claimText(readJwtClaims(r.accessToken), 'tid') || this.options.tenant;
    if (GUID.test(this.options.tenant) && GUID.test(tenantId) && tenantId.toLowerCase() !== this.options.tenant.toLowerCase()) {
      throw new SignInError(
        'configuration',
        `${this.identityLabel} belongs to tenant ${tenantId}, not ${this.options.tenant}. Check --tenant.`,
      );
    }
    this.logger.info(`token for ${this.identityLabel} from the ${this.source} endpoint`);
    return { token: r.accessToken, expiresOn: r.expiresOn ?? new Date(Date.now() + 3600_000), account: { tenantId } };
  }

  forbiddenAdvice(): string {
    return `A managed identity gets Graph permissions as app role assignments on its service principal (there is no consent screen): assign ${this.identityLabel} the Microsoft Graph app role EntitlementManagement.ReadWrite.All, for example with New-MgServicePrincipalAppRoleAssignment or POST /servicePrincipals/{id}/appRoleAssignments.`;
  }

  private explain(e: unknown): SignInError {
    const code = typeof e === 'object' && e !== null && 'errorCode' in e ? String((e as { errorCode: unknown }).errorCode) : '';
    const text = errorMessage(e);
    const where = `the ${this.source} managed identity endpoint`;
    if (/fetch failed|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|network|timed out/i.test(`${code} ${text}`)) {
      return new SignInError(
        'managedIdentityUnavailable',
        `Could not reach ${where}. --managed-identity works only on an Azure VM, Arc server, App Service or Functions host with a managed identity (GitHub-hosted runners and Microsoft-hosted agents have none; use --github-oidc or --azure-devops-oidc there).`,
      );
    }
    const userAssigned = this.options.clientId
      ? ` Check that ${this.identityLabel} is assigned to this machine or service.`
      : ' Check that this machine or service has a system-assigned identity, or name a user-assigned one: --managed-identity CLIENT_ID.';
    return new SignInError(
      'managedIdentityUnavailable',
      this.redactor.redact(`${where} refused the token request for ${this.identityLabel}${code ? ` (${code})` : ''}.${userAssigned}`),
    );
  }
}
