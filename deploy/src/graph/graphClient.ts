// A small fetch-based Microsoft Graph client with the retry rules a deploy needs:
// - one client-request-id for all attempts of one logical call;
// - 429: wait Retry-After (seconds or date), bounded by a cap, then retry (not executed, so safe);
// - 5xx, timeouts, resets: capped exponential backoff for reads and PUT (a full replace is
//   idempotent), but a POST is never replayed: the error is marked `ambiguous` and the caller
//   must look for the object before creating again;
// - 401: fetch a fresh token once (forceRefresh) and retry;
// - 400/403/404/409 and anything else: no retry;
// - 3xx: an error, never followed (a redirect would carry the body, and a write's `201`, to a host
//   that is not the tenant's Graph);
// - a per-attempt timeout (reads 30 s, writes 100 s, Graph's own gateway limit) and an optional
//   overall deadline: no attempt or wait runs past it, so a hung Graph ends the call in time.
// The logger sees method, URL, status, request-id and duration, never headers or tokens.
import { randomUUID } from 'node:crypto';
import type { TokenProvider } from '../auth/tokenProvider';
import { GraphError, readErrorBody } from './graphError';
import { backoffDelay, parseRetryAfter } from './retryAfter';

export type GraphMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface GraphRequestLogEntry {
  method: GraphMethod;
  url: string;
  /** HTTP status, or 0 when no response arrived (network error, timeout). */
  status: number;
  requestId?: string;
  clientRequestId: string;
  durationMs: number;
  attempt: number;
  /** Why another attempt follows, or what went wrong without a status. */
  note?: string;
}

export type GraphLogger = (entry: GraphRequestLogEntry) => void;

export interface GraphClientOptions {
  /** Graph root without version, e.g. `https://graph.microsoft.com`. */
  baseUrl: string;
  tokenProvider: TokenProvider;
  logger?: GraphLogger;
  fetch?: typeof fetch;
  /** Replaceable for tests; must reject when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Attempts per logical call, including the first (default 5). */
  maxAttempts?: number;
  /** A Retry-After longer than this is not waited out; the call fails instead (default 120 s). */
  maxRetryAfterMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Per-attempt timeout for GET (default 30 s: a read that has not answered by then is retried). */
  readTimeoutMs?: number;
  /** Per-attempt timeout for writes (default 100 s, Graph's own gateway limit). */
  writeTimeoutMs?: number;
  /**
   * Epoch ms after which no attempt starts or continues and no retry waits (the caller's time
   * limit); a function when the limit can move (apply does not count the user's reading time).
   */
  deadline?: number | (() => number);
}

export interface GraphRequestOptions {
  body?: unknown;
  query?: Record<string, string>;
  signal?: AbortSignal;
}

export interface GraphResponse<T = unknown> {
  status: number;
  body: T;
  requestId?: string;
  clientRequestId: string;
}

/** One logical call: what all its attempts share (one client-request-id, one body). */
interface Call {
  method: GraphMethod;
  url: URL;
  clientRequestId: string;
  payload: string | undefined;
  signal: AbortSignal | undefined;
}

/** An attempt that got an answer: its status and headers, and the body's text. */
interface Answer {
  response: Response;
  text: string;
  attempt: number;
  durationMs: number;
}

/** An attempt that got no (whole) answer: no response, the per-attempt timeout, or the deadline. */
interface NoAnswer {
  kind: 'network' | 'timeout' | 'deadline';
  cause: unknown;
  /** The status of a success whose body was cut off. */
  cutOffStatus: number | undefined;
  attempt: number;
  durationMs: number;
}

