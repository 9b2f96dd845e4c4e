// One error type for everything that can go wrong talking to Graph, carrying what a user or a
// support engineer needs (status, Graph's code and message, request-id, client-request-id, date)
// and never the token.

export type GraphFailureKind = 'http' | 'network' | 'timeout' | 'cancelled' | 'throttled';

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

function causeText(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: unknown }).cause;
    const innerCode = inner && typeof inner === 'object' && 'code' in inner ? String((inner as { code: unknown }).code) : undefined;
    return innerCode ? `${cause.message} (${innerCode})` : cause.message;
  }
  return String(cause);
}

/** Reads Graph's `{"error":{code,message,innerError}}` envelope, tolerating anything else. */
export function readErrorBody(text: string): { code?: string; message?: string; requestId?: string; clientRequestId?: string; date?: string } {
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
