// The editor's questions (core's DirectoryQuery: a raw id in a slot of some kinds, or a reference)
// answered with the one lookup, DirectoryLookup: ids of users, groups and service principals in one
// getByIds call per 1,000, ids of the entitlement-management kinds from their cached lists,
// references batched per kind; a group's member count from one page of its members. Every answer
// is a state a user can act on (found, limited, missing, ambiguous, unreadable naming the
// permission, unchecked); only a sign-in failure is thrown (then nothing can be looked up).
import type {
  DirectoryAnswers,
  DirectoryEntry,
  DirectoryKind,
  DirectoryQuery,
  DirectorySuggestion,
  DirectorySuggestQuery,
  FoundObject,
  ObjectReferenceKind,
} from '../../../core/src';
import { SignInError } from '../auth/errors';
import { GraphError } from '../graph/index';
import {
  DIRECTORY_OBJECT_KINDS,
  LOOKUP_PERMISSIONS,
  keyOf,
  type DirectoryLookup,
  type DirectoryObject,
  type DirectoryObjectKind,
} from './directoryLookup';

type IdQuery = Extract<DirectoryQuery, { id: string }>;
type RefQuery = Extract<DirectoryQuery, { parts: string[] }>;

const isDirectoryKind = (k: DirectoryKind): k is DirectoryObjectKind => (DIRECTORY_OBJECT_KINDS as readonly string[]).includes(k);
const ENTITLEMENT_KINDS = ['accessPackage', 'connectedOrganization', 'customExtension'] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function answerDirectoryQueries(lookup: DirectoryLookup, queries: readonly DirectoryQuery[]): Promise<DirectoryAnswers> {
  const answers: DirectoryAnswers = {};
  const idQueries = queries.filter((q): q is IdQuery => 'id' in q);
  const refQueries = queries.filter((q): q is RefQuery => 'parts' in q);
  await Promise.all([answerIds(lookup, idQueries, answers), answerReferences(lookup, refQueries, answers)]);
  return answers;
}

async function answerIds(lookup: DirectoryLookup, queries: IdQuery[], answers: DirectoryAnswers): Promise<void> {
  if (queries.length === 0) return;
  const found = new Map<string, DirectoryObject[]>();
  const failed = new Map<string, DirectoryEntry>();
  const add = (o: DirectoryObject) => found.set(o.id.toLowerCase(), [...(found.get(o.id.toLowerCase()) ?? []), o]);

  const directory = queries.filter((q) => q.kinds.some(isDirectoryKind));
  if (directory.length) {
    const types = [...new Set(directory.flatMap((q) => q.kinds.filter(isDirectoryKind)))];
    const described = await settle(() =>
      lookup.describeIds(
        directory.map((q) => q.id),
        types,
      ),
    );
    if ('state' in described) for (const q of directory) failed.set(q.key, described);
    else if (described instanceof Map) for (const o of described.values()) add(o);
    else {
      const entry: DirectoryEntry = { state: 'unreadable', permissions: [...described.unreadable], graphSaid: described.graphSaid };
      for (const q of directory) failed.set(q.key, entry);
    }
  }
  for (const kind of ENTITLEMENT_KINDS) {
    const wanted = queries.filter((q) => q.kinds.includes(kind));
    if (wanted.length === 0) continue;
    const described = await settle(
      () =>
        lookup.describeEntitlementIds(
          kind,
          wanted.map((q) => q.id),
        ),
      kind,
    );
    if (described instanceof Map) for (const o of described.values()) add(o);
    else for (const q of wanted) if (!failed.has(q.key)) failed.set(q.key, described);
  }

  await Promise.all(
    queries.map(async (q) => {
      const o = (found.get(q.id.toLowerCase()) ?? []).find((x) => q.kinds.includes(x.kind));
      if (o?.limited) answers[q.key] = { state: 'limited', kind: o.kind, id: o.id, permissions: [...LOOKUP_PERMISSIONS[o.kind]] };
      else if (o) answers[q.key] = { state: 'found', object: await foundObject(lookup, o) };
      else answers[q.key] = failed.get(q.key) ?? { state: 'missing', lookedUp: `id ${q.id}` };
    }),
  );
}

