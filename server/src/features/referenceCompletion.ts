// Completion inside a reference: kinds after `${`, then names. `${var:` offers the value names of
// the configuration governing the file (no tenant needed); object kinds offer names from the
// tenant the lookups ask (the active environment's or the signed-in one), as the user types,
// through TenantSuggestions (debounced, one request in flight per kind). Not signed in: kinds and
// value names only, and never a prompt.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CONFIG_FILE_NAME,
  REFERENCE_KINDS,
  parseConfig,
  referenceKindCompletions,
  referenceNameCompletions,
  type DirectoryKind,
  type PolicyCompletion,
  type ReferenceCompletionContext,
  type ReferenceName,
} from '../../../core/src';
import type { ServerContext } from '../feature';
import { tenantLookupsEnabled } from './tenant';

/** How long a completion waits for the tenant's names (the editor asks again as the user types). */
export const SUGGEST_WAIT_MS = 2000;

export interface ReferenceCompletions {
  items: PolicyCompletion[];
  /** More may come (the tenant has not answered yet, or only a page was read): the editor asks again. */
  incomplete: boolean;
}

export async function referenceCompletions(ctx: ServerContext, uri: string, at: ReferenceCompletionContext): Promise<ReferenceCompletions> {
  if (at.phase === 'kind') return { items: referenceKindCompletions(at), incomplete: false };
  if (at.kind === 'var') return { items: referenceNameCompletions(at, configValueNames(ctx, uri), 'name'), incomplete: false };
  if (!tenantLookupsEnabled(ctx) || ctx.tenant.signInState === 'signedOut') return { items: [], incomplete: false };
  const twoPart = REFERENCE_KINDS[at.kind].parts.length > 1;
  const stage = twoPart && at.catalog === undefined ? 'catalog' : 'name';
  const answer = await ctx.suggestions.suggest(
    { kind: at.kind as DirectoryKind, prefix: at.prefix, ...(at.catalog !== undefined ? { catalog: at.catalog } : {}) },
    SUGGEST_WAIT_MS,
  );
  if (!answer) return { items: [], incomplete: true };
  if (!answer.signedIn) return { items: [], incomplete: false };
  const where = answer.environment ? `environment "${answer.environment}" (${answer.tenant})` : answer.tenant;
  if ('unreadable' in answer) return { items: [], incomplete: false };
  const names: ReferenceName[] = answer.items.map((i) => ({
    name: i.name,
    detail: i.detail,
    documentation: `In ${where}: id \`${i.id}\``,
  }));
  // Graph gave one page of names starting with the prefix: typing more narrows it, so ask again.
  return { items: referenceNameCompletions(at, names, stage), incomplete: true };
}

/** The value names of the configuration governing `uri` (an open one first, else the file on disk), with their values. */
function configValueNames(ctx: ServerContext, uri: string): ReferenceName[] {
  const text = configTextFor(ctx, uri);
  const config = text === undefined ? undefined : parseConfig(text).config;
  if (!config) return [];
  return Object.entries(config.values).map(([name, perEnv]) => ({
    name,
    detail: Object.entries(perEnv)
      .map(([env, v]) => `${env}: ${v}`)
      .join(', '),
  }));
}

function configTextFor(ctx: ServerContext, uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  let dir: string;
  try {
    dir = path.dirname(fileURLToPath(uri));
  } catch {
    return undefined;
  }
  for (let depth = 0; depth < 64; depth++) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    const open = ctx.documents.all().find((d) => d.uri.startsWith('file:') && safePath(d.uri) === candidate);
    if (open) return open.getText();
    if (existsSync(candidate)) {
      try {
        return readFileSync(candidate, 'utf8');
      } catch {
        return undefined;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

function safePath(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
