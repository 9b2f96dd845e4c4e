// How the Graph client and the deploy core behave on each kind of Graph answer: waits on 429,
// retries on 5xx for reads, one token refresh on 401, no retry on 400/403/404/409, and an
// explanation a policy author can act on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { deployPolicyFile, DeployError } from '../../deploy/src/deploy/index';
import { GraphError } from '../../deploy/src/graph/index';
import { harness, v1PolicyText, seedPolicy, PACKAGE } from './helpers';

const fast = { reconcileDelaysMs: [20, 40] };
const AP_PATH = `/v1.0/identityGovernance/entitlementManagement/accessPackages/${PACKAGE}`;

async function deployError(p: Promise<unknown>): Promise<DeployError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DeployError, `expected a DeployError, got ${String(e)}`);
    return e;
  }
  assert.fail('the deploy succeeded but should have failed');
}

test('429 with Retry-After in seconds: the client waits at least that long, then succeeds', async () => {
  const h = await harness({ throttle: { count: 1, retryAfterSeconds: 1 } });
  try {
    const started = Date.now();
    const res = await h.graph.request('GET', AP_PATH);
    const waited = Date.now() - started;
    assert.equal(res.status, 200);
    assert.ok(waited >= 1000, `waited only ${waited} ms`);
    assert.deepEqual(
      h.standIn.state.requests.map((r) => r.status),
      [429, 200],
    );
    // Both attempts carried the same client-request-id.
    const [a, b] = h.standIn.state.requests;
    assert.equal(a.clientRequestId, b.clientRequestId);
  } finally {
    await h.close();
  }
});

test('429 with Retry-After as an HTTP date is honoured too, including on a POST', async () => {
  const h = await harness({ throttle: { count: 1, retryAfterSeconds: 2, retryAfterAsDate: true, methods: ['POST'] } });
  try {
    const file = h.writePolicy('p.accesspolicy.json', v1PolicyText());
    const started = Date.now();
    const r = await deployPolicyFile(file, { graph: h.graph, ...fast });
    const waited = Date.now() - started;
    assert.equal(r.outcome?.action, 'created');
    // The date has one-second resolution, so at least 1 s of the 2 s remains when it is read.
    assert.ok(waited >= 1000, `waited only ${waited} ms`);
    assert.deepEqual(
      h.standIn.state.requests.filter((q) => q.method === 'POST').map((q) => q.status),
      [429, 201],
    );
    assert.equal(h.standIn.state.policies.size, 1);
  } finally {
    await h.close();
  }
});

test('a Retry-After beyond the cap fails at once with a throttling explanation', async () => {
  const h = await harness({ throttle: { count: 5, retryAfterSeconds: 3600 } });
  try {
    const file = h.writePolicy('p.accesspolicy.json', v1PolicyText());
    const started = Date.now();
    const e = await deployError(deployPolicyFile(file, { graph: h.graph, ...fast }));
    assert.ok(Date.now() - started < 5000);
    assert.match(e.message, /throttling.*3600 s/);
  } finally {
    await h.close();
  }
});

test('503/504 on reads and PUT are retried with backoff', async () => {
  const h = await harness({ failure: { count: 2, status: 503, methods: ['GET'] } });
  try {
    const res = await h.graph.request('GET', AP_PATH);
    assert.equal(res.status, 200);
    assert.deepEqual(
      h.standIn.state.requests.map((r) => r.status),
      [503, 503, 200],
    );
    const file = h.writePolicy('p.accesspolicy.json', v1PolicyText());
    await deployPolicyFile(file, { graph: h.graph, ...fast });
    h.standIn.state.faults.set({ failure: { count: 1, status: 504, methods: ['PUT'] } });
    const { readFileSync } = await import('node:fs');
    h.writePolicy('p.accesspolicy.json', readFileSync(file, 'utf8').replace('policy for assignment', 'new text'));
    const r = await deployPolicyFile(file, { graph: h.graph, ...fast });
    assert.equal(r.outcome?.action, 'updated');
    assert.deepEqual(
      h.standIn.state.requests.filter((q) => q.method === 'PUT').map((q) => q.status),
      [504, 200],
    );
  } finally {
    await h.close();
  }
});

test('401: one fresh token, then success', async () => {
  const h = await harness();
  try {
    await h.graph.request('GET', AP_PATH);
    h.standIn.tokens.expireAll();
    const res = await h.graph.request('GET', AP_PATH);
    assert.equal(res.status, 200);
    assert.equal(h.tokens.refreshes, 1);
    assert.deepEqual(
      h.standIn.state.requests.map((r) => r.status),
      [200, 401, 200],
    );
  } finally {
    await h.close();
  }
});

test('401 that a fresh token does not cure: explained, tried only twice', async () => {
  const h = await harness({}, { refreshGivesSameToken: true });
  try {
    await h.graph.request('GET', AP_PATH);
    h.standIn.tokens.expireAll();
    const file = h.writePolicy('p.accesspolicy.json', v1PolicyText());
    const e = await deployError(deployPolicyFile(file, { graph: h.graph, ...fast }));
    assert.match(e.message, /did not accept the sign-in token/);
    assert.match(e.message, /request-id [0-9a-f-]{36}/);
    assert.deepEqual(
      h.standIn.state.requests.map((r) => r.status),
      [200, 401, 401],
    );
  } finally {
    await h.close();
  }
});

