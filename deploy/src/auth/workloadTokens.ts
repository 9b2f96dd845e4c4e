// Where a pipeline's workload identity token comes from, for workload identity federation: msal
// sends it as the client assertion and Entra exchanges it for a Graph token when the app
// registration has a federated credential with the token's issuer, subject and audience. msal-node
// reads none of the CI variables itself, so each source is here. Every source fetches a new token
// each time it is asked (msal asks on every network token request): CI tokens live minutes, jobs
// can run longer.
import { readFileSync } from 'node:fs';
import { CLOUDS, LOOPBACK_HOSTS, type CloudName } from '../cloud';
import { SignInError } from './errors';
import { claimText, readJwtClaims } from './jwtClaims';
import { errorMessage } from '../../../core/src';

export interface AssertionSource {
  /** What the token is, for messages ("the GitHub Actions OIDC token"). */
  label: string;
  /** The sign-in method, as flags and messages name it. */
  method: string;
  /** The audience the token is requested with or must carry. */
  audience: string;
  /** What else to check when Entra finds the token expired. */
  expiredHint?: string;
  /** A fresh token. Never logged. */
  fetch(signal?: AbortSignal): Promise<string>;
}

type Env = Record<string, string | undefined>;

const REQUEST_TIMEOUT_MS = 30_000;

/** Refuses to send a CI request token anywhere but https, or http on this machine (tests). */
function requestUrl(value: string, variable: string): URL {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new SignInError('configuration', `${variable} is not a URL.`);
  }
  if (u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK_HOSTS.includes(u.hostname))) return u;
  throw new SignInError('configuration', `${variable} must be an https URL (it receives the job's request token).`);
}

/** What a refusal of the token request means, per HTTP status. */
type StatusHint = (status: number) => string | undefined;

async function requestJson(
  url: URL,
  init: RequestInit,
  what: string,
  hint: StatusHint,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) : AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (e) {
    if (signal?.aborted) throw new SignInError('cancelled', 'Sign-in was cancelled.');
    throw new SignInError('network', `Could not reach ${url.origin} for ${what} (${errorMessage(e)}).`);
  }
  // The answer is not quoted in messages: it could echo request details.
  if (!res.ok) {
    const more = hint(res.status);
    throw new SignInError(
      'federatedTokenUnavailable',
      `${url.origin} refused the request for ${what} (HTTP ${res.status}).${more ? ` ${more}` : ''}`,
    );
  }
  try {
    const body = (await res.json()) as unknown;
    if (typeof body === 'object' && body !== null) return body as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new SignInError('federatedTokenUnavailable', `${url.origin} answered the request for ${what} without JSON.`);
}

function jwtText(value: unknown, what: string): string {
  if (typeof value === 'string' && value.split('.').length === 3) return value;
  throw new SignInError('federatedTokenUnavailable', `The answer to the request for ${what} held no token.`);
}

const githubHint: StatusHint = (status) =>
  status === 401 || status === 403
    ? 'ACTIONS_ID_TOKEN_REQUEST_TOKEN was not accepted; it is valid only inside the job that GitHub gave it to.'
    : undefined;

const azurePipelinesHint: StatusHint = (status) =>
  status === 401 || status === 403
    ? 'SYSTEM_ACCESSTOKEN was not accepted: map $(System.AccessToken) of this job into the step.'
    : status === 404 || status === 400
      ? 'Check the service connection id, that the connection uses workload identity federation, and that the pipeline is allowed to use it (at least one task must reference the connection).'
      : undefined;

/** The token in a federated token file, trimmed; a missing, empty or non-JWT file is a configuration error. */
export function readFederatedTokenFile(path: string): string {
  let text: string;
  try {
    // Small and local: read synchronously, so the CLI can check it before trying any file.
    text = readFileSync(path, 'utf8').trim();
  } catch (e) {
    throw new SignInError(
      'configuration',
      `Cannot read the federated token file ${path} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'}).`,
    );
  }
  if (!text) throw new SignInError('configuration', `The federated token file ${path} is empty.`);
  if (text.split('.').length !== 3)
    throw new SignInError('configuration', `The federated token file ${path} does not hold a token (a JWT).`);
  return text;
}

