// A small HTTP server on 127.0.0.1 for the workload-identity stand-ins (OIDC issuer, managed
// identity endpoint): any free port, JSON answers, and a close() that drops kept-alive sockets so
// tests end promptly.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

export type JsonHandler = (
  req: IncomingMessage,
  url: URL,
  body: string,
) => Promise<{ status: number; body: unknown }> | { status: number; body: unknown };

export async function startLoopbackServer(handle: JsonHandler): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
      Promise.resolve()
        .then(() => handle(req, url, Buffer.concat(chunks).toString('utf8')))
        .then(
          (r) => send(res, r.status, r.body),
          () => send(res, 500, { message: 'The stand-in failed to handle the request.' }),
        );
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text).toString() });
  res.end(text);
}

/** The bearer token of a request, or undefined. */
export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h)?.[1] : undefined;
}