/** What follows an attempt that threw nothing: the result, or another attempt. */
type Next<T> = { done: GraphResponse<T> } | { refreshToken: true } | { waitMs: number };

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class GraphClient {
  readonly baseUrl: string;
  private readonly origin: string;
  private readonly opts: Required<Omit<GraphClientOptions, 'logger' | 'fetch' | 'sleep' | 'tokenProvider' | 'baseUrl' | 'deadline'>>;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: GraphClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.origin = new URL(this.baseUrl).origin;
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? defaultSleep;
    this.opts = {
      maxAttempts: options.maxAttempts ?? 5,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 120_000,
      backoffBaseMs: options.backoffBaseMs ?? 1000,
      backoffCapMs: options.backoffCapMs ?? 16_000,
      readTimeoutMs: options.readTimeoutMs ?? 30_000,
      writeTimeoutMs: options.writeTimeoutMs ?? 100_000,
    };
  }

  /** Resolves a path (`/v1.0/...`) or an absolute Graph URL (a nextLink) on this client's host only. */
  resolve(pathOrUrl: string, query?: Record<string, string>): URL {
    const url = /^https?:\/\//i.test(pathOrUrl)
      ? new URL(pathOrUrl)
      : new URL(this.baseUrl + (pathOrUrl.startsWith('/') ? '' : '/') + pathOrUrl);
    // A token must never be sent to a host other than the Graph root it was issued for.
    if (url.origin !== this.origin) throw new Error(`Refusing to call ${url.origin}: the Graph root is ${this.origin}.`);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
    return url;
  }

  async request<T = unknown>(method: GraphMethod, pathOrUrl: string, options: GraphRequestOptions = {}): Promise<GraphResponse<T>> {
    const call: Call = {
      method,
      url: this.resolve(pathOrUrl, options.query),
      clientRequestId: randomUUID(),
      payload: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    };
    let refreshed = false;
    let forceRefresh = false;
    for (let attempt = 1; ; attempt++) {
      if (call.signal?.aborted) throw this.cancelled(call, call.signal.reason);
      this.checkDeadline(0, call, attempt > 1);
      const token = await this.options.tokenProvider.getToken({ signal: call.signal, forceRefresh });
      forceRefresh = false;
      const outcome = await this.send(call, attempt, token.token);
      const next = 'response' in outcome ? this.afterAnswer<T>(call, outcome, refreshed) : this.afterNoAnswer(call, outcome);
      if ('done' in next) return next.done;
      if ('refreshToken' in next) {
        refreshed = forceRefresh = true;
        continue;
      }
      await this.wait(next.waitMs, call);
    }
  }

  /** One attempt: the request with its per-attempt timeout (cut short by the deadline), and the answer's text. */
  private async send(call: Call, attempt: number, token: string): Promise<Answer | NoAnswer> {
    const started = Date.now();
    const perAttempt = call.method === 'GET' ? this.opts.readTimeoutMs : this.opts.writeTimeoutMs;
    const deadline = this.deadline();
    const left = deadline === undefined ? Infinity : deadline - started;
    const deadlineFirst = left <= perAttempt;
    const timeout = AbortSignal.timeout(Math.max(1, Math.floor(Math.min(perAttempt, left))));
    let response: Response;
    let cutOffStatus: number | undefined;
    try {
      response = await this.fetchImpl(call.url, {
        method: call.method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'client-request-id': call.clientRequestId,
          'return-client-request-id': 'true',
          ...(call.payload !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: call.payload,
        signal: call.signal ? AbortSignal.any([call.signal, timeout]) : timeout,
        redirect: 'manual',
      });
      let text: string;
      try {
        text = await response.text();
      } catch (cause) {
        // A success is only a success with its body: a list cut off by a reset or the timeout
        // is not an empty list (that would make a deploy create a duplicate). An error body only
        // carries details, so its loss does not matter.
        if (response.ok) {
          cutOffStatus = response.status;
          throw cause;
        }
        text = '';
      }
      return { response, text, attempt, durationMs: Date.now() - started };
    } catch (cause) {
      if (call.signal?.aborted) throw this.cancelled(call, call.signal.reason);
      const kind = timeout.aborted ? (deadlineFirst ? 'deadline' : 'timeout') : 'network';
      return { kind, cause, cutOffStatus, attempt, durationMs: Date.now() - started };
    }
  }

  /** No answer (or a success cut off): retried with backoff, except a POST (never replayed) and past the deadline. */
  private afterNoAnswer(call: Call, failure: NoAnswer): { waitMs: number } {
    const { kind, cutOffStatus, attempt } = failure;
    const retry = call.method !== 'POST' && attempt < this.opts.maxAttempts && kind !== 'deadline';
    const what =
      cutOffStatus !== undefined
        ? `answer cut off${kind !== 'network' ? ' by the timeout' : ''}`
        : kind === 'deadline'
          ? 'no answer before the time limit'
          : kind === 'timeout'
            ? 'timed out'
            : 'no response';
    this.logAttempt(call, failure, cutOffStatus ?? 0, undefined, `${what}${retry ? '; retrying' : ''}`);
    if (!retry) {
      throw new GraphError({
        kind,
        method: call.method,
        url: call.url.href,
        clientRequestId: call.clientRequestId,
        ambiguous: call.method !== 'GET',
        cause: failure.cause,
      });
    }
    return { waitMs: this.backoff(attempt) };
  }

  /** What the retry rules make of an answer: the result, a retry (after a fresh token or a wait), or a thrown GraphError. */
  private afterAnswer<T>(call: Call, answer: Answer, refreshed: boolean): Next<T> {
    const status = answer.response.status;
    const requestId = answer.response.headers.get('request-id') ?? undefined;
    if (status >= 300 && status < 400) throw this.redirected(call, answer, requestId);
    if (status >= 200 && status < 300) return { done: this.succeeded<T>(call, answer, requestId) };
    return this.afterFailure(call, answer, requestId, refreshed);
  }

  /** A redirect is not followed: the request was not carried out here, so even a write is not ambiguous. */
  private redirected(call: Call, answer: Answer, requestId: string | undefined): GraphError {
    const status = answer.response.status;
    const header = answer.response.headers.get('location');
    let location: string | undefined;
    try {
      location = header ? new URL(header, call.url).href : undefined;
    } catch {
      location = undefined;
    }
    this.logAttempt(call, answer, status, requestId, 'redirect not followed');
    return new GraphError({
      kind: 'redirect',
      method: call.method,
      url: call.url.href,
      status,
      requestId,
      clientRequestId: call.clientRequestId,
      location,
    });
  }

  private succeeded<T>(call: Call, answer: Answer, requestId: string | undefined): GraphResponse<T> {
    const status = answer.response.status;
    this.logAttempt(call, answer, status, requestId);
    let body: unknown = undefined;
    if (answer.text.trim() !== '') {
      try {
        body = JSON.parse(answer.text);
      } catch {
        // For a write the change was made although its answer is unreadable: the caller must
        // look the object up rather than repeat the write.
        throw new GraphError({
          kind: 'http',
          method: call.method,
          url: call.url.href,
          status,
          requestId,
          clientRequestId: call.clientRequestId,
          graphMessage: 'Graph answered with a body that is not JSON.',
          ambiguous: call.method !== 'GET',
        });
      }
    }
    return { status, body: body as T, requestId, clientRequestId: call.clientRequestId };
  }

  /** 401 once with a fresh token; 429 after Retry-After; 5xx with backoff (not a POST); the rest fail. */
  private afterFailure(
    call: Call,
    answer: Answer,
    requestId: string | undefined,
    refreshed: boolean,
  ): { refreshToken: true } | { waitMs: number } {
    const { response, attempt } = answer;
    const status = response.status;
    const info = readErrorBody(answer.text);
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const failed = (kind: 'http' | 'throttled', ambiguous?: boolean): GraphError => {
      this.logAttempt(call, answer, status, requestId);
      return new GraphError({
        kind,
        method: call.method,
        url: call.url.href,
        status,
        code: info.code,
        graphMessage: info.message,
        requestId: requestId ?? info.requestId,
        clientRequestId: call.clientRequestId,
        date: info.date,
        retryAfterMs,
        ...(ambiguous === undefined ? {} : { ambiguous }),
      });
    };
    const canRetry = attempt < this.opts.maxAttempts;

    if (status === 401 && !refreshed) {
      this.logAttempt(call, answer, status, requestId, 'token refused; retrying once with a fresh token');
      return { refreshToken: true };
    }
    if (status === 429) {
      const waitMs = retryAfterMs ?? this.backoff(attempt);
      if (!canRetry || waitMs > this.opts.maxRetryAfterMs) throw failed('throttled');
      this.logAttempt(call, answer, status, requestId, `throttled; waiting ${Math.ceil(waitMs / 1000)} s`);
      return { waitMs };
    }
    if (status >= 500) {
      if (call.method !== 'POST' && canRetry) {
        const waitMs = Math.min(retryAfterMs ?? this.backoff(attempt), this.opts.maxRetryAfterMs);
        this.logAttempt(call, answer, status, requestId, `server error; retrying in ${Math.ceil(waitMs / 1000)} s`);
        return { waitMs };
      }
      // A write that failed this way may still have been carried out.
      throw failed('http', call.method !== 'GET');
    }
    throw failed('http');
  }

  private backoff(attempt: number): number {
    return backoffDelay(attempt, this.opts.backoffBaseMs, this.opts.backoffCapMs);
  }

  /**
   * GETs a collection and follows `@odata.nextLink` (same host only) up to `maxPages`. More pages
   * than that is an error, not a shorter list: a deploy that missed a policy would create another.
   * `onPage` sees each page's items as it arrives (work that can start before the list is whole;
   * the caller must not act on them until `list` resolves, as a later page may still fail).
   */
  async list<T = Record<string, unknown>>(
    path: string,
    options: GraphRequestOptions & { maxPages?: number; onPage?: (items: T[]) => void } = {},
  ): Promise<T[]> {
    const maxPages = options.maxPages ?? 50;
    const items: T[] = [];
    type Page = GraphResponse<{ value?: unknown; '@odata.nextLink'?: unknown }>;
    let next: string | undefined = path;
    let query = options.query;
    let pending: Promise<Page> | undefined = maxPages > 0 ? this.request('GET', next, { query, signal: options.signal }) : undefined;
    pending?.catch(() => undefined); // met where it is awaited (not at all when maxPages is 0)
    for (let page = 0; next; page++) {
      if (page === maxPages)
        throw new Error(
          `Graph's list at ${this.resolve(path).pathname} has more than ${maxPages} pages; stopped reading rather than act on part of it.`,
        );
      const res: Page = await pending!;
      // A page that is not a list (empty body, `{}`, a value that is not an array) is a failed
      // read: taken as "no items", a deploy would create a policy that already exists.
      const value = res.body?.value;
      const nextLink = res.body?.['@odata.nextLink'];
      if (!Array.isArray(value) || (nextLink !== undefined && typeof nextLink !== 'string')) {
        throw new GraphError({
          kind: 'unreadable',
          method: 'GET',
          url: this.resolve(next, query).href,
          status: res.status,
          requestId: res.requestId,
          clientRequestId: res.clientRequestId,
          graphMessage:
            res.body === undefined
              ? 'the list answer had no body'
              : !Array.isArray(value)
                ? 'the list page has no "value" array'
                : 'the list page has an "@odata.nextLink" that is not a link',
        });
      }
      for (const item of value as T[]) items.push(item);
      next = nextLink;
      query = undefined; // the nextLink carries its own query
      // The next page is asked for before this one is handed on: the service prepares it while
      // onPage works (a pull writes files meanwhile). Never more than one page ahead; a failure
      // is met where it is awaited, and one left behind by a throwing onPage is not unhandled.
      pending = next && page + 1 < maxPages ? this.request('GET', next, { signal: options.signal }) : undefined;
      pending?.catch(() => undefined);
      options.onPage?.(value as T[]);
    }
    return items;
  }

  /** The one log line per attempt: method, URL, status, ids, duration, and why another attempt follows. */
  private logAttempt(
    call: Call,
    at: { attempt: number; durationMs: number },
    status: number,
    requestId: string | undefined,
    note?: string,
  ): void {
    const entry: GraphRequestLogEntry = {
      method: call.method,
      url: call.url.href,
      status,
      requestId,
      clientRequestId: call.clientRequestId,
      durationMs: at.durationMs,
      attempt: at.attempt,
      note,
    };
    try {
      this.options.logger?.(entry);
    } catch {
      // A broken logger must not break a deploy.
    }
  }

  private async wait(ms: number, call: Call): Promise<void> {
    // A retry that could only start after the time limit is not waited for.
    this.checkDeadline(ms, call, true);
    try {
      await this.sleep(ms, call.signal);
    } catch (reason) {
      throw this.cancelled(call, reason);
    }
  }

  /**
   * Asks the sign-in for these permissions too (a delegated sign-in's incremental consent; app-only
   * sign-ins hold their granted roles and ignore it). Called before reads that need more than the
   * deploy's own permission, such as the directory lookups of name references.
   */
  async requestPermissions(permissions: readonly string[], signal?: AbortSignal): Promise<void> {
    await this.options.tokenProvider.requestPermissions?.(permissions, { signal });
  }

  private deadline(): number | undefined {
    const d = this.options.deadline;
    return typeof d === 'function' ? d() : d;
  }

  private checkDeadline(waitMs: number, call: Call, retrying: boolean): void {
    const deadline = this.deadline();
    if (deadline === undefined || Date.now() + waitMs < deadline) return;
    throw new GraphError({
      kind: 'deadline',
      method: call.method,
      url: call.url.href,
      clientRequestId: call.clientRequestId,
      // A write that already had an attempt may have been carried out.
      ambiguous: call.method !== 'GET' && retrying,
    });
  }

  private cancelled(call: Call, cause: unknown): GraphError {
    return new GraphError({
      kind: 'cancelled',
      method: call.method,
      url: call.url.href,
      clientRequestId: call.clientRequestId,
      ambiguous: call.method !== 'GET',
      cause,
    });
  }
}
