// `pull --portable`: the ids of pulled bodies turned into references wherever the name is unique
// in the tenant (a user by UPN, a service principal by appId, a connected organization by its
// partner tenant: keys that are the same in every tenant; a group, an access package or a custom
// extension by name, checked to match only that one object), so the folder deploys to another
// tenant unchanged. Where that is not so the id stays, with the reason, which pull writes as a
// JSONC comment beside it. Uses the same DirectoryLookup as the resolver, batched: one getByIds per
// 1,000 ids, one uniqueness query per kind and 15 names.
import {
  type ApiVersion,
  type JsonPath,
  referenceKindsOf,
  schemaNavigator,
  formatReference,
  REFERENCE_KINDS,
  type ObjectReferenceKind,
} from '../../../core/src';
import { DirectoryLookup, keyOf, type DirectoryObject, type LookupRequest } from '../directory/directoryLookup';
import type { PolicyValue } from '../deploy/policyBody';
import type { GraphClient } from '../graph/index';
import { delegatedPermissionsFor, directoryReadsOf } from '../auth/scopes';

export interface KeptId {
  id: string;
  reason: string;
}

export interface PortableBody {
  value: PolicyValue;
  kept: KeptId[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIRECTORY_KINDS = new Set<ObjectReferenceKind>(['user', 'group', 'servicePrincipal']);

interface Slot {
  body: number;
  path: JsonPath;
  kind: ObjectReferenceKind;
  id: string;
}

/** The bodies with references in place of ids (and without the policy's own id, which is per tenant). */
export async function portableBodies(
  bodies: readonly PolicyValue[],
  apiVersion: ApiVersion,
  lookup: DirectoryLookup,
  /** The lookup's Graph client: a delegated sign-in asks it for the directory reads first. */
  graph?: GraphClient,
): Promise<PortableBody[]> {
  const nav = schemaNavigator(apiVersion);
  const slots: Slot[] = [];
  bodies.forEach((b, i) =>
    walk(b, [], (path, v) => {
      const kind = nav
        .schemasAt(path, b)
        .flatMap(referenceKindsOf)
        .find((k) => k !== 'var') as ObjectReferenceKind | undefined;
      if (kind && GUID.test(v)) slots.push({ body: i, path, kind, id: v.toLowerCase() });
    }),
  );

  // What each id is: directory objects in one getByIds batch, the others from the cached lists.
  const objects = new Map<string, DirectoryObject>();
  const unreadable = new Map<ObjectReferenceKind, string>();
  const directoryIds = slots.filter((s) => DIRECTORY_KINDS.has(s.kind)).map((s) => s.id);
  if (directoryIds.length) {
    // getByIds, then the uniqueness queries of each kind found.
    await graph?.requestPermissions(delegatedPermissionsFor(['getByIds', ...directoryReadsOf(slots.map((s) => s.kind))]));
    const described = await lookup.describeIds(directoryIds);
    if (described instanceof Map) for (const [id, o] of described) objects.set(id, o);
    else
      for (const k of DIRECTORY_KINDS)
        unreadable.set(k, `the signed-in identity may not read directory objects (${described.unreadable.join(' or ')} needed)`);
  }
  for (const kind of ['connectedOrganization', 'accessPackage', 'customExtension'] as const) {
    const ids = slots.filter((s) => s.kind === kind).map((s) => s.id);
    if (ids.length) for (const [id, o] of await lookup.describeEntitlementIds(kind, ids)) objects.set(id, o);
  }

  // Whether each object's name names only it: one batched query per kind.
  const requests = new Map<string, LookupRequest>();
  for (const s of slots) {
    const o = objects.get(s.id);
    if (o && o.kind === s.kind) requests.set(s.id, { kind: s.kind, parts: portableKey(o) });
  }
  const answers = await lookup.findAll([...requests.values()]);

  const out: PortableBody[] = bodies.map((b) => {
    const copy = structuredClone(b) as PolicyValue;
    delete (copy as Record<string, unknown>).id;
    return { value: copy, kept: [] };
  });
  for (const s of slots) {
    const target = out[s.body];
    const o = objects.get(s.id);
    const what = REFERENCE_KINDS[s.kind].object;
    const keep = (reason: string) => target.kept.push({ id: s.id, reason });
    if (!o || o.kind !== s.kind) {
      keep(unreadable.get(s.kind) ?? `kept as an id: no ${what} with this id in the tenant`);
      continue;
    }
    const request = requests.get(s.id)!;
    const answer = answers.get(keyOf(request));
    if (answer?.status === 'found' && answer.object.id.toLowerCase() === s.id) {
      setAt(target.value, s.path, formatReference(s.kind, request.parts));
    } else if (answer?.status === 'many') {
      keep(
        `kept as an id: ${answer.candidates.length} ${what}s are named "${request.parts.join('/')}" in this tenant (${answer.candidates.map((c) => `${c.id} ${c.detail}`).join('; ')})`,
      );
    } else if (answer?.status === 'unreadable') {
      keep(`kept as an id: the signed-in identity may not look up ${what}s (${answer.permissions.join(' or ')} needed)`);
    } else {
      keep(`kept as an id: its name "${request.parts.join('/')}" does not find it again`);
    }
  }
  return out;
}

/** The name a reference uses for an object: its UPN, appId, partner tenant, or (catalog and) display name. */
function portableKey(o: DirectoryObject): string[] {
  switch (o.kind) {
    case 'user':
    case 'servicePrincipal':
      return [o.key[0]];
    case 'connectedOrganization':
      return [o.key.length > 1 ? o.key[0] : o.displayName];
    case 'accessPackage':
    case 'customExtension':
      return [o.key[0], o.key[1]];
    case 'group':
      return [o.displayName];
  }
}

/**
 * The pulled file's text with a `// reason` comment at the end of each line that holds a kept id.
 * The text is JSON.stringify's with an indent, so every such value is alone on its line.
 */
export function annotateKeptIds(text: string, kept: readonly KeptId[]): string {
  if (kept.length === 0) return text;
  const reasons = new Map(kept.map((k) => [k.id.toLowerCase(), k.reason]));
  return text
    .split('\n')
    .map((line) => {
      const m = /"([0-9a-fA-F-]{36})",?\s*$/.exec(line);
      const reason = m && reasons.get(m[1].toLowerCase());
      return reason ? `${line} // ${reason.replace(/[\r\n]+/g, ' ')}` : line;
    })
    .join('\n');
}

function walk(v: unknown, path: JsonPath, visit: (path: JsonPath, s: string) => void): void {
  if (typeof v === 'string') visit(path, v);
  else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], visit));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k], visit);
}

/** Sets the string at `path` of a parsed body (the path exists). */
export function setAt(root: unknown, path: JsonPath, value: string): void {
  let node = root as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
}
