// The *Deploy Policy* command's flow with a stand-in for the VS Code API (the real editor is the
// e2e suite's job) against the tenant stand-in: trust check, which settings it believes, that it
// validates before signing in, the modal confirmation, the result notification and its actions,
// cancellation, and what reaches the output channel. The verdict the deploy refuses a file on is
// the language server's (its core in this process, over JSON-RPC), as in the editor.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { harness, v1PolicyText, writes, leakedSecrets, type Harness } from './helpers';
import { FakeDocument, FakeLogChannel, Uri, installFakeVscode, type Setting } from '../support/fakeVscode';
import { inProcessPolicyServer, notRunningServer, type TestPolicyServer } from '../support/policyServer';
import type { PolicyServer } from '../../client/src/languageClient';

// In place before the client code is required, so its `import * as vscode` gets the fake.
const fake = installFakeVscode();
const { runDeployCommand } = require('../../client/src/deploy/deployCommand') as typeof import('../../client/src/deploy/deployCommand');
const { PreviewDocuments } =
  require('../../client/src/deploy/previewDocuments') as typeof import('../../client/src/deploy/previewDocuments');

// ---- wiring

let h: Harness;
/** A second loopback server standing for "somewhere a workspace setting tries to send the token". */
let decoy: Server;
let decoyHits = 0;
let decoyUrl = '';
const log = new FakeLogChannel();
let lsp: TestPolicyServer;
/** What the command asks for its verdict; a test may swap in a server that is not running. */
let server: PolicyServer;

before(async () => {
  h = await harness();
  lsp = await inProcessPolicyServer();
  decoy = createServer((_req, res) => {
    decoyHits++;
    res.writeHead(500).end();
  });
  await new Promise<void>((r) => decoy.listen(0, '127.0.0.1', () => r()));
  decoyUrl = `http://127.0.0.1:${(decoy.address() as AddressInfo).port}`;
});
after(async () => {
  await h?.close();
  await lsp?.stop();
  await new Promise((r) => decoy?.close(r));
});

beforeEach(() => {
  h.standIn.state.reset();
  fake.reset();
  log.clear();
  server = lsp.server;
  decoyHits = 0;
  fake.settings = new Map<string, Setting>([
    ['accessPolicy.tenant', { globalValue: h.standIn.tenantId, defaultValue: '' }],
    ['accessPolicy.cloud', { globalValue: 'usgov', defaultValue: 'global' }],
    ['accessPolicy.dev.graphUrl', { globalValue: h.standIn.url, defaultValue: '' }],
    ['accessPolicy.dev.authorityUrl', { globalValue: h.standIn.url, defaultValue: '' }],
  ]);
  fake.active = new FakeDocument(Uri.file('/work/policies/team.accesspolicy.json'), v1PolicyText({ displayName: 'Team access' }));
});

function deps() {
  const tokens = h.tokens;
  const auth = {
    getTokenProvider: () => tokens,
    currentAccount: () => ({ tenantId: h.standIn.tenantId }),
    onDidChangeAccount: () => ({ dispose() {} }),
    signIn: async () => undefined,
    signOut: async () => undefined,
  };
  return { output: log, auth, previews: new PreviewDocuments(), server } as unknown as Parameters<typeof runDeployCommand>[0];
}

const run = () => runDeployCommand(deps(), fake.active!.uri);

async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(ok(), `timed out waiting for: ${what}`);
}

// ---- tests

test('an untrusted workspace: refused at run time, nothing signed in or sent', async () => {
  fake.trusted = false;
  const calls = h.tokens.calls;
  assert.equal(await run(), undefined);
  assert.match(fake.dialogs.shown[0].message, /untrusted workspace/);
  assert.equal(h.tokens.calls, calls);
  assert.deepEqual(h.standIn.state.requests, []);
});

test('workspace values of tenant, cloud and dev URLs are ignored: the token goes where the user settings say', async () => {
  for (const key of ['dev.graphUrl', 'dev.authorityUrl']) fake.settings.get(`accessPolicy.${key}`)!.workspaceValue = decoyUrl;
  fake.settings.get('accessPolicy.tenant')!.workspaceValue = '11111111-2222-3333-4444-555555555555';
  fake.settings.get('accessPolicy.cloud')!.workspaceFolderValue = 'china';
  fake.dialogs.answers.push({ match: /^Create access package/, answer: 'Create' });
  const outcome = await run();
  assert.equal(outcome?.action, 'created');
  assert.equal(decoyHits, 0, 'nothing was sent to the URL from the workspace settings');
  const confirm = fake.dialogs.shown.find((d) => d.options?.modal && /^Create/.test(d.message))!;
  assert.match(confirm.options!.detail!, /Cloud: US Government L4/);
  assert.doesNotMatch(confirm.options!.detail!, /11111111-2222/);
});

