// The stand-in's directory, as name lookups meet Graph: users by id or UPN, groups with members and
// `$count` (ConsistencyLevel: eventual), service principals by appId, connected organizations by
// partner tenant, getByIds with its 1,000-id limit, the filters Graph takes (400 InvalidFilter for
// the rest), paging, a 403 for a caller denied directory reads, and a state per tenant.
import { randomUUID } from 'node:crypto';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { harness, type Harness } from './helpers';

let h: Harness;
let token: string;
let ids: Record<string, string[]>;

before(async () => {
  h = await harness({ pageSize: 2 });
  token = (await h.tokens.getToken()).token;
  ids = await control('directory', {
    users: [
      { userPrincipalName: 'alice@contoso.com', displayName: 'Alice' },
      { userPrincipalName: 'bob@contoso.com', displayName: 'Bob', accountEnabled: false },
      { userPrincipalName: '$svc@contoso.com', displayName: 'Service account' },
    ],
    groups: [
      { displayName: 'Sales Approvers', members: ['alice@contoso.com', 'bob@contoso.com'] },
      { displayName: 'Sales Approvers', groupTypes: ['Unified'] },
      { displayName: 'Finance' },
    ],
    servicePrincipals: [{ displayName: 'Payroll', appId: '11111111-2222-4333-8444-555555555555' }],
    connectedOrganizations: [{ displayName: 'Fabrikam', tenantId: '99999999-8888-4777-8666-555555555555' }],
  });
});
after(async () => h?.close());

