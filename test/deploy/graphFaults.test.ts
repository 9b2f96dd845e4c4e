// The deploy core and the Graph client against the stand-in's newer fault switches: a list page
// that is not a list during the lookup after a lost create, replication lag longer than the
// lookups (the duplicate is reported), a silent Graph (per-attempt read timeout, overall deadline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deployPolicyFile, planDeploy, applyPlan, DeployError } from '../../deploy/src/deploy/index';
import { GraphClient, GraphError } from '../../deploy/src/graph/index';
import { harness, v1PolicyText, writes } from './helpers';

const V1 = '/v1.0/identityGovernance/entitlementManagement/assignmentPolicies';

test('after a lost create, a lookup answered 200 {} is a failed read: no second POST', async () => {
  const h = await harness();
  try {
    const text = v1PolicyText({ displayName: 'Lost answer' });
    const plan = await planDeploy({ text, label: 'lost.accesspolicy.json' }, { graph: h.graph });
    assert.equal(plan.action, 'create');
    h.standIn.state.faults.set({ failAfterCommit: { count: 1, mode: '504' }, emptyList: { count: 1, body: '{}' } });
    await assert.rejects(applyPlan(plan, { graph: h.graph, reconcileDelaysMs: [5, 5] }), (e: unknown) => {
      assert.ok(e instanceof DeployError, String(e));
      assert.match(e.message, /the list page has no "value" array; this is not read as an empty list/);
      return true;
    });
    assert.deepEqual(writes(h.standIn), ['POST 504'], 'the create was not sent again');
    assert.equal(h.standIn.state.policies.size, 1);
  } finally {
    await h.close();
  }
});

test('replication lag longer than the lookups: the second create says a duplicate may appear, and the next deploy reports it', async () => {
  const h = await harness();
  try {
    const file = h.writePolicy('lag.accesspolicy.json', v1PolicyText({ displayName: 'Lagging' }));
    h.standIn.state.faults.set({ failAfterCommit: { count: 1, mode: 'drop' }, replicationLag: { lists: 50 } });
    const progress: string[] = [];
    const r = await deployPolicyFile(file, { graph: h.graph, reconcileDelaysMs: [5, 5], onProgress: (m) => progress.push(m) });
    assert.equal(r.outcome?.action, 'created');
    assert.equal(h.standIn.state.policies.size, 2, 'the lag made a duplicate, as Graph would');
    assert.ok(
      progress.some((m) =>
        /creating it once more\. If the first create went through after all, a duplicate named "Lagging" will appear/.test(m),
      ),
      progress.join('\n'),
    );
    assert.ok(
      r.notes.some((n) => /will show two policies named "Lagging" \(the next deploy reports it\)/.test(n)),
      r.notes.join('\n'),
    );

    // Replication catches up.
    h.standIn.state.faults.set({ replicationLag: null });
    for (const p of h.standIn.state.policies.values()) p.hiddenFromLists = 0;
    const fileId = /"id": "([0-9a-f-]{36})"/.exec(readFileSync(file, 'utf8'))?.[1];
    assert.equal(fileId, r.outcome?.policyId);
    const other = [...h.standIn.state.policies.keys()].find((id) => id !== fileId)!;
    const next = await deployPolicyFile(file, { graph: h.graph, planOnly: true });
    assert.equal(next.plan.action, 'unchanged');
    assert.deepEqual(next.plan.duplicates?.ids, [other]);
    assert.match(next.plan.duplicates!.message, new RegExp(`2 policies named "Lagging": ${fileId} \\(this file's\\) and ${other}`));
  } finally {
    await h.close();
  }
});

test('a silent Graph: reads time out per attempt, and the deadline cuts attempts and waits short', async () => {
  const h = await harness({ silent: true });
  try {
    const attempts: string[] = [];
    const perAttempt = new GraphClient({
      baseUrl: h.standIn.url,
      tokenProvider: h.tokens,
      readTimeoutMs: 150,
      maxAttempts: 2,
      backoffBaseMs: 5,
      backoffCapMs: 5,
      logger: (e) => attempts.push(`${e.attempt} ${e.note}`),
    });
    await assert.rejects(perAttempt.request('GET', V1), (e: unknown) => e instanceof GraphError && e.kind === 'timeout');
    assert.deepEqual(attempts, ['1 timed out; retrying', '2 timed out'], 'two attempts, each cut at the read timeout');

    const started = Date.now();
    const limited = new GraphClient({ baseUrl: h.standIn.url, tokenProvider: h.tokens, deadline: started + 400 });
    await assert.rejects(
      limited.request('GET', V1),
      (e: unknown) => e instanceof GraphError && e.kind === 'deadline' && /stopped: the time limit ran out/.test(e.message),
    );
    const took = Date.now() - started;
    assert.ok(took >= 350 && took < 1500, `ended after ${took} ms`);

    h.standIn.state.faults.set({ silent: null, throttle: { count: 1, retryAfterSeconds: 30 } });
    const quick = Date.now();
    const throttled = new GraphClient({ baseUrl: h.standIn.url, tokenProvider: h.tokens, deadline: quick + 5_000 });
    await assert.rejects(throttled.request('GET', V1), (e: unknown) => e instanceof GraphError && e.kind === 'deadline');
    assert.ok(Date.now() - quick < 2_000, 'a Retry-After past the deadline is not waited out');
  } finally {
    await h.close();
  }
});

test('the new fault switches are set through /_standin/faults too; a redirect off this machine is refused', async () => {
  const h = await harness();
  try {
    const post = (body: unknown) => fetch(`${h.standIn.url}/_standin/faults`, { method: 'POST', body: JSON.stringify(body) });
    const ok = await post({ silent: false, emptyList: { count: 1, body: '{}' }, redirect: { count: 1, to: 'http://127.0.0.1:9' } });
    assert.equal(ok.status, 200);
    assert.deepEqual(Object.keys(((await ok.json()) as { faults: object }).faults).sort(), ['emptyList', 'redirect', 'silent']);
    const off = await post({ redirect: { count: 1, to: 'https://elsewhere.example' } });
    assert.equal(off.status, 400);
    assert.match(((await off.json()) as { error: string }).error, /redirect\.to must be an origin http:\/\/127\.0\.0\.1:<port>/);
    const res = await h.graph.request('GET', V1).catch((e: unknown) => e);
    assert.ok(res instanceof GraphError && res.kind === 'redirect' && res.location === `http://127.0.0.1:9${V1}`, String(res));
  } finally {
    await h.close();
  }
});

test('a create cut off by the deadline says it may have gone through, and is not looked up or sent again', async () => {
  const h = await harness();
  try {
    const plan = await planDeploy(
      { text: v1PolicyText({ displayName: 'Out of time' }), label: 'late.accesspolicy.json' },
      { graph: h.graph },
    );
    h.standIn.state.faults.set({ silent: true });
    const late = new GraphClient({ baseUrl: h.standIn.url, tokenProvider: h.tokens, deadline: Date.now() + 300 });
    await assert.rejects(applyPlan(plan, { graph: late, reconcileDelaysMs: [5] }), (e: unknown) => {
      assert.ok(e instanceof DeployError, String(e));
      assert.match(
        e.message,
        /The time limit ran out while waiting for Graph \(POST \/v1\.0\/identityGovernance\/entitlementManagement\/assignmentPolicies\)/,
      );
      assert.match(e.message, /may or may not have been made; run the deploy again, it will find and adopt the policy/);
      return true;
    });
  } finally {
    await h.close();
  }
});