test('a file with errors is refused before any sign-in, naming the problems', async () => {
  fake.active!.text = v1PolicyText({ displayName: 'Team access' }).replace('"notSpecified"', '"nobody"');
  const calls = h.tokens.calls;
  assert.equal(await run(), undefined);
  assert.equal(h.tokens.calls, calls, 'no token was asked for');
  assert.deepEqual(h.standIn.state.requests, [], 'nothing reached the tenant');
  const err = fake.dialogs.shown.find((d) => d.kind === 'error');
  assert.ok(err, 'an error is shown');
  assert.match(err.message, /team\.accesspolicy\.json has 1 error/);
  // The notification names the problem itself, not just that there is one.
  assert.match(err.message, /AP1003 "nobody" is not a valid value for allowedTargetScope/);
  assert.ok(err.items.includes('Show problems'));
  assert.ok(
    log.lines('error').some((l) => /team\.accesspolicy\.json:\d+:\d+ AP\d{4} /.test(l)),
    'the output channel lists the diagnostics, as an error',
  );
});

test('without the language server nothing is signed in or sent, and the user is told why', async () => {
  server = notRunningServer;
  const calls = h.tokens.calls;
  assert.equal(await run(), undefined);
  assert.equal(h.tokens.calls, calls, 'no token was asked for');
  assert.deepEqual(h.standIn.state.requests, [], 'nothing reached the tenant');
  const err = fake.dialogs.shown.find((d) => d.kind === 'error')!;
  assert.match(err.message, /^Deploy failed: The access policy language server is not running/);
  assert.ok(log.lines('error').some((l) => /not running/.test(l)));
});

test('the defaultApiVersion setting decides a file that does not say its version, as in the Problems panel', async () => {
  // Neither $schema nor a version-specific property: beta by the setting, so the package is asked for as beta names it.
  fake.active!.text = JSON.stringify({ displayName: 'Team access', description: 'x' }, null, 2);
  fake.settings.set('accessPolicy.defaultApiVersion', { workspaceValue: 'beta', defaultValue: 'v1.0' });
  assert.equal(await run(), undefined);
  const err = fake.dialogs.shown.find((d) => d.kind === 'error')!;
  assert.match(err.message, /has \d+ errors?/);
  assert.match(err.message, /AP2040 .*"accessPackageId"/, 'judged as beta');
  assert.deepEqual(h.standIn.state.requests, []);
});

test(
  'create: modal confirmation names tenant, cloud, API version, action and policy; the result offers its actions; the log has each request',
  { timeout: 20_000 },
  async () => {
    fake.dialogs.answers.push({ match: /^Create access package/, answer: 'Create' });
    fake.dialogs.answers.push({ match: /^Created policy/, answer: 'never' }); // the user leaves the result notification alone
    const outcome = await run(); // resolves although the notification is still open
    assert.equal(outcome?.action, 'created');
    const id = outcome!.policyId;

    const confirm = fake.dialogs.shown.find((d) => d.kind === 'warning' && d.options?.modal)!;
    assert.equal(confirm.message, `Create access package assignment policy "Team access" in Contoso Test (${h.standIn.tenantId})?`);
    assert.match(confirm.options!.detail!, new RegExp(`Tenant: Contoso Test \\(${h.standIn.tenantId}\\)`));
    assert.match(confirm.options!.detail!, /Cloud: US Government L4 \(GCC High\)/);
    assert.match(confirm.options!.detail!, /API version: v1\.0/);
    assert.match(confirm.options!.detail!, /Action: Create policy "Team access"/);
    assert.deepEqual(confirm.items, ['Create']);
    assert.equal(fake.diffs.length, 1, 'the preview diff was shown before the question');

    const result = fake.dialogs.shown.find((d) => d.kind === 'info' && /^Created policy/.test(d.message))!;
    assert.match(result.message, new RegExp(`Created policy "Team access" \\(${id}\\) in Contoso Test`));
    assert.deepEqual(result.items, ['Open in output', 'Copy policy id']);
    assert.match(fake.active!.text, new RegExp(`"id": "${id}"`));
    assert.match(fake.active!.text, /\/\/ admins assign directly/, 'comments are kept');

    const post = log
      .lines()
      .find((l) =>
        /POST http:\/\/127\.0\.0\.1:\d+\/v1\.0\/identityGovernance\/entitlementManagement\/assignmentPolicies → 201 request-id [0-9a-f-]{36} client-request-id [0-9a-f-]{36} \d+ ms/.test(
          l,
        ),
      );
    assert.ok(post, log.lines().join('\n'));
    assert.deepEqual(leakedSecrets(h.standIn, log.lines().join('\n') + JSON.stringify(fake.dialogs.shown)), []);
  },
);

