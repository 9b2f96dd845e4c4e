// The extension's answer to the language server's tenant lookups (common/src/protocol.ts): the
// server never holds a token, so it asks, and this looks the objects up in Graph with the signed-in
// session. No VS Code imports: the LSP tests answer the server with this very function.
import { DirectoryLookup, SignInError, type GraphClient } from '../../../deploy/src';
import type { DirectoryQuery } from '../../../core/src';
import type { LookupDirectoryObjectsResult } from '../../../common/src';

/** At most this many queries are answered per request (the server batches; a bound all the same). */
export const MAX_QUERIES = 2000;

/** `graph` is undefined when nobody is signed in: then nothing is looked up. */
export async function answerLookups(
  graph: GraphClient | undefined,
  tenant: string,
  queries: readonly DirectoryQuery[],
  signal?: AbortSignal,
): Promise<LookupDirectoryObjectsResult> {
  if (!graph) return { signedIn: false };
  try {
    const answers = await new DirectoryLookup(graph, signal).lookup(Array.isArray(queries) ? queries.slice(0, MAX_QUERIES) : []);
    return { signedIn: true, tenant, answers };
  } catch (e) {
    // The silent token could not be had (expired session, consent needed): no prompt while typing.
    if (e instanceof SignInError) return { signedIn: false };
    throw e;
  }
}
