// The editor inside a reference, over LSP with the in-process server and the real stand-in: the
// test client answers the server's requests as the extension does (client/src/tenant/answerLookups.ts,
// the one lookup of deploy/src/directory). Completion offers the kinds, then names from the tenant
// as you type (debounced, at most one request in flight per kind, counted in the stand-in's
// request log), `${var:` the configuration's value names; signed out only kinds and value names.
// Hover says which environment's tenant it describes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionItem, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { scanReferences } from '../../core/src/references/syntax';
import type { DirectoryQuery } from '../../core/src';
import { startInProcessServer, type LspSession } from './lspClient';
import { DEFAULT_APP_ROLES, startTenantStandIn, type TenantStandIn } from '../../standin/src';
import { GraphClient, type TokenProvider } from '../../deploy/src';
import { LOOKUP_DIRECTORY_OBJECTS_REQUEST, SUGGEST_DIRECTORY_OBJECTS_REQUEST, TENANT_CHANGED_NOTIFICATION } from '../../common/src';
import { LookupCache, answerLookups, answerSuggestions, type LookupTarget } from '../../client/src/tenant/answerLookups';

const DEV = 'contoso-dev.onmicrosoft.com';
const PROD = 'contoso-prod.onmicrosoft.com';
let standIn: TenantStandIn;
let dir: string;
const ids = { devSales: '', prodSales: '', ext: '' };

/** The test client: which environment is active (as the status-bar picker would say), and whether anyone is signed in. */
const client = {
  env: 'dev' as 'dev' | 'prod',
  signedIn: true,
  confirmed: true,
  suggestAsked: 0,
  suggestAnswered: 0,
  maxInFlight: 0,
  answered: [] as DirectoryQuery[],
};
const targets: Record<'dev' | 'prod', LookupTarget> = {} as never;

function tokenProvider(tenantId: string): TokenProvider {
  let token: string | undefined;
  return {
    async getToken() {
      token ??= standIn.tokens.issue({
        tenantId,
        clientId: standIn.clients[0].clientId,
        // The roles of an app with the stand-in's default grant (the deploy's and the directory reads).
        scopes: DEFAULT_APP_ROLES,
        subject: randomUUID(),
        appOnly: true,
      }).accessToken;
      return { token, expiresOn: new Date(Date.now() + 3600_000), account: { tenantId } };
    },
  };
}

