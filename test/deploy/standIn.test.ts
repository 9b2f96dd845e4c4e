// The Graph half of the tenant stand-in behaves like Graph where the deploy depends on it, and
// `node dist/standin.js` starts it for a developer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { harness, PACKAGE, BETA_PACKAGE } from './helpers';

const V1 = '/v1.0/identityGovernance/entitlementManagement/assignmentPolicies';
const BETA = '/beta/identityGovernance/entitlementManagement/accessPackageAssignmentPolicies';

function body(displayName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { displayName, description: 'd', accessPackage: { id: PACKAGE }, ...extra };
}

async function raw(url: string, init: RequestInit & { token?: string } = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(url, {
    ...init,
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      'content-type': 'application/json',
      'client-request-id': 'my-correlation',
    },
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

test('policies: POST 201, filter by name and package, GET, PUT full replace, DELETE 204, in both versions', async () => {
  const h = await harness();
  try {
    const a = await h.graph.request<any>('POST', V1, { body: body('Alpha', { reviewSettings: { isEnabled: true } }) });
    assert.equal(a.status, 201);
    await h.graph.request('POST', V1, { body: body('Beta one') });
    const byName = await h.graph.list<any>(V1, { query: { $filter: "displayName eq 'alpha'" } });
    assert.deepEqual(
      byName.map((p) => p.id),
      [a.body.id],
    );
    const byPackage = await h.graph.list<any>(V1, { query: { $filter: `accessPackage/id eq '${PACKAGE}' and displayName eq 'Beta one'` } });
    assert.equal(byPackage.length, 1);
    const put = await h.graph.request<any>('PUT', `${V1}/${a.body.id}`, { body: { id: a.body.id, ...body('Alpha') } });
    assert.equal(put.status, 200);
    const got = await h.graph.request<any>('GET', `${V1}/${a.body.id}`);
    assert.equal(got.body.reviewSettings, null, 'the PUT replaced the whole policy');
    assert.equal(got.body.accessPackage, undefined, 'accessPackage only with $expand');
    const del = await h.graph.request('DELETE', `${V1}/${a.body.id}`);
    assert.equal(del.status, 204);

    const b = await h.graph.request<any>('POST', BETA, {
      body: { accessPackageId: BETA_PACKAGE, displayName: 'legacy', description: 'x' },
    });
    const beta = await h.graph.list<any>(BETA, { query: { $filter: `accessPackage/id eq '${BETA_PACKAGE}'` } });
    assert.deepEqual(
      beta.map((p) => p.id),
      [b.body.id],
    );
  } finally {
    await h.close();
  }
});

test("errors have Graph's shape and correlation headers", async () => {
  const h = await harness();
  try {
    const token = (await h.tokens.getToken()).token;
    const noToken = await raw(`${h.standIn.url}${V1}`);
    assert.equal(noToken.status, 401);
    assert.equal(noToken.json.error.code, 'InvalidAuthenticationToken');
    assert.equal(noToken.headers.get('client-request-id'), 'my-correlation');
    assert.equal(noToken.json.error.innerError['client-request-id'], 'my-correlation');
    assert.equal(noToken.json.error.innerError['request-id'], noToken.headers.get('request-id'));
    assert.match(noToken.json.error.innerError.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);

    const unknownProp = await raw(`${h.standIn.url}${V1}`, { method: 'POST', token, body: JSON.stringify(body('x', { bogus: 1 })) });
    assert.equal(unknownProp.status, 400);
    assert.equal(unknownProp.json.error.code, 'InvalidModel');
    assert.match(unknownProp.json.error.message, /'bogus'/);
    const noPackage = await raw(`${h.standIn.url}${V1}`, { method: 'POST', token, body: JSON.stringify({ displayName: 'x' }) });
    assert.equal(noPackage.json.error.code, 'InvalidModel');
    const unknownPackage = await raw(`${h.standIn.url}${V1}`, {
      method: 'POST',
      token,
      body: JSON.stringify(body('x', { accessPackage: { id: randomUUID() } })),
    });
    assert.equal(unknownPackage.status, 404);
    const nested = await raw(
      `${h.standIn.url}/v1.0/identityGovernance/entitlementManagement/accessPackages/${PACKAGE}/assignmentPolicies`,
      { method: 'POST', token, body: JSON.stringify(body('x')) },
    );
    assert.equal(nested.status, 404, 'creating under the access package is not supported, as in Graph');
    const org = await raw(`${h.standIn.url}/v1.0/organization`, { token });
    assert.deepEqual(org.json.value[0], { id: h.standIn.tenantId, displayName: 'Contoso Test' });
    assert.equal(h.standIn.state.policies.size, 0);
  } finally {
    await h.close();
  }
});

test('node dist/standin.js starts the stand-in, prints how to use it, and stops on SIGTERM', async () => {
  const bin = path.resolve('dist/standin.js');
  assert.ok(existsSync(bin), `${bin} is missing: run node scripts/build.mjs first`);
  const secret = 'stand-in-app-secret-value';
  const child = spawn(process.execPath, [bin, '--port', '0', '--access-package', PACKAGE], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', STANDIN_CLIENT_SECRET: secret },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 10_000);
      child.stdout.on('data', () => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    assert.match(out, new RegExp(`access packages: ${PACKAGE}`));
    assert.match(out, /--client-secret-env STANDIN_CLIENT_SECRET/);
    assert.ok(!out.includes(secret), 'the stand-in never prints the app secret');
    const state = (await (await fetch(`${url}/_standin/state`)).json()) as { accessPackages: string[] };
    assert.deepEqual(state.accessPackages, [PACKAGE]);
    const fault = await fetch(`${url}/_standin/faults`, { method: 'POST', body: JSON.stringify({ nonsense: 1 }) });
    assert.equal(fault.status, 400);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0);
});

test('a bad command line exits 2 with the reason', async () => {
  const child = spawn(process.execPath, [path.resolve('dist/standin.js'), '--access-package', 'not-a-guid'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 2);
  assert.match(err, /--access-package must be a GUID/);
});

test('the control endpoints leave the sign-in half its own /_standin pages (device login)', async () => {
  const h = await harness({ clients: [{ clientId: randomUUID() }] });
  try {
    const res = await fetch(`${h.standIn.url}/_standin/devicelogin?user_code=NOPE&username=admin@contoso.example`);
    const text = await res.text();
    assert.doesNotMatch(text, /Nothing is served|Unknown control action/);
  } finally {
    await h.close();
  }
});

test('the sign-in latency fault answers the authority that much later', async () => {
  const h = await harness();
  try {
    const config = `${h.standIn.url}/${h.standIn.tenantId}/v2.0/.well-known/openid-configuration`;
    const set = await fetch(`${h.standIn.url}/_standin/faults`, { method: 'POST', body: JSON.stringify({ signInLatencyMs: 400 }) });
    assert.equal(set.status, 200);
    const started = Date.now();
    const res = await fetch(config);
    assert.equal(res.status, 200);
    const { issuer } = (await res.json()) as { issuer: string };
    assert.ok(issuer.includes(h.standIn.tenantId), issuer);
    assert.ok(Date.now() - started >= 390, `answered after ${Date.now() - started} ms`);
    // Off again with null, as every fault.
    const off = await fetch(`${h.standIn.url}/_standin/faults`, { method: 'POST', body: JSON.stringify({ signInLatencyMs: null }) });
    assert.deepEqual(((await off.json()) as { faults: unknown }).faults, {});
  } finally {
    await h.close();
  }
});
