// The quick fixes between a raw id and a reference for the targets under the cursor, from the
// tenant answers the server has (server/src/tenant/tenantDirectory.ts), computed in the core
// (core/src/features/referenceFixes.ts). An id's would-be reference is looked up too (is the name
// unique?), waiting as briefly as a hover does; nothing is offered signed out or with lookups off.
import {
  referenceFor,
  tenantReferenceFixes,
  type DirectoryQuery,
  type QuickFix,
  type TenantTarget,
  type ValidationResult,
} from '../../../core/src';
import type { ServerContext } from '../feature';
import { directoryKey } from '../tenant/tenantDirectory';
import { queryOf, targetsIn, tenantLookupsEnabled } from './tenant';
import { TENANT_HOVER_WAIT_MS } from './hover';

export async function tenantFixesAt(ctx: ServerContext, result: ValidationResult, start: number, end: number): Promise<QuickFix[]> {
  if (!tenantLookupsEnabled(ctx) || ctx.tenant.signInState === 'signedOut') return [];
  const targets = targetsIn(result).filter((t) => t.offset <= end && start <= t.offset + t.length);
  const out: QuickFix[] = [];
  for (const t of targets) {
    const own = queryOf(t);
    await answered(ctx, [own]);
    const entry = ctx.tenant.get(own.key);
    let referenceEntry;
    if (t.form === 'id') {
      const ref = referenceFor(entry);
      if (!ref) continue;
      const query: DirectoryQuery = { key: directoryKey(ref), kind: ref.kind, parts: ref.parts };
      await answered(ctx, [query]);
      referenceEntry = ctx.tenant.get(query.key);
    }
    out.push(...tenantReferenceFixes(t as TenantTarget, entry, referenceEntry, ctx.tenant.where));
  }
  return out;
}

async function answered(ctx: ServerContext, queries: DirectoryQuery[]): Promise<void> {
  if (queries.every((q) => ctx.tenant.get(q.key))) return;
  ctx.tenant.want(queries);
  await ctx.tenant.settled(
    queries.map((q) => q.key),
    TENANT_HOVER_WAIT_MS,
  );
}
