// The deploy core against the tenant stand-in: create, update, adopt, ambiguity, recovery from a
// lost create response, id write-back that keeps the author's comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deployPolicyFile, DeployError } from '../../deploy/src/deploy/index';
import { harness, v1PolicyText, betaPolicyText, seedPolicy, writes, leakedSecrets, PACKAGE, BETA_PACKAGE } from './helpers';

const fast = { reconcileDelaysMs: [20, 40, 80] };

test('create writes the new id into the file keeping comments, then an edit updates and a re-run is unchanged', async () => {
  const h = await harness();
  try {
    const file = h.writePolicy('p.accesspolicy.json', v1PolicyText());
    const first = await deployPolicyFile(file, { graph: h.graph, ...fast });
    assert.equal(first.outcome?.action, 'created');
    const id = first.outcome!.policyId;
    assert.equal(h.standIn.state.policies.size, 1);
    const stored = h.standIn.state.policies.get(id)!;
    assert.equal(stored.body.$schema, undefined, '$schema is not sent');
    assert.equal(stored.body.displayName, 'Direct assignment');

    const after = readFileSync(file, 'utf8');
    assert.equal(first.idWritten, true);
    assert.match(after, new RegExp(`"id": "${id}"`));
    assert.match(after, /\/\/ Direct assignment by administrators only\./);
    assert.match(after, /\/\* shown to approvers \*\//);
    assert.match(after, /\/\/ admins assign directly/);
    // A minimal edit: removing the inserted line gives back the original file.
    assert.equal(after.replace(`\n  "id": "${id}",`, ''), v1PolicyText());

    const edited = after.replace('policy for assignment', 'administrators assign this package');
    h.writePolicy('p.accesspolicy.json', edited);
    const second = await deployPolicyFile(file, { graph: h.graph, ...fast });
    assert.equal(second.plan.action, 'update');
    assert.deepEqual(
      second.plan.changes.map((c) => c.path),
      ['description'],
    );
    assert.equal(second.outcome?.action, 'updated');
    assert.equal(second.outcome?.policyId, id);
    assert.equal(h.standIn.state.policies.get(id)!.body.description, 'administrators assign this package');
    assert.equal(readFileSync(file, 'utf8'), edited, 'an update leaves the file alone');

    const third = await deployPolicyFile(file, { graph: h.graph, ...fast });
    assert.equal(third.outcome?.action, 'unchanged');
    assert.deepEqual(writes(h.standIn), ['POST 201', 'PUT 200']);
  } finally {
    await h.close();
  }
});

test('a beta file goes to the beta endpoint with accessPackageId', async () => {
  const h = await harness();
  try {
    const file = h.writePolicy('b.accesspolicy.json', betaPolicyText());
    const r = await deployPolicyFile(file, { graph: h.graph, ...fast });
    assert.equal(r.plan.apiVersion, 'beta');
    assert.equal(r.outcome?.action, 'created');
    const stored = h.standIn.state.policies.get(r.outcome!.policyId)!;
    assert.equal(stored.apiVersion, 'beta');
    assert.equal(stored.accessPackageId, BETA_PACKAGE);
    assert.ok(
      h.standIn.state.requests.some(
        (q) => q.method === 'POST' && q.path.startsWith('/beta/identityGovernance/entitlementManagement/accessPackageAssignmentPolicies'),
      ),
    );
  } finally {
    await h.close();
  }
});

test('a policy with the same display name is adopted (after the callback agrees) and updated', async () => {
  const h = await harness();
  try {
    const existing = await seedPolicy(h, 'Direct assignment');
    const file = h.writePolicy('p.accesspolicy.json', v1PolicyText({ description: 'changed here' }));
    const offered: string[] = [];
    const r = await deployPolicyFile(file, {
      graph: h.graph,
      ...fast,
      confirmAdopt: async (c) => {
        offered.push(c.id);
        return true;
      },
    });
    assert.deepEqual(offered, [existing]);
    assert.equal(r.outcome?.action, 'updated');
    assert.equal(r.outcome?.policyId, existing);
    assert.equal(h.standIn.state.policies.size, 1);
    assert.match(readFileSync(file, 'utf8'), new RegExp(`"id": "${existing}"`));
  } finally {
    await h.close();
  }
});

test('declining the adoption sends nothing', async () => {
  const h = await harness();
  try {
    await seedPolicy(h, 'Direct assignment');
    const file = h.writePolicy('p.accesspolicy.json', v1PolicyText({ description: 'changed here' }));
    const before = writes(h.standIn).length;
    await assert.rejects(
      deployPolicyFile(file, { graph: h.graph, ...fast, confirmAdopt: async () => false }),
      (e: unknown) => e instanceof DeployError && e.kind === 'unconfirmed',
    );
    assert.equal(writes(h.standIn).length, before);
    assert.equal(readFileSync(file, 'utf8'), v1PolicyText({ description: 'changed here' }));
  } finally {
    await h.close();
  }
});

test('several policies with the display name: refused, naming their ids, nothing written', async () => {
  const h = await harness();
  try {
    const a = await seedPolicy(h, 'Direct assignment');
    const b = await seedPolicy(h, 'Direct assignment');
    const file = h.writePolicy('p.accesspolicy.json', v1PolicyText());
    const before = writes(h.standIn).length;
    await assert.rejects(deployPolicyFile(file, { graph: h.graph, ...fast }), (e: unknown) => {
      assert.ok(e instanceof DeployError);
      assert.equal(e.kind, 'refused');
      assert.match(e.message, new RegExp(a));
      assert.match(e.message, new RegExp(b));
      return true;
    });
    assert.equal(writes(h.standIn).length, before);
  } finally {
    await h.close();
  }
});

for (const mode of ['504', 'drop'] as const) {
  test(`a create that committed but answered ${mode === '504' ? 'HTTP 504' : 'with a dropped connection'} leaves exactly one policy, even with replication lag`, async () => {
    const h = await harness({ failAfterCommit: { count: 1, mode }, replicationLag: { lists: 2 } });
    try {
      const file = h.writePolicy('p.accesspolicy.json', v1PolicyText());
      const r = await deployPolicyFile(file, { graph: h.graph, ...fast });
      assert.equal(r.outcome?.action, 'created');
      assert.equal(r.outcome?.recovered, true);
      assert.equal(h.standIn.state.policies.size, 1);
      const [only] = h.standIn.state.policies.keys();
      assert.equal(r.outcome?.policyId, only);
      assert.equal(h.standIn.state.requests.filter((q) => q.method === 'POST').length, 1, 'the POST was not replayed');
      assert.match(readFileSync(file, 'utf8'), new RegExp(`"id": "${only}"`));
    } finally {
      await h.close();
    }
  });
}

test('a 503 on create (not committed) is checked first, then created once', async () => {
  const h = await harness({ failure: { count: 1, status: 503, methods: ['POST'] } });
  try {
    const file = h.writePolicy('p.accesspolicy.json', v1PolicyText());
    const r = await deployPolicyFile(file, { graph: h.graph, ...fast });
    assert.equal(r.outcome?.action, 'created');
    assert.equal(h.standIn.state.policies.size, 1);
    const posts = h.standIn.state.requests.filter((q) => q.method === 'POST').map((q) => q.status);
    assert.deepEqual(posts, [503, 201]);
    // Between the two POSTs the policy was looked up.
    const i503 = h.standIn.state.requests.findIndex((q) => q.status === 503);
    const i201 = h.standIn.state.requests.findIndex((q) => q.method === 'POST' && q.status === 201);
    assert.ok(h.standIn.state.requests.slice(i503, i201).some((q) => q.method === 'GET' && q.path.includes('assignmentPolicies')));
  } finally {
    await h.close();
  }
});

test('a file with errors is never sent', async () => {
  const h = await harness();
  try {
    const bad = v1PolicyText().replace('"allowedTargetScope": "notSpecified"', '"allowedTargetScope": "everyone", "bogus": 1');
    const file = h.writePolicy('bad.accesspolicy.json', bad);
    await assert.rejects(deployPolicyFile(file, { graph: h.graph, ...fast }), (e: unknown) => {
      assert.ok(e instanceof DeployError);
      assert.equal(e.kind, 'invalid');
      assert.match(e.message, /nothing was sent/);
      assert.match(e.message, /bad\.accesspolicy\.json:\d+:\d+ AP\d{4}/);
      assert.ok((e.details.diagnostics ?? []).length >= 2);
      return true;
    });
    assert.equal(h.standIn.state.requests.length, 0, 'no request reached Graph');
    assert.equal(h.tokens.calls, 0, 'no token was even asked for');
  } finally {
    await h.close();
  }
});

test('the preview of an update names every property the PUT resets because the file leaves it out', async () => {
  const h = await harness();
  try {
    const file = h.writePolicy('p.accesspolicy.json', v1PolicyText());
    const first = await deployPolicyFile(file, { graph: h.graph, ...fast });
    const id = first.outcome!.policyId;
    // Someone added reviews in the portal; the file drops requestorSettings too.
    h.standIn.state.policies.get(id)!.body.reviewSettings = { isEnabled: true, isSelfReview: true };
    const text = readFileSync(file, 'utf8').replace(/"requestorSettings": \{[\s\S]*?\},\n/, '');
    h.writePolicy('p.accesspolicy.json', text);
    const plan = await deployPolicyFile(file, { graph: h.graph, ...fast, planOnly: true });
    assert.equal(plan.outcome, undefined);
    assert.equal(plan.plan.action, 'update');
    assert.deepEqual(plan.plan.resets.sort(), ['requestorSettings', 'reviewSettings']);
    assert.match(plan.plan.diffText, /^-\s+"reviewSettings"/m);
    assert.match(plan.plan.diffText, /^-\s+"requestorSettings"/m);
    assert.deepEqual(writes(h.standIn), ['POST 201'], 'planning changes nothing');
  } finally {
    await h.close();
  }
});

test('nothing in logs, messages or plans carries a token or secret', async () => {
  const h = await harness({ throttle: { count: 1, retryAfterSeconds: 0 } });
  try {
    const file = h.writePolicy('p.accesspolicy.json', v1PolicyText());
    const out: string[] = [];
    const r = await deployPolicyFile(file, { graph: h.graph, ...fast, onProgress: (m) => out.push(m) });
    h.standIn.tokens.expireAll();
    const missing = h.writePolicy(
      'm.accesspolicy.json',
      v1PolicyText({ accessPackageId: '00000000-0000-0000-0000-000000000001', displayName: 'x' }),
    );
    await deployPolicyFile(missing, { graph: h.graph, ...fast }).catch((e: Error) => out.push(e.message, JSON.stringify(e)));
    const all = [JSON.stringify(h.log), out.join('\n'), r.plan.diffText, JSON.stringify(r.outcome), readFileSync(file, 'utf8')].join('\n');
    assert.ok(h.log.length > 3);
    assert.ok(h.standIn.tokens.allIssuedSecrets().length >= 2);
    assert.deepEqual(leakedSecrets(h.standIn, all), []);
    assert.ok(!/authorization|bearer/i.test(JSON.stringify(h.log)), 'no headers in the request log');
  } finally {
    await h.close();
  }
});

test('PACKAGE constant is the one the fixtures use', () => {
  // Keeps the helpers honest: the v1 fixture in test/fixtures names the same package.
  const fixture = readFileSync('test/fixtures/workspace/v1-direct-assignment.accesspolicy.json', 'utf8');
  assert.match(fixture, new RegExp(PACKAGE));
});
