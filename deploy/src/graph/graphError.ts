// One error type for everything that can go wrong talking to Graph, carrying what a user or a
// support engineer needs (status, Graph's code and message, request-id, client-request-id, date)
// and never the token.

/**
 * `redirect`: a 3xx, never followed (the body or token would go to another host); `unreadable`: a
 * 2xx whose body is not what the call needs (a list page without a `value` array); `deadline`: the
 * caller's overall time limit ran out (per-attempt timeouts are `timeout`).
 */
export type GraphFailureKind = 'http' | 'network' | 'timeout' | 'deadline' | 'cancelled' | 'throttled' | 'redirect' | 'unreadable';

export interface GraphErrorInit {
  kind: GraphFailureKind;
  method: string;
  url: string;
  status?: number;
  code?: string;
  graphMessage?: string;
  requestId?: string;
  clientRequestId: string;
  date?: string;
  /** True when a write may have been carried out although no success was seen. */
  ambiguous?: boolean;
  retryAfterMs?: number;
  /** `redirect`: where the answer pointed. */
  location?: string;
  cause?: unknown;
}

export class GraphError extends Error {
  readonly kind: GraphFailureKind;
  readonly method: string;
  readonly url: string;
  readonly status?: number;
  readonly code?: string;
  readonly graphMessage?: string;
  readonly requestId?: string;
  readonly clientRequestId: string;
  readonly date?: string;
  readonly ambiguous: boolean;
  readonly retryAfterMs?: number;
  readonly location?: string;

  constructor(init: GraphErrorInit) {
    super(summarize(init));
    this.name = 'GraphError';
    this.kind = init.kind;
    this.method = init.method;
    this.url = init.url;
    this.status = init.status;
    this.code = init.code;
    this.graphMessage = init.graphMessage;
    this.requestId = init.requestId;
    this.clientRequestId = init.clientRequestId;
    this.date = init.date;
    this.ambiguous = init.ambiguous ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.location = init.location;
  }

  /** "code X, request-id R, client-request-id C, date D": the part support asks for. */
  correlation(): string {
    const parts: string[] = [];
    if (this.status !== undefined) parts.push(`HTTP ${this.status}`);
    if (this.code) parts.push(`code ${this.code}`);
    if (this.requestId) parts.push(`request-id ${this.requestId}`);
    parts.push(`client-request-id ${this.clientRequestId}`);
    if (this.date) parts.push(`date ${this.date}`);
    return parts.join(', ');
  }
}

function summarize(init: GraphErrorInit): string {
  const where = `${init.method} ${safePath(init.url)}`;
  switch (init.kind) {
    case 'http':
      return `${where} failed with HTTP ${init.status}${init.code ? ` ${init.code}` : ''}${init.graphMessage ? `: ${init.graphMessage}` : ''}`;
    case 'throttled':
      return `${where} was throttled by Graph (HTTP 429)`;
    case 'timeout':
      return `${where} timed out`;
    case 'deadline':
      return `${where} stopped: the time limit ran out`;
    case 'redirect':
      return `${where} was answered with a redirect (HTTP ${init.status}${init.location ? ` to ${safeOrigin(init.location)}` : ''}), which is not followed`;
    case 'unreadable':
      return `${where} answered HTTP ${init.status} without a usable body${init.graphMessage ? `: ${init.graphMessage}` : ''}`;
    case 'cancelled':
      return `${where} was cancelled`;
    case 'network':
      return `${where} could not reach Graph: ${causeText(init.cause)}`;
  }
}

function safePath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an unreadable location';
  }
}

function causeText(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: unknown }).cause;
    const innerCode = inner && typeof inner === 'object' && 'code' in inner ? String((inner as { code: unknown }).code) : undefined;
    return innerCode ? `${cause.message} (${innerCode})` : cause.message;
  }
  return String(cause);
}

/** Reads Graph's `{"error":{code,message,innerError}}` envelope, tolerating anything else. */
export function readErrorBody(text: string): {
  code?: string;
  message?: string;
  requestId?: string;
  clientRequestId?: string;
  date?: string;
} {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; innerError?: Record<string, unknown> } };
    const e = parsed?.error;
    if (!e || typeof e !== 'object') return {};
    const inner = e.innerError && typeof e.innerError === 'object' ? e.innerError : {};
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    return {
      code: str(e.code),
      message: str(e.message),
      requestId: str(inner['request-id']),
      clientRequestId: str(inner['client-request-id']),
      date: str(inner.date),
    };
  } catch {
    return {};
  }
}
