// GET /{tenant}/oauth2/v2.0/authorize: the browser step of auth code + PKCE. There is no login
// form: the stand-in signs in `login_hint` (or the first registered user) at once and answers with
// an auto-submitting form_post page to the app's loopback redirect, as Entra does.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AadRequestError } from './errors';
import { escapeHtml } from './http';
import { clientInfo } from './identity';
import { parseScopes } from './scopes';
import type { AuthorityState } from './state';

function errorPage(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><title>Sign-in error</title><h1>Sign-in error</h1><p>${escapeHtml(message)}</p>`);
}

function formPost(res: ServerResponse, redirectUri: string, fields: Record<string, string>): void {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}" />`)
    .join('');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    `<!doctype html><html><head><title>Working...</title></head><body onload="document.forms[0].submit()">` +
      `<form method="POST" name="hiddenform" action="${escapeHtml(redirectUri)}">${inputs}<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript></form></body></html>`,
  );
}

/** Entra accepts http loopback redirect URIs on any port (the app listens on a random one). */
function isLoopbackRedirect(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]');
  } catch {
    return false;
  }
}

export async function handleAuthorize(state: AuthorityState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (req.method !== 'GET') return errorPage(res, 405, 'The authorize endpoint is opened with GET by a browser.');
  const q = url.searchParams;
  const clientId = q.get('client_id') ?? undefined;
  const redirectUri = q.get('redirect_uri') ?? '';
  let client;
  try {
    client = state.findClient(clientId);
  } catch (e) {
    if (e instanceof AadRequestError) return errorPage(res, 400, `AADSTS${e.aad.code}: ${e.aad.description}`);
    throw e;
  }
  if (!isLoopbackRedirect(redirectUri)) {
    return errorPage(
      res,
      400,
      `AADSTS50011: The redirect URI '${redirectUri}' does not match the redirect URIs configured for the application '${client.clientId}'.`,
    );
  }
  const fail = (error: string, code: number, description: string) =>
    formPost(res, redirectUri, {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${randomUUID()} Correlation ID: ${q.get('client-request-id') ?? randomUUID()}`,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
      state: q.get('state') ?? '',
    });
  if (q.get('response_type') !== 'code')
    return fail('unsupported_response_type', 700054, "The stand-in only supports response_type 'code'.");
  if (!q.get('code_challenge') || q.get('code_challenge_method') !== 'S256') {
    return fail('invalid_request', 9002325, 'Proof Key for Code Exchange (S256) is required for public client sign-in.');
  }
  // Stand-in-only switch for tests: the user presses "Cancel" on the sign-in page.
  if (q.get('standin_action') === 'deny') return fail('access_denied', 50126, 'The user cancelled the sign-in.');
  let user;
  let scopes;
  try {
    user = state.findUser(q.get('login_hint') ?? undefined);
    scopes = parseScopes(q.get('scope') ?? undefined);
  } catch (e) {
    if (e instanceof AadRequestError) return fail(e.aad.error, e.aad.code, e.aad.description);
    throw e;
  }
  const code = state.newCode({
    clientId: client.clientId,
    redirectUri,
    codeChallenge: q.get('code_challenge') ?? '',
    scopes: [...scopes.oidc, ...scopes.resourceScopes],
    user,
    nonce: q.get('nonce') ?? undefined,
    expiresAt: state.now() + 600_000,
  });
  const fields: Record<string, string> = { code, state: q.get('state') ?? '', session_state: randomUUID() };
  if (q.get('client_info') === '1') fields.client_info = clientInfo(state, user);
  formPost(res, redirectUri, fields);
}
