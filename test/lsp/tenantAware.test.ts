// The editor knows the tenant (when signed in), over LSP with the in-process server: the test
// client answers the server's lookup request as the extension does (client/src/tenant/answerLookups.ts,
// the real lookup code) from the real stand-in. Hover says what an id or reference is; what does not
// exist gets AP4120; typing never waits on Graph; signed out, nothing is asked and nothing is said.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { startInProcessServer, type LspSession } from './lspClient';
import { startTenantStandIn, type TenantStandIn } from '../../standin/src';
import { GraphClient } from '../../deploy/src';
import { LARGE_TEXT_CHARS, type DirectoryQuery } from '../../core/src';
import { LOOKUP_DIRECTORY_OBJECTS_REQUEST, TENANT_CHANGED_NOTIFICATION } from '../../common/src';
import { LookupCache, answerLookups } from '../../client/src/tenant/answerLookups';
import { storeTokenProvider } from '../deploy/helpers';

const TENANT = 'contoso-test.onmicrosoft.com';
const MISSING = '0b5e7c3a-1d2f-4e6a-9b8c-7d6e5f4a3b2c';
const PACKAGE = 'a2e1ca1e-4e56-47d2-9daa-e2ba8d12a82b';
const AP4120 = 'AP4120';

let standIn: TenantStandIn;
let graph: GraphClient;
let ids: Record<string, string[]>;
const subject = randomUUID();

/** What the test client does with the server's lookups (counts, and who is signed in). */
const client = { signedIn: true, asked: 0, answered: 0, queries: [] as DirectoryQuery[] };

before(async () => {
  standIn = await startTenantStandIn({ accessPackages: [PACKAGE], tenantDisplayName: 'Contoso Test' });
  graph = new GraphClient({
    baseUrl: standIn.url,
    tokenProvider: storeTokenProvider(standIn, { subject }),
    backoffBaseMs: 10,
    backoffCapMs: 40,
  });
  ids = await control('directory', {
    users: [
      { userPrincipalName: 'alice@contoso.com', displayName: 'Alice' },
      { userPrincipalName: 'bob@contoso.com', displayName: 'Bob', accountEnabled: false },
    ],
    groups: [
      { displayName: 'Sales Approvers', members: ['alice@contoso.com', 'bob@contoso.com'] },
      { displayName: 'Twins' },
      { displayName: 'Twins' },
    ],
  });
});
after(async () => standIn?.close());

async function control(action: string, body: unknown): Promise<any> {
  const res = await fetch(`${standIn.url}/_standin/${action}`, { method: 'POST', body: JSON.stringify(body) });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

async function session(settings?: unknown): Promise<LspSession> {
  const s = await startInProcessServer(settings ? { settings } : undefined);
  // The extension keeps one lookup per tenant (its lists and answers cached); one per session here.
  const cache = new LookupCache();
  s.connection.onRequest(LOOKUP_DIRECTORY_OBJECTS_REQUEST, async (params) => {
    client.asked++;
    client.queries.push(...params.queries);
    try {
      return await answerLookups(cache, client.signedIn ? { key: TENANT, tenant: TENANT, graph } : undefined, params.queries);
    } finally {
      client.answered++;
    }
  });
  return s;
}

function policy(approvers: { groupId?: string; userId?: string }[], extra = ''): string {
  const list = approvers.map((a) =>
    a.groupId
      ? `{ "@odata.type": "#microsoft.graph.groupMembers", "groupId": "${a.groupId}" }`
      : `{ "@odata.type": "#microsoft.graph.singleUser", "userId": "${a.userId}" }`,
  );
  return `{
  "displayName": "Sales access${extra}",
  "description": "approved by sales",
  "allowedTargetScope": "allMemberUsers",
  "specificAllowedTargets": [],
  "expiration": { "type": "afterDuration", "duration": "P30D" },
  "requestorSettings": { "enableTargetsToSelfAddAccess": true, "enableTargetsToSelfUpdateAccess": false, "enableTargetsToSelfRemoveAccess": true, "allowCustomAssignmentSchedule": false, "enableOnBehalfRequestorsToAddAccess": false, "enableOnBehalfRequestorsToUpdateAccess": false, "enableOnBehalfRequestorsToRemoveAccess": false, "onBehalfRequestors": [] },
  "requestApprovalSettings": {
    "isApprovalRequiredForAdd": true,
    "isApprovalRequiredForUpdate": false,
    "stages": [{ "durationBeforeAutomaticDenial": "P7D", "isApproverJustificationRequired": false, "isEscalationEnabled": false, "durationBeforeEscalation": "PT0S", "primaryApprovers": [${list.join(', ')}], "fallbackPrimaryApprovers": [], "escalationApprovers": [], "fallbackEscalationApprovers": [] }]
  },
  "accessPackage": { "id": "${PACKAGE}" }
}
`;
}

const tenantWarnings = (d: Diagnostic[]) => d.filter((x) => x.code === AP4120);

async function hoverAt(s: LspSession, uri: string, text: string, needle: string): Promise<string | undefined> {
  const offset = text.indexOf(needle) + 2;
  const before = text.slice(0, offset).split('\n');
  const h = await s.request<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: before.length - 1, character: before[before.length - 1].length },
  });
  return (h?.contents as MarkupContent | undefined)?.value;
}