async function control(action: string, body: unknown): Promise<any> {
  const res = await fetch(`${h.standIn.url}/_standin/${action}`, { method: 'POST', body: JSON.stringify(body) });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; json: any; text: string }> {
  const res = await fetch(h.standIn.url + path, { headers: { authorization: `Bearer ${token}`, ...headers } });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

const q = (s: string) => encodeURIComponent(s);

test('users by id, by userPrincipalName, and a UPN starting with $ only in the quoted form', async () => {
  const byId = await get(`/v1.0/users/${ids.users[0]}?$select=id,userPrincipalName,accountEnabled`);
  assert.deepEqual(byId.json.userPrincipalName, 'alice@contoso.com');
  assert.equal(byId.json.displayName, undefined, '$select is honoured');
  assert.equal((await get('/v1.0/users/BOB@contoso.com')).json.accountEnabled, false);
  assert.equal((await get(`/v1.0/users/${q("('$svc@contoso.com')")}`)).json.id, ids.users[2]);
  assert.equal((await get(`/v1.0/users/${q('$svc@contoso.com')}`)).status, 400);
  const missing = await get('/v1.0/users/nobody@contoso.com');
  assert.equal(missing.status, 404);
  assert.equal(missing.json.error.code, 'Request_ResourceNotFound');
});

test('filters Graph takes for lookups: eq, in, startswith; paging follows @odata.nextLink', async () => {
  const inFilter = await get(`/v1.0/users?$filter=${q("userPrincipalName in ('alice@contoso.com','BOB@contoso.com')")}`);
  assert.deepEqual(inFilter.json.value.map((u: any) => u.displayName).sort(), ['Alice', 'Bob']);
  const groups = await get(`/v1.0/groups?$filter=${q("displayName eq 'sales approvers'")}`);
  assert.equal(groups.json.value.length, 2, 'two groups share the name');
  assert.deepEqual(
    groups.json.value.map((g: any) => g.groupTypes),
    [[], ['Unified']],
  );
  // Three users, pages of two.
  const first = await get('/v1.0/users');
  assert.equal(first.json.value.length, 2);
  const next = await fetch(first.json['@odata.nextLink'], { headers: { authorization: `Bearer ${token}` } }).then(
    (r) => r.json() as Promise<any>,
  );
  assert.equal(next.value.length, 1);
  assert.equal(next['@odata.nextLink'], undefined);
  const big = await get('/v1.0/users?$top=999');
  assert.equal(big.json.value.length, 3);
  assert.equal((await get('/v1.0/users?$top=1000')).status, 400);
  const starts = await get(`/v1.0/servicePrincipals?$filter=${q("startswith(displayName,'pay')")}`);
  assert.equal(starts.json.value[0].appId, '11111111-2222-4333-8444-555555555555');
});

test("other filters are 400 InvalidFilter in Graph's error envelope", async () => {
  for (const [path, filter] of [
    ['/v1.0/users', "jobTitle eq 'x'"],
    ['/v1.0/users', "userPrincipalName ne 'x'"],
    ['/v1.0/groups', "endswith(displayName,'x')"],
    ['/v1.0/servicePrincipals', "startswith(appId,'1')"],
    ['/v1.0/identityGovernance/entitlementManagement/connectedOrganizations', "startswith(displayName,'F')"],
    ['/v1.0/users', `id in (${Array.from({ length: 16 }, (_, i) => `'${i}'`).join(',')})`],
  ]) {
    const r = await get(`${path}?$filter=${q(filter)}`);
    assert.equal(r.status, 400, filter);
    assert.equal(r.json.error.code, 'InvalidFilter', filter);
    assert.ok(r.json.error.innerError?.['request-id'] ?? r.json.error.innererror?.['request-id'] ?? true);
  }
});

test('group members and their count, which needs ConsistencyLevel: eventual', async () => {
  const members = await get(`/v1.0/groups/${ids.groups[0]}/members`);
  assert.deepEqual(
    members.json.value.map((m: any) => m['@odata.type']),
    ['#microsoft.graph.user', '#microsoft.graph.user'],
  );
  const count = await get(`/v1.0/groups/${ids.groups[0]}/members/$count`, { consistencylevel: 'eventual' });
  assert.equal(count.text, '2');
  assert.equal((await get(`/v1.0/groups/${ids.groups[0]}/members/$count`)).status, 400);
});

test('service principals by (appId=…), connected organizations by partner tenant id', async () => {
  const sp = await get(`/v1.0/servicePrincipals(appId='11111111-2222-4333-8444-555555555555')`);
  assert.equal(sp.json.id, ids.servicePrincipals[0]);
  const filter = "identitySources/any(is:is/microsoft.graph.azureActiveDirectoryTenant/tenantId eq '99999999-8888-4777-8666-555555555555')";
  const orgs = await get(`/v1.0/identityGovernance/entitlementManagement/connectedOrganizations?$filter=${q(filter)}`);
  assert.deepEqual(
    orgs.json.value.map((o: any) => o.id),
    [ids.connectedOrganizations[0]],
  );
});

test('getByIds: found objects with their type, unknown ids left out, at most 1,000 ids', async () => {
  const post = (body: unknown) =>
    fetch(`${h.standIn.url}/v1.0/directoryObjects/getByIds`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const res = await post({ ids: [ids.users[0], ids.groups[2], '00000000-0000-4000-8000-000000000000', ids.servicePrincipals[0]] });
  const json: any = await res.json();
  assert.deepEqual(
    json.value.map((o: any) => [o['@odata.type'], o.id]),
    [
      ['#microsoft.graph.user', ids.users[0]],
      ['#microsoft.graph.group', ids.groups[2]],
      ['#microsoft.graph.servicePrincipal', ids.servicePrincipals[0]],
    ],
  );
  const typed: any = await (await post({ ids: [ids.users[0], ids.groups[2]], types: ['group'] })).json();
  assert.deepEqual(
    typed.value.map((o: any) => o.id),
    [ids.groups[2]],
  );
  assert.equal((await post({ ids: Array.from({ length: 1001 }, (_, i) => String(i)) })).status, 400);
});

test('a caller denied directory reads gets 403 Authorization_RequestDenied; each tenant has its own directory', async () => {
  const two = await harness({ otherTenants: [{ tenantDisplayName: 'Second' }] });
  try {
    const second = two.standIn.tenants[1].state.directory;
    second.addUser({ userPrincipalName: 'alice@contoso.com' });
    assert.equal(two.standIn.tenants[0].state.directory.users.size, 0, "the first tenant does not see the second one's user");
    const res = await fetch(`${two.standIn.url}/v1.0/users/alice@contoso.com`, {
      headers: { authorization: `Bearer ${(await two.tokens.getToken()).token}` },
    });
    assert.equal(res.status, 404, "Graph with the first tenant's token reads the first tenant");
  } finally {
    await two.close();
  }
  const principal = h.standIn.clients[0].clientId;
  await control('deny-directory-read', { principal });
  const denied = await get('/v1.0/users');
  assert.equal(denied.status, 403);
  assert.equal(denied.json.error.code, 'Authorization_RequestDenied');
});

test('directory reads need the permission Graph asks for, from the token (scp or roles); otherwise 403 Authorization_RequestDenied', async () => {
  const read = async (path: string, scopes: string[], appOnly: boolean, method = 'GET') => {
    const token = h.standIn.tokens.issue({
      tenantId: h.standIn.tenantId,
      clientId: randomUUID(),
      scopes,
      subject: randomUUID(),
      appOnly,
    }).accessToken;
    const res = await fetch(h.standIn.url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify({ ids: [] }) : undefined,
    });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
  };
  const em = ['EntitlementManagement.ReadWrite.All'];
  const cases: [string, string[], boolean, number, string?][] = [
    ['/v1.0/users', em, true, 403],
    ['/v1.0/users', ['User.ReadBasic.All'], false, 200],
    ['/v1.0/users', ['User.ReadBasic.All'], true, 403], // app-only ReadBasic is refused [INF]
    ['/v1.0/users', ['User.Read.All'], true, 200],
    ['/v1.0/groups', ['User.Read.All'], true, 403],
    ['/v1.0/groups', ['GroupMember.Read.All'], false, 200],
    ['/v1.0/servicePrincipals', ['GroupMember.Read.All'], true, 403],
    ['/v1.0/servicePrincipals', ['Application.Read.All'], true, 200],
    ['/v1.0/directoryObjects/getByIds', ['User.Read.All', 'GroupMember.Read.All', 'Application.Read.All'], true, 403, 'POST'],
    ['/v1.0/directoryObjects/getByIds', ['Directory.Read.All'], false, 200, 'POST'],
    ['/v1.0/groups', ['Directory.Read.All'], true, 200],
  ];
  for (const [path, scopes, appOnly, status, method] of cases) {
    const r = await read(path, scopes, appOnly, method);
    assert.equal(r.status, status, `${path} with ${scopes.join(' ')} (${appOnly ? 'app' : 'delegated'})`);
    if (status === 403)
      assert.deepEqual(
        [r.body.error?.code, r.body.error?.message],
        ['Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'],
      );
  }
});
