// Workload identity federation with real msal-node against the sign-in stand-in: the app's
// federated credential trusts a loopback OIDC issuer (JWKS, RS256), and every way a presented token
// can be wrong is refused with Entra's code and explained; a token file is read again for every
// token request, so a rotated file keeps a long job signed in.
import { DEFAULT_APP_ROLES } from '../../standin/src';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfidentialClientTokenProvider, SignInError, federatedTokenFileSource, type AssertionSource } from '../../deploy/src/auth';
import { startOidcIssuer, type OidcIssuer } from '../../standin/src/workload/oidcIssuer';
import { TokenStore } from '../../standin/src/tokens';
import { TENANT_ID, findLeaks, httpRequest, startStandIn, type StandIn } from './standIn';

const APP = 'f0f0f0f0-0000-4000-8000-00000000000f';
const SUBJECT = 'system:serviceaccount:identity:policy-deployer';
const AUDIENCE = 'api://AzureADTokenExchange';
let offsetMs = 0;
const now = () => Date.now() + offsetMs;
let issuer: OidcIssuer;
let stranger: OidcIssuer;
let standIn: StandIn;
let dir: string;

before(async () => {
  const tokens = new TokenStore();
  tokens.now = now;
  issuer = await startOidcIssuer({ now, recordSecret: (t) => tokens.recordSecret(t) });
  stranger = await startOidcIssuer({ now, recordSecret: (t) => tokens.recordSecret(t) });
  standIn = await startStandIn({
    tokens,
    clients: [{ clientId: APP, federatedCredentials: [{ name: 'cluster', issuer: issuer.url, subject: SUBJECT, audiences: [AUDIENCE] }] }],
  });
  dir = mkdtempSync(path.join(tmpdir(), 'ap-fic-'));
});
after(async () => {
  await Promise.all([standIn.close(), issuer.close(), stranger.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function provider(source: AssertionSource): ConfidentialClientTokenProvider {
  return new ConfidentialClientTokenProvider({
    tenant: TENANT_ID,
    clientId: APP,
    credential: { kind: 'assertion', source },
    overrides: { authorityUrl: standIn.url },
  });
}

function fixed(token: string): AssertionSource {
  return { label: 'the test token', method: 'test', audience: AUDIENCE, fetch: async () => token };
}

async function refusal(token: string): Promise<SignInError> {
  let caught: unknown;
  try {
    await provider(fixed(token)).getToken();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof SignInError, `expected a SignInError, got ${String(caught)}`);
  assert.equal(
    findLeaks([caught.message, caught.stack ?? ''], standIn.tokens.allIssuedSecrets()).length,
    0,
    'the refused token is not in the message',
  );
  return caught;
}

test("a token from the trusted issuer with the credential's subject and audience gets an app-only Graph token", async () => {
  const t = await provider(fixed(issuer.mint(SUBJECT, AUDIENCE))).getToken();
  const claims = standIn.tokens.verify(t.token);
  assert.ok(claims);
  assert.equal(claims.appOnly, true);
  assert.equal(claims.clientId, APP);
  assert.deepEqual(claims.scopes, DEFAULT_APP_ROLES, 'the roles the app was granted (the stand-in default)');
});

test('an expired token is refused with AADSTS700024, explained as expired', async () => {
  issuer.lifetimeSeconds = -900;
  try {
    const e = await refusal(issuer.mint(SUBJECT, AUDIENCE));
    assert.equal(e.aadsts, 700024);
    assert.equal(e.kind, 'federatedTokenRejected');
    assert.match(e.message, /refused the test token: it had expired/);
  } finally {
    issuer.lifetimeSeconds = 300;
  }
});

test("wrong subject, audience or issuer, and a forged signature, each get Entra's code and say what was presented", async () => {
  const subject = await refusal(issuer.mint('system:serviceaccount:other:intruder', AUDIENCE));
  assert.equal(subject.aadsts, 70021);
  assert.match(subject.message, /subject "system:serviceaccount:other:intruder"/);
  assert.match(subject.message, new RegExp(`issuer "${issuer.url}"`));

  const audience = await refusal(issuer.mint(SUBJECT, 'api://AzureADTokenExchangeUSGov'));
  assert.equal(audience.aadsts, 700212);
  assert.match(
    audience.message,
    /audience of the test token \("api:\/\/AzureADTokenExchangeUSGov"\).*expects api:\/\/AzureADTokenExchange\b/,
  );

  const foreign = await refusal(stranger.mint(SUBJECT, AUDIENCE));
  assert.equal(foreign.aadsts, 700211);
  assert.match(foreign.message, new RegExp(`trusts the issuer .*"${stranger.url}"`));

  // The stranger's signature over a token that claims the trusted issuer.
  const genuine = issuer.mint(SUBJECT, AUDIENCE).split('.');
  const forged = stranger.mint(SUBJECT, AUDIENCE).split('.');
  const e = await refusal(`${genuine[0]}.${genuine[1]}.${forged[2]}`);
  assert.equal(e.aadsts, 50013);
  assert.match(e.message, /could not verify the signature/);
});

test('after the issuer rotates its key, new tokens are accepted (keys fetched again) and tokens signed with the old key are not', async () => {
  const old = issuer.mint(SUBJECT, AUDIENCE);
  assert.ok(await provider(fixed(old)).getToken());
  issuer.rotateKey();
  assert.ok(await provider(fixed(issuer.mint(SUBJECT, AUDIENCE))).getToken(), 'the new key is fetched for an unknown kid');
  const e = await refusal(old);
  assert.equal(e.aadsts, 50013);
});

test("the token endpoint answers in Entra's error shape", async () => {
  issuer.lifetimeSeconds = -900;
  const expired = issuer.mint(SUBJECT, AUDIENCE);
  issuer.lifetimeSeconds = 300;
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: APP,
    scope: 'https://graph.microsoft.com/.default',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: expired,
  });
  const res = await httpRequest(`${standIn.url}/${TENANT_ID}/oauth2/v2.0/token`, 'POST', form.toString());
  assert.equal(res.status, 401);
  const body = JSON.parse(res.text) as Record<string, unknown>;
  assert.equal(body.error, 'invalid_client');
  assert.deepEqual(body.error_codes, [700024]);
  assert.match(
    String(body.error_description),
    /^AADSTS700024: Client assertion is not within its valid time range\. .*Trace ID: [0-9a-f-]{36} Correlation ID: [0-9a-f-]{36}/,
  );
});

test('a token file is read again for every token request: after rotation a long job keeps working', async () => {
  const file = path.join(dir, 'token');
  writeFileSync(file, issuer.mint(SUBJECT, AUDIENCE) + '\n');
  const p = provider(federatedTokenFileSource(file, 'global'));
  const first = await p.getToken();
  assert.ok(standIn.tokens.verify(first.token));

  // Seventy minutes later: the access token and the first file content have expired; the platform
  // has written a new token into the file.
  offsetMs += 70 * 60_000;
  try {
    assert.equal(standIn.tokens.verify(first.token), undefined);
    writeFileSync(file, issuer.mint(SUBJECT, AUDIENCE));
    const second = await p.getToken({ forceRefresh: true });
    assert.ok(standIn.tokens.verify(second.token), 'the token from the rotated file is accepted');
    assert.equal(p.assertionsFetched, 2);

    // Had the file not been rotated, its old content is refused as expired.
    offsetMs += 70 * 60_000;
    await assert.rejects(
      p.getToken({ forceRefresh: true }),
      (e: unknown) => e instanceof SignInError && e.aadsts === 700024 && /had expired.*rotating the token file/.test(e.message),
    );
  } finally {
    offsetMs = 0;
  }
});

test('an empty or missing token file is a configuration error naming the file', async () => {
  const empty = path.join(dir, 'empty');
  writeFileSync(empty, '  \n');
  await assert.rejects(
    provider(federatedTokenFileSource(empty, 'global')).getToken(),
    (e: unknown) => e instanceof SignInError && e.kind === 'configuration' && e.message.includes(`${empty} is empty`),
  );
  const missing = path.join(dir, 'missing');
  await assert.rejects(
    provider(federatedTokenFileSource(missing, 'global')).getToken(),
    (e: unknown) => e instanceof SignInError && /Cannot read the federated token file .*missing \(ENOENT\)/.test(e.message),
  );
});
