// The *Deploy policy* command's flow with a stand-in for the VS Code API (the real editor is the
// e2e suite's job) against the tenant stand-in: trust check, which settings it believes, that it
// validates before signing in, the modal confirmation, the result notification and its actions,
// cancellation, and what reaches the output channel.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { harness, v1PolicyText, writes, leakedSecrets, type Harness } from './helpers';

// ---- a minimal VS Code API, recording what the command does

class Uri {
  private constructor(readonly scheme: string, readonly path: string) {}
  static from(c: { scheme: string; path: string }): Uri {
    return new Uri(c.scheme, c.path);
  }
  static file(p: string): Uri {
    return new Uri('file', p);
  }
  static parse(s: string): Uri {
    return new Uri('https', s);
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

class FakeDocument {
  isDirty = false;
  saves = 0;
  constructor(readonly uri: Uri, public text: string) {}
  getText(): string {
    return this.text;
  }
  positionAt(offset: number): number {
    return offset;
  }
  async save(): Promise<boolean> {
    this.saves++;
    this.isDirty = false;
    return true;
  }
}

interface Dialog {
  kind: 'error' | 'info' | 'warning';
  message: string;
  options?: { modal?: boolean; detail?: string };
  items: string[];
}

interface Setting {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  defaultValue?: unknown;
}

const state = {
  trusted: true,
  dialogs: [] as Dialog[],
  /** Answers by message pattern; a dialog with no matching answer is dismissed (undefined). */
  answers: [] as { match: RegExp; answer: string | undefined | 'never' }[],
  diffs: [] as { title: string }[],
  settings: new Map<string, Setting>(),
  active: undefined as FakeDocument | undefined,
  clipboard: '',
  outputShown: 0,
  /** Cancel the progress notification whose title matches, as soon as it opens. */
  cancelProgress: undefined as RegExp | undefined,
  progressTitles: [] as string[],
  /** Runs when a progress notification opens (the user acting while it runs). */
  onProgress: undefined as ((title: string) => void) | undefined,
};

function dialog(kind: Dialog['kind']) {
  return (message: string, ...rest: unknown[]): Promise<string | undefined> => {
    const options = typeof rest[0] === 'object' && rest[0] !== null ? (rest.shift() as Dialog['options']) : undefined;
    state.dialogs.push({ kind, message, options, items: rest as string[] });
    const a = state.answers.find((x) => x.match.test(message));
    if (a?.answer === 'never') return new Promise(() => undefined); // a notification nobody answers
    return Promise.resolve(rest.length > 0 ? a?.answer : undefined);
  };
}

function configuration(section: string) {
  const full = (key: string) => `${section}.${key}`;
  return {
    inspect: (key: string) => {
      const s = state.settings.get(full(key));
      return { key: full(key), defaultValue: undefined, ...s };
    },
    // What VS Code's get() does: the most specific value wins, workspace over user.
    get: (key: string, fallback?: unknown) => {
      const s = state.settings.get(full(key));
      return s?.workspaceFolderValue ?? s?.workspaceValue ?? s?.globalValue ?? s?.defaultValue ?? fallback;
    },
  };
}

const fakeVscode = {
  Uri,
  EventEmitter: class {
    event = () => ({ dispose() {} });
    fire() {}
    dispose() {}
  },
  Range: class {
    constructor(readonly start: number, readonly end: number) {}
  },
  ProgressLocation: { Notification: 15 },
  WorkspaceEdit: class {
    edits: { uri: Uri; range: { start: number; end: number }; text: string }[] = [];
    replace(uri: Uri, range: { start: number; end: number }, text: string) {
      this.edits.push({ uri, range, text });
    }
  },
  window: {
    get activeTextEditor() {
      return state.active ? { document: state.active } : undefined;
    },
    showErrorMessage: dialog('error'),
    showInformationMessage: dialog('info'),
    showWarningMessage: dialog('warning'),
    showTextDocument: async () => undefined,
    withProgress: async <T>(opts: { title: string; cancellable?: boolean }, task: (p: { report(v: unknown): void }, token: unknown) => Promise<T>): Promise<T> => {
      state.progressTitles.push(opts.title);
      state.onProgress?.(opts.title);
      const listeners: (() => void)[] = [];
      const token = {
        isCancellationRequested: false,
        onCancellationRequested: (fn: () => void) => {
          listeners.push(fn);
          return { dispose() {} };
        },
      };
      const running = task({ report() {} }, token);
      if (opts.cancellable && state.cancelProgress?.test(opts.title)) {
        token.isCancellationRequested = true;
        for (const fn of listeners) fn();
      }
      return running;
    },
  },
  workspace: {
    get isTrusted() {
      return state.trusted;
    },
    getConfiguration: (section: string) => configuration(section),
    openTextDocument: async (uri: Uri) => (state.active && state.active.uri === uri ? state.active : undefined),
    asRelativePath: (uri: Uri) => uri.path.split('/').pop(),
    applyEdit: async (edit: { edits: { uri: Uri; range: { start: number; end: number }; text: string }[] }) => {
      const doc = state.active!;
      for (const e of [...edit.edits].sort((a, b) => b.range.start - a.range.start)) {
        doc.text = doc.text.slice(0, e.range.start) + e.text + doc.text.slice(e.range.end);
      }
      doc.isDirty = true;
      return true;
    },
    registerTextDocumentContentProvider: () => ({ dispose() {} }),
  },
  env: {
    clipboard: {
      writeText: async (t: string) => {
        state.clipboard = t;
      },
    },
  },
  commands: {
    executeCommand: async (id: string, ...args: unknown[]) => {
      if (id === 'vscode.diff') state.diffs.push({ title: args[2] as string });
    },
    registerCommand: () => ({ dispose() {} }),
  },
};

const load = (Module as unknown as { _load: (r: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: (r: string, ...rest: unknown[]) => unknown })._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? fakeVscode : load.call(this, request, ...rest);
};
const { runDeployCommand } = require('../../client/src/deploy/deployCommand') as typeof import('../../client/src/deploy/deployCommand');
const { PreviewDocuments } = require('../../client/src/deploy/previewDocuments') as typeof import('../../client/src/deploy/previewDocuments');

// ---- wiring

let h: Harness;
/** A second loopback server standing for "somewhere a workspace setting tries to send the token". */
let decoy: Server;
let decoyHits = 0;
let decoyUrl = '';
const output: string[] = [];

before(async () => {
  h = await harness();
  decoy = createServer((req, res) => {
    decoyHits++;
    res.writeHead(500).end();
  });
  await new Promise<void>((r) => decoy.listen(0, '127.0.0.1', () => r()));
  decoyUrl = `http://127.0.0.1:${(decoy.address() as AddressInfo).port}`;
});
after(async () => {
  await h?.close();
  await new Promise((r) => decoy?.close(r));
});

beforeEach(() => {
  h.standIn.state.reset();
  state.trusted = true;
  state.dialogs = [];
  state.answers = [];
  state.diffs = [];
  state.clipboard = '';
  state.outputShown = 0;
  state.cancelProgress = undefined;
  state.progressTitles = [];
  state.onProgress = undefined;
  output.length = 0;
  decoyHits = 0;
  state.settings = new Map<string, Setting>([
    ['accessPolicy.tenant', { globalValue: h.standIn.tenantId, defaultValue: '' }],
    ['accessPolicy.cloud', { globalValue: 'usgov', defaultValue: 'global' }],
    ['accessPolicy.dev.graphUrl', { globalValue: h.standIn.url, defaultValue: '' }],
    ['accessPolicy.dev.authorityUrl', { globalValue: h.standIn.url, defaultValue: '' }],
  ]);
  state.active = new FakeDocument(Uri.file('/work/policies/team.accesspolicy.json'), v1PolicyText({ displayName: 'Team access' }));
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
  const channel = { appendLine: (l: string) => output.push(l), show: () => state.outputShown++ };
  return { output: channel, auth, previews: new PreviewDocuments() } as unknown as Parameters<typeof runDeployCommand>[0];
}

const run = () => runDeployCommand(deps(), state.active!.uri);

async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(ok(), `timed out waiting for: ${what}`);
}

// ---- tests

test('an untrusted workspace: refused at run time, nothing signed in or sent', async () => {
  state.trusted = false;
  const calls = h.tokens.calls;
  assert.equal(await run(), undefined);
  assert.match(state.dialogs[0].message, /untrusted workspace/);
  assert.equal(h.tokens.calls, calls);
  assert.deepEqual(h.standIn.state.requests, []);
});

test('workspace values of tenant, cloud and dev URLs are ignored: the token goes where the user settings say', async () => {
  for (const key of ['dev.graphUrl', 'dev.authorityUrl']) state.settings.get(`accessPolicy.${key}`)!.workspaceValue = decoyUrl;
  state.settings.get('accessPolicy.tenant')!.workspaceValue = '11111111-2222-3333-4444-555555555555';
  state.settings.get('accessPolicy.cloud')!.workspaceFolderValue = 'china';
  state.answers.push({ match: /^Create access package/, answer: 'Create' });
  const outcome = await run();
  assert.equal(outcome?.action, 'created');
  assert.equal(decoyHits, 0, 'nothing was sent to the URL from the workspace settings');
  const confirm = state.dialogs.find((d) => d.options?.modal && /^Create/.test(d.message))!;
  assert.match(confirm.options!.detail!, /Cloud: US Government L4/);
  assert.doesNotMatch(confirm.options!.detail!, /11111111-2222/);
});

test('a file with errors is refused before any sign-in, naming the problems', async () => {
  state.active!.text = v1PolicyText({ displayName: 'Team access' }).replace('"notSpecified"', '"nobody"');
  const calls = h.tokens.calls;
  assert.equal(await run(), undefined);
  assert.equal(h.tokens.calls, calls, 'no token was asked for');
  assert.deepEqual(h.standIn.state.requests, [], 'nothing reached the tenant');
  const err = state.dialogs.find((d) => d.kind === 'error');
  assert.ok(err, 'an error is shown');
  assert.match(err.message, /team\.accesspolicy\.json has 1 error/);
  // The notification names the problem itself, not just that there is one.
  assert.match(err.message, /AP1003 "nobody" is not a valid value for allowedTargetScope/);
  assert.ok(err.items.includes('Show problems'));
  assert.ok(output.some((l) => /team\.accesspolicy\.json:\d+:\d+ AP\d{4} /.test(l)), 'the output channel lists the diagnostics');
});

test('create: modal confirmation names tenant, cloud, API version, action and policy; the result offers its actions; the log has each request', { timeout: 20_000 }, async () => {
  state.answers.push({ match: /^Create access package/, answer: 'Create' });
  state.answers.push({ match: /^Created policy/, answer: 'never' }); // the user leaves the result notification alone
  const outcome = await run(); // resolves although the notification is still open
  assert.equal(outcome?.action, 'created');
  const id = outcome!.policyId;

  const confirm = state.dialogs.find((d) => d.kind === 'warning' && d.options?.modal)!;
  assert.equal(confirm.message, `Create access package assignment policy "Team access" in Contoso Test (${h.standIn.tenantId})?`);
  assert.match(confirm.options!.detail!, new RegExp(`Tenant: Contoso Test \\(${h.standIn.tenantId}\\)`));
  assert.match(confirm.options!.detail!, /Cloud: US Government L4 \(GCC High\)/);
  assert.match(confirm.options!.detail!, /API version: v1\.0/);
  assert.match(confirm.options!.detail!, /Action: Create policy "Team access"/);
  assert.deepEqual(confirm.items, ['Create']);
  assert.equal(state.diffs.length, 1, 'the preview diff was shown before the question');

  const result = state.dialogs.find((d) => d.kind === 'info' && /^Created policy/.test(d.message))!;
  assert.match(result.message, new RegExp(`Created policy "Team access" \\(${id}\\) in Contoso Test`));
  assert.deepEqual(result.items, ['Open in output', 'Copy policy id']);
  assert.match(state.active!.text, new RegExp(`"id": "${id}"`));
  assert.match(state.active!.text, /\/\/ admins assign directly/, 'comments are kept');

  const post = output.find((l) => /POST http:\/\/127\.0\.0\.1:\d+\/v1\.0\/identityGovernance\/entitlementManagement\/assignmentPolicies → 201 request-id [0-9a-f-]{36} client-request-id [0-9a-f-]{36} \d+ ms/.test(l));
  assert.ok(post, output.join('\n'));
  assert.deepEqual(leakedSecrets(h.standIn, output.join('\n') + JSON.stringify(state.dialogs)), []);
});

test('"Copy policy id" puts the new id on the clipboard; "Open in output" shows the channel', { timeout: 20_000 }, async () => {
  state.answers.push({ match: /^Create access package/, answer: 'Create' });
  state.answers.push({ match: /^Created policy/, answer: 'Copy policy id' });
  const outcome = await run();
  await until('the clipboard holds the id', () => state.clipboard === outcome?.policyId);

  state.active = new (state.active!.constructor as typeof FakeDocument)(Uri.file('/work/policies/other.accesspolicy.json'), v1PolicyText({ displayName: 'Other' }));
  state.answers = [
    { match: /^Create access package/, answer: 'Create' },
    { match: /^Created policy/, answer: 'Open in output' },
  ];
  await run();
  await until('the output channel is shown', () => state.outputShown === 1);
});

test('declining the confirmation sends nothing', async () => {
  const outcome = await run(); // no answer: the modal is dismissed
  assert.equal(outcome, undefined);
  assert.deepEqual(writes(h.standIn), []);
  assert.ok(output.some((l) => /not confirmed; nothing was sent/.test(l)));
});

test('cancelling while signing in and reading the tenant is reported as cancelled, not as a failure', async () => {
  state.cancelProgress = /preparing/;
  assert.equal(await run(), undefined);
  assert.ok(state.progressTitles.some((t) => /preparing/.test(t)));
  assert.ok(!state.dialogs.some((d) => d.kind === 'error'), `no error dialog: ${JSON.stringify(state.dialogs)}`);
  assert.ok(state.dialogs.some((d) => d.kind === 'info' && /cancelled/i.test(d.message)));
  assert.deepEqual(writes(h.standIn), []);
});

test('an id put into the file while the deploy ran is never overwritten (same rule as the CLI)', async () => {
  const other = '0badc0de-0000-4000-8000-000000000001';
  state.answers.push({ match: /^Create access package/, answer: 'Create' });
  state.onProgress = (title) => {
    if (/deploying/.test(title)) state.active!.text = state.active!.text.replace('"displayName"', `"id": "${other}",\n  "displayName"`);
  };
  const outcome = await run();
  assert.equal(outcome?.action, 'created');
  assert.match(state.active!.text, new RegExp(`"id": "${other}"`));
  assert.doesNotMatch(state.active!.text, new RegExp(outcome!.policyId));
  assert.ok(output.some((l) => l.includes(`the deployed id ${outcome!.policyId} was not written`)), output.join('\n'));
  assert.ok(state.dialogs.some((d) => d.kind === 'warning' && d.message.includes(outcome!.policyId)), 'the user is told the id to add');
});
