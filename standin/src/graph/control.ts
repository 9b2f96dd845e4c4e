// `/_standin/…` control endpoints: let tests and a developer running `npm start` switch faults,
// add access packages, take principals' roles away and read the tenant's state. The stand-in only
// ever listens on 127.0.0.1, and these endpoints touch only its own in-memory state.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FAULT_KEYS } from './faults';
import type { GraphState } from './state';
import { seedTenant } from './seed';
import { errorMessage } from '../util/errorMessage';

const ACTIONS = new Set([
  'state',
  'requests',
  'faults',
  'access-packages',
  'catalogs',
  'assignments',
  'seed',
  'directory',
  'deny-directory-read',
  'revoke-role',
  'expire-tokens',
  'reset',
]);

export type ControlHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export interface ControlOptions {
  state: GraphState;
  /** Expires every token the stand-in issued (to test a 401 and the refresh that follows). */
  expireTokens: () => void;
}

export function createControlHandler(options: ControlOptions): ControlHandler {
  const { state } = options;
  return async (req, res, url) => {
    if (!url.pathname.startsWith('/_standin/')) return false;
    const action = url.pathname.slice('/_standin/'.length);
    // Other halves of the stand-in have their own `/_standin/…` pages (e.g. the device login).
    if (!ACTIONS.has(action)) return false;
    const method = req.method ?? 'GET';
    try {
      if (method === 'GET' && action === 'state') return reply(res, 200, state.snapshot());
      // The request log alone: cheap to poll while a seeded tenant holds thousands of policies.
      if (method === 'GET' && action === 'requests') return reply(res, 200, { count: state.requests.length, requests: state.requests });
      if (method !== 'POST')
        return reply(res, 405, { error: 'Use POST for control actions (GET only for /_standin/state and /_standin/requests).' });
      const body = await readBody(req);
      switch (action) {
        case 'faults': {
          const unknown = Object.keys(body).filter((k) => !(FAULT_KEYS as readonly string[]).includes(k));
          if (unknown.length)
            return reply(res, 400, { error: `Unknown fault(s): ${unknown.join(', ')}. Known: ${FAULT_KEYS.join(', ')}.` });
          state.faults.set(body);
          return reply(res, 200, { faults: state.faults.settings });
        }
        case 'access-packages': {
          const id = typeof body.id === 'string' ? body.id : undefined;
          const name = typeof body.displayName === 'string' ? body.displayName : undefined;
          const catalogId = typeof body.catalogId === 'string' ? body.catalogId : undefined;
          return reply(res, 200, { id: state.addAccessPackage(id, name, catalogId) });
        }
        case 'catalogs': {
          if (typeof body.displayName !== 'string') return reply(res, 400, { error: 'Give "displayName".' });
          return reply(res, 200, { id: state.addCatalog(body.displayName, '', typeof body.id === 'string' ? body.id : undefined) });
        }
        case 'assignments': {
          // {"policyId": "...", "count": 2}: the policy then cannot be deleted until the count is 0.
          if (typeof body.policyId !== 'string' || typeof body.count !== 'number')
            return reply(res, 400, { error: 'Give "policyId" and "count".' });
          state.assignments.set(body.policyId, body.count);
          return reply(res, 200, { policyId: body.policyId, count: body.count });
        }
        case 'seed': {
          const n = body.policies;
          if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
            return reply(res, 400, { error: 'Give "policies": a positive integer.' });
          return reply(res, 200, seedTenant(state, { policies: n, seed: typeof body.seed === 'number' ? body.seed : undefined }));
        }
        case 'directory':
          // {"users": [{userPrincipalName, displayName?, id?, accountEnabled?}], "groups": [{displayName, members?: [upn or id]}],
          //  "servicePrincipals": [{displayName, appId?}], "connectedOrganizations": [{displayName, tenantId?}]}
          return reply(res, 200, addDirectoryObjects(state, body));
        case 'deny-directory-read': {
          if (typeof body.principal !== 'string')
            return reply(res, 400, { error: 'Give "principal": a username, object id or client id.' });
          state.directory.deniedReaders.add(body.principal.toLowerCase());
          return reply(res, 200, { deniedReaders: [...state.directory.deniedReaders] });
        }
        case 'revoke-role': {
          if (typeof body.principal !== 'string')
            return reply(res, 400, { error: 'Give "principal": a username, object id or client id.' });
          state.principalsWithoutRole.add(body.principal.toLowerCase());
          return reply(res, 200, { principalsWithoutRole: [...state.principalsWithoutRole] });
        }
        case 'expire-tokens':
          options.expireTokens();
          return reply(res, 200, { expired: true });
        case 'reset':
          state.reset();
          return reply(res, 200, { reset: true });
        default:
          return false;
      }
    } catch (e) {
      return reply(res, 400, { error: errorMessage(e) });
    }
  };
}

/** Adds the directory objects a control request lists; answers with each one's id, in order. */
export function addDirectoryObjects(state: GraphState, body: Record<string, unknown>): Record<string, string[]> {
  const dir = state.directory;
  const items = (key: string): Record<string, unknown>[] => {
    const v = body[key];
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'object' || x === null)) throw new Error(`"${key}" must be an array of objects.`);
    return v as Record<string, unknown>[];
  };
  const str = (o: Record<string, unknown>, k: string, required = false): string | undefined => {
    const v = o[k];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v === '') throw new Error(`Each entry needs "${k}" as a non-empty string.`);
    return v;
  };
  const users = items('users').map(
    (u) =>
      dir.addUser({
        userPrincipalName: str(u, 'userPrincipalName', true)!,
        displayName: str(u, 'displayName'),
        id: str(u, 'id'),
        mail: str(u, 'mail'),
        accountEnabled: typeof u.accountEnabled === 'boolean' ? u.accountEnabled : undefined,
      }).id,
  );
  const groups = items('groups').map((g) => {
    const members = Array.isArray(g.members)
      ? (g.members as unknown[])
          .map(String)
          .map(
            (m) =>
              dir.users.get(m.toLowerCase())?.id ??
              [...dir.users.values()].find((u) => u.userPrincipalName.toLowerCase() === m.toLowerCase())?.id ??
              m,
          )
      : [];
    return dir.addGroup({
      displayName: str(g, 'displayName', true)!,
      id: str(g, 'id'),
      mailNickname: str(g, 'mailNickname'),
      mail: str(g, 'mail'),
      groupTypes: Array.isArray(g.groupTypes) ? (g.groupTypes as unknown[]).map(String) : undefined,
      members,
    }).id;
  });
  const servicePrincipals = items('servicePrincipals').map(
    (s) => dir.addServicePrincipal({ displayName: str(s, 'displayName', true)!, id: str(s, 'id'), appId: str(s, 'appId') }).id,
  );
  const connectedOrganizations = items('connectedOrganizations').map(
    (c) =>
      dir.addConnectedOrganization({
        displayName: str(c, 'displayName', true)!,
        id: str(c, 'id'),
        tenantId: str(c, 'tenantId'),
        domain: str(c, 'domain'),
      }).id,
  );
  return { users, groups, servicePrincipals, connectedOrganizations };
}

function reply(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
  return true;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('The body must be a JSON object.');
  return value as Record<string, unknown>;
}
