// The environment picker and the tenant confirmation of the VS Code client, with a stand-in for
// the VS Code API (the real editor is the integration suite's job) and the real language server
// core answering accessPolicy/config: the status-bar item only in a workspace with a
// configuration, the picker's choice remembered in workspaceState, and the tenant a workspace file
// names used only after a modal that names tenant and cloud, asked once per workspace and
// environment, and again when the file names another tenant.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeDocument, FakeLogChannel, Uri, installFakeVscode } from '../support/fakeVscode';
import { inProcessPolicyServer, type TestPolicyServer } from '../support/policyServer';

const fake = installFakeVscode();
// What this file needs beyond the shared fake: status bar, quick pick, file system, folders.
const statusBar = { text: '', tooltip: '' as unknown, visible: false, command: '' as unknown, name: '' };
let picks: { items: { label: string; detail?: string }[]; answer: string | undefined }[] = [];
let pickAnswer: string | undefined;
let root = '';
Object.defineProperty(Uri.prototype, 'fsPath', {
  get(this: Uri) {
    return this.path;
  },
});
Object.assign(Uri, { joinPath: (u: Uri, ...segments: string[]) => Uri.file(path.posix.join(u.path, ...segments)) });
const api = fake.api as unknown as Record<string, Record<string, unknown>>;
Object.assign(api, {
  StatusBarAlignment: { Left: 1, Right: 2 },
  RelativePattern: class {
    constructor(
      readonly base: unknown,
      readonly pattern: string,
    ) {}
  },
});
Object.assign(api.window, {
  createStatusBarItem: () => ({
    ...statusBar,
    set text(v: string) {
      statusBar.text = v;
    },
    get text() {
      return statusBar.text;
    },
    set tooltip(v: unknown) {
      statusBar.tooltip = v;
    },
    show: () => void (statusBar.visible = true),
    hide: () => void (statusBar.visible = false),
    dispose: () => undefined,
  }),
  showQuickPick: async (items: { label: string; detail?: string }[]) => {
    picks.push({ items, answer: pickAnswer });
    return items.find((i) => i.label === pickAnswer);
  },
  onDidChangeActiveTextEditor: () => ({ dispose() {} }),
});
Object.assign(api.workspace, {
  get workspaceFolders() {
    return [{ uri: Uri.file(root), name: 'ws', index: 0 }];
  },
  getWorkspaceFolder: (u: Uri) => (u.path.startsWith(root) ? { uri: Uri.file(root), name: 'ws', index: 0 } : undefined),
  createFileSystemWatcher: () => ({
    onDidCreate: () => ({ dispose() {} }),
    onDidChange: () => ({ dispose() {} }),
    onDidDelete: () => ({ dispose() {} }),
    dispose() {},
  }),
  findFiles: async () => [],
  asRelativePath: (u: Uri) => path.relative(root, u.path),
  fs: {
    readFile: async (u: Uri) => new Uint8Array(readFileSync(u.path)),
    stat: async (u: Uri) => statSync(u.path),
  },
});

const { Environments } =
  require('../../client/src/environments/environments') as typeof import('../../client/src/environments/environments');

class Memento {
  readonly values = new Map<string, unknown>();
  get<T>(key: string, fallback?: T): T {
    return (this.values.has(key) ? this.values.get(key) : fallback) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
  keys(): string[] {
    return [...this.values.keys()];
  }
}

const PROD = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const config = (prodTenant = PROD) => `{
  "environments": {
    "dev": { "tenant": "contoso-dev.onmicrosoft.com" },
    "prod": { "tenant": "${prodTenant}", "cloud": "usgov" }
  }
}`;
let lsp: TestPolicyServer;
let state: Memento;
const log = new FakeLogChannel();
let policy: Uri;

before(async () => {
  lsp = await inProcessPolicyServer();
});
after(async () => lsp?.stop());
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'envs-client-'));
  mkdirSync(path.join(root, 'policies', 'HR'), { recursive: true });
  writeFileSync(path.join(root, 'policies', 'accesspolicy.config.json'), config());
  policy = Uri.file(path.join(root, 'policies', 'HR', 'Onboarding.accesspolicy.json'));
  writeFileSync(policy.path, '{}');
  fake.reset();
  fake.active = new FakeDocument(policy, '{}');
  picks = [];
  pickAnswer = undefined;
  statusBar.visible = false;
  statusBar.text = '';
  state = new Memento();
});

const waitFor = async (what: string, ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(ok(), what);
};

test('the status bar names the active environment; the picker lists tenant and cloud and its choice is remembered per workspace', async () => {
  const envs = new Environments(state as never, lsp.server, log as never);
  await envs.refresh();
  assert.equal(statusBar.visible, true);
  assert.equal(statusBar.text, '$(server-environment) no environment');
  pickAnswer = 'prod';
  assert.equal(await envs.select(), 'prod');
  assert.deepEqual(
    picks[0].items.map((i) => [i.label, i.detail]),
    [
      ['dev', 'tenant contoso-dev.onmicrosoft.com, cloud Global (including GCC)'],
      ['prod', `tenant ${PROD}, cloud US Government L4 (GCC High)`],
    ],
  );
  assert.equal(statusBar.text, '$(server-environment) prod');
  // A new window on the same workspace state remembers it.
  const again = new Environments(state as never, lsp.server, log as never);
  await again.refresh();
  assert.equal(statusBar.text, '$(server-environment) prod');
  envs.dispose();
  again.dispose();
  rmSync(root, { recursive: true, force: true });
});

