// Cloud endpoints, override safety, and national-cloud routing with the real msal-node.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createSign, createHash } from 'node:crypto';
import { CLOUDS, assertLoopbackOverride, resolveEndpointOverride } from '../../deploy/src/cloud';
import {
  ConfidentialClientTokenProvider,
  LoopbackRoutingNetworkClient,
  PublicClientTokenProvider,
  appOnlyScopes,
  delegatedScopes,
} from '../../deploy/src/auth';
import {
  APP_CLIENT,
  CERT_CLIENT,
  TENANT_ID,
  httpRequest,
  makeCertificate,
  scriptedBrowser,
  startStandIn,
  type StandIn,
  type TestCertificate,
} from './standIn';

let standIn: StandIn;
let cert: TestCertificate | undefined;
let other: TestCertificate | undefined;
const SECRET = 'cloud~secret~' + 'q'.repeat(20);
before(async () => {
  cert = makeCertificate('reg');
  other = makeCertificate('other');
  standIn = await startStandIn({
    clients: [
      { clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e' },
      { clientId: APP_CLIENT, secret: SECRET },
      ...(cert ? [{ clientId: CERT_CLIENT, certificatePem: cert.certPem }] : []),
    ],
  });
});
after(async () => {
  await standIn.close();
  cert?.cleanup();
  other?.cleanup();
});

test('each cloud pairs its login host with its own Graph host and scopes', () => {
  assert.equal(CLOUDS.usgov.graphScope, 'https://graph.microsoft.us/.default');
  assert.equal(CLOUDS.usgovdod.graphHost, 'https://dod-graph.microsoft.us');
  assert.equal(CLOUDS.usgovdod.authorityHost, 'https://login.microsoftonline.us');
  assert.equal(CLOUDS.china.authorityHost, 'https://login.chinacloudapi.cn');
  assert.deepEqual(delegatedScopes('china'), [
    'https://microsoftgraph.chinacloudapi.cn/EntitlementManagement.ReadWrite.All',
    'offline_access',
  ]);
  assert.deepEqual(appOnlyScopes('global'), ['https://graph.microsoft.com/.default']);
});

test("overrides go to loopback only (http or https, with a port); the CLI also takes the chosen cloud's own host", () => {
  for (const ok of ['http://127.0.0.1:8400', 'http://localhost:1', 'http://[::1]:9000/x', 'https://127.0.0.1:8443'])
    assert.doesNotThrow(() => assertLoopbackOverride(ok), ok);
  assert.throws(() => assertLoopbackOverride('https://stand-in.example'), /stand-in\.example is not a loopback address/);
  assert.throws(() => assertLoopbackOverride('http://10.0.0.5:8400'), /10\.0\.0\.5:8400 is not a loopback address/);
  assert.throws(() => assertLoopbackOverride('http://127.0.0.1'), /must name a port/);
  assert.throws(() => assertLoopbackOverride('ftp://127.0.0.1:21'), /not http or https/);
  assert.throws(() => assertLoopbackOverride('not a url'), /not a valid URL/);
  assert.throws(
    () => new PublicClientTokenProvider({ tenant: TENANT_ID, method: 'browser', overrides: { authorityUrl: 'https://attacker.example' } }),
    /attacker\.example is not a loopback address/,
  );

  assert.equal(resolveEndpointOverride('http://127.0.0.1:8400/', 'graph', 'global'), 'http://127.0.0.1:8400');
  assert.equal(
    resolveEndpointOverride('https://graph.microsoft.com', 'graph', 'global'),
    undefined,
    "the cloud's own host needs no override",
  );
  assert.equal(
    resolveEndpointOverride('https://login.microsoftonline.us/', 'authority', 'usgovdod'),
    undefined,
    'both US clouds sign in at login.microsoftonline.us',
  );
  assert.throws(
    () => resolveEndpointOverride('https://microsoftgraph.chinacloudapi.cn', 'graph', 'global'),
    /cloud china, not of global: use --cloud china/,
  );
  assert.throws(
    () => resolveEndpointOverride('https://graph.microsoft.com', 'authority', 'global'),
    /refusing to send credentials to graph\.microsoft\.com/,
    'a Graph host is no sign-in host',
  );
  assert.throws(
    () => resolveEndpointOverride('https://graph.microsoft.com/beta?x=1', 'graph', 'global'),
    /refusing/,
    'a cloud host with a path is not its root',
  );
});

test('the routing client refuses hosts it has no route for', async () => {
  const router = new LoopbackRoutingNetworkClient({ 'https://login.microsoftonline.com': standIn.url });
  await assert.rejects(router.sendGetRequestAsync('https://graph.microsoft.com/v1.0/me'), /refused/);
  assert.equal(
    router.route('https://login.microsoftonline.com/t/oauth2/v2.0/token?x=1').toString(),
    `${standIn.url}/t/oauth2/v2.0/token?x=1`,
  );
});

test('US Government: sign-in goes to login.microsoftonline.us and asks for graph.microsoft.us', async () => {
  const opened: string[] = [];
  const p = new PublicClientTokenProvider({
    tenant: TENANT_ID,
    cloud: 'usgov',
    method: 'browser',
    openBrowser: scriptedBrowser(opened),
    overrides: { authorityUrl: standIn.url },
  });
  const t = await p.getToken();
  assert.match(new URL(opened[0]).searchParams.get('scope') ?? '', /https:\/\/graph\.microsoft\.us\/EntitlementManagement\.ReadWrite\.All/);
  const payload = JSON.parse(Buffer.from(t.token.split('.')[1], 'base64url').toString());
  assert.equal(payload.aud, 'https://graph.microsoft.us');
});

test('China: app-only token with the China Graph host as audience', async () => {
  const p = new ConfidentialClientTokenProvider({
    tenant: TENANT_ID,
    cloud: 'china',
    clientId: APP_CLIENT,
    credential: { kind: 'secret', envVar: 'SEC' },
    env: { SEC: SECRET },
    overrides: { authorityUrl: standIn.url },
  });
  const t = await p.getToken();
  const payload = JSON.parse(Buffer.from(t.token.split('.')[1], 'base64url').toString());
  assert.equal(payload.aud, 'https://microsoftgraph.chinacloudapi.cn');
});

test('the stand-in rejects an assertion signed by another key even when it names the registered certificate', async () => {
  assert.ok(cert && other, 'openssl is needed to make test certificates');
  const { X509Certificate } = await import('node:crypto');
  const { readFileSync } = await import('node:fs');
  const registered = new X509Certificate(cert.certPem);
  const otherKey = readFileSync(other.pemPath, 'utf8');
  const header = { alg: 'RS256', typ: 'JWT', 'x5t#S256': createHash('sha256').update(registered.raw).digest('base64url') };
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    aud: `https://login.microsoftonline.com/${TENANT_ID}/oauth2/v2.0/token`,
    iss: CERT_CLIENT,
    sub: CERT_CLIENT,
    jti: 'j1',
    nbf: now,
    exp: now + 600,
  };
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const sig = createSign('RSA-SHA256').update(input).sign(otherKey).toString('base64url');
  const body = new URLSearchParams({
    client_id: CERT_CLIENT,
    grant_type: 'client_credentials',
    scope: 'https://graph.microsoft.com/.default',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: `${input}.${sig}`,
  });
  const r = await httpRequest(`${standIn.url}/${TENANT_ID}/oauth2/v2.0/token`, 'POST', body.toString());
  assert.equal(r.status, 401);
  const err = JSON.parse(r.text);
  assert.equal(err.error, 'invalid_client');
  assert.match(err.error_description, /^AADSTS700027: .*signature/);
  assert.ok(Array.isArray(err.error_codes) && err.trace_id && err.correlation_id && err.timestamp);
});
