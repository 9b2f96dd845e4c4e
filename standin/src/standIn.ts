// The local tenant stand-in: one HTTP server on 127.0.0.1 that answers both sign-in (the auth
// engineer's authority handler) and Graph (./graph), sharing one token store, so the product can
// be exercised end to end without a real tenant or any traffic beyond loopback. It can hold
// several tenants (one folder deployed to dev and prod): each has its own Graph state and sign-in
// state; sign-in picks the tenant by the authority path (`/{tenant id or domain}/oauth2/...`),
// Graph by the token's `tid`, as the real services do.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { TokenStore } from './tokens';
import { authorityTenantSegment, createAuthorityHandler } from './authority/index';
import type { ClientRegistration, UserRegistration } from './authority/state';
import { createControlHandler, createGraphHandler, GraphState, type FaultSettings } from './graph/index';
import { seedTenant } from './graph/seed';

/** An app registration: confidential (secret or certificate) or public; see authority/state.ts. */
export type StandInClient = ClientRegistration;
export type StandInUser = UserRegistration;

/** A further tenant of the same stand-in; the apps and users are registered in every tenant. */
export interface StandInTenantOptions {
  tenantId?: string;
  tenantDisplayName?: string;
  /** A verified domain (`contoso-dev.onmicrosoft.com`): sign-in accepts it in place of the id. */
  domain?: string;
  /** Access packages that exist in the tenant (ids). One random package when absent. */
  accessPackages?: string[];
  /** Seed this many v1.0 policies (graph/seed.ts). */
  seedPolicies?: number;
}

/** One tenant the stand-in holds. */
export interface StandInTenant {
  tenantId: string;
  tenantDisplayName: string;
  domain?: string;
  state: GraphState;
}

export interface TenantStandInOptions extends FaultSettings {
  /** 0 or absent: any free port. */
  port?: number;
  tenantId?: string;
  tenantDisplayName?: string;
  /** A verified domain of the first tenant, accepted by sign-in in place of its id. */
  domain?: string;
  /** Access packages that exist in the tenant (ids). One random package when absent. */
  accessPackages?: string[];
  /** More tenants on the same port (the first tenant is the one the top-level options describe). */
  otherTenants?: StandInTenantOptions[];
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
  /** The first tenant's state (the one `tenantId` names). */
  state: GraphState;
  /** Every tenant, the first one first. */
  tenants: StandInTenant[];
  /** The tenant with this id or domain (case-insensitive); throws when there is none. */
  tenant(idOrDomain: string): StandInTenant;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export async function startTenantStandIn(options: TenantStandInOptions = {}): Promise<TenantStandIn> {
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
  for (const c of clients) if (c.secret) tokens.recordSecret(c.secret);

  const tenants: StandInTenant[] = [];
  const graphHandlers = new Map<string, Handler>();
  const authorityHandlers = new Map<string, Handler>();
  // The top-level options describe the first tenant; faults given at start apply to it.
  for (const [i, t] of [options, ...(options.otherTenants ?? [])].entries()) {
    const tenantId = (t.tenantId ?? randomUUID()).toLowerCase();
    if (graphHandlers.has(tenantId)) throw new Error(`Tenant ${tenantId} is given twice.`);
    const tenantDisplayName = t.tenantDisplayName ?? (i === 0 ? 'Contoso (stand-in)' : `Tenant ${i + 1} (stand-in)`);
    const state = new GraphState(t.accessPackages ?? [randomUUID()], i === 0 ? faults : {});
    if (t.seedPolicies) seedTenant(state, { policies: t.seedPolicies });
    tenants.push({ tenantId, tenantDisplayName, domain: t.domain?.toLowerCase(), state });
    graphHandlers.set(tenantId, createGraphHandler({ tenantId, tenantDisplayName, tokens, state, pageSize: options.pageSize }));
    authorityHandlers.set(
      tenantId,
      createAuthorityHandler({
        tenantId,
        tenantDisplayName,
        domain: t.domain,
        tokens,
        clients,
        users,
        deviceCodeIntervalSeconds: options.deviceCodeIntervalSeconds,
        accessTokenTtlSeconds: options.accessTokenTtlSeconds,
      }),
    );
  }
  const first = tenants[0];
  const find = (idOrDomain: string): StandInTenant | undefined => {
    const key = idOrDomain.toLowerCase();
    return tenants.find((t) => t.tenantId === key || t.domain === key || t.tenantDisplayName.toLowerCase() === key);
  };
  const tenant = (idOrDomain: string): StandInTenant => {
    const found = find(idOrDomain);
    if (!found) throw new Error(`The stand-in holds no tenant ${idOrDomain}.`);
    return found;
  };

  // Graph: the tenant of the Bearer token (an absent or unknown token is refused by the first).
  const graph: Handler = (req, res, url) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const tid = bearer ? tokens.verify(bearer[1])?.tenantId.toLowerCase() : undefined;
    return (graphHandlers.get(tid ?? '') ?? graphHandlers.get(first.tenantId)!)(req, res, url);
  };
  // Sign-in: the tenant in the authority path; `common`, `organizations` and unknown tenants go to
  // the first, which answers them (unknown: AADSTS90002). The device login page takes ?tenant=.
  const authority: Handler = async (req, res, url) => {
    const segment =
      authorityTenantSegment(url) ?? (url.pathname === '/_standin/devicelogin' ? (url.searchParams.get('tenant') ?? undefined) : undefined);
    const answering = (segment ? find(segment) : undefined) ?? first;
    const latency = answering.state.faults.settings.signInLatencyMs;
    if (segment && latency && latency > 0) await new Promise((r) => setTimeout(r, latency));
    return authorityHandlers.get(answering.tenantId)!(req, res, url);
  };
  // Control endpoints act on the tenant named by ?tenant= (id or domain), the first by default.
  const control: Handler = async (req, res, url) => {
    const named = url.searchParams.get('tenant');
    const target = named ? find(named) : first;
    if (!target) {
      if (!url.pathname.startsWith('/_standin/')) return false;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `The stand-in holds no tenant ${named}.` }));
      return true;
    }
    return controlHandlers.get(target.tenantId)!(req, res, url);
  };
  const controlHandlers = new Map(
    tenants.map((t) => [t.tenantId, createControlHandler({ state: t.state, expireTokens: () => tokens.expireAll() })]),
  );
  const handlers: Handler[] = [control, graph, authority];

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
    tenantId: first.tenantId,
    tenantDisplayName: first.tenantDisplayName,
    clients,
    users,
    tokens,
    state: first.state,
    tenants,
    tenant,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
