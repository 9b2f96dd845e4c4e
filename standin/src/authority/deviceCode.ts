// Device code flow: the app asks for a code, shows it to the user, and polls /token until the user
// approved it in a browser. Here the browser step is a stand-in-only URL the test (or a person
// trying the stand-in) opens: /_standin/devicelogin?user_code=…[&username=…][&action=deny|expire].
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AadRequestError, aad, sendJson } from './errors';
import { escapeHtml, readForm, requirePost } from './http';
import { parseScopes } from './scopes';
import type { AuthorityState } from './state';

export async function handleDeviceCodeStart(state: AuthorityState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  requirePost(req);
  const form = await readForm(req);
  const client = state.findClient(form.get('client_id') ?? undefined);
  if (!state.isPublic(client)) {
    throw new AadRequestError(
      aad.unauthorizedClient(
        7000218,
        "The application is not configured as a public client; device code sign-in needs 'Allow public client flows'.",
      ),
    );
  }
  const scopes = parseScopes(form.get('scope') ?? undefined);
  const entry = state.newDeviceCode(client.clientId, [...scopes.oidc, ...scopes.resourceScopes]);
  const verificationUri = `http://${req.headers.host ?? '127.0.0.1'}/_standin/devicelogin`;
  const expiresIn = Math.round((entry.expiresAt - state.now()) / 1000);
  sendJson(res, 200, {
    user_code: entry.userCode,
    device_code: entry.deviceCode,
    verification_uri: verificationUri,
    expires_in: expiresIn,
    interval: state.options.deviceCodeIntervalSeconds ?? 5,
    message: `To sign in, open ${verificationUri} and enter the code ${entry.userCode} to authenticate.`,
  });
}

/** Token-endpoint side of device code: pending → approved → tokens. */
export function pollDeviceCode(state: AuthorityState, deviceCode: string | null, clientId: string) {
  const entry = deviceCode ? state.deviceCodes.get(deviceCode) : undefined;
  if (!entry || entry.clientId.toLowerCase() !== clientId.toLowerCase()) {
    throw new AadRequestError(aad.invalidGrant(70000, 'The provided device code is not valid for this application.'));
  }
  if (state.now() >= entry.expiresAt) {
    state.deviceCodes.delete(entry.deviceCode);
    throw new AadRequestError({
      status: 400,
      error: 'expired_token',
      code: 70020,
      description: 'The device code expired before the user completed sign-in.',
    });
  }
  if (entry.status === 'denied') {
    state.deviceCodes.delete(entry.deviceCode);
    throw new AadRequestError({
      status: 400,
      error: 'authorization_declined',
      code: 70000,
      description: 'The user declined the sign-in request.',
    });
  }
  if (entry.status === 'pending' || !entry.user) {
    throw new AadRequestError({
      status: 400,
      error: 'authorization_pending',
      code: 70016,
      description: 'Waiting for the user to complete sign-in in the browser.',
    });
  }
  state.deviceCodes.delete(entry.deviceCode); // one redemption per code
  return entry;
}

export async function handleDeviceLogin(state: AuthorityState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const page = (status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!doctype html><title>Device sign-in</title><p>${escapeHtml(text)}</p>`);
  };
  const userCode = (url.searchParams.get('user_code') ?? '').trim().toUpperCase();
  if (!userCode) return page(200, 'Add ?user_code=CODE (and optionally &username=…) to approve a device sign-in on this stand-in.');
  const entry = [...state.deviceCodes.values()].find((d) => d.userCode === userCode);
  if (!entry) return page(404, `No pending sign-in has the code ${userCode}.`);
  const action = url.searchParams.get('action') ?? 'approve';
  if (action === 'deny') {
    entry.status = 'denied';
    return page(200, 'Sign-in declined.');
  }
  if (action === 'expire') {
    entry.expiresAt = 0;
    return page(200, 'Code expired.');
  }
  try {
    entry.user = state.findUser(url.searchParams.get('username') ?? undefined);
  } catch (e) {
    if (e instanceof AadRequestError) return page(400, `AADSTS${e.aad.code}: ${e.aad.description}`);
    throw e;
  }
  entry.status = 'approved';
  void req;
  return page(200, `Signed in as ${entry.user.username}. You can close this window.`);
}