test('"Copy policy id" puts the new id on the clipboard; "Open in output" shows the channel', { timeout: 20_000 }, async () => {
  fake.dialogs.answers.push({ match: /^Create access package/, answer: 'Create' });
  fake.dialogs.answers.push({ match: /^Created policy/, answer: 'Copy policy id' });
  const outcome = await run();
  await until('the clipboard holds the id', () => fake.clipboard === outcome?.policyId);

  fake.active = new FakeDocument(Uri.file('/work/policies/other.accesspolicy.json'), v1PolicyText({ displayName: 'Other' }));
  fake.dialogs.answers = [
    { match: /^Create access package/, answer: 'Create' },
    { match: /^Created policy/, answer: 'Open in output' },
  ];
  await run();
  await until('the output channel is shown', () => log.shown === 1);
});

test('declining the confirmation sends nothing', async () => {
  const outcome = await run(); // no answer: the modal is dismissed
  assert.equal(outcome, undefined);
  assert.deepEqual(writes(h.standIn), []);
  assert.ok(log.lines().some((l) => /not confirmed; nothing was sent/.test(l)));
});

test('cancelling while signing in and reading the tenant is reported as cancelled, not as a failure', async () => {
  fake.progress.cancel = /preparing/;
  assert.equal(await run(), undefined);
  assert.ok(fake.progress.entries.some((p) => /preparing/.test(p.title)));
  assert.ok(!fake.dialogs.shown.some((d) => d.kind === 'error'), `no error dialog: ${JSON.stringify(fake.dialogs.shown)}`);
  assert.ok(fake.dialogs.shown.some((d) => d.kind === 'info' && /cancelled/i.test(d.message)));
  assert.deepEqual(writes(h.standIn), []);
});

test('an id put into the file while the deploy ran is never overwritten (same rule as the CLI)', async () => {
  const other = '0badc0de-0000-4000-8000-000000000001';
  fake.dialogs.answers.push({ match: /^Create access package/, answer: 'Create' });
  fake.progress.onStart = (title) => {
    if (/deploying/.test(title)) fake.active!.text = fake.active!.text.replace('"displayName"', `"id": "${other}",\n  "displayName"`);
  };
  const outcome = await run();
  assert.equal(outcome?.action, 'created');
  assert.match(fake.active!.text, new RegExp(`"id": "${other}"`));
  assert.doesNotMatch(fake.active!.text, new RegExp(outcome!.policyId));
  assert.ok(
    log.lines().some((l) => l.includes(`the deployed id ${outcome!.policyId} was not written`)),
    log.lines().join('\n'),
  );
  assert.ok(
    fake.dialogs.shown.some((d) => d.kind === 'warning' && d.message.includes(outcome!.policyId)),
    'the user is told the id to add',
  );
});

test('the output channel gets every line through a log level, none with a hand-typed level word', { timeout: 20_000 }, async () => {
  fake.dialogs.answers.push({ match: /^Create access package/, answer: 'Create' });
  assert.equal((await run())?.action, 'created');
  assert.ok(log.lines('info').length > 0);
  assert.deepEqual(
    log.entries.filter((e) => e.level === undefined),
    [],
  );
  assert.ok(
    log.entries.every((e) => !/^\[\w+\] (info|warn|error)\b/.test(e.message)),
    log.lines().join('\n'),
  );
});

test('a Graph request that fails is logged as a warning, the deploy failure as an error', async () => {
  fake.active!.text = v1PolicyText({ displayName: 'Team access', accessPackageId: '0badc0de-0000-4000-8000-00000000ffff' });
  assert.equal(await run(), undefined);
  assert.ok(
    log.lines('warn').some((l) => /GET \S+accessPackages\/0badc0de-0000-4000-8000-00000000ffff\S* → 404/.test(l)),
    log.lines().join('\n'),
  );
  assert.ok(log.lines('error').some((l) => /team\.accesspolicy\.json: /.test(l)));
  assert.deepEqual(writes(h.standIn), []);
});
