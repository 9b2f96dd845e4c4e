// The two user-facing msal flows, made cancellable and bounded in time. msal-node 7's
// acquireTokenInteractive has neither: its loopback listener waits until a form_post with the
// right `state` arrives. To stop it we deliver exactly that, an `access_denied` answer posted to
// the listener, so the port is released instead of leaking.
import type { AuthenticationResult, PublicClientApplication } from '@azure/msal-node';
import * as http from 'node:http';
import { SignInError } from './errors';

export interface DeviceCodeInfo {
  userCode: string;
  verificationUri: string;
  /** msal's ready-made instruction sentence (from the server). */
  message: string;
  expiresInSeconds: number;
}

export interface FlowControl {
  signal?: AbortSignal;
  timeoutMs: number;
}

const SUCCESS_PAGE =
  '<!doctype html><title>Signed in</title><p>Signed in to Entra Access Policy. You can close this tab and return to the editor.</p>';
const ERROR_PAGE = '<!doctype html><title>Sign-in not completed</title><p>Sign-in was not completed. Return to the editor for details.</p>';

/** Posts an `access_denied` answer to msal's loopback listener so the pending request ends. */
function releaseLoopback(authorizeUrl: string): Promise<void> {
  const u = new URL(authorizeUrl);
  const redirect = new URL(u.searchParams.get('redirect_uri') ?? '');
  const state = u.searchParams.get('state') ?? '';
  const body = new URLSearchParams({ error: 'access_denied', error_description: 'Sign-in cancelled in the editor.', state }).toString();
  return new Promise((resolve) => {
    // msal listens on 127.0.0.1 while advertising "localhost"; post to the IPv4 address.
    const req = http.request(
      {
        host: '127.0.0.1',
        port: redirect.port,
        path: redirect.pathname || '/',
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
        timeout: 5000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.on('error', () => resolve());
    req.on('timeout', () => req.destroy());
    req.end(body);
  });
}

type Stop = { kind: 'cancelled' | 'timedOut' };

/** Races a flow against the AbortSignal and a timer; calls `onStop` to make the flow end. */
async function bounded<T>(flow: Promise<T>, ctl: FlowControl, onStop: (why: Stop) => Promise<void> | void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<Stop>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timedOut' }), ctl.timeoutMs);
    if (ctl.signal) {
      onAbort = () => resolve({ kind: 'cancelled' });
      if (ctl.signal.aborted) onAbort();
      else ctl.signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  try {
    const winner = await Promise.race([flow.then((v) => ({ done: v })), stopped]);
    if ('done' in winner) return winner.done;
    flow.catch(() => undefined); // the flow's own rejection is expected now
    await onStop(winner);
    if (winner.kind === 'cancelled') throw new SignInError('cancelled', 'Sign-in was cancelled.');
    throw new SignInError(
      'timedOut',
      `Sign-in timed out after ${Math.max(1, Math.ceil(ctl.timeoutMs / 1000))} seconds without an answer from the browser.`,
    );
  } finally {
    clearTimeout(timer);
    if (onAbort) ctl.signal?.removeEventListener('abort', onAbort);
  }
}

export async function runInteractive(
  app: PublicClientApplication,
  scopes: string[],
  openBrowser: (url: string) => Promise<void>,
  ctl: FlowControl,
): Promise<AuthenticationResult> {
  if (ctl.signal?.aborted) throw new SignInError('cancelled', 'Sign-in was cancelled.');
  let authorizeUrl: string | undefined;
  let stopping = false;
  let urlKnown: () => void = () => undefined;
  const urlSeen = new Promise<void>((r) => (urlKnown = r));
  const flow = app.acquireTokenInteractive({
    scopes,
    successTemplate: SUCCESS_PAGE,
    errorTemplate: ERROR_PAGE,
    openBrowser: async (url: string) => {
      authorizeUrl = url;
      urlKnown();
      if (stopping) return; // cancelled before the browser opened: don't open it
      await openBrowser(url);
    },
  });
  return bounded(flow, ctl, async () => {
    stopping = true;
    // If msal has not started listening yet, wait briefly for it so the port can be released.
    await Promise.race([urlSeen, new Promise((r) => setTimeout(r, 5000).unref())]);
    if (authorizeUrl) await releaseLoopback(authorizeUrl);
    await Promise.race([flow.catch(() => undefined), new Promise((r) => setTimeout(r, 5000).unref())]);
  });
}

export async function runDeviceCode(
  app: PublicClientApplication,
  scopes: string[],
  show: (info: DeviceCodeInfo) => void,
  ctl: FlowControl,
): Promise<AuthenticationResult> {
  if (ctl.signal?.aborted) throw new SignInError('cancelled', 'Sign-in was cancelled.');
  // msal-node drops an error answer of the device code endpoint and calls back with empty fields,
  // then polls and fails. Showing "open undefined and enter the code undefined" would only confuse.
  let noCode = false;
  const request = {
    scopes,
    cancel: false,
    deviceCodeCallback: (r: { userCode?: string; verificationUri?: string; message?: string; expiresIn?: number }) => {
      if (!r.userCode || !r.verificationUri) {
        noCode = true;
        request.cancel = true;
        return;
      }
      show({ userCode: r.userCode, verificationUri: r.verificationUri, message: r.message ?? '', expiresInSeconds: r.expiresIn ?? 0 });
    },
  };
  const flow = app.acquireTokenByDeviceCode(request).then(
    (r) => {
      if (!r) throw new SignInError('unknown', 'Device code sign-in returned no result.');
      return r;
    },
    (e: unknown) => {
      if (!noCode) throw e;
      throw new SignInError(
        'configuration',
        'The sign-in service issued no device code. Check the tenant, the client id and the cloud setting (an app registration must allow public client flows for device code sign-in).',
      );
    },
  );
  // msal checks `cancel` between polls, so polling stops at the next interval.
  return bounded(flow, ctl, () => {
    request.cancel = true;
  });
}