before(async () => {
  standIn = await startTenantStandIn({ domain: DEV, otherTenants: [{ domain: PROD }] });
  for (const [env, domain] of [
    ['dev', DEV],
    ['prod', PROD],
  ] as const) {
    const t = standIn.tenant(domain);
    const graph = new GraphClient({ baseUrl: standIn.url, tokenProvider: tokenProvider(t.tenantId), backoffBaseMs: 10, backoffCapMs: 40 });
    targets[env] = { key: env, tenant: domain, environment: env, graph };
    const alice = t.state.directory.addUser({ userPrincipalName: `alice@${domain}`, displayName: 'Alice' }).id;
    t.state.directory.addUser({ userPrincipalName: `albert@${domain}`, displayName: 'Albert' });
    t.state.directory.addUser({ userPrincipalName: `bob@${domain}`, displayName: 'Bob' });
    const sales = t.state.directory.addGroup({ displayName: 'Sales Approvers', members: [alice] }).id;
    t.state.directory.addGroup({ displayName: 'Sales Managers' });
    t.state.directory.addGroup({ displayName: 'Finance' });
    const catalog = t.state.addCatalog('Sales', '');
    t.state.addCatalog('Security', '');
    t.state.addAccessPackage(randomUUID(), 'Sales tools', catalog);
    t.state.addAccessPackage(randomUUID(), 'Sales reports', catalog);
    const ext = t.state.addCustomExtension(catalog, 'Notify CRM', '#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension');
    if (env === 'dev') {
      ids.devSales = sales;
      ids.ext = ext;
    } else ids.prodSales = sales;
  }
  dir = mkdtempSync(path.join(tmpdir(), 'refed-'));
  writeFileSync(
    path.join(dir, 'accesspolicy.config.json'),
    JSON.stringify({
      environments: { dev: { tenant: DEV }, prod: { tenant: PROD } },
      values: { approvers: { dev: 'Dev Approvers', prod: 'Access Approvers' }, decisionTime: { dev: 'P1D', prod: 'P7D' } },
    }),
  );
});
after(async () => {
  await standIn?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function session(): Promise<LspSession> {
  const s = await startInProcessServer();
  const cache = new LookupCache();
  // As client/src/tenant/index.ts: an environment whose tenant was not confirmed is not asked.
  const target = () =>
    !client.signedIn
      ? undefined
      : client.confirmed
        ? targets[client.env]
        : { unconfirmed: { environment: client.env, tenant: targets[client.env].tenant } };
  s.connection.onRequest(LOOKUP_DIRECTORY_OBJECTS_REQUEST, async (params) => {
    const answer = await answerLookups(cache, target(), params.queries);
    client.answered.push(...params.queries);
    return answer;
  });
  s.connection.onRequest(SUGGEST_DIRECTORY_OBJECTS_REQUEST, async (query) => {
    client.suggestAsked++;
    client.maxInFlight = Math.max(client.maxInFlight, client.suggestAsked - client.suggestAnswered);
    try {
      return await answerSuggestions(cache, target(), query);
    } finally {
      client.suggestAnswered++;
    }
  });
  return s;
}

const stateOf = (domain: string) => standIn.tenant(domain).state;
/** The stand-in's Graph requests of one tenant whose path contains `needle`. */
const requestsTo = (domain: string, needle: string) => stateOf(domain).requests.filter((r) => decodeURIComponent(r.path).includes(needle));

function policy(approver: string, extra = ''): string {
  return `{
  "displayName": "Sales access",
  "allowedTargetScope": "allMemberUsers",
  "requestApprovalSettings": {
    "isApprovalRequiredForAdd": true,
    "stages": [{ "durationBeforeAutomaticDenial": "P7D", "primaryApprovers": [${approver}] }]
  },
  "accessPackage": { "id": "${'${accessPackage:Sales/Sales tools}'}" }${extra}
}
`;
}
const group = (id: string) => `{ "@odata.type": "#microsoft.graph.groupMembers", "groupId": "${id}" }`;

let docs = 0;
/** Opens `withCursor` (cursor at `|`) in the config's folder and asks for completion there. */
async function complete(s: LspSession, withCursor: string, uri?: string): Promise<CompletionList> {
  const offset = withCursor.indexOf('|');
  const text = withCursor.slice(0, offset) + withCursor.slice(offset + 1);
  uri ??= pathToFileURL(path.join(dir, `doc-${++docs}.accesspolicy.json`)).href;
  s.open(uri, text);
  return requestCompletion(s, uri, text, offset);
}

async function requestCompletion(s: LspSession, uri: string, text: string, offset: number): Promise<CompletionList> {
  const before = text.slice(0, offset).split('\n');
  const list = await s.request<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: { line: before.length - 1, character: before[before.length - 1].length },
  });
  assert.ok(list && !Array.isArray(list), 'a completion list');
  return list;
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

/** The text after applying a completion's edit. */
function applied(text: string, item: CompletionItem): string {
  const e = item.textEdit as TextEdit;
  const lines = text.split('\n');
  const offsetOf = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  // Snippet text, as the editor inserts it: `\$`, `\}`, `\\` are the characters themselves.
  return text.slice(0, offsetOf(e.range.start)) + e.newText.replace(/\\([$}\\])/g, '$1') + text.slice(offsetOf(e.range.end));
}

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) assert.fail(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function hoverAt(s: LspSession, uri: string, text: string, needle: string): Promise<string> {
  const offset = text.indexOf(needle) + 2;
  const before = text.slice(0, offset).split('\n');
  const h = await s.request<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: before.length - 1, character: before[before.length - 1].length },
  });
  return (h?.contents as MarkupContent | undefined)?.value ?? '';
}

