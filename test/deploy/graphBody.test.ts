// A success status is not a success until its body has arrived: a body cut off by a reset or a
// timeout must count as a failed attempt (retried for reads, "unclear" for a create), never as an
// empty answer. An empty list read as "no policies" would make the deploy create a duplicate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphClient, GraphError } from '../../deploy/src/graph/index';
import { planDeploy, DeployError } from '../../deploy/src/deploy/index';
import { v1PolicyText, PACKAGE } from './helpers';

const POLICIES = '/v1.0/identityGovernance/entitlementManagement/assignmentPolicies';

/** A loopback Graph whose answers the test scripts per request. */
async function scripted(answer: (n: number, req: IncomingMessage, res: ServerResponse) => void) {
  let n = 0;
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => answer(++n, req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const graph = new GraphClient({
    baseUrl: url,
    tokenProvider: {
      getToken: async () => ({ token: 'test-token', expiresOn: new Date(Date.now() + 3600_000), account: { tenantId: 't' } }),
    },
    backoffBaseMs: 5,
    backoffCapMs: 10,
  });
  return { graph, seen, close: () => new Promise((r) => server.close(r)) };
}

/** Status line and headers promise a JSON body; half of it is sent, then the connection drops. */
function truncated(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  res.write(body.slice(0, Math.floor(body.length / 2)));
  setImmediate(() => res.socket?.destroy());
}

const LIST = JSON.stringify({ value: [{ id: 'p-1', displayName: 'Direct assignment', accessPackage: { id: PACKAGE } }] });

test('a list whose body is cut off is read again, not taken as empty', async () => {
  const s = await scripted((n, _req, res) =>
    n === 1 ? truncated(res, 200, LIST) : res.writeHead(200, { 'content-type': 'application/json' }).end(LIST),
  );
  try {
    const items = await s.graph.list(POLICIES);
    assert.deepEqual(
      items.map((i) => i.id),
      ['p-1'],
    );
    assert.equal(s.seen.length, 2);
  } finally {
    await s.close();
  }
});

test('a create whose 201 body is cut off is reported as unclear (ambiguous), and not replayed', async () => {
  const s = await scripted((_n, _req, res) => truncated(res, 201, JSON.stringify({ id: 'new-id', displayName: 'x' })));
  try {
    await assert.rejects(s.graph.request('POST', POLICIES, { body: {} }), (e: unknown) => {
      assert.ok(e instanceof GraphError, String(e));
      assert.equal(e.ambiguous, true);
      assert.notEqual(e.kind, 'http');
      return true;
    });
    assert.equal(s.seen.length, 1);
  } finally {
    await s.close();
  }
});

test('the deploy does not plan a create when the policy list could not be read', async () => {
  // Every list answer is cut off: the plan must fail, not conclude that no policy exists.
  const s = await scripted((_n, req, res) => {
    if (req.url!.startsWith(POLICIES)) truncated(res, 200, LIST);
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: PACKAGE }));
  });
  try {
    await assert.rejects(planDeploy({ text: v1PolicyText(), label: 'p.accesspolicy.json' }, { graph: s.graph }), (e: unknown) => {
      assert.ok(e instanceof DeployError, String(e));
      assert.equal(e.kind, 'graph');
      return true;
    });
  } finally {
    await s.close();
  }
});

test('a policy read that answers 200 with no body is a clear error, not a crash', async () => {
  const s = await scripted((_n, _req, res) => res.writeHead(200).end());
  try {
    await assert.rejects(
      planDeploy({ text: v1PolicyText({ id: '6f1e1d52-7c1d-4a55-9fb8-0e3a6a1b8a11' }), label: 'p.accesspolicy.json' }, { graph: s.graph }),
      (e: unknown) => {
        assert.ok(e instanceof DeployError, `expected a DeployError, got ${String(e)}`);
        assert.match(e.message, /6f1e1d52-7c1d-4a55-9fb8-0e3a6a1b8a11/);
        return true;
      },
    );
  } finally {
    await s.close();
  }
});

test('a create answered 201 with a body that is not JSON is unclear too (looked up, not repeated)', async () => {
  const s = await scripted((_n, _req, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('<html>gateway</html>'));
  try {
    await assert.rejects(
      s.graph.request('POST', POLICIES, { body: {} }),
      (e: unknown) => e instanceof GraphError && e.ambiguous && e.status === 201,
    );
    await assert.rejects(s.graph.request('GET', POLICIES), (e: unknown) => e instanceof GraphError && !e.ambiguous);
  } finally {
    await s.close();
  }
});

test('a list longer than the page limit fails instead of returning a silently shortened list', async () => {
  const s = await scripted((n, _req, res) => {
    const next = `http://${_req.headers.host}/v1.0/x?page=${n + 1}`;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: [{ id: `p-${n}` }], '@odata.nextLink': next }));
  });
  try {
    await assert.rejects(s.graph.list(POLICIES, { maxPages: 3 }), /more than 3 pages/);
    assert.equal(s.seen.length, 3);
  } finally {
    await s.close();
  }
});