/** `--federated-token-file PATH` / AZURE_FEDERATED_TOKEN_FILE: read again on every request, as the platform rotates it. */
export function federatedTokenFileSource(path: string, cloud: CloudName): AssertionSource {
  if (!path.trim()) throw new SignInError('configuration', 'The federated token file path is empty.');
  return {
    label: `the federated token in ${path}`,
    method: 'federated token file',
    audience: CLOUDS[cloud].tokenExchangeAudience,
    expiredHint: 'and that the platform keeps rotating the token file',
    fetch: async () => readFederatedTokenFile(path),
  };
}

/** `--github-oidc`: the job's ID token from the Actions runtime (needs `permissions: id-token: write`). */
export function githubActionsSource(env: Env, cloud: CloudName): AssertionSource {
  const missing = ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'].filter((v) => !env[v]);
  if (missing.length) {
    throw new SignInError(
      'configuration',
      `--github-oidc needs ${missing.join(' and ')}, which GitHub Actions sets only for a job with "permissions: id-token: write" (add it to the job or workflow). Outside GitHub Actions use another sign-in method.`,
    );
  }
  const base = requestUrl(env.ACTIONS_ID_TOKEN_REQUEST_URL!, 'ACTIONS_ID_TOKEN_REQUEST_URL');
  const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN!;
  const audience = CLOUDS[cloud].tokenExchangeAudience;
  const what = 'the GitHub Actions OIDC token';
  return {
    label: what,
    method: 'GitHub Actions OIDC',
    audience,
    async fetch(signal) {
      const url = new URL(base);
      url.searchParams.set('audience', audience);
      const body = await requestJson(
        url,
        { method: 'GET', headers: { authorization: `Bearer ${requestToken}`, accept: 'application/json' } },
        what,
        githubHint,
        signal,
      );
      return jwtText(body.value, what);
    },
  };
}

/** `--azure-devops-oidc ID`: an OIDC token for a service connection, from the pipeline's OIDC endpoint. */
export function azurePipelinesSource(env: Env, serviceConnectionId: string, cloud: CloudName): AssertionSource {
  if (!serviceConnectionId.trim()) throw new SignInError('configuration', '--azure-devops-oidc needs the service connection id (a GUID).');
  const missing = ['SYSTEM_OIDCREQUESTURI', 'SYSTEM_ACCESSTOKEN'].filter((v) => !env[v]);
  if (missing.length) {
    throw new SignInError(
      'configuration',
      `--azure-devops-oidc needs ${missing.join(' and ')} in the step's environment. Azure Pipelines does not put them there by default: map them in the step with "env:" as SYSTEM_ACCESSTOKEN: $(System.AccessToken) and SYSTEM_OIDCREQUESTURI: $(System.OidcRequestUri).`,
    );
  }
  const base = requestUrl(env.SYSTEM_OIDCREQUESTURI!, 'SYSTEM_OIDCREQUESTURI');
  const accessToken = env.SYSTEM_ACCESSTOKEN!;
  const what = `the Azure DevOps OIDC token of service connection ${serviceConnectionId}`;
  return {
    label: what,
    method: 'Azure DevOps OIDC',
    audience: CLOUDS[cloud].tokenExchangeAudience,
    async fetch(signal) {
      const url = new URL(base);
      url.searchParams.set('api-version', '7.1');
      url.searchParams.set('serviceConnectionId', serviceConnectionId);
      const body = await requestJson(
        url,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', 'x-tfs-fedauthredirect': 'Suppress' },
        },
        what,
        azurePipelinesHint,
        signal,
      );
      return jwtText(body.oidcToken, what);
    },
  };
}

/** iss, sub and aud of a token (not secret; they explain a refused exchange). */
export function presentedClaims(token: string): { iss?: string; sub?: string; aud?: string } | undefined {
  const c = readJwtClaims(token);
  return c && { iss: claimText(c, 'iss'), sub: claimText(c, 'sub'), aud: claimText(c, 'aud') };
}