test('403 without EntitlementManagement.ReadWrite.All: names the permission, no retry', async () => {
  const h = await harness({}, { scopes: ['EntitlementManagement.Read.All'] });
  try {
    const file = h.writePolicy('p.accesspolicy.json', v1PolicyText());
    const e = await deployError(deployPolicyFile(file, { graph: h.graph, ...fast }));
    assert.match(e.message, /lacks the Microsoft Graph permission EntitlementManagement\.ReadWrite\.All/);
    assert.match(e.message, /Authorization_RequestDenied/);
    assert.deepEqual(
      h.standIn.state.requests.filter((q) => q.method === 'POST').map((q) => q.status),
      [403],
    );
  } finally {
    await h.close();
  }
});

test('403 for a user without an entitlement-management role: names the roles', async () => {
  const subject = randomUUID();
  const h = await harness({}, { appOnly: false, subject, username: 'author@contoso.example' });
  try {
    h.standIn.state.principalsWithoutRole.add('author@contoso.example');
    const file = h.writePolicy('p.accesspolicy.json', v1PolicyText());
    const e = await deployError(deployPolicyFile(file, { graph: h.graph, ...fast }));
    assert.match(e.message, /no entitlement-management role/);
    assert.match(e.message, /Identity Governance Administrator/);
    assert.match(e.message, /code UnAuthorized/);
  } finally {
    await h.close();
  }
});

test('404 for an unknown access package: named, and pointed at the file', async () => {
  const h = await harness();
  try {
    const missing = '11111111-2222-3333-4444-555555555555';
    const file = h.writePolicy('p.accesspolicy.json', v1PolicyText({ accessPackageId: missing }));
    const e = await deployError(deployPolicyFile(file, { graph: h.graph, ...fast }));
    assert.match(e.message, new RegExp(`Access package ${missing} was not found`));
    assert.equal(e.details.location?.property, 'accessPackage');
    assert.equal(e.details.location?.range.start.line, 24);
    assert.equal(h.standIn.state.requests.filter((q) => q.method !== 'GET').length, 0);
  } finally {
    await h.close();
  }
});

test('404 for a policy id in the file that the tenant does not have', async () => {
  const h = await harness();
  try {
    const file = h.writePolicy('p.accesspolicy.json', v1PolicyText({ id: randomUUID() }));
    const e = await deployError(deployPolicyFile(file, { graph: h.graph, ...fast }));
    assert.match(e.message, /does not exist/);
    assert.match(e.message, /remove "id"/);
    assert.equal(e.details.location?.property, 'id');
  } finally {
    await h.close();
  }
});

test('400 InvalidModel: "Graph rejected the body", with code, message, request-id and the file range', async () => {
  const h = await harness({ rejectBody: { count: 1, property: 'requestApprovalSettings' } });
  try {
    const file = h.writePolicy('p.accesspolicy.json', v1PolicyText());
    const e = await deployError(deployPolicyFile(file, { graph: h.graph, ...fast }));
    assert.match(e.message, /^Graph rejected the body \(InvalidModel\)\. Graph said: "The model is invalid\./);
    assert.match(e.message, /code InvalidModel, request-id [0-9a-f-]{36}, client-request-id [0-9a-f-]{36}/);
    assert.equal(e.details.location?.property, 'requestApprovalSettings');
    assert.equal(e.details.location?.range.start.line, 19);
    assert.deepEqual(
      h.standIn.state.requests.filter((q) => q.method === 'POST').map((q) => q.status),
      [400],
    );
  } finally {
    await h.close();
  }
});

test('409 conflict: explained, not retried', async () => {
  const h = await harness();
  try {
    const file = h.writePolicy('p.accesspolicy.json', v1PolicyText());
    await deployPolicyFile(file, { graph: h.graph, ...fast });
    h.standIn.state.faults.set({ conflict: { count: 1 } });
    const { readFileSync } = await import('node:fs');
    h.writePolicy('p.accesspolicy.json', readFileSync(file, 'utf8').replace('policy for assignment', 'x'));
    const e = await deployError(deployPolicyFile(file, { graph: h.graph, ...fast }));
    assert.match(e.message, /conflict/);
    assert.match(e.message, /Run the deploy again/);
    assert.deepEqual(
      h.standIn.state.requests.filter((q) => q.method === 'PUT').map((q) => q.status),
      [409],
    );
  } finally {
    await h.close();
  }
});

test('lists follow nextLink, and never to another host', async () => {
  const h = await harness({ pageSize: 2 });
  try {
    for (let i = 0; i < 5; i++) await seedPolicy(h, `p${i}`);
    const all = await h.graph.list('/v1.0/identityGovernance/entitlementManagement/assignmentPolicies');
    assert.equal(all.length, 5);
    assert.throws(() => h.graph.resolve('https://graph.example.invalid/v1.0/x'), /Refusing to call/);
  } finally {
    await h.close();
  }
});

test('a network failure on POST is reported as ambiguous and never replayed by the client', async () => {
  const h = await harness();
  try {
    await h.standIn.close();
    await assert.rejects(
      h.graph.request('POST', '/v1.0/identityGovernance/entitlementManagement/assignmentPolicies', { body: {} }),
      (e: unknown) => e instanceof GraphError && e.kind === 'network' && e.ambiguous,
    );
    assert.equal(h.log.length, 1);
  } finally {
    await h.close().catch(() => undefined);
  }
});
