// The local tenant stand-in: one HTTP server on 127.0.0.1 that answers both sign-in (the auth
// engineer's authority handler) and Graph (./graph), sharing one token store, so the product can
// be exercised end to end without a real tenant or any traffic beyond loopback.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { TokenStore } from './tokens';
import { createAuthorityHandler } from './authority/index';
import type { ClientRegistration, UserRegistration } from './authority/state';
import { createControlHandler, createGraphHandler, GraphState, type FaultSettings } from './graph/index';
import { seedTenant } from './graph/seed';

/** An app registration: confidential (secret or certificate) or public; see authority/state.ts. */
export type StandInClient = ClientRegistration;
export type StandInUser = UserRegistration;

export interface TenantStandInOptions extends FaultSettings {
  /** 0 or absent: any free port. */
  port?: number;
  tenantId?: string;
  tenantDisplayName?: string;
  /** Access packages that exist in the tenant (ids). One random package when absent. */
  accessPackages?: string[];
  /** App registrations; one client with a random secret when absent. */
  clients?: StandInClient[];
  users?: StandInUser[];
  /** Items per Graph list page (default 50). */
  pageSize?: number;
  /** Seed a realistic tenant with this many v1.0 policies across catalogs and packages (graph/seed.ts). */
  seedPolicies?: number;
  /** Seconds between device code polls (tests use 0). */
  deviceCodeIntervalSeconds?: number;
  accessTokenTtlSeconds?: number;
}

export interface TenantStandIn {
  url: string;
  port: number;
  tenantId: string;
  tenantDisplayName: string;
  clients: StandInClient[];
  users: StandInUser[];
  tokens: TokenStore;
  state: GraphState;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export async function startTenantStandIn(options: TenantStandInOptions = {}): Promise<TenantStandIn> {
  const tenantId = (options.tenantId ?? randomUUID()).toLowerCase();
  const tenantDisplayName = options.tenantDisplayName ?? 'Contoso (stand-in)';
  const clients = options.clients ?? [{ clientId: randomUUID(), secret: randomBytes(24).toString('base64url') }];
  const users = options.users ?? [{ username: 'admin@contoso.example', objectId: randomUUID() }];
  const tokens = new TokenStore();
  const faults: FaultSettings = {
    throttle: options.throttle,
    latencyMs: options.latencyMs,
    failure: options.failure,
    failAfterCommit: options.failAfterCommit,
    conflict: options.conflict,
    replicationLag: options.replicationLag,
    rejectBody: options.rejectBody,
    silent: options.silent,
    emptyList: options.emptyList,
    redirect: options.redirect,
  };
  const state = new GraphState(options.accessPackages ?? [randomUUID()], faults);
  for (const c of clients) if (c.secret) tokens.recordSecret(c.secret);
  if (options.seedPolicies) seedTenant(state, { policies: options.seedPolicies });

  const handlers: Handler[] = [
    createControlHandler({ state, expireTokens: () => tokens.expireAll() }),
    createGraphHandler({ tenantId, tenantDisplayName, tokens, state, pageSize: options.pageSize }),
    createAuthorityHandler({
      tenantId,
      tenantDisplayName,
      tokens,
      clients,
      users,
      deviceCodeIntervalSeconds: options.deviceCodeIntervalSeconds,
      accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    }),
  ];

  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    void (async () => {
      try {
        for (const h of handlers) if (await h(req, res, url)) return;
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'NotFound', message: `Nothing is served at ${url.pathname} by the tenant stand-in.` } }));
      } catch {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }
    })();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tenantId,
    tenantDisplayName,
    clients,
    users,
    tokens,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
