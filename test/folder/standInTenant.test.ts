// The stand-in's Graph for tenant-wide reads, as Graph behaves (docs/policy-facts.md, "Reading a tenant"): catalogs,
// access packages and custom extensions with @odata.nextLink paging; `displayName eq` filters and
// Graph's InvalidFilter for the rest; v1.0 policy navigations only with $expand; nested policy
// paths 404; DELETE, refused while a policy has assignments; a request log tests can count.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { harness, PACKAGE, seedPolicy, type Harness } from '../deploy/helpers';
import { seedTenant } from '../../standin/src/graph/seed';
import { GraphError } from '../../deploy/src/graph/index';

const EM = '/v1.0/identityGovernance/entitlementManagement';
let h: Harness;

before(async () => {
  h = await harness({ pageSize: 4 });
  seedTenant(h.standIn.state, { policies: 60 });
});
after(async () => h?.close());

async function status(path: string, method: 'GET' | 'DELETE' = 'GET'): Promise<{ status: number; code?: string; message?: string }> {
  try {
    const r = await h.graph.request(method, path);
    return { status: r.status };
  } catch (e) {
    if (e instanceof GraphError) return { status: e.status ?? 0, code: e.code, message: e.graphMessage };
    throw e;
  }
}

test('catalogs, access packages and custom extensions page through @odata.nextLink', async () => {
  h.standIn.state.requests.length = 0;
  const catalogs = await h.graph.list<{ id: string; displayName: string }>(`${EM}/catalogs`);
  assert.equal(catalogs.length, h.standIn.state.catalogs.size);
  const packages = await h.graph.list<{ id: string; catalog?: { id: string; displayName: string } }>(`${EM}/accessPackages`, {
    query: { $expand: 'catalog($select=id,displayName)' },
  });
  assert.equal(packages.length, h.standIn.state.packages.size);
  assert.ok(packages.every((p) => p.catalog && h.standIn.state.catalogs.get(p.catalog.id)?.displayName === p.catalog.displayName));
  const firstCatalog = [...h.standIn.state.catalogs.values()][1];
  const exts = await h.graph.list<{ '@odata.type': string }>(`${EM}/catalogs/${firstCatalog.id}/customWorkflowExtensions`);
  assert.deepEqual(exts.map((e) => e['@odata.type']).sort(), [
    '#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension',
    '#microsoft.graph.accessPackageAssignmentWorkflowExtension',
  ]);
  const pages = h.standIn.state.requests.filter((r) => r.path.includes('accessPackages')).length;
  assert.equal(pages, Math.ceil(h.standIn.state.packages.size / 4), 'one request per page of 4, counted in the log');
  const beta = await h.graph.list(`/beta/identityGovernance/entitlementManagement/accessPackageCatalogs`);
  assert.equal(beta.length, h.standIn.state.catalogs.size);
});

test('displayName eq filters work; other filters are InvalidFilter; unknown navigations are BadRequest', async () => {
  const name = [...h.standIn.state.catalogs.values()][1].displayName;
  const found = await h.graph.list<{ displayName: string }>(`${EM}/catalogs`, {
    query: { $filter: `displayName eq '${name.replace(/'/g, "''")}'` },
  });
  assert.deepEqual(
    found.map((c) => c.displayName),
    [name],
  );
  const bad = await status(`${EM}/accessPackages?$filter=catalog/id eq '${PACKAGE}'`);
  assert.equal(bad.status, 400);
  assert.equal(bad.code, 'InvalidFilter');
  const nav = await status(`${EM}/accessPackages/${PACKAGE}?$expand=accessPackageAssignmentPolicies`);
  assert.equal(nav.status, 400);
  assert.match(nav.message!, /Could not find a property named 'accessPackageAssignmentPolicies' on type 'microsoft.graph.accessPackage'/);
  const nested = await status(`${EM}/accessPackages/${PACKAGE}/assignmentPolicies`);
  assert.equal(nested.status, 404);
});

test('v1.0 leaves out the package, questions and extension stages unless expanded', async () => {
  const withQuestions = [...h.standIn.state.policies.values()].find((p) => Array.isArray(p.body.questions))!;
  const plain = (await h.graph.request<Record<string, unknown>>('GET', `${EM}/assignmentPolicies/${withQuestions.id}`)).body;
  for (const k of ['accessPackage', 'questions', 'customExtensionStageSettings']) assert.ok(!(k in plain), `${k} absent without $expand`);
  const full = (
    await h.graph.request<Record<string, unknown>>('GET', `${EM}/assignmentPolicies/${withQuestions.id}`, {
      query: { $expand: 'accessPackage($select=id),questions' },
    })
  ).body;
  assert.deepEqual(full.accessPackage, { id: withQuestions.accessPackageId });
  assert.ok(
    Array.isArray(full.questions) && (full.questions as { id?: string }[]).every((q) => typeof q.id === 'string'),
    'questions carry service ids',
  );
  const withExt = [...h.standIn.state.policies.values()].find((p) => Array.isArray(p.body.customExtensionStageSettings))!;
  const ext = (
    await h.graph.request<{ customExtensionStageSettings: { id: string; customExtension: { id: string; displayName: string } }[] }>(
      'GET',
      `${EM}/assignmentPolicies/${withExt.id}`,
      { query: { $expand: 'customExtensionStageSettings($expand=customExtension($select=id,displayName))' } },
    )
  ).body;
  assert.ok(ext.customExtensionStageSettings.every((s) => typeof s.id === 'string' && /callout/.test(s.customExtension.displayName)));
});

test('DELETE: 204, then 404; refused with 400 while the policy has assignments', async () => {
  const id = await seedPolicy(h, 'To delete');
  assert.equal((await status(`${EM}/assignmentPolicies/${id}`, 'DELETE')).status, 204);
  assert.equal((await status(`${EM}/assignmentPolicies/${id}`, 'DELETE')).status, 404);
  const busy = await seedPolicy(h, 'In use');
  h.standIn.state.assignments.set(busy, 3);
  const refused = await status(`${EM}/assignmentPolicies/${busy}`, 'DELETE');
  assert.equal(refused.status, 400);
  assert.match(refused.message!, /3 access package assignments still use it/);
  assert.ok(h.standIn.state.policies.has(busy));
});

test('--seed makes every kind, a third portal-shaped (hours for days, no # in @odata.type, service descriptions, nested ids)', () => {
  const bodies = [...h.standIn.state.policies.values()].map((p) => JSON.stringify(p.body));
  for (const scope of [
    'notSpecified',
    'specificDirectoryUsers',
    'allMemberUsers',
    'allConfiguredConnectedOrganizationUsers',
    'specificDirectoryServicePrincipals',
    'allDirectoryUsers',
    'allExternalUsers',
  ]) {
    assert.ok(
      bodies.some((b) => b.includes(`"allowedTargetScope":"${scope}"`)),
      scope,
    );
  }
  for (const marker of [
    '"automaticRequestSettings"',
    '"questions"',
    '"customExtensionStageSettings"',
    '"reviewSettings"',
    '"afterDateTime"',
    '"isEscalationEnabled":true',
    '"PT336H"',
    '"P14D"',
    '"@odata.type":"microsoft.graph.singleUser"',
    '"description":"User ',
  ]) {
    assert.ok(
      bodies.some((b) => b.includes(marker)),
      marker,
    );
  }
  assert.ok(h.standIn.state.assignments.size > 0, 'some policies have assignments');
});
