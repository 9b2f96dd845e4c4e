// One stand-in holding two tenants, as the environments tests need: sign-in picks the tenant by
// the authority path (its id or its domain), Graph by the token's tid, and each tenant keeps its
// own policies, access packages, request log and faults.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTenantStandIn, type TenantStandIn } from '../../standin/src/standIn';
import { parse as parseJsonc } from 'jsonc-parser';
import { v1PolicyText } from './helpers';

const DEV = '10000000-0000-4000-8000-00000000d001';
const PROD = '10000000-0000-4000-8000-00000000f001';
const DEV_PACKAGE = randomUUID();
const PROD_PACKAGE = randomUUID();
const client = { clientId: randomUUID(), secret: 'two-tenant-secret' };
let s: TenantStandIn;

before(async () => {
  s = await startTenantStandIn({
    tenantId: DEV,
    domain: 'contoso-dev.onmicrosoft.com',
    accessPackages: [DEV_PACKAGE],
    clients: [client],
    otherTenants: [{ tenantId: PROD, domain: 'contoso.onmicrosoft.com', accessPackages: [PROD_PACKAGE] }],
  });
});
after(async () => s?.close());

async function appToken(tenantSegment: string): Promise<{ status: number; token?: string; error?: string }> {
  const r = await fetch(`${s.url}/${tenantSegment}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.secret,
      scope: 'https://graph.microsoft.com/.default',
    }),
  });
  const body = (await r.json()) as { access_token?: string; error_description?: string };
  return { status: r.status, token: body.access_token, error: body.error_description };
}

function withoutSchema(body: Record<string, unknown>): Record<string, unknown> {
  const { $schema, ...rest } = body;
  void $schema;
  return rest;
}

function tid(token: string): string {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).tid;
}

async function createPolicy(token: string, accessPackageId: string): Promise<{ status: number; id?: string; code?: string }> {
  const r = await fetch(`${s.url}/v1.0/identityGovernance/entitlementManagement/assignmentPolicies`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(withoutSchema(parseJsonc(v1PolicyText({ displayName: 'Same name', accessPackageId })))),
  });
  const body = (await r.json()) as { id?: string; error?: { code: string } };
  return { status: r.status, id: body.id, code: body.error?.code };
}

test('sign-in by domain or id issues a token for that tenant', async () => {
  const dev = await appToken('contoso-dev.onmicrosoft.com');
  const prod = await appToken(PROD);
  const prodByDomain = await appToken('contoso.onmicrosoft.com');
  assert.equal(dev.status, 200);
  assert.equal(tid(dev.token!), DEV);
  assert.equal(tid(prod.token!), PROD);
  assert.equal(tid(prodByDomain.token!), PROD);
  const unknown = await appToken('fabrikam.onmicrosoft.com');
  assert.equal(unknown.status, 400);
  assert.match(unknown.error!, /AADSTS90002|not found/);
});

test('each tenant keeps its own policies and access packages; Graph follows the token', async () => {
  const dev = (await appToken(DEV)).token!;
  const prod = (await appToken(PROD)).token!;
  const inDev = await createPolicy(dev, DEV_PACKAGE);
  const inProd = await createPolicy(prod, PROD_PACKAGE);
  assert.equal(inDev.status, 201);
  assert.equal(inProd.status, 201);
  assert.notEqual(inDev.id, inProd.id);
  assert.deepEqual([...s.tenant(DEV).state.policies.keys()], [inDev.id]);
  assert.deepEqual([...s.tenant('contoso.onmicrosoft.com').state.policies.keys()], [inProd.id]);
  // The dev package does not exist in prod: a token for prod cannot reach dev's objects.
  const cross = await createPolicy(prod, DEV_PACKAGE);
  assert.equal(cross.status, 404);
  assert.ok(s.tenant(PROD).state.requests.some((r) => r.method === 'POST' && r.status === 404));
  assert.ok(!s.tenant(DEV).state.requests.some((r) => r.status === 404), 'the refused request is logged in prod only');
});

test('control endpoints act on the tenant named by ?tenant=', async () => {
  const added = await fetch(`${s.url}/_standin/access-packages?tenant=contoso.onmicrosoft.com`, {
    method: 'POST',
    body: JSON.stringify({ displayName: 'Prod only' }),
  });
  const { id } = (await added.json()) as { id: string };
  assert.ok(s.tenant(PROD).state.hasAccessPackage(id));
  assert.ok(!s.tenant(DEV).state.hasAccessPackage(id));
  const missing = await fetch(`${s.url}/_standin/state?tenant=nope.example`);
  assert.equal(missing.status, 404);
});
