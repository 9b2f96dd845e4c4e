// The Convert to v1.0 command's flow, with a stand-in for the VS Code API (the real editor is the
// integration suite's job): the diff opens between the file and the converted text, nothing
// changes until "Apply", edits made meanwhile are never overwritten, and refusals list reasons.
// The conversion itself is the language server's (over JSON-RPC, in this process).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { FakeDocument, FakeLogChannel, Uri, installFakeVscode } from '../support/fakeVscode';
import { BETA_DIRECT, exampleText } from '../support/examples';
import { inProcessPolicyServer, notRunningServer, type TestPolicyServer } from '../support/policyServer';
import { COMMANDS } from '../../common/src/commands';
import type { PolicyServer } from '../../client/src/languageClient';

// In place before the client code is required, so its `import * as vscode` gets the fake.
const fake = installFakeVscode();
const { registerConvert } = require('../../client/src/convert/register') as typeof import('../../client/src/convert/register');

const log = new FakeLogChannel();
let lsp: TestPolicyServer;
/** What the command talks to; a test may swap in a server that is not running. */
let server: PolicyServer;
registerConvert({ subscriptions: [] } as never, log as never, { request: (type, params) => server.request(type, params) });
const run = (arg?: unknown) => fake.commands.get(COMMANDS.convertToV1)!(arg) as Promise<void>;

before(async () => {
  lsp = await inProcessPolicyServer();
});
after(() => lsp?.stop());

const BETA = exampleText(BETA_DIRECT);

beforeEach(() => {
  fake.reset();
  log.clear();
  server = lsp.server;
  fake.active = new FakeDocument(Uri.file('/work/policies/direct.accesspolicy.json'), BETA);
});

test('shows the conversion as a diff and changes nothing until the user applies it', async () => {
  await run();
  assert.equal(fake.diffs.length, 1);
  const { left, right, title } = fake.diffs[0];
  assert.equal(left, fake.active!.uri);
  assert.match(title, /direct\.accesspolicy\.json: beta ↔ v1\.0/);
  const shown = fake.providers.get(right.scheme)!.provideTextDocumentContent(right);
  assert.match(shown, /"allowedTargetScope": "notSpecified"/);
  const prompt = fake.dialogs.shown.find((d) => d.kind === 'info')!;
  assert.equal(prompt.options?.modal, true);
  assert.deepEqual(prompt.items, ['Apply']);
  assert.equal(fake.active!.text, BETA, 'dismissing the prompt leaves the file alone');
});

test('"Apply" replaces the editor text with the v1.0 body', async () => {
  fake.dialogs.answers.push({ match: /(?:)/, answer: 'Apply' }); // to every question
  await run();
  assert.match(fake.active!.text, /^\{\n {2}"\$schema": "https:\/\/entra-access-policy\.dev\/schemas\/accesspolicy-v1\.0\.schema\.json"/);
  assert.match(fake.active!.text, /"accessPackage": \{\n {4}"id": "56ff43fd-6b05-48df-9634-956a777fce6d"/);
  assert.ok(fake.dialogs.shown.some((d) => d.kind === 'info' && /now a v1\.0 policy/.test(d.message)));
});

test('an edit made while the diff is open is never overwritten', async () => {
  fake.dialogs.answers.push({ match: /(?:)/, answer: 'Apply' });
  fake.dialogs.onShow = () => {
    if (fake.active!.version === 1) {
      fake.active!.text += ' ';
      fake.active!.version++;
    }
  };
  await run();
  assert.equal(fake.active!.text, BETA + ' ');
  assert.ok(fake.dialogs.shown.some((d) => d.kind === 'warning' && /changed while the conversion was shown/.test(d.message)));
});

test('a refusal shows a modal error with the reasons and opens no diff', async () => {
  fake.active!.text = BETA.replace(
    '"accessReviewSettings": null,',
    '"accessReviewSettings": null, "verifiableCredentialSettings": { "credentialTypes": [ { "credentialType": "VerifiedEmployee" } ] },',
  );
  await run();
  assert.equal(fake.diffs.length, 0);
  const error = fake.dialogs.shown.find((d) => d.kind === 'error')!;
  assert.equal(error.options?.modal, true);
  assert.match(error.message, /cannot be converted to v1\.0/);
  assert.match(error.options!.detail!, /verifiableCredentialSettings/);
  assert.ok(
    log.lines('warn').some((l) => l.includes('verifiableCredentialSettings')),
    'the reasons are also in the output channel, as a warning',
  );
});

test('without an access policy editor it says what to open', async () => {
  fake.active = undefined;
  await run();
  assert.match(fake.dialogs.shown[0].message, /Open an access policy file/);
});

test('without the language server it says so, and the file is left alone', async () => {
  server = notRunningServer;
  await run();
  assert.equal(fake.diffs.length, 0);
  const error = fake.dialogs.shown.find((d) => d.kind === 'error')!;
  assert.match(error.message, /Convert to v1\.0 failed: The access policy language server is not running/);
  assert.equal(fake.active!.text, BETA);
  assert.ok(log.lines('error').some((l) => /not running/.test(l)));
});

test('every line reaches the output channel through a log level', async () => {
  fake.dialogs.answers.push({ match: /(?:)/, answer: 'Apply' });
  await run();
  assert.ok(log.entries.length > 0);
  assert.deepEqual(
    log.entries.filter((e) => e.level === undefined),
    [],
  );
  assert.ok(
    log.entries.every((e) => !/^\[\w+\] (info|warn|error)\b/.test(e.message)),
    'no hand-typed level words',
  );
});
