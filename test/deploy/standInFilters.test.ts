// The stand-in's policy lists take the filters Graph takes and refuse the rest with Graph's
// 400 InvalidFilter, so a client tested here cannot depend on a filter the service rejects
// (microsoft-graph-docs#7519: `accessPackageId eq` on the beta list).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { harness, PACKAGE, BETA_PACKAGE, type Harness } from './helpers';

const EM = 'identityGovernance/entitlementManagement';
const LISTS = { 'v1.0': `/v1.0/${EM}/assignmentPolicies`, beta: `/beta/${EM}/accessPackageAssignmentPolicies` } as const;
let h: Harness;
let token: string;

before(async () => {
  h = await harness();
  token = (await h.tokens.getToken()).token;
  await h.graph.request('POST', LISTS['v1.0'], {
    body: { displayName: "Bob's and Alice's", description: 'd', accessPackage: { id: PACKAGE } },
  });
  await h.graph.request('POST', LISTS.beta, { body: { accessPackageId: BETA_PACKAGE, displayName: 'legacy', description: 'd' } });
});
after(async () => h?.close());

async function list(version: keyof typeof LISTS, filter: string): Promise<{ status: number; json: any }> {
  const url = new URL(h.standIn.url + LISTS[version]);
  url.searchParams.set('$filter', filter);
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'client-request-id': 'filter-test' } });
  return { status: res.status, json: await res.json() };
}

test('evidenced filters work in both versions: accessPackage/id eq, displayName eq, joined by and, parenthesised', async () => {
  const v1 = await list('v1.0', `accessPackage/id eq '${PACKAGE}' and displayName eq 'Bob''s and Alice''s'`);
  assert.equal(v1.status, 200, JSON.stringify(v1.json));
  assert.deepEqual(
    v1.json.value.map((p: any) => p.displayName),
    ["Bob's and Alice's"],
    'a quoted " and " is part of the name',
  );
  const tmf = await list('v1.0', `(displayname eq 'bob''s and alice''s') and (accessPackage/id eq '${PACKAGE}')`);
  assert.equal(tmf.json.value.length, 1, 'the form Tenant Management Framework sends');
  const beta = await list('beta', `accessPackage/id eq '${BETA_PACKAGE}'`);
  assert.equal(beta.status, 200, JSON.stringify(beta.json));
  assert.deepEqual(
    beta.json.value.map((p: any) => p.displayName),
    ['legacy'],
  );
});

test('every other filter is refused as Graph refuses it: 400 InvalidFilter with the error envelope', async () => {
  const refused: [keyof typeof LISTS, string, RegExp][] = [
    ['beta', `accessPackageId eq '${BETA_PACKAGE}'`, new RegExp(`Filter 'accessPackageId Equals ${BETA_PACKAGE}' is not supported`)],
    ['v1.0', `accessPackageId eq '${PACKAGE}'`, /Filter 'accessPackageId Equals/],
    ['beta', `requestorSettings/scopeType eq 'NoSubjects'`, /Filter 'requestorSettings\/scopeType Equals NoSubjects' is not supported/],
    ['v1.0', `displayName ne 'x'`, /Filter 'displayName NotEquals x' is not supported/],
    ['v1.0', `displayName eq 'x' or displayName eq 'y'`, /is not supported/],
    ['v1.0', `startswith(displayName,'x')`, /is not supported/],
    ['v1.0', `displayName eq 'unterminated`, /is not supported/],
    ['v1.0', `accessPackage/id eq ${PACKAGE}`, /is not supported/],
  ];
  for (const [version, filter, message] of refused) {
    const r = await list(version, filter);
    assert.equal(r.status, 400, `${version} ${filter}`);
    assert.equal(r.json.error.code, 'InvalidFilter', filter);
    assert.match(r.json.error.message, message);
    assert.equal(r.json.error.innerError['client-request-id'], 'filter-test');
    assert.match(r.json.error.innerError['request-id'], /^[0-9a-f-]{36}$/);
  }
});
