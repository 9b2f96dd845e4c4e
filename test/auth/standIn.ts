// Test helpers: the sign-in stand-in on a plain 127.0.0.1 server, a scripted "browser" for the
// auth code step, and a throwaway certificate. Not a test file itself.
import * as http from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { TokenStore } from '../../standin/src/tokens';
import { createAuthorityHandler, type AuthorityOptions, type ClientRegistration, type UserRegistration } from '../../standin/src/authority';

// Nothing in these tests may leave the machine: msal's default transport is global fetch, so any
// non-loopback fetch fails loudly instead of trying the real sign-in service.
const realFetch = globalThis.fetch;
globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error(`test guard: refused network request to ${url.origin}`);
  return realFetch(input, init);
}) as typeof fetch;

export const TENANT_ID = '11111111-2222-3333-4444-555555555555';
export const PUBLIC_CLIENT = '14d82eec-204b-4c2f-b7e8-296a70dab67e';
export const APP_CLIENT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const CERT_CLIENT = 'cccccccc-bbbb-cccc-dddd-eeeeeeeeeeee';
export const ALICE: UserRegistration = {
  username: 'alice@contoso.example',
  objectId: '0a0a0a0a-0000-4000-8000-000000000001',
  displayName: 'Alice',
};

export interface StandIn {
  url: string;
  port: number;
  tokens: TokenStore;
  requests: string[];
  close(): Promise<void>;
}

export async function startStandIn(extra: Partial<AuthorityOptions> & { clients?: ClientRegistration[] } = {}): Promise<StandIn> {
  const tokens = extra.tokens ?? new TokenStore();
  const handler = createAuthorityHandler({
    tenantId: TENANT_ID,
    tenantDisplayName: 'contoso.example',
    tokens,
    clients: extra.clients ?? [{ clientId: PUBLIC_CLIENT }],
    users: extra.users ?? [ALICE],
    deviceCodeIntervalSeconds: extra.deviceCodeIntervalSeconds ?? 0,
    accessTokenTtlSeconds: extra.accessTokenTtlSeconds,
  });
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}`);
    handler(req, res, url).then(
      (handled) => {
        if (!handled) {
          res.writeHead(404);
          res.end('not found');
        }
      },
      () => {
        res.writeHead(500);
        res.end();
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tokens,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function httpRequest(
  url: string,
  method = 'GET',
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, headers: body ? { 'content-type': 'application/x-www-form-urlencoded', ...headers } : headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function unescapeHtml(s: string): string {
  return s.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');
}

/**
 * The user's browser: opens the authorize URL (already routed to the stand-in by the provider),
 * reads the auto-submitting form_post page and posts it to msal's loopback listener (on
 * 127.0.0.1, although the redirect URI says localhost).
 */
export function scriptedBrowser(opened: string[] = [], tweak?: (url: URL) => void) {
  return async (authorizeUrl: string): Promise<void> => {
    opened.push(authorizeUrl);
    const u = new URL(authorizeUrl);
    if (u.hostname !== '127.0.0.1') throw new Error(`test browser refuses non-loopback URL ${u.origin}`);
    tweak?.(u);
    const page = await httpRequest(u.toString());
    const action = /action="([^"]+)"/.exec(page.text)?.[1];
    if (!action) throw new Error(`authorize page had no form (status ${page.status})`);
    const fields = new URLSearchParams();
    for (const m of page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
      fields.set(unescapeHtml(m[1]), unescapeHtml(m[2]));
    const target = new URL(unescapeHtml(action));
    target.hostname = '127.0.0.1';
    // Don't await inside openBrowser's caller chain longer than needed: msal answers the POST.
    await httpRequest(target.toString(), 'POST', fields.toString());
  };
}

export interface TestCertificate {
  dir: string;
  pemPath: string;
  certPem: string;
  cleanup(): void;
}

/** A throwaway self-signed RSA certificate + key in one PEM file, made with the openssl CLI. */
export function makeCertificate(cn = 'accesspolicy-test'): TestCertificate | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'ap-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        `/CN=${cn}`,
      ],
      { stdio: 'ignore' },
    );
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  const key = readFileSync(path.join(dir, 'key.pem'), 'utf8');
  const certPem = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
  const pemPath = path.join(dir, 'combined.pem');
  writeFileSync(pemPath, key + certPem, { mode: 0o600 });
  return { dir, pemPath, certPem, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Fails the test if anything in `haystack` contains one of the secrets. */
export function findLeaks(haystack: string[], secrets: string[]): string[] {
  const text = haystack.join('\n');
  return secrets.filter((s) => s.length >= 8 && text.includes(s)).map((s) => `${s.slice(0, 6)}…`);
}