test('after `${` the kinds the slot takes are offered (from the one kinds list); choosing one inserts `kind:` and asks for names', async () => {
  const s = await session();
  try {
    const list = await complete(s, policy(group('${gr|')));
    assert.deepEqual(labels(list.items), ['group', 'var'], 'a groupId takes a group or a value');
    const text = policy(group('${gr'));
    const chosen = list.items.find((i) => i.label === 'group')!;
    assert.match(applied(text, chosen), /"groupId": "\$\{group:"/);
    assert.equal(chosen.command?.command, 'editor.action.triggerSuggest');
    // A free-text slot takes only values.
    const free = await complete(s, policy(group('x')).replace('"Sales access"', '"Sales ${|"'));
    assert.deepEqual(labels(free.items), ['var']);
  } finally {
    await s.stop();
  }
});

test('after `kind:` names come from the tenant as you type (Graph startswith filters), and choosing one closes the reference', async () => {
  const s = await session();
  try {
    const groups = await complete(s, policy(group('${group:Sa|')));
    assert.deepEqual(labels(groups.items), ['Sales Approvers', 'Sales Managers']);
    assert.equal(groups.isIncomplete, true, 'typing more asks again');
    assert.ok(requestsTo(DEV, "startswith(displayName,'Sa')").length >= 1, 'asked Graph with a filter it supports');
    const text = policy(group('${group:Sa'));
    assert.match(applied(text, groups.items[0]), /"groupId": "\$\{group:Sales Approvers\}"/);
    const users = await complete(s, policy(`{ "@odata.type": "#microsoft.graph.singleUser", "userId": "\${user:al|" }`));
    assert.deepEqual(labels(users.items).sort(), [`albert@${DEV}`, `alice@${DEV}`]);
    assert.ok(requestsTo(DEV, "startswith(userPrincipalName,'al')").length >= 1);
    // Two-part kinds: the catalog first, then the package in it.
    const catalogs = await complete(s, policy(group('x')).replace('${accessPackage:Sales/Sales tools}', '${accessPackage:Se|'));
    assert.deepEqual(labels(catalogs.items), ['Security']);
    const catalogText = policy(group('x')).replace('${accessPackage:Sales/Sales tools}', '${accessPackage:Sa');
    const sales = (await complete(s, catalogText.replace('${accessPackage:Sa', '${accessPackage:Sa|'))).items[0];
    assert.match(applied(catalogText, sales), /"\$\{accessPackage:Sales\/"/);
    assert.equal(sales.command?.command, 'editor.action.triggerSuggest');
    const packages = await complete(s, policy(group('x')).replace('${accessPackage:Sales/Sales tools}', '${accessPackage:Sales/Sales r|'));
    assert.deepEqual(labels(packages.items), ['Sales reports']);
    // Custom extensions complete the same way.
    const ext = await complete(
      s,
      policy(
        group('x'),
        ',\n  "customExtensionStageSettings": [{ "stage": "assignmentRequestCreated", "customExtension": { "id": "${customExtension:Sales/|" } }]',
      ),
    );
    assert.deepEqual(labels(ext.items), ['Notify CRM']);
  } finally {
    await s.stop();
  }
});