async function answerReferences(lookup: DirectoryLookup, queries: RefQuery[], answers: DirectoryAnswers): Promise<void> {
  if (queries.length === 0) return;
  const requests = queries.map((q) => ({ kind: q.kind, parts: q.parts }));
  const results = await settle(() => lookup.findAll(requests));
  await Promise.all(
    queries.map(async (q, i) => {
      if (!(results instanceof Map)) {
        answers[q.key] = results;
        return;
      }
      const r = results.get(keyOf(requests[i]));
      const lookedUp = lookedUpOf(q.kind, q.parts);
      switch (r?.status) {
        case 'found':
          answers[q.key] = { state: 'found', object: await foundObject(lookup, r.object) };
          return;
        case 'many':
          answers[q.key] = { state: 'ambiguous', lookedUp, candidates: r.candidates.map((c) => ({ id: c.id, detail: c.detail })) };
          return;
        case 'unreadable':
          answers[q.key] = { state: 'unreadable', permissions: [...r.permissions], graphSaid: r.graphSaid };
          return;
        default:
          answers[q.key] = { state: 'missing', lookedUp };
      }
    }),
  );
}

/** What the reference was looked up by, in words ("display name 'Sales' in catalog 'HR'"). */
export function lookedUpOf(kind: ObjectReferenceKind, parts: readonly string[]): string {
  const [first, second] = parts;
  switch (kind) {
    case 'user':
      return `UPN ${quote(first)}`;
    case 'servicePrincipal':
      return GUID.test(first) ? `appId ${first}` : `display name ${quote(first)}`;
    case 'connectedOrganization':
      return GUID.test(first) ? `partner tenant ${first}` : `partner tenant, domain or display name ${quote(first)}`;
    case 'accessPackage':
    case 'customExtension':
      return `display name ${quote(second ?? '')} in catalog ${quote(first)}`;
    case 'group':
      return `display name ${quote(first)}`;
  }
}

async function foundObject(lookup: DirectoryLookup, o: DirectoryObject): Promise<FoundObject> {
  const memberCount = o.kind === 'group' ? await lookup.memberCount(o.id).catch(() => undefined) : undefined;
  return {
    kind: o.kind,
    id: o.id,
    displayName: o.displayName || undefined,
    ...(o.userPrincipalName ? { userPrincipalName: o.userPrincipalName } : {}),
    ...(o.accountEnabled !== undefined ? { accountEnabled: o.accountEnabled } : {}),
    ...(memberCount ? { memberCount } : {}),
    ...(o.catalog ? { catalog: o.catalog } : {}),
    ...(o.appId ? { appId: o.appId } : {}),
    ...(o.mail ? { mail: o.mail } : {}),
    ...(o.partnerTenants?.length === 1 ? { partnerTenant: o.partnerTenants[0] } : {}),
  };
}

/** A Graph failure as an answer; a sign-in failure is thrown (no token: the lookup as a whole is off). */
async function settle<T>(run: () => Promise<T>, kind?: ObjectReferenceKind): Promise<T | DirectoryEntry> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof SignInError) throw e;
    if (e instanceof GraphError) {
      if (e.status === 403 && kind)
        return { state: 'unreadable', permissions: [...LOOKUP_PERMISSIONS[kind]], graphSaid: e.graphMessage ?? 'Forbidden' };
      return { state: 'unchecked', reason: `Graph answered ${e.status ?? 'nothing'}${e.code ? ` (${e.code})` : ''}` };
    }
    return { state: 'unchecked', reason: e instanceof Error ? e.message : String(e) };
  }
}

const SUGGESTED_KINDS: readonly DirectoryKind[] = [...DIRECTORY_OBJECT_KINDS, ...ENTITLEMENT_KINDS];

/**
 * Names for completion inside `${kind:…}`: the part a reference holds (a UPN, a display name; for
 * two-part kinds first the catalog's name, then the name within it), each once.
 */
export async function suggestNames(
  lookup: DirectoryLookup,
  query: DirectorySuggestQuery,
): Promise<DirectorySuggestion[] | { unreadable: string[] }> {
  if (!SUGGESTED_KINDS.includes(query.kind)) return [];
  const catalogStage = (query.kind === 'accessPackage' || query.kind === 'customExtension') && query.catalog === undefined;
  const found = await lookup.suggest(query.kind, query.prefix, typeof query.catalog === 'string' ? query.catalog : undefined);
  if (!Array.isArray(found)) return { unreadable: [...found.unreadable] };
  const items = found.map((o) => ({
    name: catalogStage ? o.displayName : referenceName(o),
    detail: catalogStage ? 'catalog' : o.detail,
    id: o.id,
  }));
  // One name once (two groups named alike are one completion; the hover then says there are two).
  return items.filter((i, n) => items.findIndex((j) => j.name.toLowerCase() === i.name.toLowerCase()) === n);
}

/** The part a reference to `o` holds in its last (or only) place: UPN, or the display name (within its catalog). */
function referenceName(o: DirectoryObject): string {
  switch (o.kind) {
    case 'user':
      return o.userPrincipalName ?? o.key[0];
    case 'accessPackage':
    case 'customExtension':
      return o.key[1] ?? o.displayName;
    default:
      return o.displayName;
  }
}
