// The extension's sign-in service (client/src/auth) with a stand-in for the VS Code API and the
// real msal-node against the sign-in stand-in: which settings it believes, and that cancelling the
// deploy that asked for a token also ends the sign-in it started.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySecretStore, SignInError } from '../../deploy/src/auth';
import { ALICE, TENANT_ID, httpRequest, startStandIn, type StandIn } from './standIn';
import { FakeLogChannel, installFakeVscode, type Setting } from '../support/fakeVscode';

// In place before the client code is required, so its `import * as vscode` gets the fake.
const fake = installFakeVscode();
/** Play the user who approves a device code as soon as it is shown. */
let answerDeviceCode = false;
const messages = () => fake.dialogs.shown.map((d) => d.message);
const { ExtensionAuthService } = require('../../client/src/auth/authService') as typeof import('../../client/src/auth/authService');
const { readAuthSettings } = require('../../client/src/auth/settings') as typeof import('../../client/src/auth/settings');

let standIn: StandIn;
before(async () => {
  standIn = await startStandIn({ deviceCodeIntervalSeconds: 1 });
});
after(() => standIn.close());

beforeEach(() => {
  fake.reset();
  answerDeviceCode = false;
  fake.dialogs.answers = [{ match: /(?:)/, answer: 'never' }]; // left open, as a user would
  fake.dialogs.onShow = ({ message }) => {
    const code = /open (\S+) and enter the code (\S+)\./.exec(message);
    if (code && answerDeviceCode)
      void httpRequest(`${code[1]}?user_code=${encodeURIComponent(code[2])}&username=${encodeURIComponent(ALICE.username)}`);
  };
  fake.settings = new Map<string, Setting>([
    ['accessPolicy.tenant', { globalValue: TENANT_ID, defaultValue: '' }],
    ['accessPolicy.signInMethod', { globalValue: 'deviceCode', defaultValue: 'auto' }],
    ['accessPolicy.dev.authorityUrl', { globalValue: standIn.url, defaultValue: '' }],
  ]);
});

function service() {
  const log = new FakeLogChannel();
  const context = { secrets: new MemorySecretStore(), extension: { extensionKind: 2 }, subscriptions: [] };
  const s = new ExtensionAuthService(context as never, log as never);
  return { s, log };
}

test('sign-in settings come from the user level only; workspace values are ignored', () => {
  for (const key of ['tenant', 'clientId', 'cloud', 'dev.authorityUrl', 'dev.graphUrl']) {
    const s = fake.settings.get(`accessPolicy.${key}`) ?? {};
    fake.settings.set(`accessPolicy.${key}`, {
      ...s,
      workspaceValue: key === 'cloud' ? 'china' : key.startsWith('dev.') ? 'http://127.0.0.1:9' : '99999999-9999-4999-8999-999999999999',
    });
  }
  const s = readAuthSettings();
  assert.equal(s.tenant, TENANT_ID);
  assert.equal(s.cloud, 'global');
  assert.equal(s.clientId, '14d82eec-204b-4c2f-b7e8-296a70dab67e');
  assert.equal(s.overrides?.authorityUrl, standIn.url);
  assert.equal(s.overrides?.graphUrl, undefined);
});

test('a user-level dev URL off this machine is refused by the same rule as the CLI, naming the host', () => {
  for (const [url, reason] of [
    ['https://graph.attacker.example', /graph\.attacker\.example is not a loopback address/],
    ['https://graph.microsoft.com', /graph\.microsoft\.com is not a loopback address/],
    ['http://localhost', /must name a port/],
  ] as const) {
    fake.settings.set('accessPolicy.dev.graphUrl', { globalValue: url, defaultValue: '' });
    assert.throws(
      () => readAuthSettings(),
      (e: Error) => /^Setting accessPolicy\.dev\.graphUrl must be a loopback URL/.test(e.message) && reason.test(e.message),
      url,
    );
  }
  fake.settings.set('accessPolicy.dev.graphUrl', { globalValue: 'https://[::1]:8443', defaultValue: '' });
  assert.equal(readAuthSettings().overrides?.graphUrl, 'https://[::1]:8443');
});

test('cancelling the deploy that asked for a token ends the device code sign-in it started', { timeout: 15_000 }, async () => {
  const { s } = service();
  const ac = new AbortController();
  const pending = s.getTokenProvider().getToken({ signal: ac.signal });
  for (let i = 0; i < 2000 && !messages().some((m) => /enter the code/.test(m)); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(
    messages().some((m) => /enter the code/.test(m)),
    'the device code was shown',
  );
  ac.abort();
  await assert.rejects(pending, (e: unknown) => e instanceof SignInError && e.kind === 'cancelled');
  assert.ok(
    fake.progress.entries.every((p) => p.done),
    'no sign-in progress is left running',
  );
});

test('an unknown cloud in the user settings is an error naming the setting, not a silent switch to the global cloud', () => {
  fake.settings.set('accessPolicy.cloud', { globalValue: 'gcc-high', defaultValue: 'global' });
  assert.throws(() => readAuthSettings(), /accessPolicy\.cloud.*"gcc-high".*global, usgov, usgovdod, china/);
});

test('a deploy keeps the sign-in settings it started with, even if the settings change meanwhile', { timeout: 15_000 }, async () => {
  const { s } = service();
  answerDeviceCode = true;
  const pinned = readAuthSettings();
  const tokens = s.getTokenProvider(pinned);
  const first = await tokens.getToken();
  assert.equal(first.account.tenantId, TENANT_ID);
  // The user (or a settings sync) points the extension at another tenant while the deploy runs.
  fake.settings.set('accessPolicy.tenant', { globalValue: '99999999-9999-4999-8999-999999999999', defaultValue: '' });
  const shown = messages().length;
  const again = await tokens.getToken({ forceRefresh: true });
  assert.equal(again.account.tenantId, TENANT_ID, 'the token is still for the tenant the deploy named');
  assert.equal(messages().length, shown, 'no second sign-in was started');
});

test(
  'the device code is shown in the sign-in progress, which closes once signed in (no notification left behind)',
  { timeout: 15_000 },
  async () => {
    const { s } = service();
    answerDeviceCode = true;
    fake.progress.entries.length = 0;
    const account = await s.signIn('deviceCode');
    assert.equal(account?.tenantId, TENANT_ID);
    const carrier = fake.progress.entries.find((p) => p.messages.some((m) => /enter the code \S+/.test(m)));
    assert.ok(carrier, 'a progress notification carried the code');
    assert.equal(carrier.done, true, 'and it closed when the sign-in ended');
    answerDeviceCode = false;
  },
);

test(
  'the sign-in logs through the channel levels: the stand-in warning as a warning, the account as info, no hand-typed level words',
  { timeout: 15_000 },
  async () => {
    const { s, log } = service();
    answerDeviceCode = true;
    await s.signIn('deviceCode');
    assert.ok(
      log.lines('warn').some((l) => /using local sign-in stand-in/.test(l)),
      log.lines().join('\n'),
    );
    assert.ok(log.lines('info').some((l) => /signed in as .* in tenant /.test(l)));
    assert.deepEqual(
      log.entries.filter((e) => e.level === undefined),
      [],
    );
    assert.ok(
      log.entries.every((e) => !/^\[\w+\] (info|warn|error)\b/.test(e.message)),
      log.lines().join('\n'),
    );
    answerDeviceCode = false;
  },
);
