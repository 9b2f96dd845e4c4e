// The Graph half of the local tenant stand-in: assignment policies in both API versions, access
// packages, the organization, Bearer checks against the stand-in's token store, Graph's error
// shape and the switchable faults of ./faults.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { requestIdsFor, sendGraphError, sendJson, type RequestIds } from './errors';
import type { HttpMethod } from './faults';
import { acceptPolicyBody, isModelProblem } from './model';
import { isFilterProblem, parseFilter, POLICY_FILTER_FIELDS } from './filter';
import { HttpProblem, methodNotAllowed, notFound, unknownProperty } from './httpProblem';
import { pageOf, parseExpand, type ExpandTree } from './odataQuery';
import { extensionJson, packageJson, routeCatalogs } from './catalogRoutes';
import { DIRECTORY_PATH, routeDirectory } from './directoryRoutes';
import { directoryResourceOf, ENTITLEMENT_READ, mayRead } from './directoryPermissions';
import type { GraphState, PolicyApiVersion, StoredPolicy } from './state';

/** The part of the token store the Graph half needs (structural, so tests can pass their own). */
export interface BearerVerifier {
  verify(
    accessToken: string,
  ): { tenantId: string; clientId: string; scopes: string[]; subject: string; username?: string; appOnly: boolean } | undefined;
}

export interface GraphHandlerOptions {
  tenantId: string;
  tenantDisplayName: string;
  tokens: BearerVerifier;
  state: GraphState;
  /** Items per list page before `@odata.nextLink` (default 50: small, so lists of a seeded tenant span pages). */
  pageSize?: number;
}

export type GraphHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

const EM = 'identityGovernance/entitlementManagement';
const COLLECTION: Record<PolicyApiVersion, string> = {
  'v1.0': 'assignmentPolicies',
  beta: 'accessPackageAssignmentPolicies',
};
const READ_PERMISSIONS = ENTITLEMENT_READ;
const WRITE_PERMISSIONS = ['EntitlementManagement.ReadWrite.All'];
const MAX_BODY_BYTES = 1024 * 1024;

export const DEFAULT_PAGE_SIZE = 50;