test('typing fast: one request per kind in flight, a newer prefix supersedes the unsent one, stale answers are not shown', async () => {
  const s = await session();
  const state = stateOf(DEV);
  try {
    state.faults.settings.latencyMs = 600;
    const base = policy(group('${group:|'));
    const uri = pathToFileURL(path.join(dir, 'typing.accesspolicy.json')).href;
    const at = base.indexOf('|');
    const typed = (prefix: string) => base.slice(0, at) + prefix + base.slice(at + 1);
    s.open(uri, typed('F'));
    const asked = client.suggestAsked;
    const before = requestsTo(DEV, 'startswith(displayName').length;
    // "F" is sent after the pause; while it is in flight, "Fi" and "Fin" are typed: "Fi" is superseded, never sent.
    const first = requestCompletion(s, uri, typed('F'), at + 1);
    await until('the first prefix is asked', () => client.suggestAsked > asked);
    s.change(uri, typed('Fi'));
    const second = requestCompletion(s, uri, typed('Fi'), at + 2);
    s.change(uri, typed('Fin'));
    const third = requestCompletion(s, uri, typed('Fin'), at + 3);
    client.maxInFlight = 0;
    const [a, b, c] = await Promise.all([first, second, third]);
    assert.equal(client.maxInFlight, 1, 'one request of the kind in flight at a time');
    // "F" was answered while "Fin" waited: stale, not shown; "Fi" never sent; "Fin" answered.
    assert.deepEqual(labels(a.items), []);
    assert.deepEqual(labels(b.items), []);
    assert.equal(b.isIncomplete, true);
    assert.deepEqual(labels(c.items), ['Finance']);
    const sent = requestsTo(DEV, 'startswith(displayName').slice(before);
    assert.deepEqual(
      sent.map((r) => /startswith\(displayName,'([^']*)'\)/.exec(decodeURIComponent(r.path))?.[1]),
      ['F', 'Fin'],
      'Graph saw "F" and "Fin" only',
    );
    // Cached: asking again for "Fin" sends nothing.
    const again = await requestCompletion(s, uri, typed('Fin'), at + 3);
    assert.deepEqual(labels(again.items), ['Finance']);
    assert.equal(requestsTo(DEV, 'startswith(displayName').length, before + 2);
  } finally {
    state.faults.settings.latencyMs = 0;
    await until('no suggestion outstanding', () => client.suggestAsked === client.suggestAnswered);
    await s.stop();
  }
});

test('debounced: prefixes typed within the pause cost one request, for the last prefix', async () => {
  const s = await session();
  try {
    const base = policy(group('${group:|'));
    const uri = pathToFileURL(path.join(dir, 'debounce.accesspolicy.json')).href;
    const at = base.indexOf('|');
    const typed = (prefix: string) => base.slice(0, at) + prefix + base.slice(at + 1);
    const before = requestsTo(DEV, 'startswith(displayName').length;
    s.open(uri, typed('S'));
    const lists: Promise<CompletionList>[] = [];
    for (const prefix of ['S', 'Sa', 'Sal', 'Sale']) {
      s.change(uri, typed(prefix));
      lists.push(requestCompletion(s, uri, typed(prefix), at + prefix.length));
    }
    const answers = await Promise.all(lists);
    assert.deepEqual(answers.map((a) => labels(a.items)).slice(1), [[], [], ['Sales Approvers', 'Sales Managers']]);
    const sent = requestsTo(DEV, 'startswith(displayName')
      .slice(before)
      .map((r) => /startswith\(displayName,'([^']*)'\)/.exec(decodeURIComponent(r.path))?.[1]);
    // Within the pause only the last prefix goes out (a loaded machine may have sent the first before the others came).
    assert.equal(sent[sent.length - 1], 'Sale');
    assert.ok(!sent.includes('Sa') && !sent.includes('Sal'), `superseded prefixes were sent: ${sent.join(', ')}`);
    assert.ok(sent.length <= 2, `sent: ${sent.join(', ')}`);
  } finally {
    await until('no suggestion outstanding', () => client.suggestAsked === client.suggestAnswered);
    await s.stop();
  }
});

