// The Graph half of the local tenant stand-in: assignment policies in both API versions, access
// packages, the organization, Bearer checks against the stand-in's token store, Graph's error
// shape and the switchable faults of ./faults.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { requestIdsFor, sendGraphError, sendJson, type RequestIds } from './errors';
import type { HttpMethod } from './faults';
import { acceptPolicyBody, isModelProblem } from './model';
import { isFilterProblem, parseFilter, POLICY_FILTER_FIELDS } from './filter';
import type { GraphState, PolicyApiVersion, StoredPolicy } from './state';

/** The part of the token store the Graph half needs (structural, so tests can pass their own). */
export interface BearerVerifier {
  verify(accessToken: string): { tenantId: string; clientId: string; scopes: string[]; subject: string; username?: string; appOnly: boolean } | undefined;
}

export interface GraphHandlerOptions {
  tenantId: string;
  tenantDisplayName: string;
  tokens: BearerVerifier;
  state: GraphState;
  /** Items per list page before `@odata.nextLink` (default 100). */
  pageSize?: number;
}

export type GraphHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

const EM = 'identityGovernance/entitlementManagement';
const COLLECTION: Record<PolicyApiVersion, string> = {
  'v1.0': 'assignmentPolicies',
  beta: 'accessPackageAssignmentPolicies',
};
const READ_PERMISSIONS = ['EntitlementManagement.Read.All', 'EntitlementManagement.ReadWrite.All'];
const WRITE_PERMISSIONS = ['EntitlementManagement.ReadWrite.All'];
const MAX_BODY_BYTES = 1024 * 1024;

class HttpProblem {
  constructor(readonly status: number, readonly code: string, readonly message: string) {}
}

