// A stand-in for the `vscode` module, so client code (client/src/...) runs under Node's test runner
// and each test can see what it showed and script what the user answers. Only the parts of the API
// the client's Node-run tests reach are here; the real editor is the integration and e2e suites' job.
//
// Use: `const fake = installFakeVscode();` before `require`-ing the client module (a static import
// would be hoisted above the hook and load the real, absent, `vscode`). Call `fake.reset()` in
// beforeEach; a test file adds or replaces what is specific to it on `fake.api`.
import Module from 'node:module';

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
  ) {}
  static from(c: { scheme: string; authority?: string; path: string }): Uri {
    return new Uri(c.scheme, c.authority ?? '', c.path);
  }
  static file(p: string): Uri {
    return new Uri('file', '', p);
  }
  /** scheme://authority/path; query and fragment are kept in the path (nothing here reads them). */
  static parse(value: string): Uri {
    const m = /^([a-zA-Z][\w+.-]*):(?:\/\/([^/]*))?(.*)$/s.exec(value);
    if (!m) throw new Error(`fake vscode: not a URI: ${value}`);
    return new Uri(m[1], m[2] ?? '', m[3]);
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}`;
  }
}

/** A working emitter: `event` is a property (client code hands it out before anyone subscribes). */
export class EventEmitter<T> {
  private listeners = new Set<(value: T) => void>();
  readonly event = (listener: (value: T) => void): { dispose(): void } => {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

/** Offsets rather than line/character: FakeDocument.positionAt returns the offset itself. */
export class Range {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {}
}

export interface TextEdit {
  uri: Uri;
  range: Range;
  text: string;
}

export class WorkspaceEdit {
  readonly edits: TextEdit[] = [];
  replace(uri: Uri, range: Range, text: string): void {
    this.edits.push({ uri, range, text });
  }
}

/** An open editor buffer: text, version (bumped by each applied edit), dirty flag and saves. */
export class FakeDocument {
  version = 1;
  isClosed = false;
  isDirty = false;
  saves = 0;
  constructor(
    readonly uri: Uri,
    public text: string,
    readonly languageId = 'accesspolicy',
  ) {}
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

export interface Dialog {
  kind: 'error' | 'info' | 'warning';
  message: string;
  options?: { modal?: boolean; detail?: string };
  items: string[];
}

/** What the user picks: an item, undefined (dismissed), or 'never' (left open, the promise never settles). */
export type Answer = string | undefined | 'never';

/** Records every message shown and answers from a script matched on the message text. */
export class DialogRecorder {
  shown: Dialog[] = [];
  /** First match wins; a dialog with no matching answer is dismissed (undefined). */
  answers: { match: RegExp; answer: Answer }[] = [];
  /** Runs as each dialog opens, before it is answered (the user acting while it is up). */
  onShow: ((dialog: Dialog) => void) | undefined;

  reset(): void {
    this.shown = [];
    this.answers = [];
    this.onShow = undefined;
  }

  show(kind: Dialog['kind']) {
    return (message: string, ...rest: unknown[]): Promise<string | undefined> => {
      const options = typeof rest[0] === 'object' && rest[0] !== null ? (rest.shift() as Dialog['options']) : undefined;
      const dialog: Dialog = { kind, message, options, items: rest as string[] };
      this.shown.push(dialog);
      this.onShow?.(dialog);
      const a = this.answers.find((x) => x.match.test(message));
      if (a?.answer === 'never') return new Promise(() => undefined);
      // A message without items has nothing to pick, whatever the script says.
      return Promise.resolve(rest.length > 0 ? a?.answer : undefined);
    };
  }
}

export interface ProgressEntry {
  title: string;
  done: boolean;
  messages: string[];
}

/** Records each progress notification and can play the user pressing its Cancel button. */
export class ProgressRecorder {
  entries: ProgressEntry[] = [];
  /** Cancel a cancellable notification whose title matches, as soon as it opens. */
  cancel: RegExp | undefined;
  /** Runs as a notification opens, before its task starts. */
  onStart: ((title: string) => void) | undefined;

  reset(): void {
    this.entries = [];
    this.cancel = undefined;
    this.onStart = undefined;
  }

  readonly withProgress = async <T>(
    opts: { title: string; cancellable?: boolean },
    task: (progress: { report(v: { message?: string }): void }, token: unknown) => Promise<T>,
  ): Promise<T> => {
    const entry: ProgressEntry = { title: opts.title, done: false, messages: [] };
    this.entries.push(entry);
    this.onStart?.(opts.title);
    const listeners: (() => void)[] = [];
    const token = {
      isCancellationRequested: false,
      onCancellationRequested: (fn: () => void) => {
        listeners.push(fn);
        return { dispose() {} };
      },
    };
    try {
      const running = task({ report: (v) => entry.messages.push(v?.message ?? '') }, token);
      if (opts.cancellable && this.cancel?.test(opts.title)) {
        token.isCancellationRequested = true;
        for (const fn of listeners) fn();
      }
      return await running;
    } finally {
      entry.done = true;
    }
  };
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/**
 * A `LogOutputChannel` (`createOutputChannel(name, { log: true })`) that records each line with its
 * level. `appendLine` is recorded as level `undefined`: client code logs through the levels, and a
 * test can assert that nothing bypassed them.
 */
export class FakeLogChannel {
  entries: { level: LogLevel | undefined; message: string }[] = [];
  shown = 0;
  readonly trace = (m: string) => void this.entries.push({ level: 'trace', message: m });
  readonly debug = (m: string) => void this.entries.push({ level: 'debug', message: m });
  readonly info = (m: string) => void this.entries.push({ level: 'info', message: m });
  readonly warn = (m: string) => void this.entries.push({ level: 'warn', message: m });
  readonly error = (m: string | Error) => void this.entries.push({ level: 'error', message: String(m instanceof Error ? m.message : m) });
  readonly appendLine = (m: string) => void this.entries.push({ level: undefined, message: m });
  readonly show = () => void this.shown++;
  /** The messages, optionally of one level only. */
  lines(level?: LogLevel): string[] {
    return this.entries.filter((e) => !level || e.level === level).map((e) => e.message);
  }
  clear(): void {
    this.entries = [];
    this.shown = 0;
  }
}

/** One setting at each level, as `WorkspaceConfiguration.inspect()` reports it. */
export interface Setting {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  defaultValue?: unknown;
}

/** `getConfiguration(section)` over a map of full keys ("section.key") to their values per level. */
export function configuration(settings: () => Map<string, Setting>, section: string) {
  const full = (key: string) => `${section}.${key}`;
  return {
    inspect: (key: string) => ({ key: full(key), defaultValue: undefined, ...settings().get(full(key)) }),
    // What VS Code's get() does: the most specific value wins, workspace over user.
    get: (key: string, fallback?: unknown) => {
      const s = settings().get(full(key));
      return s?.workspaceFolderValue ?? s?.workspaceValue ?? s?.globalValue ?? s?.defaultValue ?? fallback;
    },
  };
}

type Command = (...args: unknown[]) => unknown;
interface ContentProvider {
  provideTextDocumentContent(uri: Uri): string;
}

/** The fake's state and the module object `require('vscode')` returns. */
export class FakeVscode {
  readonly dialogs = new DialogRecorder();
  readonly progress = new ProgressRecorder();
  settings = new Map<string, Setting>();
  /** The document in the active editor, and the only one `openTextDocument` finds. */
  active: FakeDocument | undefined;
  trusted = true;
  clipboard = '';
  /** Every `vscode.diff` the code opened. */
  diffs: { left: Uri; right: Uri; title: string }[] = [];
  /** Made when the module under test loads, so reset() keeps them. */
  readonly commands = new Map<string, Command>();
  readonly providers = new Map<string, ContentProvider>();

  readonly api = this.build();

  /** Forget what the last test saw and scripted; keeps registrations. */
  reset(): void {
    this.dialogs.reset();
    this.progress.reset();
    this.settings = new Map();
    this.active = undefined;
    this.trusted = true;
    this.clipboard = '';
    this.diffs = [];
  }

  private build() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getters below have their own `this`
    const self = this;
    return {
      Uri,
      EventEmitter,
      Range,
      WorkspaceEdit,
      ProgressLocation: { Notification: 15 },
      ExtensionKind: { UI: 1, Workspace: 2 },
      window: {
        get activeTextEditor() {
          return self.active ? { document: self.active } : undefined;
        },
        showErrorMessage: self.dialogs.show('error'),
        showInformationMessage: self.dialogs.show('info'),
        showWarningMessage: self.dialogs.show('warning'),
        showTextDocument: async () => undefined,
        withProgress: self.progress.withProgress,
      },
      workspace: {
        get isTrusted() {
          return self.trusted;
        },
        getConfiguration: (section: string) => configuration(() => self.settings, section),
        openTextDocument: async (uri: Uri) => (self.active && self.active.uri === uri ? self.active : undefined),
        asRelativePath: (uri: Uri) => uri.path.split('/').pop(),
        applyEdit: async (edit: WorkspaceEdit) => {
          // Last edit first, so the offsets of the earlier ones stay valid.
          for (const e of [...edit.edits].sort((a, b) => b.range.start - a.range.start)) {
            const doc = self.active;
            if (!doc || doc.uri !== e.uri) throw new Error(`fake vscode: an edit for ${e.uri.toString()}, which is not the open document`);
            doc.text = doc.text.slice(0, e.range.start) + e.text + doc.text.slice(e.range.end);
            doc.version++;
            doc.isDirty = true;
          }
          return true;
        },
        registerTextDocumentContentProvider: (scheme: string, p: ContentProvider) => {
          self.providers.set(scheme, p);
          return { dispose() {} };
        },
      },
      env: {
        remoteName: undefined as string | undefined,
        openExternal: async () => true,
        clipboard: {
          writeText: async (t: string) => {
            self.clipboard = t;
          },
        },
      },
      commands: {
        registerCommand: (id: string, fn: Command) => {
          self.commands.set(id, fn);
          return { dispose() {} };
        },
        executeCommand: async (id: string, ...args: unknown[]) => {
          if (id === 'vscode.diff') self.diffs.push({ left: args[0] as Uri, right: args[1] as Uri, title: args[2] as string });
        },
      },
    };
  }
}

let current: FakeVscode | undefined;

/** Makes `require('vscode')` return `f.api` in this process (one fake per test file). */
export function installFakeVscode(f = new FakeVscode()): FakeVscode {
  if (!current) {
    const m = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const load = m._load;
    m._load = function (request: string, ...rest: unknown[]) {
      return request === 'vscode' ? current!.api : load.call(this, request, ...rest);
    };
  }
  current = f;
  return f;
}