test('`${var:` offers the configuration’s value names with their values; signed out, kinds and value names only, no tenant names', async () => {
  const s = await session();
  client.signedIn = false;
  try {
    const vars = await complete(s, policy(group('${var:|')));
    assert.deepEqual(labels(vars.items), ['approvers', 'decisionTime']);
    assert.equal(vars.items[0].detail, 'dev: Dev Approvers, prod: Access Approvers');
    const kinds = await complete(s, policy(group('${|')));
    assert.deepEqual(labels(kinds.items), ['group', 'var']);
    const names = await complete(s, policy(group('${group:Sa|')));
    assert.deepEqual(labels(names.items), []);
  } finally {
    client.signedIn = true;
    await until('no suggestion outstanding', () => client.suggestAsked === client.suggestAnswered);
    await s.stop();
  }
});

test('hover names the active environment and its tenant; switching the environment looks the same reference up in the other tenant', async () => {
  const s = await session();
  client.env = 'dev';
  try {
    const text = policy(group('${group:Sales Approvers}'));
    const uri = pathToFileURL(path.join(dir, 'env.accesspolicy.json')).href;
    s.open(uri, text);
    let hover = '';
    await until('the dev answer', async () => (hover = await hoverAt(s, uri, text, '${group:Sales')).includes(ids.devSales));
    assert.match(hover, new RegExp(`in environment \`dev\` \\(tenant \`${DEV.replace(/\./g, '\\.')}\`\\)`));
    assert.match(hover, /group\*\* `Sales Approvers`.*1 direct member/);
    // The status-bar picker chose prod: the client says the tenant changed.
    client.env = 'prod';
    void s.connection.sendNotification(TENANT_CHANGED_NOTIFICATION.method);
    await until('the prod answer', async () => (hover = await hoverAt(s, uri, text, '${group:Sales')).includes(ids.prodSales));
    assert.match(hover, /in environment `prod`/);
    assert.doesNotMatch(hover, new RegExp(ids.devSales));
    // The access package reference, too, is resolved in prod.s tenant.
    const ext = await hoverAt(s, uri, text, '${accessPackage');
    assert.match(ext, /access package\*\* `Sales tools`.*catalog `Sales`/);
  } finally {
    client.env = 'dev';
    await s.stop();
  }
});

test('a custom extension reference and id are looked up in the editor (the catalog’s extensions, one list per catalog)', async () => {
  const s = await session();
  try {
    const stage = (id: string) =>
      `,\n  "customExtensionStageSettings": [{ "stage": "assignmentRequestCreated", "customExtension": { "id": "${id}" } }, { "stage": "assignmentRequestApproved", "customExtension": { "id": "\${customExtension:Sales/Nobody}" } }]`;
    const text = policy(group(ids.devSales), stage(ids.ext));
    const uri = pathToFileURL(path.join(dir, 'ext.accesspolicy.json')).href;
    s.open(uri, text);
    let hover = '';
    await until('the extension answer', async () => /custom extension\*\*/.test((hover = await hoverAt(s, uri, text, ids.ext))));
    assert.match(hover, /custom extension\*\* `Notify CRM`.*catalog `Sales`/);
    const d = await s.diagnostics(uri, (x) => x.some((y) => y.code === 'AP4120'));
    const lines = text.split('\n');
    assert.deepEqual(
      d.filter((x) => x.code === 'AP4120').map((x) => lines[x.range.start.line].slice(x.range.start.character, x.range.end.character)),
      ['${customExtension:Sales/Nobody}'],
    );
  } finally {
    await s.stop();
  }
});