export function createGraphHandler(options: GraphHandlerOptions): GraphHandler {
  const { state } = options;
  const pageSize = options.pageSize ?? 100;

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
      if (state.faults.settings.silent) return true;
      const redirect = state.faults.take('redirect', method);
      if (redirect) {
        res.writeHead(redirect.status ?? 307, { location: `${redirect.to}${url.pathname}${url.search}`, 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId });
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
        const headers: Record<string, string> = failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
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

  interface Ctx {
    apiVersion: PolicyApiVersion;
    rest: string;
    method: HttpMethod;
    ids: RequestIds;
    claims: NonNullable<ReturnType<BearerVerifier['verify']>>;
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, ctx: Ctx): Promise<void> {
    const { apiVersion, rest, method, ids, claims } = ctx;
    const base = `${url.protocol}//${url.host}/${apiVersion}`;

    if (rest === '/organization') {
      if (method !== 'GET') throw methodNotAllowed();
      sendJson(res, 200, {
        '@odata.context': `${base}/$metadata#organization`,
        value: [{ id: options.tenantId, displayName: options.tenantDisplayName }],
      }, ids);
      return;
    }

    const ap = new RegExp(`^/${EM}/accessPackages/([^/]+)(/.*)?$`).exec(rest);
    if (ap) {
      const id = decodeURIComponent(ap[1]).replace(/^'|'$/g, '');
      if (ap[2]) {
        // Creating a policy under an access package is not supported by the service (facts R23).
        throw new HttpProblem(404, 'UnknownError', `No HTTP resource was found that matches the request URI '${url.href}'.`);
      }
      if (method !== 'GET') throw methodNotAllowed();
      requirePermission(claims, false);
      if (!state.hasAccessPackage(id)) throw notFound(`Access package '${id}'`);
      sendJson(res, 200, { '@odata.context': `${base}/$metadata#accessPackages/$entity`, id: id.toLowerCase(), displayName: `Access package ${id.slice(0, 8)}` }, ids);
      return;
    }

    const pm = new RegExp(`^/${EM}/${COLLECTION[apiVersion]}(?:/([^/]+))?$`).exec(rest);
    if (!pm) throw new HttpProblem(400, 'BadRequest', `Resource not found for the segment '${rest.split('/').pop() ?? ''}'.`);
    const policyId = pm[1] ? decodeURIComponent(pm[1]) : undefined;
    const context = `${base}/$metadata#identityGovernance/entitlementManagement/${COLLECTION[apiVersion]}`;
    const expandPackage = (url.searchParams.get('$expand') ?? '').split(',').map((s) => s.trim()).includes('accessPackage');

    if (policyId === undefined) {
      if (method === 'GET') {
        requirePermission(claims, false);
        listPolicies(res, url, ctx, context, expandPackage);
        return;
      }
      if (method === 'POST') {
        requirePermission(claims, true);
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
        sendJson(res, 201, { '@odata.context': `${context}/$entity`, ...present(stored, true) }, ids, {
          location: `${base}/${EM}/${COLLECTION[apiVersion]}/${stored.id}`,
        });
        return;
      }
      throw methodNotAllowed();
    }

    const existing = state.policies.get(policyId);
    const found = existing && existing.apiVersion === apiVersion ? existing : undefined;
    if (method === 'GET') {
      requirePermission(claims, false);
      if (!found) throw notFound(`Policy '${policyId}'`);
      sendJson(res, 200, { '@odata.context': `${context}/$entity`, ...present(found, expandPackage) }, ids);
      return;
    }
    if (method === 'PUT') {
      requirePermission(claims, true);
      const raw = await readJson(req);
      if (!found) throw notFound(`Policy '${policyId}'`);
      const accepted = acceptPolicyBody(apiVersion, raw, 'replace');
      if (isModelProblem(accepted)) throw new HttpProblem(accepted.status, accepted.code, accepted.message);
      const bodyId = (raw as Record<string, unknown>).id;
      if (bodyId !== undefined && bodyId !== policyId) {
        throw new HttpProblem(400, 'InvalidModel', `The model is invalid. The property 'id' does not match the policy in the URL.`);
      }
      if (accepted.accessPackageId !== found.accessPackageId) {
        throw new HttpProblem(400, 'InvalidModel', `The model is invalid. The property '${apiVersion === 'v1.0' ? 'accessPackage' : 'accessPackageId'}' cannot be changed on an existing policy.`);
      }
      rejectBodyFault(method);
      if (state.faults.take('conflict', method, ['POST', 'PUT'])) {
        throw new HttpProblem(409, 'Conflict', 'The policy was changed by another request. Read it again and retry.');
      }
      // PUT is a full replace: whatever the body leaves out is gone afterwards.
      found.body = withServerIds(accepted.body);
      found.modifiedDateTime = new Date().toISOString();
      if (afterCommitFault(res, method, ids)) return;
      sendJson(res, 200, { '@odata.context': `${context}/$entity`, ...present(found, true) }, ids);
      return;
    }
    if (method === 'DELETE') {
      requirePermission(claims, true);
      if (!found) throw notFound(`Policy '${policyId}'`);
      state.policies.delete(policyId);
      sendJson(res, 204, undefined, ids);
      return;
    }
    throw methodNotAllowed();
  }

  function listPolicies(res: ServerResponse, url: URL, ctx: Ctx, context: string, expandPackage: boolean): void {
    const filterText = url.searchParams.get('$filter');
    let items = ctx.apiVersion === 'v1.0' ? state.policiesOf('v1.0') : state.policiesOf('beta');
    const visible = items.filter((p) => p.hiddenFromLists <= 0);
    for (const p of items) if (p.hiddenFromLists > 0) p.hiddenFromLists -= 1;
    items = visible;
    if (filterText) {
      // Both versions take the same filters; beta refuses its own `accessPackageId` property (facts §1.1).
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
    const skip = Math.max(0, Number.parseInt(url.searchParams.get('$skiptoken') ?? '0', 10) || 0);
    const top = Math.min(pageSize, Math.max(1, Number.parseInt(url.searchParams.get('$top') ?? String(pageSize), 10) || pageSize));
    const page = items.slice(skip, skip + top);
    const body: Record<string, unknown> = { '@odata.context': context, value: page.map((p) => present(p, expandPackage)) };
    if (skip + top < items.length) {
      const next = new URL(url.href);
      next.searchParams.set('$skiptoken', String(skip + top));
      body['@odata.nextLink'] = next.href;
    }
    sendJson(res, 200, body, ctx.ids);
  }

  function rejectBodyFault(method: HttpMethod): void {
    const fault = state.faults.take('rejectBody', method, ['POST', 'PUT']);
    if (fault) throw new HttpProblem(400, 'InvalidModel', `The model is invalid. The value of property '${fault.property}' is not accepted by the service.`);
  }

  /** Applies a "failure after commit" fault: the write is stored, but the caller never hears so. */
  function afterCommitFault(res: ServerResponse, method: HttpMethod, ids: RequestIds): boolean {
    const fault = state.faults.take('failAfterCommit', method, ['POST']);
    if (!fault) return false;
    if (fault.mode === 'drop') res.socket?.destroy();
    else sendGraphError(res, 504, 'GatewayTimeout', 'The operation timed out.', ids);
    return true;
  }
}

/** The policy as Graph returns it: stored body plus server-maintained properties. */
function present(p: StoredPolicy, expandPackage: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { id: p.id };
  for (const [k, v] of Object.entries(p.body)) {
    if (k === 'accessPackage' && !expandPackage) continue;
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

/** Questions get server-assigned ids, as in the service (facts R20). */
function withServerIds(body: Record<string, unknown>): Record<string, unknown> {
  if (Array.isArray(body.questions)) {
    body.questions = body.questions.map((q) =>
      typeof q === 'object' && q !== null && !('id' in q) ? { id: randomUUID(), ...(q as object) } : q,
    );
  }
  return body;
}

function notFound(what: string): HttpProblem {
  return new HttpProblem(404, 'ResourceNotFound', `${what} was not found.`);
}

function methodNotAllowed(): HttpProblem {
  return new HttpProblem(405, 'Request_BadRequest', 'The HTTP method is not allowed on this resource.');
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
