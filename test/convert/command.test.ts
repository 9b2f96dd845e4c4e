// The Convert to v1.0 command's flow, with a stand-in for the VS Code API (the real editor is the
// integration suite's job): the diff opens between the file and the converted text, nothing
// changes until "Apply", edits made meanwhile are never overwritten, and refusals list reasons.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// ---- a minimal VS Code API, recording what the command does

class Uri {
  private constructor(readonly scheme: string, readonly path: string) {}
  static from(c: { scheme: string; path: string }): Uri {
    return new Uri(c.scheme, c.path);
  }
  static file(p: string): Uri {
    return new Uri('file', p);
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

class FakeDocument {
  version = 1;
  isClosed = false;
  constructor(readonly uri: Uri, public text: string, readonly languageId = 'accesspolicy') {}
  getText(): string {
    return this.text;
  }
  positionAt(offset: number): number {
    return offset;
  }
}

interface Dialog {
  kind: 'error' | 'info' | 'warning';
  message: string;
  options?: { modal?: boolean; detail?: string };
  items: string[];
}

const state = {
  dialogs: [] as Dialog[],
  answer: undefined as string | undefined,
  diffs: [] as { left: Uri; right: Uri; title: string }[],
  providers: new Map<string, { provideTextDocumentContent(u: Uri): string }>(),
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  active: undefined as FakeDocument | undefined,
  beforeAnswer: undefined as (() => void) | undefined,
};

function dialog(kind: Dialog['kind']) {
  return async (message: string, ...rest: unknown[]) => {
    const options = typeof rest[0] === 'object' && rest[0] !== null ? (rest.shift() as Dialog['options']) : undefined;
    state.dialogs.push({ kind, message, options, items: rest as string[] });
    state.beforeAnswer?.();
    return rest.length > 0 ? state.answer : undefined;
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
  },
  workspace: {
    registerTextDocumentContentProvider: (scheme: string, p: { provideTextDocumentContent(u: Uri): string }) => {
      state.providers.set(scheme, p);
      return { dispose() {} };
    },
    openTextDocument: async (uri: Uri) => (state.active && state.active.uri === uri ? state.active : undefined),
    applyEdit: async (edit: { edits: { uri: Uri; range: { start: number; end: number }; text: string }[] }) => {
      for (const e of edit.edits) {
        const doc = state.active!;
        doc.text = doc.text.slice(0, e.range.start) + e.text + doc.text.slice(e.range.end);
        doc.version++;
      }
      return true;
    },
  },
  commands: {
    registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
      state.commands.set(id, fn);
      return { dispose() {} };
    },
    executeCommand: async (id: string, ...args: unknown[]) => {
      if (id === 'vscode.diff') state.diffs.push({ left: args[0] as Uri, right: args[1] as Uri, title: args[2] as string });
    },
  },
};

const load = (Module as unknown as { _load: (r: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: (r: string, ...rest: unknown[]) => unknown })._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? fakeVscode : load.call(this, request, ...rest);
};
const { registerConvert, CONVERT_COMMAND } = require('../../client/src/convert/register') as typeof import('../../client/src/convert/register');

const logLines: string[] = [];
registerConvert({ subscriptions: [] } as never, { appendLine: (l: string) => logLines.push(l) } as never);
const run = (arg?: unknown) => state.commands.get(CONVERT_COMMAND)!(arg) as Promise<void>;

const BETA = readFileSync(path.join(__dirname, 'fixtures', 'beta-create-direct-assignment.json'), 'utf8');

beforeEach(() => {
  state.dialogs = [];
  state.diffs = [];
  state.answer = undefined;
  state.beforeAnswer = undefined;
  state.active = new FakeDocument(Uri.file('/work/policies/direct.accesspolicy.json'), BETA);
});

test('shows the conversion as a diff and changes nothing until the user applies it', async () => {
  await run();
  assert.equal(state.diffs.length, 1);
  const { left, right, title } = state.diffs[0];
  assert.equal(left, state.active!.uri);
  assert.match(title, /direct\.accesspolicy\.json: beta ↔ v1\.0/);
  const shown = state.providers.get(right.scheme)!.provideTextDocumentContent(right);
  assert.match(shown, /"allowedTargetScope": "notSpecified"/);
  const prompt = state.dialogs.find((d) => d.kind === 'info')!;
  assert.equal(prompt.options?.modal, true);
  assert.deepEqual(prompt.items, ['Apply']);
  assert.equal(state.active!.text, BETA, 'dismissing the prompt leaves the file alone');
});

test('"Apply" replaces the editor text with the v1.0 body', async () => {
  state.answer = 'Apply';
  await run();
  assert.match(state.active!.text, /^\{\n {2}"\$schema": "https:\/\/entra-access-policy\.dev\/schemas\/accesspolicy-v1\.0\.schema\.json"/);
  assert.match(state.active!.text, /"accessPackage": \{\n {4}"id": "56ff43fd-6b05-48df-9634-956a777fce6d"/);
  assert.ok(state.dialogs.some((d) => d.kind === 'info' && /now a v1\.0 policy/.test(d.message)));
});

test('an edit made while the diff is open is never overwritten', async () => {
  state.answer = 'Apply';
  state.beforeAnswer = () => {
    if (state.active!.version === 1) {
      state.active!.text += ' ';
      state.active!.version++;
    }
  };
  await run();
  assert.equal(state.active!.text, BETA + ' ');
  assert.ok(state.dialogs.some((d) => d.kind === 'warning' && /changed while the conversion was shown/.test(d.message)));
});

test('a refusal shows a modal error with the reasons and opens no diff', async () => {
  state.active!.text = BETA.replace('"accessReviewSettings": null,', '"accessReviewSettings": null, "verifiableCredentialSettings": { "credentialTypes": [ { "credentialType": "VerifiedEmployee" } ] },');
  await run();
  assert.equal(state.diffs.length, 0);
  const error = state.dialogs.find((d) => d.kind === 'error')!;
  assert.equal(error.options?.modal, true);
  assert.match(error.message, /cannot be converted to v1\.0/);
  assert.match(error.options!.detail!, /verifiableCredentialSettings/);
  assert.ok(logLines.some((l) => l.includes('verifiableCredentialSettings')), 'the reasons are also in the output channel');
});

test('without an access policy editor it says what to open', async () => {
  state.active = undefined;
  await run();
  assert.match(state.dialogs[0].message, /Open an access policy file/);
});