test("a deploy uses the workspace file's tenant only after a modal naming tenant and cloud, once per workspace and environment", async () => {
  const envs = new Environments(state as never, lsp.server, log as never);
  pickAnswer = 'prod';
  // Declined: nothing is used, and the next deploy asks again.
  fake.dialogs.answers = [{ match: /Deploy to tenant/, answer: undefined }];
  await assert.rejects(envs.forDeploy(policy as never), /was not confirmed; nothing was deployed/);
  const modal = fake.dialogs.shown.find((d) => /Deploy to tenant/.test(d.message))!;
  assert.equal(modal.message, `Deploy to tenant ${PROD} (cloud US Government L4 (GCC High))?`);
  assert.equal(modal.options?.modal, true);
  assert.match(modal.options?.detail ?? '', /policies\/accesspolicy\.config\.json names this tenant for environment "prod"/);
  // Confirmed: the environment with its tenant, cloud and ids file.
  fake.dialogs.answers = [{ match: /Deploy to tenant/, answer: 'Use this tenant' }];
  const env = await envs.forDeploy(policy as never);
  assert.equal(env?.name, 'prod');
  assert.equal(env?.tenant, PROD);
  assert.equal(env?.cloud, 'usgov');
  assert.equal(env?.ids.file, path.join(root, 'policies', 'accesspolicy.ids.json'));
  // Remembered: no second modal for the same environment and tenant.
  const shown = fake.dialogs.shown.length;
  await envs.forDeploy(policy as never);
  assert.equal(fake.dialogs.shown.length, shown, 'asked once');
  // The file now names another tenant for prod: asked again.
  writeFileSync(path.join(root, 'policies', 'accesspolicy.config.json'), config('fabrikam.onmicrosoft.com'));
  fake.dialogs.answers = [{ match: /Deploy to tenant/, answer: undefined }];
  await assert.rejects(envs.forDeploy(policy as never), /fabrikam\.onmicrosoft\.com .* was not confirmed/);
  envs.dispose();
  rmSync(root, { recursive: true, force: true });
});

test('no configuration: no status-bar item, and deploy goes on as before (no environment)', async () => {
  rmSync(path.join(root, 'policies', 'accesspolicy.config.json'));
  const envs = new Environments(state as never, lsp.server, log as never);
  await envs.refresh();
  assert.equal(statusBar.visible, false);
  assert.equal(await envs.forDeploy(policy as never), undefined);
  assert.equal(fake.dialogs.shown.length, 0);
  envs.dispose();
  rmSync(root, { recursive: true, force: true });
});

test('an invalid configuration: the status bar says so, and deploy stops with the first error', async () => {
  writeFileSync(
    path.join(root, 'policies', 'accesspolicy.config.json'),
    '{ "environments": { "dev": { "tenant": "contoso.com", "cloud": "https://graph.microsoft.us" } } }',
  );
  const envs = new Environments(state as never, lsp.server, log as never);
  await envs.refresh();
  await waitFor('status shown', () => statusBar.visible);
  assert.equal(statusBar.text, '$(server-environment) config has errors');
  await assert.rejects(envs.forDeploy(policy as never), /has errors, so the environment is unknown; nothing was deployed\. .*AP3007/);
  envs.dispose();
  rmSync(root, { recursive: true, force: true });
});

test("the editor's lookups use the chosen environment's tenant only once confirmed: choosing it in the picker asks, declining keeps it unused", async () => {
  const envs = new Environments(state as never, lsp.server, log as never);
  let changes = 0;
  envs.onDidChange(() => changes++);
  await envs.refresh();
  // A configuration, no environment chosen: the lookups ask the signed-in tenant, as without one.
  assert.equal(envs.lookupEnvironment(), null);
  pickAnswer = 'prod';
  fake.dialogs.answers = [{ match: /Use tenant/, answer: undefined }];
  assert.equal(await envs.select(), 'prod');
  const asked = fake.dialogs.shown.find((d) => /Use tenant/.test(d.message))!;
  assert.equal(asked.message, `Use tenant ${PROD} (cloud US Government L4 (GCC High)) for environment "prod"?`);
  assert.equal(asked.options?.modal, true);
  await waitFor('declined: chosen, not confirmed', () => envs.lookupEnvironment()?.confirmed === false);
  assert.deepEqual(envs.lookupEnvironment(), {
    config: Uri.file(path.join(root, 'policies', 'accesspolicy.config.json')).toString(),
    name: 'prod',
    tenant: PROD,
    cloud: 'usgov',
    confirmed: false,
  });
  // Chosen again and confirmed: the lookups may use it, and they are told.
  const before = changes;
  fake.dialogs.answers = [{ match: /Use tenant/, answer: 'Use this tenant' }];
  await envs.select();
  await waitFor('confirmed', () => envs.lookupEnvironment()?.confirmed === true);
  assert.ok(changes > before, 'the change is announced (the lookups drop their cache)');
  // The deploy's confirmation is the same one: no second modal.
  const shown = fake.dialogs.shown.length;
  await envs.forDeploy(policy as never);
  assert.equal(fake.dialogs.shown.length, shown);
  envs.dispose();
  rmSync(root, { recursive: true, force: true });
});
