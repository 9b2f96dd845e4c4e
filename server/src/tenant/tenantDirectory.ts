// The server's view of the signed-in tenant: a cache of what ids and references mean there, filled
// in the background by asking the client (which holds the token; the server never does). Callers
// read what is cached and say what they want; wanted queries are sent in one batch after a short
// pause, with at most one request in flight, so typing never waits on Graph and a burst of
// keystrokes costs one lookup. Answers live for a few minutes (objects do change in the tenant).
import type { DirectoryEntry, DirectoryQuery } from '../../../core/src';
import type { LookupDirectoryObjectsResult } from '../../../common/src';

export type AskClient = (queries: DirectoryQuery[]) => Promise<LookupDirectoryObjectsResult>;

export interface TenantDirectoryOptions {
  /** How long an answer is used before it is looked up again. */
  ttlMs?: number;
  /** The pause that gathers wanted queries into one request. */
  batchMs?: number;
}

/** `unknown` until the client first answers; `signedOut` until it says the account changed. */
export type SignInState = 'unknown' | 'signedIn' | 'signedOut';

export class TenantDirectory {
  private readonly entries = new Map<string, { entry: DirectoryEntry; at: number }>();
  private readonly wanted = new Map<string, DirectoryQuery>();
  private readonly listeners: (() => void)[] = [];
  private readonly waiters = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;
  /** The keys of the request in flight: wanted again meanwhile, they are not asked twice. */
  private readonly asked = new Set<string>();
  private generation = 0;
  private state: SignInState = 'unknown';
  private tenantName = '';
  private environmentName: string | undefined;
  private waitingReason: string | undefined;
  private readonly ttlMs: number;
  private readonly batchMs: number;

  constructor(
    private readonly ask: AskClient,
    options: TenantDirectoryOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.batchMs = options.batchMs ?? 40;
  }

  get signInState(): SignInState {
    return this.state;
  }

  /** The tenant the answers are from, as the client names it. */
  get tenant(): string {
    return this.tenantName;
  }

  /** The active environment whose tenant answers (undefined: the signed-in tenant, no environments). */
  get environment(): string | undefined {
    return this.environmentName;
  }

  /** Why nothing is looked up although the client could (an environment's tenant not confirmed), when it said so. */
  get waiting(): string | undefined {
    return this.state === 'signedOut' ? this.waitingReason : undefined;
  }

  /** Where the answers are from, in words: `environment "dev" (contoso-dev.onmicrosoft.com)`, or the tenant. */
  get where(): string {
    const tenant = this.tenantName || 'the signed-in tenant';
    return this.environmentName ? `environment "${this.environmentName}" (${tenant})` : tenant;
  }

  /** The cached answer, if fresh. */
  get(key: string): DirectoryEntry | undefined {
    const hit = this.entries.get(key);
    return hit && Date.now() - hit.at < this.ttlMs ? hit.entry : undefined;
  }

  /** Asks for what is not cached (in the background). Nothing is asked while signed out. */
  want(queries: readonly DirectoryQuery[]): void {
    if (this.state === 'signedOut') return;
    for (const q of queries) if (!this.get(q.key) && !this.asked.has(q.key)) this.wanted.set(q.key, q);
    this.schedule();
  }

  /** Resolves once every key has an answer, the client says it is signed out, or `timeoutMs` passed. */
  async settled(keys: readonly string[], timeoutMs: number): Promise<void> {
    const done = () => this.state === 'signedOut' || keys.every((k) => this.get(k));
    if (done()) return;
    await new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const check = () => done() && finish();
      const timer = setTimeout(finish, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Calls `listener` after new answers arrived (to re-publish diagnostics). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Drops every answer: the account or tenant changed. Answers to a request already sent are ignored. */
  reset(): void {
    this.generation++;
    this.entries.clear();
    this.state = 'unknown';
    this.tenantName = '';
    this.environmentName = undefined;
    this.waitingReason = undefined;
    this.notify();
  }

  private schedule(): void {
    if (this.timer || this.inFlight || this.wanted.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.batchMs);
  }

  private async flush(): Promise<void> {
    const queries = [...this.wanted.values()];
    this.wanted.clear();
    if (queries.length === 0) return;
    this.inFlight = true;
    for (const q of queries) this.asked.add(q.key);
    const generation = this.generation;
    try {
      const result = await this.ask(queries);
      if (generation !== this.generation) return;
      if (!result.signedIn) {
        this.state = 'signedOut';
        this.waitingReason = result.waiting;
        this.wanted.clear();
      } else {
        this.state = 'signedIn';
        this.tenantName = result.tenant;
        this.environmentName = result.environment;
        const at = Date.now();
        for (const q of queries) {
          const entry = result.answers[q.key] ?? { state: 'unchecked', reason: 'the client gave no answer' };
          this.entries.set(q.key, { entry, at });
        }
      }
    } catch {
      // The client could not answer (a client without tenant lookups, or it failed): as signed
      // out, no tenant checks until it says the account changed.
      if (generation === this.generation) {
        this.state = 'signedOut';
        this.wanted.clear();
      }
    } finally {
      this.inFlight = false;
      this.asked.clear();
    }
    this.notify();
    this.schedule();
  }

  private notify(): void {
    for (const check of [...this.waiters]) check();
    for (const listener of this.listeners) listener();
  }
}

/** The cache key of a query's subject: the same id or reference is looked up once. */
export function directoryKey(subject: { id: string; kinds: readonly string[] } | { kind: string; parts: readonly string[] }): string {
  return 'id' in subject
    ? `id:${subject.kinds.join(',')}:${subject.id.toLowerCase()}`
    : `ref:${subject.kind}:${JSON.stringify(subject.parts)}`;
}
