// Browser sign-in (auth code + PKCE) with the real msal-node against the stand-in on 127.0.0.1.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { PublicClientTokenProvider, SignInError } from '../../deploy/src/auth';
import { ALICE, PUBLIC_CLIENT, TENANT_ID, scriptedBrowser, startStandIn, httpRequest, type StandIn } from './standIn';

let standIn: StandIn;
before(async () => {
  standIn = await startStandIn({
    clients: [{ clientId: PUBLIC_CLIENT }, { clientId: '22222222-0000-4000-8000-000000000002', consentedScopes: ['User.Read'] }],
  });
});
after(() => standIn.close());

test('browser sign-in returns a Graph token for the signed-in user', async () => {
  const opened: string[] = [];
  const provider = new PublicClientTokenProvider({
    tenant: TENANT_ID,
    method: 'browser',
    openBrowser: scriptedBrowser(opened),
    overrides: { authorityUrl: standIn.url },
  });
  const token = await provider.getToken();
  assert.equal(opened.length, 1, 'the browser was opened once');
  const authorize = new URL(opened[0]);
  assert.equal(authorize.pathname, `/${TENANT_ID}/oauth2/v2.0/authorize`);
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
  assert.match(authorize.searchParams.get('scope') ?? '', /https:\/\/graph\.microsoft\.com\/EntitlementManagement\.ReadWrite\.All/);
  assert.equal(token.account.username, ALICE.username);
  assert.equal(token.account.tenantId, TENANT_ID);
  assert.equal(token.account.homeAccountId, `${ALICE.objectId}.${TENANT_ID}`);
  const claims = standIn.tokens.verify(token.token);
  assert.ok(claims, 'the stand-in accepts the token');
  assert.deepEqual(claims.scopes, ['EntitlementManagement.ReadWrite.All']);
  assert.equal(claims.appOnly, false);
  // mode A: no discovery requests, only authorize + token
  assert.ok(!standIn.requests.some((r) => r.includes('discovery') || r.includes('openid-configuration')), standIn.requests.join(', '));

  // second call: from msal's cache, no browser and no request
  const before = standIn.requests.length;
  const again = await provider.getToken();
  assert.equal(again.token, token.token);
  assert.equal(opened.length, 1);
  assert.equal(standIn.requests.length, before);
});

test('the stand-in really checks PKCE: a wrong code_verifier is refused', async () => {
  const verifier = 'a'.repeat(50);
  const { createHash } = await import('node:crypto');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const q = new URLSearchParams({
    client_id: PUBLIC_CLIENT,
    response_type: 'code',
    redirect_uri: 'http://localhost:5555',
    scope: 'openid offline_access https://graph.microsoft.com/EntitlementManagement.ReadWrite.All',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 's1',
    response_mode: 'form_post',
  });
  const page = await httpRequest(`${standIn.url}/${TENANT_ID}/oauth2/v2.0/authorize?${q}`);
  const code = /name="code" value="([^"]+)"/.exec(page.text)?.[1];
  assert.ok(code);
  const body = (v: string) =>
    new URLSearchParams({
      client_id: PUBLIC_CLIENT,
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://localhost:5555',
      code_verifier: v,
    }).toString();
  const wrong = await httpRequest(`${standIn.url}/${TENANT_ID}/oauth2/v2.0/token`, 'POST', body('b'.repeat(50)));
  assert.equal(wrong.status, 400);
  assert.equal(JSON.parse(wrong.text).error, 'invalid_grant');
  // the code was consumed by the failed attempt: one-time use
  const replay = await httpRequest(`${standIn.url}/${TENANT_ID}/oauth2/v2.0/token`, 'POST', body(verifier));
  assert.equal(JSON.parse(replay.text).error, 'invalid_grant');
});

test('missing admin consent maps to a clear consent-required error', async () => {
  const provider = new PublicClientTokenProvider({
    tenant: TENANT_ID,
    clientId: '22222222-0000-4000-8000-000000000002',
    method: 'browser',
    openBrowser: scriptedBrowser(),
    overrides: { authorityUrl: standIn.url },
  });
  await assert.rejects(provider.getToken(), (e: unknown) => {
    assert.ok(e instanceof SignInError);
    assert.equal(e.kind, 'consentRequired');
    assert.equal(e.aadsts, 65001);
    assert.match(e.message, /admin consent/);
    assert.match(e.message, /accessPolicy\.clientId/);
    return true;
  });
});

test('a user who is not in the tenant gets a clear message', async () => {
  const provider = new PublicClientTokenProvider({
    tenant: TENANT_ID,
    method: 'browser',
    openBrowser: scriptedBrowser([], (u) => u.searchParams.set('login_hint', 'mallory@fabrikam.example')),
    overrides: { authorityUrl: standIn.url },
  });
  await assert.rejects(provider.getToken(), (e: unknown) => {
    assert.ok(e instanceof SignInError);
    assert.equal(e.kind, 'userNotInTenant');
    assert.match(e.message, /not a user of tenant/);
    return true;
  });
});
