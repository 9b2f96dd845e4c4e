// msal's transport for test/dev overrides ("mode A" in docs/auth.md): the authority string stays
// the production one (https://login.microsoftonline.com/<tenant>), so msal uses its built-in
// metadata and never dials discovery; this client sends the requests for the cloud's login hosts
// to a local stand-in instead. Any other origin is refused, so nothing leaks to a real host.
import * as http from 'node:http';
import * as https from 'node:https';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { assertLoopbackOverride } from '../cloud';

export class LoopbackRoutingNetworkClient implements INetworkModule {
  private readonly routes: Map<string, URL>;

  /** `routes` maps a production origin (https://login.microsoftonline.com) to the stand-in URL. */
  constructor(routes: Record<string, string>) {
    this.routes = new Map();
    for (const [from, to] of Object.entries(routes)) {
      assertLoopbackOverride(to);
      this.routes.set(new URL(from).origin, new URL(to));
    }
  }

  /** The URL a request for `url` is really sent to; throws for an origin with no route. */
  route(url: string): URL {
    const u = new URL(url);
    const target = this.routes.get(u.origin);
    if (!target) throw new Error(`Sign-in request to ${u.origin} refused: only the overridden authority may be contacted.`);
    const base = target.pathname.replace(/\/$/, '');
    const out = new URL(target.origin);
    out.pathname = `${base}${u.pathname}`;
    out.search = u.search;
    assertLoopbackOverride(out.toString());
    return out;
  }

  /** Rewrites a URL for a real browser (authorize page) when it targets a routed origin. */
  rewriteForBrowser(url: string): string {
    try {
      return this.route(url).toString();
    } catch {
      return url;
    }
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private send<T>(method: string, url: string, options?: NetworkRequestOptions, timeoutMs = 30_000): Promise<NetworkResponse<T>> {
    let target: URL;
    try {
      target = this.route(url);
    } catch (e) {
      return Promise.reject(e);
    }
    const lib = target.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(target, { method, headers: options?.headers, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = {};
          try {
            body = text ? JSON.parse(text) : {};
          } catch {
            body = {}; // a non-JSON answer is reported by msal as a missing field, not a crash
          }
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
          // 4xx/5xx are not exceptions: msal reads `error` from the body.
          resolve({ status: res.statusCode ?? 0, headers, body: body as T });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`Sign-in request to ${target.origin} timed out.`)));
      req.on('error', (e) => reject(new Error(`Sign-in request to ${target.origin} failed: ${e.message}`)));
      if (options?.body !== undefined) req.write(options.body);
      req.end();
    });
  }
}
