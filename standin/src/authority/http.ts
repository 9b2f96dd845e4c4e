// Request body reading for the stand-in's form-encoded endpoints.
import type { IncomingMessage } from 'node:http';
import { AadRequestError, aad } from './errors';

const MAX_BODY = 1024 * 1024;

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw new AadRequestError(
      aad.invalidRequest(900561, 'The endpoint only accepts POST requests with an application/x-www-form-urlencoded body.'),
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new AadRequestError(aad.invalidRequest(90014, 'The request body is too large.'));
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export function requirePost(req: IncomingMessage): void {
  if (req.method !== 'POST') throw new AadRequestError(aad.invalidRequest(900561, 'The endpoint only accepts POST requests.'));
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
