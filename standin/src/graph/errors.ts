// Graph's error envelope and correlation headers, shared by every route of the stand-in so a
// client sees the same shape it would get from the real service.
import type { ServerResponse, IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

/** Graph echoes the caller's client-request-id and mints its own request-id for every call. */
export function requestIdsFor(req: IncomingMessage): RequestIds {
  const header = req.headers['client-request-id'];
  const clientRequestId = typeof header === 'string' && header.length > 0 && header.length <= 100 ? header : randomUUID();
  return { requestId: randomUUID(), clientRequestId };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  ids: RequestIds,
  extraHeaders: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text
      ? { 'content-type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8' }
      : {}),
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId,
    ...extraHeaders,
  });
  res.end(text);
}

export function sendGraphError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  ids: RequestIds,
  extraHeaders: Record<string, string> = {},
): void {
  sendJson(
    res,
    status,
    {
      error: {
        code,
        message,
        innerError: {
          // Graph formats the date without a zone suffix or fraction.
          date: new Date().toISOString().slice(0, 19),
          'request-id': ids.requestId,
          'client-request-id': ids.clientRequestId,
        },
      },
    },
    ids,
    extraHeaders,
  );
}