/** Stops the server once no lookup is outstanding (an answer to a stopped server goes nowhere). */
async function settledAndStopped(s: LspSession): Promise<void> {
  await until('no lookup outstanding', () => client.asked === client.answered);
  await s.stop();
}

/** Polls `what` until it holds (never a fixed sleep). */
async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) assert.fail(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('hover on an id or reference says what it is in the signed-in tenant: kind, name, members, UPN, enabled, or that it does not exist', async () => {
  const s = await session();
  try {
    const [alice, bob] = ids.users;
    const [sales] = ids.groups;
    const text = policy([
      { groupId: sales },
      { userId: '${user:alice@contoso.com}' },
      { userId: bob },
      { userId: MISSING },
      { groupId: '${group:Twins}' },
    ]);
    const uri = 'file:///hover.accesspolicy.json';
    s.open(uri, text);
    // The background check of the open document looks everything up; hover then answers from the cache.
    await until('the open document was looked up', () => client.asked > 0 && client.asked === client.answered);
    const group = await hoverAt(s, uri, text, sales);
    assert.match(group ?? '', /group\*\* `Sales Approvers`/);
    assert.match(group ?? '', /2 direct members/);
    assert.match(group ?? '', new RegExp(TENANT.replace(/\./g, '\\.')));
    const user = await hoverAt(s, uri, text, '${user:alice');
    assert.match(user ?? '', /user\*\* `Alice` · UPN `alice@contoso.com` · account enabled/);
    assert.match(user ?? '', new RegExp(alice));
    assert.match((await hoverAt(s, uri, text, bob)) ?? '', /account disabled/);
    assert.match((await hoverAt(s, uri, text, MISSING)) ?? '', /Does not exist.*id 0b5e7c3a/);
    const twins = (await hoverAt(s, uri, text, '${group:Twins}')) ?? '';
    assert.match(twins, /2 objects/);
    for (const id of ids.groups.slice(1)) assert.ok(twins.includes(id), `names candidate ${id}: ${twins}`);
    // The rest of the hover (the property's own documentation) is not lost on a key.
    assert.doesNotMatch((await hoverAt(s, uri, text, '"groupId"')) ?? '', /signed-in tenant/);
  } finally {
    await settledAndStopped(s);
  }
});

test('an id or reference that does not exist gets AP4120 on exactly its text; one that exists gets none', async () => {
  const s = await session();
  try {
    const text = policy([
      { groupId: ids.groups[0] },
      { userId: MISSING },
      { userId: '${user:nobody@contoso.com}' },
      { userId: '${user:alice@contoso.com}' },
    ]);
    const uri = 'file:///missing.accesspolicy.json';
    s.open(uri, text);
    const d = tenantWarnings(await s.diagnostics(uri, (x) => tenantWarnings(x).length === 2));
    const lines = text.split('\n');
    const textOf = (x: Diagnostic) => lines[x.range.start.line].slice(x.range.start.character, x.range.end.character);
    assert.deepEqual(d.map(textOf), [`"${MISSING}"`, '${user:nobody@contoso.com}']);
    assert.ok(
      d.every((x) => x.severity === 2),
      'warnings',
    );
    assert.match(d[0].message, new RegExp(`no user in ${TENANT.replace(/\./g, '\\.')} has id ${MISSING}`));
    assert.match(d[1].message, /no user .* has/);
  } finally {
    await settledAndStopped(s);
  }
});

test('typing never waits on Graph: the diagnostics of a change arrive while a slowed stand-in has not answered', async () => {
  const s = await session();
  try {
    await control('faults', { latencyMs: 1500 });
    const uri = 'file:///slow.accesspolicy.json';
    const answeredBefore = client.answered;
    s.open(uri, policy([{ userId: MISSING }]));
    // A typed change: a broken file's diagnostics are published at once.
    s.change(uri, policy([{ userId: MISSING }]).replace('"allowedTargetScope"', '"allowedTargetScope": 3, "x"'));
    const typed = await s.diagnostics(uri, (d) => d.some((x) => x.severity === 1));
    assert.ok(typed.length > 0);
    assert.equal(client.answered, answeredBefore, 'diagnostics came before the tenant answered');
    // Hover does not wait for the slow answer either: it says the lookup is under way.
    const text = policy([{ userId: MISSING }]).replace('"allowedTargetScope"', '"allowedTargetScope": 3, "x"');
    assert.match((await hoverAt(s, uri, text, MISSING)) ?? '', /Looking it up/);
    assert.equal(client.answered, answeredBefore, 'hover answered before the tenant did');
    assert.ok(client.asked > answeredBefore || (await until('the lookup is asked', () => client.asked > answeredBefore), true));
    // Fixed again: the warning follows once the slow answer arrives, without more typing.
    s.change(uri, policy([{ userId: MISSING }], ' (fixed)'));
    await s.diagnostics(uri, (d) => tenantWarnings(d).length === 1, 15_000);
    assert.ok(client.answered > answeredBefore);
  } finally {
    await control('faults', { latencyMs: 0 });
    await settledAndStopped(s);
  }
});

test('signed out: no lookups after the first answer, no warnings, no tenant hover; signing in brings them', async () => {
  const s = await session();
  client.signedIn = false;
  try {
    const text = policy([{ userId: MISSING }]);
    const uri = 'file:///signedout.accesspolicy.json';
    const asked = client.asked;
    s.open(uri, text);
    await until('the server asked once', () => client.answered > asked);
    assert.doesNotMatch((await hoverAt(s, uri, text, MISSING)) ?? '', /signed-in tenant|contoso-test|Does not exist/);
    s.change(uri, text + ' ');
    assert.deepEqual(tenantWarnings(await s.diagnostics(uri)), []);
    assert.equal(client.asked, asked + 1, 'asked once, not on every change or hover');
    client.signedIn = true;
    void s.connection.sendNotification(TENANT_CHANGED_NOTIFICATION.method);
    await s.diagnostics(uri, (d) => tenantWarnings(d).length === 1);
  } finally {
    client.signedIn = true;
    await settledAndStopped(s);
  }
});

test('off by the setting: nothing is asked and no AP4120', async () => {
  const s = await session({ tenantLookups: { enable: false } });
  try {
    const asked = client.asked;
    const text = policy([{ userId: MISSING }]);
    const uri = 'file:///off.accesspolicy.json';
    s.open(uri, text);
    assert.deepEqual(tenantWarnings(await s.diagnostics(uri)), []);
    assert.doesNotMatch((await hoverAt(s, uri, text, MISSING)) ?? '', /signed-in tenant|contoso-test|Does not exist/);
    assert.equal(client.asked, asked);
  } finally {
    await settledAndStopped(s);
  }
});

test('a reader denied directory reads: the hover names the permission (Directory.Read.All for ids), no AP4120', async () => {
  const s = await session();
  try {
    await control('deny-directory-read', { principal: subject });
    const text = policy([{ userId: MISSING }, { groupId: '${group:Sales Approvers}' }], ' denied');
    const uri = 'file:///denied.accesspolicy.json';
    s.open(uri, text);
    assert.match((await hoverAt(s, uri, text, MISSING)) ?? '', /may not read.*`Directory\.Read\.All`/s);
    assert.match((await hoverAt(s, uri, text, '${group:Sales')) ?? '', /may not read.*`GroupMember\.Read\.All`/s);
    assert.deepEqual(tenantWarnings(await s.diagnostics(uri)), []);
  } finally {
    await control('reset', {}).catch(() => undefined);
    await s.stop();
  }
});

test('a large policy opened while signed in gets its AP4120 without a change (its first check finds the ids after publishing)', async () => {
  const s = await session();
  try {
    // Signed in: a small document's lookups have been answered.
    const small = 'file:///small-first.accesspolicy.json';
    s.open(small, policy([{ userId: MISSING }]));
    await s.diagnostics(small, (x) => tenantWarnings(x).length === 1);
    // Over 64 KB: a thousand approvers that exist, and one that does not, last.
    const text = policy([...Array.from({ length: 1000 }, () => ({ groupId: ids.groups[0] })), { userId: MISSING }]);
    assert.ok(text.length > LARGE_TEXT_CHARS, `${text.length} characters`);
    const uri = 'file:///large-signed-in.accesspolicy.json';
    s.open(uri, text);
    const d = tenantWarnings(await s.diagnostics(uri, (x) => tenantWarnings(x).length > 0));
    const lines = text.split('\n');
    assert.deepEqual(
      d.map((x) => lines[x.range.start.line].slice(x.range.start.character, x.range.end.character)),
      [`"${MISSING}"`],
    );
  } finally {
    await settledAndStopped(s);
  }
});
