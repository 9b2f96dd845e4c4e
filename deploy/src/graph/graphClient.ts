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
  /** Epoch ms after which no attempt starts or continues and no retry waits (the caller's time limit). */
  deadline?: number;
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
    const url = /^https?:\/\//i.test(pathOrUrl) ? new URL(pathOrUrl) : new URL(this.baseUrl + (pathOrUrl.startsWith('/') ? '' : '/') + pathOrUrl);
    // A token must never be sent to a host other than the Graph root it was issued for.
    if (url.origin !== this.origin) throw new Error(`Refusing to call ${url.origin}: the Graph root is ${this.origin}.`);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
    return url;
  }

  async request<T = unknown>(method: GraphMethod, pathOrUrl: string, options: GraphRequestOptions = {}): Promise<GraphResponse<T>> {
    const url = this.resolve(pathOrUrl, options.query);
    const clientRequestId = randomUUID();
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const signal = options.signal;
    let refreshed = false;
    let forceRefresh = false;

    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw this.cancelled(method, url, clientRequestId, signal.reason);
      this.checkDeadline(0, method, url, clientRequestId, attempt > 1);
      const token = await this.options.tokenProvider.getToken({ signal, forceRefresh });
      forceRefresh = false;
      const started = Date.now();
      const perAttempt = method === 'GET' ? this.opts.readTimeoutMs : this.opts.writeTimeoutMs;
      const left = this.options.deadline === undefined ? Infinity : this.options.deadline - started;
      const deadlineFirst = left <= perAttempt;
      const timeout = AbortSignal.timeout(Math.max(1, Math.floor(Math.min(perAttempt, left))));
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      let response: Response;
      let text: string;
      let cutOffStatus: number | undefined;
      try {
        response = await this.fetchImpl(url, {
          method,
          headers: {
            authorization: `Bearer ${token.token}`,
            accept: 'application/json',
            'client-request-id': clientRequestId,
            'return-client-request-id': 'true',
            ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          body: payload,
          signal: combined,
          redirect: 'manual',
        });
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
      } catch (cause) {
        const durationMs = Date.now() - started;
        if (signal?.aborted) throw this.cancelled(method, url, clientRequestId, signal.reason);
        const kind = timeout.aborted ? (deadlineFirst ? 'deadline' : 'timeout') : 'network';
        const err = new GraphError({ kind, method, url: url.href, clientRequestId, ambiguous: method !== 'GET', cause });
        const retry = method !== 'POST' && attempt < this.opts.maxAttempts && kind !== 'deadline';
        const what = cutOffStatus !== undefined ? `answer cut off${kind !== 'network' ? ' by the timeout' : ''}` : kind === 'deadline' ? 'no answer before the time limit' : kind === 'timeout' ? 'timed out' : 'no response';
        this.log({ method, url: url.href, status: cutOffStatus ?? 0, clientRequestId, durationMs, attempt, note: `${what}${retry ? '; retrying' : ''}` });
        if (!retry) throw err;
        await this.wait(backoffDelay(attempt, this.opts.backoffBaseMs, this.opts.backoffCapMs), signal, method, url, clientRequestId);
        continue;
      }

      const durationMs = Date.now() - started;
      const requestId = response.headers.get('request-id') ?? undefined;
      const status = response.status;

      if (status >= 300 && status < 400) {
        // Not followed: the request was not carried out here, so even a write is not ambiguous.
        const header = response.headers.get('location');
        let location: string | undefined;
        try {
          location = header ? new URL(header, url).href : undefined;
        } catch {
          location = undefined;
        }
        this.log({ method, url: url.href, status, requestId, clientRequestId, durationMs, attempt, note: 'redirect not followed' });
        throw new GraphError({ kind: 'redirect', method, url: url.href, status, requestId, clientRequestId, location });
      }

      if (status >= 200 && status < 300) {
        this.log({ method, url: url.href, status, requestId, clientRequestId, durationMs, attempt });
        let body: unknown = undefined;
        if (text.trim() !== '') {
          try {
            body = JSON.parse(text);
          } catch {
            // For a write the change was made although its answer is unreadable: the caller must
            // look the object up rather than repeat the write.
            throw new GraphError({ kind: 'http', method, url: url.href, status, requestId, clientRequestId, graphMessage: 'Graph answered with a body that is not JSON.', ambiguous: method !== 'GET' });
          }
        }
        return { status, body: body as T, requestId, clientRequestId };
      }

      const info = readErrorBody(text);
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      const errInit = {
        method,
        url: url.href,
        status,
        code: info.code,
        graphMessage: info.message,
        requestId: requestId ?? info.requestId,
        clientRequestId,
        date: info.date,
        retryAfterMs,
      };
      const canRetry = attempt < this.opts.maxAttempts;

      if (status === 401 && !refreshed) {
        refreshed = true;
        forceRefresh = true;
        this.log({ method, url: url.href, status, requestId, clientRequestId, durationMs, attempt, note: 'token refused; retrying once with a fresh token' });
        continue;
      }
      if (status === 429) {
        const waitMs = retryAfterMs ?? backoffDelay(attempt, this.opts.backoffBaseMs, this.opts.backoffCapMs);
        if (!canRetry || waitMs > this.opts.maxRetryAfterMs) {
          this.log({ method, url: url.href, status, requestId, clientRequestId, durationMs, attempt });
          throw new GraphError({ ...errInit, kind: 'throttled' });
        }
        this.log({ method, url: url.href, status, requestId, clientRequestId, durationMs, attempt, note: `throttled; waiting ${Math.ceil(waitMs / 1000)} s` });
        await this.wait(waitMs, signal, method, url, clientRequestId);
        continue;
      }
      if (status >= 500) {
        // A write that failed this way may still have been carried out.
        const ambiguous = method !== 'GET';
        if (method !== 'POST' && canRetry) {
          const waitMs = Math.min(
            retryAfterMs ?? backoffDelay(attempt, this.opts.backoffBaseMs, this.opts.backoffCapMs),
            this.opts.maxRetryAfterMs,
          );
          this.log({ method, url: url.href, status, requestId, clientRequestId, durationMs, attempt, note: `server error; retrying in ${Math.ceil(waitMs / 1000)} s` });
          await this.wait(waitMs, signal, method, url, clientRequestId);
          continue;
        }
        this.log({ method, url: url.href, status, requestId, clientRequestId, durationMs, attempt });
        throw new GraphError({ ...errInit, kind: 'http', ambiguous });
      }
      this.log({ method, url: url.href, status, requestId, clientRequestId, durationMs, attempt });
      throw new GraphError({ ...errInit, kind: 'http' });
    }
  }

  /**
   * GETs a collection and follows `@odata.nextLink` (same host only) up to `maxPages`. More pages
   * than that is an error, not a shorter list: a deploy that missed a policy would create another.
   */
  async list<T = Record<string, unknown>>(path: string, options: GraphRequestOptions & { maxPages?: number } = {}): Promise<T[]> {
    const maxPages = options.maxPages ?? 50;
    const items: T[] = [];
    let next: string | undefined = path;
    let query = options.query;
    for (let page = 0; next; page++) {
      if (page === maxPages) throw new Error(`Graph's list at ${this.resolve(path).pathname} has more than ${maxPages} pages; stopped reading rather than act on part of it.`);
      const res: GraphResponse<{ value?: unknown; '@odata.nextLink'?: unknown }> = await this.request('GET', next, { query, signal: options.signal });
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
            res.body === undefined ? 'the list answer had no body' : !Array.isArray(value) ? 'the list page has no "value" array' : 'the list page has an "@odata.nextLink" that is not a link',
        });
      }
      items.push(...(value as T[]));
      next = nextLink;
      query = undefined; // the nextLink carries its own query
    }
    return items;
  }

  private log(entry: GraphRequestLogEntry): void {
    try {
      this.options.logger?.(entry);
    } catch {
      // A broken logger must not break a deploy.
    }
  }

  private async wait(ms: number, signal: AbortSignal | undefined, method: string, url: URL, clientRequestId: string): Promise<void> {
    // A retry that could only start after the time limit is not waited for.
    this.checkDeadline(ms, method, url, clientRequestId, true);
    try {
      await this.sleep(ms, signal);
    } catch (reason) {
      throw this.cancelled(method, url, clientRequestId, reason);
    }
  }

  private checkDeadline(waitMs: number, method: string, url: URL, clientRequestId: string, retrying: boolean): void {
    const deadline = this.options.deadline;
    if (deadline === undefined || Date.now() + waitMs < deadline) return;
    throw new GraphError({
      kind: 'deadline',
      method,
      url: url.href,
      clientRequestId,
      // A write that already had an attempt may have been carried out.
      ambiguous: method !== 'GET' && retrying,
    });
  }

  private cancelled(method: string, url: URL, clientRequestId: string, cause: unknown): GraphError {
    return new GraphError({ kind: 'cancelled', method, url: url.href, clientRequestId, ambiguous: method !== 'GET', cause });
  }
}
