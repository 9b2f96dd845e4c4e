// Error bodies in the shape Entra's token endpoint uses, so clients (msal) map them as in production.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export interface AadError {
  status: number;
  error: string;
  /** AADSTS number, put in front of the description and in error_codes. */
  code: number;
  description: string;
  suberror?: string;
  claims?: string;
}

export function aadErrorBody(e: AadError, correlationId?: string): Record<string, unknown> {
  const traceId = randomUUID();
  const correlation = correlationId ?? randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  const body: Record<string, unknown> = {
    error: e.error,
    error_description: `AADSTS${e.code}: ${e.description} Trace ID: ${traceId} Correlation ID: ${correlation} Timestamp: ${timestamp}`,
    error_codes: [e.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: `https://login.microsoftonline.com/error?code=${e.code}`,
  };
  if (e.suberror) body.suberror = e.suberror;
  if (e.claims) body.claims = e.claims;
  return body;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store, no-cache',
    pragma: 'no-cache',
    'content-length': Buffer.byteLength(text).toString(),
    ...headers,
  });
  res.end(text);
}

export function sendAadError(res: ServerResponse, e: AadError, correlationId?: string): void {
  sendJson(res, e.status, aadErrorBody(e, correlationId));
}

/** Thrown inside the handler and turned into an Entra-style error response. */
export class AadRequestError extends Error {
  constructor(readonly aad: AadError) {
    super(`${aad.error}: AADSTS${aad.code}`);
  }
}

export const aad = {
  invalidRequest: (code: number, description: string): AadError => ({ status: 400, error: 'invalid_request', code, description }),
  invalidClient: (code: number, description: string): AadError => ({ status: 401, error: 'invalid_client', code, description }),
  unauthorizedClient: (code: number, description: string): AadError => ({ status: 400, error: 'unauthorized_client', code, description }),
  invalidGrant: (code: number, description: string, suberror?: string): AadError => ({
    status: 400,
    error: 'invalid_grant',
    code,
    description,
    suberror,
  }),
  invalidScope: (code: number, description: string): AadError => ({ status: 400, error: 'invalid_scope', code, description }),
  unsupportedGrant: (grant: string): AadError => ({
    status: 400,
    error: 'unsupported_grant_type',
    code: 70003,
    description: `The grant type "${grant}" is not supported by this stand-in.`,
  }),
};