export function createGraphHandler(options: GraphHandlerOptions): GraphHandler {
  const { state } = options;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;

  const policyCollection = (v: PolicyApiVersion) => `/${EM}/${COLLECTION[v]}`;
  const policyContext = (r: RouteRequest) => `${r.base}/$metadata#identityGovernance/entitlementManagement/${COLLECTION[r.ctx.apiVersion]}`;
  const ANY_METHOD: HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];
  const allMethods = (handle: (r: RouteRequest) => Promise<void> | void) => Object.fromEntries(ANY_METHOD.map((m) => [m, handle]));

  const routes: Route[] = [
    { pattern: () => /^\/organization$/, methods: { GET: organization } },
    { pattern: () => DIRECTORY_PATH, methods: allMethods(directory) },
    { pattern: () => new RegExp(`^/${EM}/(?:catalogs|accessPackageCatalogs|accessPackages)(?:/.*)?$`), methods: allMethods(catalogs) },
    { pattern: (v) => new RegExp(`^${policyCollection(v)}$`), methods: { GET: listPolicies, POST: createPolicy } },
    {
      pattern: (v) => new RegExp(`^${policyCollection(v)}/([^/]+)$`),
      methods: { GET: getPolicy, PUT: replacePolicy, DELETE: deletePolicy },
    },
  ];

  return async (req, res, url) => {
    const m = /^\/(v1\.0|beta)(\/.*)?$/.exec(url.pathname);
    if (!m) return false;
    const apiVersion = m[1] as PolicyApiVersion;
    const rest = (m[2] ?? '/').replace(/\/+$/, '');
    const method = (req.method ?? 'GET').toUpperCase() as HttpMethod;
    const ids = requestIdsFor(req);
    let logged = false;
    res.on('finish', () => log(res.statusCode));
    // A dropped connection never finishes; it is logged with status 0.
    res.on('close', () => log(res.writableFinished ? res.statusCode : 0));
    function log(status: number): void {
      if (logged) return;
      logged = true;
      state.requests.push({
        method,
        path: url.pathname + url.search,
        status,
        requestId: ids.requestId,
        clientRequestId: ids.clientRequestId,
        authenticated: typeof req.headers.authorization === 'string',
      });
    }

    try {
      const latency = state.faults.settings.latencyMs;
      if (latency && latency > 0) await new Promise((r) => setTimeout(r, latency));
      // A hung service: the request is read and never answered (closing the stand-in ends it).
      if (state.faults.silences(method)) return true;
      const redirect = state.faults.take('redirect', method);
      if (redirect) {
        res.writeHead(redirect.status ?? 307, {
          location: `${redirect.to}${url.pathname}${url.search}`,
          'request-id': ids.requestId,
          'client-request-id': ids.clientRequestId,
        });
        res.end();
        return true;
      }

      const claims = authenticate(req);

      const throttle = state.faults.take('throttle', method);
      if (throttle) {
        const seconds = throttle.retryAfterSeconds ?? 1;
        const retryAfter = throttle.retryAfterAsDate ? new Date(Date.now() + seconds * 1000).toUTCString() : String(seconds);
        sendGraphError(res, 429, 'TooManyRequests', 'Too many requests. Retry after the time given in the Retry-After header.', ids, {
          'retry-after': retryAfter,
        });
        return true;
      }
      const failure = state.faults.take('failure', method);
      if (failure) {
        const headers: Record<string, string> =
          failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
        const code = failure.status === 503 ? 'serviceNotAvailable' : failure.status === 504 ? 'GatewayTimeout' : 'InternalServerError';
        sendGraphError(res, failure.status, code, 'The service is temporarily unavailable. Try again later.', ids, headers);
        return true;
      }

      await route(req, res, url, { apiVersion, rest, method, ids, claims });
    } catch (e) {
      if (e instanceof HttpProblem) {
        if (!res.headersSent && !res.destroyed) sendGraphError(res, e.status, e.code, e.message, ids);
      } else {
        if (!res.headersSent && !res.destroyed) sendGraphError(res, 500, 'InternalServerError', 'The stand-in failed unexpectedly.', ids);
      }
    }
    return true;
  };

  function authenticate(req: IncomingMessage): NonNullable<ReturnType<BearerVerifier['verify']>> {
    const header = req.headers.authorization;
    const m = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!m) throw new HttpProblem(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    const claims = options.tokens.verify(m[1]);
    if (!claims) throw new HttpProblem(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.');
    if (claims.tenantId.toLowerCase() !== options.tenantId.toLowerCase()) {
      throw new HttpProblem(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
    }
    return claims;
  }

  function requirePermission(claims: NonNullable<ReturnType<BearerVerifier['verify']>>, write: boolean): void {
    const granted = new Set(claims.scopes.map((s) => s.slice(s.lastIndexOf('/') + 1)));
    const needed = write ? WRITE_PERMISSIONS : READ_PERMISSIONS;
    if (!needed.some((p) => granted.has(p))) {
      throw new HttpProblem(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    }
    // A delegated caller with the permission still needs an Identity Governance or catalog role.
    const who = [claims.subject, claims.username, claims.clientId].filter((x): x is string => !!x).map((x) => x.toLowerCase());
    if (who.some((w) => state.principalsWithoutRole.has(w))) {
      throw new HttpProblem(403, 'UnAuthorized', 'User is not authorized to perform the operation. Reason: Unauthorized');
    }
  }

  /** Directory reads (users, groups, service principals, connected organizations, getByIds), as Graph checks them. */
  function requireDirectoryRead(claims: NonNullable<ReturnType<BearerVerifier['verify']>>, rest: string): void {
    const granted = claims.scopes.map((s) => s.slice(s.lastIndexOf('/') + 1));
    // A test may also take the reads away from one principal whatever its token holds.
    const who = [claims.subject, claims.username, claims.clientId].filter((x): x is string => !!x).map((x) => x.toLowerCase());
    if (!mayRead(directoryResourceOf(rest), granted, claims.appOnly) || who.some((w) => state.directory.deniedReaders.has(w))) {
      throw new HttpProblem(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    }
  }

  interface Ctx {
    apiVersion: PolicyApiVersion;
    rest: string;
    method: HttpMethod;
    ids: RequestIds;
    claims: NonNullable<ReturnType<BearerVerifier['verify']>>;
  }

  /**
   * Every resource the Graph half serves, as a table: the first route whose pattern matches the
   * path (after `/{version}`) answers, with the handler for the request's method; a path no route
   * matches is Graph's "Resource not found for the segment", a method a route lacks is 405.
   */
  interface Route {
    pattern: (apiVersion: PolicyApiVersion) => RegExp;
    methods: Partial<Record<HttpMethod, (r: RouteRequest) => Promise<void> | void>>;
  }
  interface RouteRequest {
    req: IncomingMessage;
    res: ServerResponse;
    url: URL;
    ctx: Ctx;
    match: RegExpExecArray;
    /** `http://host/{version}` for `@odata.context` and links. */
    base: string;
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, ctx: Ctx): Promise<void> {
    const base = `${url.protocol}//${url.host}/${ctx.apiVersion}`;
    for (const r of routes) {
      const match = r.pattern(ctx.apiVersion).exec(ctx.rest);
      if (!match) continue;
      const handle = r.methods[ctx.method];
      if (!handle) throw methodNotAllowed();
      await handle({ req, res, url, ctx, match, base });
      return;
    }
    throw new HttpProblem(400, 'BadRequest', `Resource not found for the segment '${ctx.rest.split('/').pop() ?? ''}'.`);
  }

  function organization({ res, ctx, base }: RouteRequest): void {
    sendJson(
      res,
      200,
      {
        '@odata.context': `${base}/$metadata#organization`,
        value: [{ id: options.tenantId, displayName: options.tenantDisplayName }],
      },
      ctx.ids,
    );
  }

  async function directory({ req, res, url, ctx, base }: RouteRequest): Promise<void> {
    requireDirectoryRead(ctx.claims, ctx.rest);
    const answer = await routeDirectory(state.directory, pageSize, {
      rest: ctx.rest,
      method: ctx.method,
      url,
      base,
      headers: req.headers,
      readBody: () => readJson(req),
    });
    if ('text' in answer) {
      res.writeHead(answer.status, {
        'content-type': 'text/plain',
        'request-id': ctx.ids.requestId,
        'client-request-id': ctx.ids.clientRequestId,
      });
      res.end(answer.text);
      return;
    }
    sendJson(res, answer.status, answer.body, ctx.ids);
  }

  function catalogs({ res, url, ctx, base }: RouteRequest): void {
    const answer = routeCatalogs(
      state,
      pageSize,
      { apiVersion: ctx.apiVersion, rest: ctx.rest.slice(EM.length + 1), method: ctx.method, url, base },
      (version, packageId) => {
        requirePermission(ctx.claims, false);
        return state
          .policiesOf(version)
          .filter((p) => p.accessPackageId === packageId)
          .map((p) => present(p, new Map()));
      },
    );
    if (!answer) throw new HttpProblem(400, 'BadRequest', `Resource not found for the segment '${ctx.rest.split('/').pop() ?? ''}'.`);
    requirePermission(ctx.claims, false);
    sendJson(res, answer.status, answer.body, ctx.ids);
  }

  async function createPolicy(r: RouteRequest): Promise<void> {
    const { req, res, ctx, base } = r;
    const { apiVersion, method, ids } = ctx;
    requirePermission(ctx.claims, true);
    readPolicyExpand(apiVersion, r.url);
    const raw = await readJson(req);
    const accepted = acceptPolicyBody(apiVersion, raw, 'create');
    if (isModelProblem(accepted)) throw new HttpProblem(accepted.status, accepted.code, accepted.message);
    if (!state.hasAccessPackage(accepted.accessPackageId)) throw notFound(`Access package '${accepted.accessPackageId}'`);
    rejectBodyFault(method);
    if (state.faults.take('conflict', method, ['POST', 'PUT'])) {
      throw new HttpProblem(409, 'DuplicateKey', 'There is already a duplicated entity.');
    }
    const now = new Date().toISOString();
    const stored: StoredPolicy = {
      id: randomUUID(),
      apiVersion,
      accessPackageId: accepted.accessPackageId,
      body: withServerIds(accepted.body),
      createdDateTime: now,
      modifiedDateTime: now,
      hiddenFromLists: state.faults.settings.replicationLag?.lists ?? 0,
    };
    state.policies.set(stored.id, stored);
    if (afterCommitFault(res, method, ids)) return;
    sendJson(res, 201, { '@odata.context': `${policyContext(r)}/$entity`, ...present(stored, ECHO) }, ids, {
      location: `${base}${policyCollection(apiVersion)}/${stored.id}`,
    });
  }

  /** The policy the item route names, served only in the API version that holds it. */
  function policyOf(r: RouteRequest): { id: string; found: StoredPolicy | undefined } {
    const id = decodeURIComponent(r.match[1]);
    const existing = state.policies.get(id);
    return { id, found: existing && existing.apiVersion === r.ctx.apiVersion ? existing : undefined };
  }

  function getPolicy(r: RouteRequest): void {
    requirePermission(r.ctx.claims, false);
    const expand = readPolicyExpand(r.ctx.apiVersion, r.url);
    const { id, found } = policyOf(r);
    if (!found) throw notFound(`Policy '${id}'`);
    sendJson(r.res, 200, { '@odata.context': `${policyContext(r)}/$entity`, ...present(found, expand) }, r.ctx.ids);
  }

  async function replacePolicy(r: RouteRequest): Promise<void> {
    const { req, res, ctx } = r;
    const { apiVersion, method, ids } = ctx;
    requirePermission(ctx.claims, true);
    readPolicyExpand(apiVersion, r.url);
    const raw = await readJson(req);
    const { id: policyId, found } = policyOf(r);
    if (!found) throw notFound(`Policy '${policyId}'`);
    const accepted = acceptPolicyBody(apiVersion, raw, 'replace');
    if (isModelProblem(accepted)) throw new HttpProblem(accepted.status, accepted.code, accepted.message);
    const bodyId = (raw as Record<string, unknown>).id;
    if (bodyId !== undefined && bodyId !== policyId) {
      throw new HttpProblem(400, 'InvalidModel', `The model is invalid. The property 'id' does not match the policy in the URL.`);
    }
    if (accepted.accessPackageId !== found.accessPackageId) {
      throw new HttpProblem(
        400,
        'InvalidModel',
        `The model is invalid. The property '${apiVersion === 'v1.0' ? 'accessPackage' : 'accessPackageId'}' cannot be changed on an existing policy.`,
      );
    }
    rejectBodyFault(method);
    if (state.faults.take('conflict', method, ['POST', 'PUT'])) {
      throw new HttpProblem(409, 'Conflict', 'The policy was changed by another request. Read it again and retry.');
    }
    // PUT is a full replace: whatever the body leaves out is gone afterwards.
    found.body = withServerIds(accepted.body);
    found.modifiedDateTime = new Date().toISOString();
    if (afterCommitFault(res, method, ids)) return;
    sendJson(res, 200, { '@odata.context': `${policyContext(r)}/$entity`, ...present(found, ECHO) }, ids);
  }

  function deletePolicy(r: RouteRequest): void {
    requirePermission(r.ctx.claims, true);
    readPolicyExpand(r.ctx.apiVersion, r.url);
    const { id: policyId, found } = policyOf(r);
    if (!found) throw notFound(`Policy '${policyId}'`);
    const assigned = state.assignments.get(policyId) ?? 0;
    if (assigned > 0) {
      // The error for this case is not documented (docs/policy-facts.md, "Reading a tenant": deleting); the shape is the stand-in's [INF].
      throw new HttpProblem(
        400,
        'BadRequest',
        `The policy cannot be deleted because ${assigned} access package assignment${assigned === 1 ? '' : 's'} still use it. Remove the assignments first.`,
      );
    }
    state.policies.delete(policyId);
    sendJson(r.res, 204, undefined, r.ctx.ids);
  }

  function listPolicies(r: RouteRequest): void {
    const { res, url, ctx } = r;
    requirePermission(ctx.claims, false);
    const expand = readPolicyExpand(ctx.apiVersion, url);
    const context = policyContext(r);
    const filterText = url.searchParams.get('$filter');
    let items = ctx.apiVersion === 'v1.0' ? state.policiesOf('v1.0') : state.policiesOf('beta');
    const visible = items.filter((p) => p.hiddenFromLists <= 0);
    for (const p of items) if (p.hiddenFromLists > 0) p.hiddenFromLists -= 1;
    items = visible;
    if (filterText) {
      // Both versions take the same filters; beta refuses its own `accessPackageId` property (docs/policy-facts.md, "Reading a tenant").
      const clauses = parseFilter(filterText, POLICY_FILTER_FIELDS);
      if (isFilterProblem(clauses)) throw new HttpProblem(clauses.status, clauses.code, clauses.message);
      for (const c of clauses) {
        items = items.filter((p) =>
          c.field === 'displayName'
            ? // Directory-style string equality is case-insensitive [INF].
              String(p.body.displayName ?? '').toLowerCase() === c.value.toLowerCase()
            : p.accessPackageId === c.value.toLowerCase(),
        );
      }
    }
    const empty = state.faults.take('emptyList', 'GET');
    if (empty) {
      // A 2xx that is not a list: the client must not read it as "no policies".
      sendJson(res, 200, empty.body === '{}' ? {} : undefined, ctx.ids);
      return;
    }
    const { page, nextLink } = pageOf(items, url, pageSize);
    const body: Record<string, unknown> = { '@odata.context': context, value: page.map((p) => present(p, expand)) };
    if (nextLink) body['@odata.nextLink'] = nextLink;
    sendJson(res, 200, body, ctx.ids);
  }

  function rejectBodyFault(method: HttpMethod): void {
    const fault = state.faults.take('rejectBody', method, ['POST', 'PUT']);
    if (fault)
      throw new HttpProblem(
        400,
        'InvalidModel',
        `The model is invalid. The value of property '${fault.property}' is not accepted by the service.`,
      );
  }

  /** Applies a "failure after commit" fault: the write is stored, but the caller never hears so. */
  function afterCommitFault(res: ServerResponse, method: HttpMethod, ids: RequestIds): boolean {
    const fault = state.faults.take('failAfterCommit', method, ['POST']);
    if (!fault) return false;
    if (fault.mode === 'drop') res.socket?.destroy();
    else sendGraphError(res, 504, 'GatewayTimeout', 'The operation timed out.', ids);
    return true;
  }

  /**
   * The policy as Graph returns it: stored body plus server-maintained properties. v1.0 leaves the
   * navigations `accessPackage`, `questions` and `customExtensionStageSettings` out unless expanded
   * (docs/policy-facts.md, "Reading a tenant": what a GET leaves out; `questions` by OData convention [INF]); beta returns questions inline.
   */
  function present(p: StoredPolicy, expand: ExpandTree): Record<string, unknown> {
    const out: Record<string, unknown> = { id: p.id };
    const expandable = EXPANDABLE[p.apiVersion];
    for (const [k, v] of Object.entries(p.body)) {
      if (expandable.includes(k) && !expand.has(k)) continue;
      if (k === 'accessPackage') {
        const pkg = state.packages.get(p.accessPackageId);
        out[k] = pkg ? selected(packageJson(pkg), expand.get(k)?.select) : structuredClone(v);
        continue;
      }
      if (k === 'customExtensionStageSettings' && Array.isArray(v)) {
        const nested = expand.get(k)?.expand.get('customExtension');
        out[k] = v.map((setting) => {
          const copy = structuredClone(setting) as Record<string, unknown>;
          const extId = (copy.customExtension as { id?: string } | undefined)?.id;
          delete copy.customExtension;
          const ext = extId ? state.customExtensions.get(extId.toLowerCase()) : undefined;
          if (nested) copy.customExtension = ext ? selected(extensionJson(ext), nested.select) : { id: extId };
          return copy;
        });
        continue;
      }
      out[k] = structuredClone(v);
    }
    if (p.apiVersion === 'v1.0') {
      // The service reports absent optional settings as null.
      for (const k of ['reviewSettings', 'automaticRequestSettings']) if (!(k in out)) out[k] = null;
    }
    out.createdDateTime = p.createdDateTime;
    out.modifiedDateTime = p.modifiedDateTime;
    return out;
  }

  /** `$expand` of a policy request, checked against the navigations the version has. */
  function readPolicyExpand(apiVersion: PolicyApiVersion, url: URL): ExpandTree {
    const tree = parseExpand(url.searchParams.get('$expand'));
    if (typeof tree === 'string') throw new HttpProblem(400, 'BadRequest', tree);
    for (const name of tree.keys())
      if (!NAVIGATIONS[apiVersion].includes(name)) throw unknownProperty(name, 'microsoft.graph.accessPackageAssignmentPolicy');
    return tree;
  }
}

const EXPANDABLE: Record<PolicyApiVersion, string[]> = {
  'v1.0': ['accessPackage', 'questions', 'customExtensionStageSettings'],
  beta: ['accessPackage', 'customExtensionStageSettings'],
};
const NAVIGATIONS: Record<PolicyApiVersion, string[]> = {
  'v1.0': ['accessPackage', 'catalog', 'questions', 'customExtensionStageSettings'],
  beta: ['accessPackage', 'accessPackageCatalog', 'customExtensionStageSettings'],
};
/** What a write's answer carries: the whole policy, as the service echoes a create or replace. */
const ECHO: ExpandTree = new Map([
  ['accessPackage', { expand: new Map() }],
  ['questions', { expand: new Map() }],
  ['customExtensionStageSettings', { expand: new Map([['customExtension', { select: ['id'], expand: new Map() }]]) }],
]);

function selected(item: Record<string, unknown>, select: string[] | undefined): Record<string, unknown> {
  if (!select) return item;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (k === 'id' || select.includes(k)) out[k] = v;
  return out;
}

/** Questions and custom extension stage settings get server-assigned ids, as in the service (docs/policy-facts.md, R20 and "Reading a tenant"). */
function withServerIds(body: Record<string, unknown>): Record<string, unknown> {
  for (const key of ['questions', 'customExtensionStageSettings']) {
    if (!Array.isArray(body[key])) continue;
    body[key] = (body[key] as unknown[]).map((q) =>
      typeof q === 'object' && q !== null && !('id' in q) ? { id: randomUUID(), ...(q as object) } : q,
    );
  }
  return body;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpProblem(413, 'RequestEntityTooLarge', 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new HttpProblem(400, 'BadRequest', 'The request body is empty.');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'BadRequest', 'The request body is not valid JSON.');
  }
}
