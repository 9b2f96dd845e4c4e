// Turns msal and stand-in failures into messages a user can act on. Messages never carry a token,
// a secret or the raw server text (which may echo request parameters); they name the AADSTS code
// and the trace/correlation ids support needs.
import type { Redactor } from './redact';
import { errorMessage } from '../../../core/src';

export type SignInErrorKind =
  | 'cancelled'
  | 'timedOut'
  | 'consentRequired'
  | 'userNotInTenant'
  | 'invalidClientSecret'
  | 'expiredClientSecret'
  | 'invalidCertificate'
  | 'missingCredential'
  | 'appNotFound'
  | 'tenantNotFound'
  | 'interactionRequired'
  | 'mfaRequired'
  | 'conditionalAccess'
  | 'deviceCodeExpired'
  | 'declined'
  | 'federatedTokenUnavailable'
  | 'federatedTokenRejected'
  | 'managedIdentityUnavailable'
  | 'azureCliUnavailable'
  | 'network'
  | 'configuration'
  | 'unknown';

export class SignInError extends Error {
  constructor(
    readonly kind: SignInErrorKind,
    message: string,
    readonly aadsts?: number,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

export interface ErrorContext {
  clientId: string;
  tenant: string;
  /** Name of the env var the secret came from, for the hint (never its value). */
  secretEnvVar?: string;
  /** Workload identity federation: which token was presented, for explaining a refused exchange. */
  assertion?: FederatedContext;
  redactor: Redactor;
}

export interface FederatedContext {
  /** "the GitHub Actions OIDC token" */
  label: string;
  /** The audience this cloud's Entra expects (api://AzureADTokenExchange…). */
  audience: string;
  /** What else to check when the token had expired (a file that stopped being rotated). */
  expiredHint?: string;
  /** iss/sub/aud of the last token presented (not secret), when known. */
  claims?: { iss?: string; sub?: string; aud?: string };
}

/** Entra's answers to a refused federated token, explained with what was presented. */
function federatedRejection(
  aadsts: number | undefined,
  app: string,
  f: FederatedContext,
): { kind: SignInErrorKind; message: string } | undefined {
  const c = f.claims ?? {};
  const presented = `issuer "${c.iss ?? '?'}", subject "${c.sub ?? '?'}", audience "${c.aud ?? '?'}"`;
  const fix = `The app registration's federated credential must list exactly this issuer and subject, and the audience ${f.audience}.`;
  switch (aadsts) {
    case 700024:
      return {
        kind: 'federatedTokenRejected',
        message: `Entra refused ${f.label}: it had expired (or was not yet valid) when it arrived. Workload identity tokens live only minutes; a fresh one is fetched for every token request, so check this machine's clock${f.expiredHint ? ` ${f.expiredHint}` : ''}.`,
      };
    case 70021:
    case 700213:
      return {
        kind: 'federatedTokenRejected',
        message: `No federated credential of ${app} matches ${f.label} (${presented}). The subject must match exactly: for GitHub it names the repository and the branch, environment or pull_request trigger of the job. ${fix}`,
      };
    case 700211:
      return {
        kind: 'federatedTokenRejected',
        message: `No federated credential of ${app} trusts the issuer of ${f.label} (${presented}). ${fix}`,
      };
    case 700212:
      return {
        kind: 'federatedTokenRejected',
        message: `The audience of ${f.label} ("${c.aud ?? '?'}") matches no federated credential of ${app}; this cloud expects ${f.audience}. Check the credential's audience and the --cloud setting.`,
      };
    case 50013:
    case 700027:
      return {
        kind: 'federatedTokenRejected',
        message: `Entra could not verify the signature of ${f.label} (${presented}) with its issuer's published keys.`,
      };
    default:
      return undefined;
  }
}

function field(e: unknown, name: string): string {
  if (typeof e === 'object' && e !== null && name in e) {
    const v = (e as Record<string, unknown>)[name];
    return typeof v === 'string' ? v : '';
  }
  return '';
}

/** The ids a support engineer can look up, without anything else from the server text. */
function traceSuffix(text: string): string {
  const trace = /Trace ID:\s*([0-9a-f-]{36})/i.exec(text)?.[1];
  const corr = /Correlation ID:\s*([0-9a-f-]{36})/i.exec(text)?.[1];
  const parts = [trace && `trace ID ${trace}`, corr && `correlation ID ${corr}`].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

export function toSignInError(e: unknown, ctx: ErrorContext): SignInError {
  if (e instanceof SignInError) return e;
  let code = field(e, 'errorCode');
  // Device code polling reports any server error as post_request_failed with the bare OAuth error
  // (no AADSTS text) as its message.
  const fromDevicePoll = code === 'post_request_failed';
  if (fromDevicePoll) code = field(e, 'errorMessage').trim();
  const sub = field(e, 'subError');
  const text = `${field(e, 'errorMessage')} ${errorMessage(e)}`;
  const aadsts = Number(/AADSTS(\d+)/.exec(text)?.[1]) || undefined;
  const ids = traceSuffix(text);
  const app = `app ${ctx.clientId}`;
  const make = (kind: SignInErrorKind, msg: string) =>
    new SignInError(kind, ctx.redactor.redact(aadsts ? `${msg} [AADSTS${aadsts}]${ids}` : `${msg}${ids}`), aadsts);
  const federated = ctx.assertion && federatedRejection(aadsts, app, ctx.assertion);
  if (federated) return make(federated.kind, federated.message);

  switch (aadsts) {
    case 65001:
      return make(
        'consentRequired',
        `The ${app} has not been granted the Graph permission EntitlementManagement.ReadWrite.All in tenant ${ctx.tenant}. An administrator must grant admin consent, or set accessPolicy.clientId to your own app registration that has it.`,
      );
    case 50020:
    case 50034:
    case 50177:
      return make(
        'userNotInTenant',
        `The account you signed in with is not a user of tenant ${ctx.tenant}. Sign in with an account of that tenant, or check the tenant setting.`,
      );
    case 7000215:
      return make(
        'invalidClientSecret',
        `The client secret${ctx.secretEnvVar ? ` in environment variable ${ctx.secretEnvVar}` : ''} was rejected for ${app}. Use the secret's value (not its ID) from the app registration.`,
      );
    case 7000222:
      return make(
        'expiredClientSecret',
        `The client secret${ctx.secretEnvVar ? ` in environment variable ${ctx.secretEnvVar}` : ''} of ${app} has expired. Create a new secret in the app registration.`,
      );
    case 700027:
    case 700024:
    case 700023:
    case 700021:
    case 700212:
    case 50027:
      return make(
        'invalidCertificate',
        `The certificate sign-in of ${app} was rejected: the certificate is not registered on the app, or the signed assertion is invalid.`,
      );
    case 7000218:
      return make(
        'missingCredential',
        `The ${app} is a confidential client but no secret or certificate was presented, or it is not enabled for public client flows (device code).`,
      );
    case 700016:
      return make(
        'appNotFound',
        `The ${app} was not found in tenant ${ctx.tenant}. Check the client id, the tenant and the cloud setting (app registrations do not cross clouds).`,
      );
    case 90002:
    case 90023:
      return make(
        'tenantNotFound',
        `Tenant ${ctx.tenant} was not found in this cloud. Check the tenant id or domain and the cloud setting.`,
      );
    case 50076:
    case 50079:
      return make('mfaRequired', 'Multi-factor authentication is required. Sign in interactively (browser or device code).');
    case 53003:
    case 53000:
    case 53001:
      return make(
        'conditionalAccess',
        `Sign-in was blocked by a Conditional Access policy of tenant ${ctx.tenant}. If it blocks device code or first-party tools, try the browser method or your own app registration.`,
      );
    default:
      break;
  }
  if (code === 'access_denied' || code === 'user_cancelled' || code === 'device_code_polling_cancelled') {
    return make('cancelled', 'Sign-in was cancelled.');
  }
  if (code === 'authorization_declined') return make('declined', 'The sign-in request was declined in the browser.');
  if (code === 'expired_token' || code === 'device_code_expired') {
    return make('deviceCodeExpired', 'The device code expired before sign-in was completed. Start sign-in again.');
  }
  if (fromDevicePoll && (code === 'invalid_grant' || code === 'invalid_client' || code === 'unauthorized_client')) {
    return make(
      'unknown',
      `The sign-in service refused the device code sign-in (${code}): for example missing admin consent, device code blocked by Conditional Access, or an app not enabled for public client flows. Try browser sign-in for a detailed reason.`,
    );
  }
  if (
    code === 'interaction_required' ||
    code === 'consent_required' ||
    code === 'login_required' ||
    code === 'invalid_grant' ||
    sub === 'bad_token' ||
    code === 'no_tokens_found'
  ) {
    return make('interactionRequired', 'Your sign-in has expired or was revoked. Sign in again.');
  }
  if (code === 'invalid_client') return make('invalidClientSecret', `The credentials of ${app} were rejected.`);
  if (
    code === 'endpoints_resolution_error' ||
    code === 'network_error' ||
    /fetch failed|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|timed out/i.test(text)
  ) {
    return make('network', 'Could not reach the sign-in service. Check the network, proxy and cloud setting.');
  }
  if (code === 'missing_tenant_id_error') {
    return make('configuration', 'App-only sign-in needs a specific tenant (id or domain), not "common" or "organizations".');
  }
  const detail = code ? ` (${code})` : '';
  return make('unknown', `Sign-in failed${detail}.`);
}