test('quick fixes: a raw id whose name is unique becomes its reference (text the resolver takes back to that id), a reference becomes its id', async () => {
  const s = await session();
  client.env = 'dev';
  try {
    const t = stateOf(DEV);
    const twinA = t.directory.addGroup({ displayName: 'Twins' }).id;
    t.directory.addGroup({ displayName: 'Twins' });
    const slash = t.directory.addGroup({ displayName: 'HR/Payroll "EU"' }).id;
    const text = policy([group(ids.devSales), group(twinA), group(slash), group('${group:Sales Approvers}')].join(', '));
    const uri = pathToFileURL(path.join(dir, 'fixes.accesspolicy.json')).href;
    s.open(uri, text);
    const actionsAt = async (needle: string) => {
      const offset = text.indexOf(needle) + 3;
      const before = text.slice(0, offset).split('\n');
      const position = { line: before.length - 1, character: before[before.length - 1].length };
      return s.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: position, end: position },
        context: { diagnostics: [] },
      });
    };
    const editOf = (a: CodeAction) => a.edit!.changes![uri][0];
    const apply = (a: CodeAction) => {
      const e = editOf(a);
      const lines = text.split('\n');
      const at = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
      return text.slice(0, at(e.range.start)) + e.newText + text.slice(at(e.range.end));
    };
    let toRef: CodeAction[] = [];
    await until('the id → reference fix', async () => (toRef = await actionsAt(ids.devSales)).length > 0);
    assert.equal(toRef[0].title, 'Replace the id with ${group:Sales Approvers}');
    assert.match(apply(toRef[0]), /"groupId": "\$\{group:Sales Approvers\}"/);
    // A name two groups share would name neither: no fix (asked once the name's lookup has been answered).
    await actionsAt(twinA);
    await until('the name Twins was looked up', () => client.answered.some((q) => 'parts' in q && q.parts[0] === 'Twins'));
    assert.deepEqual(await actionsAt(twinA), []);
    // A name with a slash and quotes: escaped for JSON; the resolver reads exactly the name back.
    let special: CodeAction[] = [];
    await until('the fix for the slashed name', async () => (special = await actionsAt(slash)).length > 0);
    const written = apply(special[0]);
    const value = (JSON.parse(written).requestApprovalSettings.stages[0].primaryApprovers[2] as { groupId: string }).groupId;
    assert.deepEqual(
      scanReferences(value).references.map((r) => [r.kind, r.parts, r.whole]),
      [['group', ['HR/Payroll "EU"'], true]],
    );
    // The reference → the id it resolves to in the active tenant.
    let toId: CodeAction[] = [];
    await until('the reference → id fix', async () => (toId = await actionsAt('${group:Sales Approvers}')).length > 0);
    assert.match(toId[0].title, /Replace \$\{group:Sales Approvers\} with its id in environment "dev"/);
    assert.match(apply(toId[0]), new RegExp(`"groupId": "${ids.devSales}" \\}\\]`));
  } finally {
    await s.stop();
  }
});

test('an environment whose tenant is not confirmed: nothing is looked up, the hover says why; confirmed, it is', async () => {
  const s = await session();
  client.env = 'prod';
  client.confirmed = false;
  try {
    const text = policy(group('${group:Sales Approvers}'));
    const uri = pathToFileURL(path.join(dir, 'unconfirmed.accesspolicy.json')).href;
    const before = stateOf(PROD).requests.length;
    s.open(uri, text);
    let hover = '';
    await until('the hover says why', async () => /Not looked up/.test((hover = await hoverAt(s, uri, text, '${group:Sales'))));
    assert.match(hover, new RegExp(`tenant ${PROD.replace(/\./g, '\\.')} of environment "prod" is not confirmed`));
    assert.deepEqual(
      (await s.diagnostics(uri)).filter((d) => d.code === 'AP4120'),
      [],
    );
    assert.equal(stateOf(PROD).requests.length, before, 'no request reached the unconfirmed tenant');
    // Confirmed in the picker: the client says the tenant changed, and the lookups go there.
    client.confirmed = true;
    void s.connection.sendNotification(TENANT_CHANGED_NOTIFICATION.method);
    await until('the prod answer', async () => (await hoverAt(s, uri, text, '${group:Sales')).includes(ids.prodSales));
  } finally {
    client.confirmed = true;
    client.env = 'dev';
    await s.stop();
  }
});
