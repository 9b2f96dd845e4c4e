// App-only sign-in for CI: client secret (from an environment variable named by the user) and
// certificate (signed client assertion, verified by the stand-in with the registered certificate).
import { DEFAULT_APP_ROLES } from '../../standin/src';
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { ConfidentialClientTokenProvider, SignInError } from '../../deploy/src/auth';
import { APP_CLIENT, CERT_CLIENT, TENANT_ID, makeCertificate, startStandIn, type StandIn, type TestCertificate } from './standIn';

const SECRET = 'S3cr3t~value~' + 'x'.repeat(24);
let standIn: StandIn;
let cert: TestCertificate | undefined;
let otherCert: TestCertificate | undefined;

before(async () => {
  cert = makeCertificate('registered');
  otherCert = makeCertificate('unregistered');
  if (!cert) console.log('# openssl CLI not available: certificate tests will fail with an explanation');
  standIn = await startStandIn({
    clients: [{ clientId: APP_CLIENT, secret: SECRET }, ...(cert ? [{ clientId: CERT_CLIENT, certificatePem: cert.certPem }] : [])],
  });
});
after(async () => {
  await standIn.close();
  cert?.cleanup();
  otherCert?.cleanup();
});

function secretProvider(env: Record<string, string | undefined>, envVar = 'AP_CLIENT_SECRET') {
  return new ConfidentialClientTokenProvider({
    tenant: TENANT_ID,
    clientId: APP_CLIENT,
    credential: { kind: 'secret', envVar },
    env,
    overrides: { authorityUrl: standIn.url },
  });
}

test('client secret from the named environment variable gets an app-only token', async () => {
  const t = await secretProvider({ AP_CLIENT_SECRET: SECRET }).getToken();
  const claims = standIn.tokens.verify(t.token);
  assert.ok(claims);
  assert.equal(claims.appOnly, true);
  assert.deepEqual(claims.scopes, DEFAULT_APP_ROLES, 'the roles the app was granted (the stand-in default)');
  assert.equal(t.account.tenantId, TENANT_ID);
  assert.equal(t.account.username, undefined);
});

test('a wrong secret gives a clear error that names the variable but not the value', async () => {
  const wrong = 'wrong~secret~' + 'y'.repeat(20);
  await assert.rejects(secretProvider({ AP_CLIENT_SECRET: wrong }).getToken(), (e: unknown) => {
    assert.ok(e instanceof SignInError);
    assert.equal(e.kind, 'invalidClientSecret');
    assert.equal(e.aadsts, 7000215);
    assert.match(e.message, /AP_CLIENT_SECRET/);
    assert.ok(!e.message.includes(wrong) && !e.message.includes(SECRET));
    assert.ok(!(e.stack ?? '').includes(wrong));
    return true;
  });
});

test('an unset variable, or a secret passed where the name belongs, is refused without echoing it', async () => {
  await assert.rejects(secretProvider({}).getToken(), /Environment variable AP_CLIENT_SECRET is not set/);
  await assert.rejects(secretProvider({}, SECRET).getToken(), (e: unknown) => {
    assert.ok(e instanceof SignInError);
    assert.match(e.message, /not an environment variable name/);
    assert.ok(!e.message.includes(SECRET));
    return true;
  });
});

test('a secret that happens to be shaped like a variable name is not echoed when passed where the name belongs', async () => {
  // Client secrets are often letters, digits and underscores only; one pasted into
  // --client-secret-env must not end up in a CI log via "variable <value> is not set".
  const secretLike = 'Qx7_' + 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5';
  await assert.rejects(secretProvider({}, secretLike).getToken(), (e: unknown) => {
    assert.ok(e instanceof SignInError);
    assert.equal(e.kind, 'configuration');
    assert.ok(!e.message.includes(secretLike), e.message);
    assert.match(e.message, /not set/);
    return true;
  });
  // A conventional name is still named, so the user knows which variable to set.
  await assert.rejects(secretProvider({}, 'DEPLOY_SECRET').getToken(), /Environment variable DEPLOY_SECRET is not set/);
});

test('app-only sign-in refuses "organizations" as tenant', () => {
  assert.throws(
    () =>
      new ConfidentialClientTokenProvider({ tenant: 'organizations', clientId: APP_CLIENT, credential: { kind: 'secret', envVar: 'X' } }),
    /needs a specific tenant/,
  );
});

test('certificate: the assertion is signed with the key and verified against the registered certificate', async () => {
  assert.ok(cert, 'openssl is needed to make a test certificate');
  const p = new ConfidentialClientTokenProvider({
    tenant: TENANT_ID,
    clientId: CERT_CLIENT,
    credential: { kind: 'certificate', pemPath: cert.pemPath },
    overrides: { authorityUrl: standIn.url },
  });
  const t = await p.getToken();
  assert.equal(standIn.tokens.verify(t.token)?.clientId, CERT_CLIENT);
  // forceRefresh skips msal's token cache: a second token request with the (reused) assertion
  const t2 = await p.getToken({ forceRefresh: true });
  assert.notEqual(t2.token, t.token);
});

test('certificate: a certificate the app does not know is rejected clearly', async () => {
  assert.ok(otherCert, 'openssl is needed to make a test certificate');
  const p = new ConfidentialClientTokenProvider({
    tenant: TENANT_ID,
    clientId: CERT_CLIENT,
    credential: { kind: 'certificate', pemPath: otherCert.pemPath },
    overrides: { authorityUrl: standIn.url },
  });
  await assert.rejects(
    p.getToken(),
    (e: unknown) => e instanceof SignInError && e.kind === 'invalidCertificate' && /not registered/.test(e.message),
  );
});

test('certificate: unreadable or incomplete PEM files give a clear error', async () => {
  const missing = new ConfidentialClientTokenProvider({
    tenant: TENANT_ID,
    clientId: CERT_CLIENT,
    credential: { kind: 'certificate', pemPath: '/nonexistent/cert.pem' },
    overrides: { authorityUrl: standIn.url },
  });
  await assert.rejects(missing.getToken(), /Cannot read certificate file \/nonexistent\/cert.pem \(ENOENT\)/);
  assert.ok(cert, 'openssl is needed to make a test certificate');
  const { writeFileSync } = await import('node:fs');
  const onlyCert = `${cert.dir}/only-cert.pem`;
  writeFileSync(onlyCert, cert.certPem);
  const p = new ConfidentialClientTokenProvider({
    tenant: TENANT_ID,
    clientId: CERT_CLIENT,
    credential: { kind: 'certificate', pemPath: onlyCert },
    overrides: { authorityUrl: standIn.url },
  });
  await assert.rejects(p.getToken(), /must contain both a private key/);
});
