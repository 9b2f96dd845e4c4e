// Carries out a plan. A create is the one write that cannot be retried blindly (Graph has no
// idempotency key for policies): after a timeout, reset or 5xx the policy is looked up by its
// natural key (access package, display name), with growing pauses for replication lag, and
// adopted if it is there. Only when it stays absent is the POST sent once more.
import { GraphError, type GraphClient, defaultSleep } from '../graph/index';
import type { DeployPlan } from './planner';
import { findByNaturalKey, rethrow } from './planner';
import { DeployError } from './deployError';
import type { PolicyValue } from './policyBody';

export type DeployAction = 'created' | 'updated' | 'unchanged';

export interface DeployOutcome {
  action: DeployAction;
  policyId: string;
  /** The create's response was lost, and the policy was found by its natural key afterwards. */
  recovered?: boolean;
  notes: string[];
}

export interface ApplyContext {
  graph: GraphClient;
  signal?: AbortSignal;
  tenantLabel?: string;
  /** Pauses between lookups after an ambiguous create (default 1, 2, 4, 8 s). */
  reconcileDelaysMs?: number[];
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onProgress?: (message: string) => void;
}

const DEFAULT_RECONCILE_DELAYS = [1000, 2000, 4000, 8000];

export async function applyPlan(plan: DeployPlan, ctx: ApplyContext): Promise<DeployOutcome> {
  const explainCtx = { accessPackageId: plan.accessPackageId, tenant: ctx.tenantLabel, autoAssignment: plan.autoAssignment };
  if (plan.action === 'unchanged') {
    return {
      action: 'unchanged',
      policyId: plan.policyId!,
      notes: plan.adopted ? [`adopted existing policy ${plan.adopted.id} by its display name`] : [],
    };
  }
  if (plan.action === 'update') {
    try {
      await ctx.graph.request('PUT', plan.path, { body: plan.body, signal: ctx.signal });
    } catch (e) {
      rethrow(e, plan.parsed, { ...explainCtx, operation: 'update', policyId: plan.policyId });
    }
    return {
      action: 'updated',
      policyId: plan.policyId!,
      notes: plan.adopted ? [`adopted existing policy ${plan.adopted.id} by its display name`] : [],
    };
  }

  const notes: string[] = [];
  for (let post = 1; post <= 2; post++) {
    try {
      const res = await ctx.graph.request<PolicyValue>('POST', plan.path, { body: plan.body, signal: ctx.signal });
      const id = res.body && typeof res.body.id === 'string' ? res.body.id : undefined;
      if (!id) {
        // Created, but the answer names no id: find it rather than guess.
        const found = await reconcile(plan, ctx);
        if (found) return { action: 'created', policyId: found, recovered: true, notes };
        throw new DeployError(
          'graph',
          'Graph reported the policy created but returned no id, and it could not be found afterwards. Check the tenant before deploying again.',
        );
      }
      return { action: 'created', policyId: id, notes };
    } catch (e) {
      // Out of time: no lookup can run, so say the create may have gone through (the explanation
      // of an ambiguous error) rather than look and fail with a read's message.
      if (!(e instanceof GraphError) || !e.ambiguous || e.kind === 'cancelled' || e.kind === 'deadline') {
        rethrow(e, plan.parsed, { ...explainCtx, operation: 'create' });
      }
      const why = e.kind === 'http' ? `HTTP ${e.status}` : e.kind;
      ctx.onProgress?.(`The create got no clear answer (${why}); checking whether the policy was created before trying again…`);
      notes.push(`create answered ${why} (client-request-id ${e.clientRequestId}); looked the policy up before retrying`);
      const found = await reconcile(plan, ctx);
      if (found) {
        notes.push(`found policy ${found}: the create had gone through`);
        return { action: 'created', policyId: found, recovered: true, notes };
      }
      if (post === 2) {
        rethrow(e, plan.parsed, { ...explainCtx, operation: 'create' });
      }
      // The lookups can miss a create that did go through when Graph's lists lag longer than they
      // waited; a second POST then makes a duplicate. Say so now, and every later deploy checks.
      ctx.onProgress?.(
        `The policy was not found after ${reconcileWindowS(ctx)} s; creating it once more. If the first create went through after all, a duplicate named "${plan.displayName}" will appear; the next deploy reports it.`,
      );
      notes.push(
        `the policy was not there; sent the create once more: if the first create had gone through after all, access package ${plan.accessPackageId} will show two policies named "${plan.displayName}" (the next deploy reports it)`,
      );
    }
  }
  /* istanbul ignore next: the loop always returns or throws */
  throw new DeployError('graph', 'The create did not complete.');
}

function reconcileWindowS(ctx: ApplyContext): number {
  return Math.round((ctx.reconcileDelaysMs ?? DEFAULT_RECONCILE_DELAYS).reduce((a, b) => a + b, 0) / 1000);
}

/** Looks for the policy by natural key with pauses; its id when exactly one is found. */
async function reconcile(plan: DeployPlan, ctx: ApplyContext): Promise<string | undefined> {
  const delays = ctx.reconcileDelaysMs ?? DEFAULT_RECONCILE_DELAYS;
  const sleep = ctx.sleep ?? defaultSleep;
  for (let i = 0; i <= delays.length; i++) {
    if (i > 0) {
      try {
        await sleep(delays[i - 1], ctx.signal);
      } catch {
        throw new DeployError(
          'cancelled',
          'The deploy was cancelled while checking whether the policy had been created. Run it again: it will adopt the policy if it exists.',
        );
      }
    }
    let matches: PolicyValue[];
    try {
      matches = await findByNaturalKey(ctx.graph, plan.apiVersion, plan.accessPackageId, plan.displayName, ctx.signal);
    } catch (e) {
      rethrow(e, plan.parsed, { operation: 'lookup', accessPackageId: plan.accessPackageId, tenant: ctx.tenantLabel });
    }
    if (matches.length === 1) return String(matches[0].id);
    if (matches.length > 1) {
      const ids = matches.map((m) => String(m.id));
      throw new DeployError(
        'refused',
        `After an unclear create, ${ids.length} policies named "${plan.displayName}" exist (${ids.join(', ')}). Delete the extra ones and put the right id into the file.`,
        { policyIds: ids },
      );
    }
  }
  return undefined;
}
