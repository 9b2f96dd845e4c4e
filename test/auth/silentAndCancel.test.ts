// Silent sign-in from a persisted cache (new app instance, refresh token redeemed, no browser),
// cancellation and timeout of browser sign-in, and a leak scan over everything the provider said.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import {
  MemorySecretStore,
  PublicClientTokenProvider,
  SignInError,
  secretStoreCachePlugin,
  ConfidentialClientTokenProvider,
} from '../../deploy/src/auth';
import { ALICE, APP_CLIENT, TENANT_ID, findLeaks, scriptedBrowser, startStandIn, type StandIn } from './standIn';

let standIn: StandIn;
const APP_SECRET = 'app~secret~' + 'z'.repeat(30);
before(async () => {
  standIn = await startStandIn({
    clients: [{ clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e' }, { clientId: APP_CLIENT, secret: APP_SECRET }],
  });
});
after(() => standIn.close());

const logs: string[] = [];
const errors: string[] = [];
const sink = (line: string) => logs.push(line);

function browserProvider(
  store: MemorySecretStore,
  openBrowser: (u: string) => Promise<void>,
  extra: { interactiveTimeoutMs?: number; allowInteraction?: boolean } = {},
) {
  return new PublicClientTokenProvider({
    tenant: TENANT_ID,
    method: 'browser',
    openBrowser,
    cachePlugin: secretStoreCachePlugin(store),
    overrides: { authorityUrl: standIn.url },
    log: sink,
    verboseMsalLog: true,
    ...extra,
  });
}

const noBrowser = async () => {
  throw new Error('the browser must not open for a silent sign-in');
};

test('a new app instance signs in silently from the persisted cache, refreshing an expired token', async () => {
  const store = new MemorySecretStore();
  const first = await browserProvider(store, scriptedBrowser()).getToken();
  const blob = store.dump().join('');
  assert.match(blob, /"RefreshToken"/, 'the cache blob with the refresh token went to the secret store');

  // New process, same secret store: cached access token, no browser, no request.
  const requestsBefore = standIn.requests.length;
  const second = browserProvider(store, noBrowser);
  const cached = await second.getToken();
  assert.equal(cached.token, first.token);
  assert.equal(cached.account.username, ALICE.username);
  assert.equal(standIn.requests.length, requestsBefore);

  // The service expires every access token (Graph would answer 401): a forced refresh redeems the
  // refresh token, still without a browser.
  standIn.tokens.expireAll();
  assert.equal(standIn.tokens.verify(first.token), undefined);
  const third = browserProvider(store, noBrowser);
  const refreshed = await third.getToken({ forceRefresh: true });
  assert.notEqual(refreshed.token, first.token);
  assert.ok(standIn.tokens.verify(refreshed.token), 'the refreshed token is valid');
  assert.equal(refreshed.account.homeAccountId, `${ALICE.objectId}.${TENANT_ID}`);

  // Sign-out empties the stored cache: the next silent-only call must ask for sign-in.
  await third.signOut();
  const after = browserProvider(store, noBrowser, { allowInteraction: false });
  await assert.rejects(
    after.getToken(),
    (e: unknown) => e instanceof SignInError && e.kind === 'interactionRequired' && /Sign In/.test(e.message),
  );
});

test('a revoked refresh token means "sign in again", and the browser opens', async () => {
  const store = new MemorySecretStore();
  await browserProvider(store, scriptedBrowser()).getToken();
  standIn.tokens.expireAll();
  standIn.tokens.revokeRefreshTokens();
  const silentOnly = browserProvider(store, noBrowser, { allowInteraction: false });
  await assert.rejects(
    silentOnly.getToken({ forceRefresh: true }),
    (e: unknown) => e instanceof SignInError && e.kind === 'interactionRequired',
  );
  const opened: string[] = [];
  const t = await browserProvider(store, scriptedBrowser(opened)).getToken({ forceRefresh: true });
  assert.equal(opened.length, 1);
  assert.ok(standIn.tokens.verify(t.token));
});

async function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(false);
    });
    s.on('error', () => resolve(true));
  });
}

test('cancelling a browser sign-in ends it and releases the loopback port', async () => {
  const ac = new AbortController();
  let redirectPort = 0;
  const p = browserProvider(new MemorySecretStore(), async (url) => {
    redirectPort = Number(new URL(new URL(url).searchParams.get('redirect_uri') ?? '').port);
    setImmediate(() => ac.abort()); // the user presses Cancel; the browser never answers
  });
  await assert.rejects(p.getToken({ signal: ac.signal }), (e: unknown) => e instanceof SignInError && e.kind === 'cancelled');
  assert.ok(redirectPort > 0);
  // msal closes its listener after answering; poll until it is gone
  for (let i = 0; i < 200 && !(await portIsClosed(redirectPort)); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(await portIsClosed(redirectPort), 'loopback listener closed');
});

test('an unanswered browser sign-in times out with a clear error', async () => {
  const p = browserProvider(new MemorySecretStore(), async () => undefined, { interactiveTimeoutMs: 300 });
  await assert.rejects(p.getToken(), (e: unknown) => {
    assert.ok(e instanceof SignInError);
    assert.equal(e.kind, 'timedOut');
    assert.match(e.message, /timed out after 1 seconds without an answer/);
    errors.push(e.message, e.stack ?? '');
    return true;
  });
});

test('leak scan: no issued token, code or secret appears in logs or error messages', async () => {
  // Produce an error carrying server text, and an app-only sign-in with a secret.
  const app = new ConfidentialClientTokenProvider({
    tenant: TENANT_ID,
    clientId: APP_CLIENT,
    credential: { kind: 'secret', envVar: 'S' },
    env: { S: APP_SECRET },
    overrides: { authorityUrl: standIn.url },
    log: sink,
    verboseMsalLog: true,
  });
  await app.getToken();
  const bad = new ConfidentialClientTokenProvider({
    tenant: TENANT_ID,
    clientId: APP_CLIENT,
    credential: { kind: 'secret', envVar: 'S' },
    env: { S: 'not-the-secret-value-123' },
    overrides: { authorityUrl: standIn.url },
    log: sink,
    verboseMsalLog: true,
  });
  await assert.rejects(bad.getToken(), (e: unknown) => {
    errors.push((e as Error).message, (e as Error).stack ?? '');
    return true;
  });
  const secrets = [...standIn.tokens.allIssuedSecrets(), APP_SECRET, 'not-the-secret-value-123'];
  assert.ok(standIn.tokens.allIssuedSecrets().length >= 8, 'the earlier tests issued tokens to scan for');
  assert.ok(logs.length > 20, `msal and provider logged (${logs.length} lines)`);
  assert.deepEqual(findLeaks([...logs, ...errors], secrets), []);
});
