// The sign-in half of the local tenant stand-in: the Entra v2.0 endpoints msal-node 7 calls for a
// production authority (https://login.microsoftonline.com/<tenant>) whose traffic a routing network
// client sends to 127.0.0.1. No discovery endpoints are needed for that ("mode A"): msal has the
// metadata for Microsoft hosts built in. See docs/auth.md for the flows.
//
//   GET  /{tenant}/oauth2/v2.0/authorize      form_post page carrying code + state + client_info
//   POST /{tenant}/oauth2/v2.0/token          authorization_code (PKCE S256), refresh_token,
//                                             client_credentials (secret, certificate, or a federated
//                                             token from a trusted loopback issuer: federated.ts), device_code
//   POST /{tenant}/oauth2/v2.0/devicecode     starts a device code sign-in
//   GET  /{tenant}/oauth2/v2.0/logout         sign-out page
//   GET  /{tenant}/v2.0/.well-known/openid-configuration
//   GET  /_standin/devicelogin?user_code=…&username=…[&action=deny|expire]
//                                             stand-in only: the user's browser step of device code
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AadRequestError, sendAadError, sendJson } from './errors';
import { AuthorityState, type StateOptions } from './state';
import { handleAuthorize } from './authorize';
import { handleToken } from './token';
import { handleDeviceCodeStart, handleDeviceLogin } from './deviceCode';

/** What the sign-in stand-in serves: its tenant, registered apps and users (see StateOptions). */
export type AuthorityOptions = StateOptions;

export type AuthorityHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export type { ClientRegistration, UserRegistration } from './state';
export type { FederatedCredential } from './federated';

const TENANT_PATH = /^\/([^/]+)\/(oauth2\/v2\.0\/(authorize|token|devicecode|logout)|v2\.0\/\.well-known\/openid-configuration)$/;

/** The tenant segment of a sign-in endpoint's path (`/{tenant}/oauth2/v2.0/token` → tenant), if it is one. */
export function authorityTenantSegment(url: URL): string | undefined {
  const m = TENANT_PATH.exec(url.pathname);
  return m ? decodeURIComponent(m[1]) : undefined;
}

export function createAuthorityHandler(options: AuthorityOptions): AuthorityHandler {
  const state = new AuthorityState(options);
  return async (req, res, url) => {
    if (url.pathname === '/_standin/devicelogin') {
      await guard(res, () => handleDeviceLogin(state, req, res, url));
      return true;
    }
    const m = TENANT_PATH.exec(url.pathname);
    if (!m) return false;
    const tenantSegment = decodeURIComponent(m[1]);
    await guard(res, async () => {
      state.assertTenant(tenantSegment);
      const endpoint = m[3] ?? 'openid-configuration';
      switch (endpoint) {
        case 'authorize':
          return handleAuthorize(state, req, res, url);
        case 'token':
          return handleToken(state, req, res, url, tenantSegment);
        case 'devicecode':
          return handleDeviceCodeStart(state, req, res);
        case 'logout':
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end('<!doctype html><title>Signed out</title><p>You have signed out of the local tenant stand-in.</p>');
          return;
        default:
          sendJson(res, 200, state.openIdConfiguration(tenantSegment, req));
      }
    });
    return true;
  };
}

async function guard(res: ServerResponse, fn: () => Promise<void> | void): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (res.headersSent) {
      res.end();
      return;
    }
    if (e instanceof AadRequestError) sendAadError(res, e.aad);
    else sendAadError(res, { status: 500, error: 'server_error', code: 90000, description: 'The stand-in failed to handle the request.' });
  }
}
