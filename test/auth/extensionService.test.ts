// The extension's sign-in service (client/src/auth) with a stand-in for the VS Code API and the
// real msal-node against the sign-in stand-in: which settings it believes, and that cancelling the
// deploy that asked for a token also ends the sign-in it started.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';
import { readFileSync } from 'node:fs';
import { MemorySecretStore, SignInError } from '../../deploy/src/auth';
import { ALICE, TENANT_ID, httpRequest, startStandIn, type StandIn } from './standIn';

interface Setting {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  defaultValue?: unknown;
}

const state = {
  settings: new Map<string, Setting>(),
  messages: [] as string[],
  progress: [] as { title: string; done: boolean; messages: string[] }[],
  /** Play the user who approves a device code as soon as it is shown. */
  answerDeviceCode: false,
};

const fakeVscode = {
  EventEmitter: class {
    event = () => ({ dispose() {} });
    fire() {}
    dispose() {}
  },
  ExtensionKind: { UI: 1, Workspace: 2 },
  ProgressLocation: { Notification: 15 },
  Uri: { parse: (s: string) => s },
  env: { remoteName: undefined, openExternal: async () => true, clipboard: { writeText: async () => undefined } },
  window: {
    showInformationMessage: (message: string) => {
      state.messages.push(message);
      const code = /open (\S+) and enter the code (\S+)\./.exec(message);
      if (code && state.answerDeviceCode) void httpRequest(`${code[1]}?user_code=${encodeURIComponent(code[2])}&username=${encodeURIComponent(ALICE.username)}`);
      return new Promise(() => undefined); // left open, as a user would
    },
    withProgress: async <T>(opts: { title: string }, task: (p: unknown, token: unknown) => Promise<T>): Promise<T> => {
      const entry = { title: opts.title, done: false, messages: [] as string[] };
      state.progress.push(entry);
      try {
        return await task({ report: (v: { message?: string }) => entry.messages.push(v.message ?? '') }, { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) });
      } finally {
        entry.done = true;
      }
    },
  },
  workspace: {
    getConfiguration: (section: string) => ({
      inspect: (key: string) => ({ key: `${section}.${key}`, ...state.settings.get(`${section}.${key}`) }),
      get: (key: string, fallback?: unknown) => {
        const s = state.settings.get(`${section}.${key}`);
        return s?.workspaceFolderValue ?? s?.workspaceValue ?? s?.globalValue ?? s?.defaultValue ?? fallback;
      },
    }),
  },
};

const load = (Module as unknown as { _load: (r: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: (r: string, ...rest: unknown[]) => unknown })._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? fakeVscode : load.call(this, request, ...rest);
};
const { ExtensionAuthService } = require('../../client/src/auth/authService') as typeof import('../../client/src/auth/authService');
const { readAuthSettings, AUTH_SETTING_KEYS } = require('../../client/src/auth/settings') as typeof import('../../client/src/auth/settings');

let standIn: StandIn;
before(async () => {
  standIn = await startStandIn({ deviceCodeIntervalSeconds: 1 });
});
after(() => standIn.close());

beforeEach(() => {
  state.messages = [];
  state.progress = [];
  state.answerDeviceCode = false;
  state.settings = new Map<string, Setting>([
    ['accessPolicy.tenant', { globalValue: TENANT_ID, defaultValue: '' }],
    ['accessPolicy.signInMethod', { globalValue: 'deviceCode', defaultValue: 'auto' }],
    ['accessPolicy.dev.authorityUrl', { globalValue: standIn.url, defaultValue: '' }],
  ]);
});

function service() {
  const log: string[] = [];
  const context = { secrets: new MemorySecretStore(), extension: { extensionKind: 2 }, subscriptions: [] };
  const s = new ExtensionAuthService(context as never, { appendLine: (l: string) => log.push(l) } as never);
  return { s, log };
}

test('every setting that decides where a token goes is application- or machine-scoped in the manifest', () => {
  const props = JSON.parse(readFileSync('package.json', 'utf8')).contributes.configuration.properties;
  for (const key of AUTH_SETTING_KEYS) {
    assert.ok(props[key], `${key} is contributed`);
    assert.ok(['application', 'machine'].includes(props[key].scope), `${key} has scope ${props[key].scope}`);
  }
});

test('sign-in settings come from the user level only; workspace values are ignored', () => {
  for (const key of ['tenant', 'clientId', 'cloud', 'dev.authorityUrl', 'dev.graphUrl']) {
    const s = state.settings.get(`accessPolicy.${key}`) ?? {};
    state.settings.set(`accessPolicy.${key}`, { ...s, workspaceValue: key === 'cloud' ? 'china' : key.startsWith('dev.') ? 'http://127.0.0.1:9' : '99999999-9999-4999-8999-999999999999' });
  }
  const s = readAuthSettings();
  assert.equal(s.tenant, TENANT_ID);
  assert.equal(s.cloud, 'global');
  assert.equal(s.clientId, '14d82eec-204b-4c2f-b7e8-296a70dab67e');
  assert.equal(s.overrides?.authorityUrl, standIn.url);
  assert.equal(s.overrides?.graphUrl, undefined);
});

test('cancelling the deploy that asked for a token ends the device code sign-in it started', { timeout: 15_000 }, async () => {
  const { s } = service();
  const ac = new AbortController();
  const pending = s.getTokenProvider().getToken({ signal: ac.signal });
  for (let i = 0; i < 2000 && !state.messages.some((m) => /enter the code/.test(m)); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(state.messages.some((m) => /enter the code/.test(m)), 'the device code was shown');
  ac.abort();
  await assert.rejects(pending, (e: unknown) => e instanceof SignInError && e.kind === 'cancelled');
  assert.ok(state.progress.every((p) => p.done), 'no sign-in progress is left running');
});

test('an unknown cloud in the user settings is an error naming the setting, not a silent switch to the global cloud', () => {
  state.settings.set('accessPolicy.cloud', { globalValue: 'gcc-high', defaultValue: 'global' });
  assert.throws(() => readAuthSettings(), /accessPolicy\.cloud.*"gcc-high".*global, usgov, usgovdod, china/);
});

test('a deploy keeps the sign-in settings it started with, even if the settings change meanwhile', { timeout: 15_000 }, async () => {
  const { s } = service();
  state.answerDeviceCode = true;
  const pinned = readAuthSettings();
  const tokens = s.getTokenProvider(pinned);
  const first = await tokens.getToken();
  assert.equal(first.account.tenantId, TENANT_ID);
  // The user (or a settings sync) points the extension at another tenant while the deploy runs.
  state.settings.set('accessPolicy.tenant', { globalValue: '99999999-9999-4999-8999-999999999999', defaultValue: '' });
  const shown = state.messages.length;
  const again = await tokens.getToken({ forceRefresh: true });
  assert.equal(again.account.tenantId, TENANT_ID, 'the token is still for the tenant the deploy named');
  assert.equal(state.messages.length, shown, 'no second sign-in was started');
});

test('the device code is shown in the sign-in progress, which closes once signed in (no notification left behind)', { timeout: 15_000 }, async () => {
  const { s } = service();
  state.answerDeviceCode = true;
  state.progress.length = 0;
  const account = await s.signIn('deviceCode');
  assert.equal(account?.tenantId, TENANT_ID);
  const carrier = state.progress.find((p) => p.messages.some((m) => /enter the code \S+/.test(m)));
  assert.ok(carrier, 'a progress notification carried the code');
  assert.equal(carrier.done, true, 'and it closed when the sign-in ended');
  state.answerDeviceCode = false;
});
