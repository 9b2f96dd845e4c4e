// Names for completion inside a reference, asked of the client (which holds the token) as the user
// types: per kind, a pause (debounce) before asking, at most one request in flight, and a newer
// prefix supersedes an older one that has not been sent (its waiters get no answer, and the
// editor asks again: the completion list is incomplete). An answer that arrives for a prefix the
// user has typed past is kept in the cache but not shown. Answers are cached for a few minutes.
import type { DirectoryKind, DirectorySuggestQuery } from '../../../core/src';
import type { SuggestDirectoryObjectsResult } from '../../../common/src';

export type AskSuggestions = (query: DirectorySuggestQuery) => Promise<SuggestDirectoryObjectsResult>;

export interface TenantSuggestionsOptions {
  /** The pause after the last keystroke before the tenant is asked. */
  debounceMs?: number;
  ttlMs?: number;
}

/** Answers kept at most (each a prefix of a kind). */
const MAX_CACHED = 500;

interface Pending {
  query: DirectorySuggestQuery;
  waiters: ((answer: SuggestDirectoryObjectsResult | undefined) => void)[];
}

interface KindState {
  pending?: Pending;
  timer?: NodeJS.Timeout;
  inFlight: boolean;
}

export class TenantSuggestions {
  private readonly cache = new Map<string, { answer: SuggestDirectoryObjectsResult; at: number }>();
  private readonly kinds = new Map<DirectoryKind, KindState>();
  private generation = 0;
  private readonly debounceMs: number;
  private readonly ttlMs: number;

  constructor(
    private readonly ask: AskSuggestions,
    options: TenantSuggestionsOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 150;
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
  }

  /** The cached answer for exactly this query, if fresh. */
  cached(query: DirectorySuggestQuery): SuggestDirectoryObjectsResult | undefined {
    const key = keyOf(query);
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.answer;
    if (hit) this.cache.delete(key);
    return undefined;
  }

  /**
   * The tenant's names for `query`: cached at once; otherwise after the pause, unless a newer
   * prefix of the same kind comes first (then undefined), or `timeoutMs` passes (undefined).
   */
  suggest(query: DirectorySuggestQuery, timeoutMs: number): Promise<SuggestDirectoryObjectsResult | undefined> {
    const hit = this.cached(query);
    if (hit) return Promise.resolve(hit);
    const state = this.kinds.get(query.kind) ?? { inFlight: false };
    this.kinds.set(query.kind, state);
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      const finish = (answer: SuggestDirectoryObjectsResult | undefined) => {
        clearTimeout(timer);
        resolve(answer);
      };
      if (state.pending && keyOf(state.pending.query) === keyOf(query)) state.pending.waiters.push(finish);
      else {
        // Superseded: the older prefix is never sent.
        for (const w of state.pending?.waiters ?? []) w(undefined);
        state.pending = { query, waiters: [finish] };
      }
      clearTimeout(state.timer);
      state.timer = setTimeout(() => {
        state.timer = undefined;
        void this.send(query.kind);
      }, this.debounceMs);
    });
  }

  /** The account, tenant or environment changed: cached names are dropped, answers on the way ignored. */
  reset(): void {
    this.generation++;
    this.cache.clear();
  }

  private async send(kind: DirectoryKind): Promise<void> {
    const state = this.kinds.get(kind);
    if (!state?.pending || state.inFlight || state.timer) return;
    const { query, waiters } = state.pending;
    state.pending = undefined;
    state.inFlight = true;
    const generation = this.generation;
    let answer: SuggestDirectoryObjectsResult | undefined;
    try {
      answer = await this.ask(query);
      if (generation === this.generation) {
        this.cache.set(keyOf(query), { answer, at: Date.now() });
        // Every prefix typed is a key: the oldest go first, so a long session does not grow it without end.
        if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
      } else answer = undefined;
    } catch {
      answer = undefined;
    } finally {
      state.inFlight = false;
    }
    // Typed past (a newer prefix waits): the answer is cached, not shown.
    for (const w of waiters) w(state.pending ? undefined : answer);
    // What was typed meanwhile goes next (its pause has passed, or its timer sends it).
    if (state.pending && !state.timer) void this.send(kind);
  }
}

function keyOf(q: DirectorySuggestQuery): string {
  return JSON.stringify([q.kind, q.catalog?.toLowerCase() ?? null, q.prefix.toLowerCase()]);
}
