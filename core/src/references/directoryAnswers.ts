// What a tenant lookup is asked and answers (deploy/src/directory makes the calls; the editor's
// server asks through the client, common/src/protocol.ts). Types only, so every part can share them.

/** The object kinds a lookup knows (the object kinds of `${kind:…}`, schemas/inputs/reference-kinds.json). */
export type DirectoryKind = 'user' | 'group' | 'accessPackage' | 'connectedOrganization' | 'customExtension' | 'servicePrincipal';

export type DirectoryQuery =
  /** A raw id in a slot that takes one of `kinds`. */
  | { key: string; id: string; kinds: DirectoryKind[] }
  /** A reference `${kind:parts…}`. */
  | { key: string; kind: DirectoryKind; parts: string[] };

export interface FoundObject {
  kind: DirectoryKind;
  id: string;
  displayName?: string;
  userPrincipalName?: string;
  accountEnabled?: boolean;
  /** Direct members, when they could be counted (`more` when there are more than were read). */
  memberCount?: { count: number; more: boolean };
  catalog?: string;
  appId?: string;
  mail?: string;
  /** A connected organization's partner tenant id (the key that is the same in every tenant). */
  partnerTenant?: string;
}

export type DirectoryEntry =
  | { state: 'found'; object: FoundObject }
  /** The object exists, but Graph gave only its type and id ("limited information", tenant facts §4.1). */
  | { state: 'limited'; kind: DirectoryKind; id: string; permissions: string[] }
  | { state: 'missing'; lookedUp: string }
  | { state: 'ambiguous'; lookedUp: string; candidates: { id: string; detail: string }[] }
  | { state: 'unreadable'; permissions: string[]; graphSaid: string }
  /** Not looked up: a kind the editor does not check, or Graph failed (throttled, unreachable). */
  | { state: 'unchecked'; reason: string };

export type DirectoryAnswers = Record<string, DirectoryEntry>;

/** A name completion offers inside `${kind:…}`: the reference's part, and what tells it apart. */
export interface DirectorySuggestion {
  /** The part the reference holds: a UPN, a display name, a catalog's name… */
  name: string;
  detail: string;
  id: string;
}

/** What completion asks the tenant: names of `kind` starting with `prefix` (within `catalog` for two-part kinds). */
export interface DirectorySuggestQuery {
  kind: DirectoryKind;
  prefix: string;
  /** Two-part kinds: undefined completes the catalog, a name completes the objects in it. */
  catalog?: string;
}
