// The extension's answer to the language server's tenant lookups (common/src/protocol.ts): the
// server never holds a token, so it asks, and this looks the objects up in Graph with the signed-in
// session, through the one lookup (deploy/src/directory: batched, cached, throttling respected).
// No VS Code imports: the LSP tests answer the server with these very functions.
import { DirectoryLookup, SignInError, answerDirectoryQueries, suggestNames, type GraphClient } from '../../../deploy/src';
import type { DirectoryQuery, DirectorySuggestQuery } from '../../../core/src';
import type { LookupDirectoryObjectsResult, SuggestDirectoryObjectsResult } from '../../../common/src';

/** At most this many queries are answered per request (the server batches; a bound all the same). */
export const MAX_QUERIES = 2000;
/** How long one tenant's lookup (its cached lists and answers) is kept before it reads Graph again. */
export const LOOKUP_TTL_MS = 5 * 60_000;

/** Where the answers come from: the tenant as the user knows it, and the environment that named it. */
export interface LookupTarget {
  /** Identifies the tenant, cloud and account: a new key is a new cache. */
  key: string;
  tenant: string;
  environment?: string;
  graph: GraphClient;
}

/** One DirectoryLookup per target, kept for a few minutes, so lists and answers are read once. */
export class LookupCache {
  private current: { key: string; lookup: DirectoryLookup; at: number } | undefined;

  constructor(private readonly ttlMs = LOOKUP_TTL_MS) {}

  for(target: LookupTarget): DirectoryLookup {
    if (!this.current || this.current.key !== target.key || Date.now() - this.current.at > this.ttlMs)
      this.current = { key: target.key, lookup: new DirectoryLookup({ graph: target.graph }), at: Date.now() };
    return this.current.lookup;
  }

  /** The account, tenant or environment changed. */
  clear(): void {
    this.current = undefined;
  }
}

/** An environment is chosen whose tenant the user has not confirmed: nothing is looked up, and the hover says why. */
export interface UnconfirmedTarget {
  unconfirmed: { environment: string; tenant: string };
}

/** `target` is undefined when nobody is signed in: then nothing is looked up. */
export async function answerLookups(
  cache: LookupCache,
  target: LookupTarget | UnconfirmedTarget | undefined,
  queries: readonly DirectoryQuery[],
): Promise<LookupDirectoryObjectsResult> {
  if (!target) return { signedIn: false };
  if ('unconfirmed' in target)
    return {
      signedIn: false,
      waiting: `the tenant ${target.unconfirmed.tenant} of environment "${target.unconfirmed.environment}" is not confirmed yet (choose the environment in the status bar to confirm it)`,
    };
  try {
    const answers = await answerDirectoryQueries(cache.for(target), Array.isArray(queries) ? queries.slice(0, MAX_QUERIES) : []);
    return { signedIn: true, tenant: target.tenant, ...(target.environment ? { environment: target.environment } : {}), answers };
  } catch (e) {
    // The silent token could not be had (expired session, consent needed): no prompt while typing.
    if (e instanceof SignInError) return { signedIn: false };
    throw e;
  }
}

/** Names for completion inside a reference, from the same tenant and cache as the lookups. */
export async function answerSuggestions(
  cache: LookupCache,
  target: LookupTarget | UnconfirmedTarget | undefined,
  query: DirectorySuggestQuery,
): Promise<SuggestDirectoryObjectsResult> {
  if (!target || 'unconfirmed' in target || typeof query?.kind !== 'string' || typeof query.prefix !== 'string') return { signedIn: false };
  const where = { tenant: target.tenant, ...(target.environment ? { environment: target.environment } : {}) };
  try {
    const found = await suggestNames(cache.for(target), query);
    return 'unreadable' in found ? { signedIn: true, ...where, unreadable: found.unreadable } : { signedIn: true, ...where, items: found };
  } catch (e) {
    if (e instanceof SignInError) return { signedIn: false };
    throw e;
  }
}
