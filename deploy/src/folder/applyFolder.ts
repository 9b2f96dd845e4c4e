// `apply`: carries out a folder plan. Creates and updates go one at a time (parallel creates make
// Graph answer DuplicateKey) through the deploy core's executor, so every guarantee of `deploy`
// holds: a create whose answer was lost is looked up before it is sent again (never a duplicate),
// Retry-After is honoured, and the new id is written back into the file atomically. One policy
// failing does not stop the others. Deletes of unmanaged policies come last and only when
// everything else succeeded; a refused delete (e.g. a policy still in use) is explained, not retried.
import { GraphError, explainGraphError, type GraphClient } from '../graph/index';
import { applyPlan } from '../deploy/executor';
import { policyItemPath } from '../deploy/endpoints';
import type { FolderPlan, PlanEntry } from './folderPlan';
import { recordId, type ActiveEnvironment } from '../environments/index';
import { errorMessage } from '../../../core/src';

export type ApplyAction = 'created' | 'updated' | 'adopted' | 'unchanged' | 'deleted' | 'skipped' | 'failed';

export interface ApplyResult {
  entry: PlanEntry;
  action: ApplyAction;
  id: string | null;
  /** Why it was skipped or failed, and notes (a recovered create, the id written back). */
  message?: string;
}

export interface ApplyFolderOptions {
  graph: GraphClient;
  deleteUnmanaged?: boolean;
  tenantLabel?: string;
  signal?: AbortSignal;
  /** Pauses between lookups after an unclear create (the deploy core's default when absent). */
  reconcileDelaysMs?: number[];
  onProgress?: (message: string) => void;
  /** Called as each policy is done, so a long apply shows progress. */
  onResult?: (result: ApplyResult) => void;
  /** In a folder with environments: new ids go into its ids file, never into the policy files. */
  environment?: ActiveEnvironment;
  /**
   * Asked before each create, update or delete starts: why it must not (the caller's time limit
   * has run out), or undefined. A policy not started fails with that reason.
   */
  whyNotStart?: () => string | undefined;
}

export async function applyFolderPlan(plan: FolderPlan, options: ApplyFolderOptions): Promise<ApplyResult[]> {
  const results: ApplyResult[] = [];
  const done = (r: ApplyResult): void => {
    results.push(r);
    options.onResult?.(r);
  };
  for (const entry of plan.entries) {
    if (entry.action === 'unmanaged') continue;
    if (entry.action === 'refused' || entry.action === 'missing') {
      done({ entry, action: 'skipped', id: entry.id, message: entry.reason ?? undefined });
      continue;
    }
    if (entry.action === 'unchanged' || !entry.deploy) {
      done({ entry, action: 'unchanged', id: entry.id });
      continue;
    }
    const deploy = entry.deploy;
    const stop = options.whyNotStart?.();
    if (stop) {
      done({ entry, action: 'failed', id: entry.id, message: stop });
      continue;
    }
    try {
      const outcome = await applyPlan(deploy, {
        graph: options.graph,
        signal: options.signal,
        tenantLabel: options.tenantLabel,
        reconcileDelaysMs: options.reconcileDelaysMs,
        onProgress: (m) => options.onProgress?.(`${entry.file}: ${m}`),
      });
      const notes = [...outcome.notes];
      if (deploy.needsIdWriteBack && entry.file) {
        const recorded = await recordId(entry.file, outcome.policyId, deploy.sourceText, options.environment);
        if (recorded.written === 'policy file') notes.push(`wrote "id": "${outcome.policyId}" into the file`);
        notes.push(...recorded.notes);
      }
      const action: ApplyAction = entry.action === 'adopt' ? 'adopted' : outcome.action;
      done({ entry, action, id: outcome.policyId, message: notes.join('; ') || undefined });
    } catch (e) {
      done({ entry, action: 'failed', id: entry.id, message: errorMessage(e) });
    }
  }

  const unmanaged = plan.entries.filter((e) => e.action === 'unmanaged');
  if (!options.deleteUnmanaged) {
    for (const entry of unmanaged)
      done({ entry, action: 'skipped', id: entry.id, message: 'unmanaged; kept (pass --delete-unmanaged to delete)' });
    return results;
  }
  const blocked = results.some((r) => r.action === 'failed' || r.action === 'skipped');
  for (const entry of unmanaged) {
    if (blocked) {
      done({
        entry,
        action: 'skipped',
        id: entry.id,
        message: 'not deleted: other policies failed or were skipped, and deletes only follow a complete apply',
      });
      continue;
    }
    const stop = options.whyNotStart?.();
    done(stop ? { entry, action: 'failed', id: entry.id, message: stop } : await deletePolicy(entry, options));
  }
  return results;
}

async function deletePolicy(entry: PlanEntry, options: ApplyFolderOptions): Promise<ApplyResult> {
  const path = policyItemPath(entry.apiVersion, entry.id!);
  try {
    await options.graph.request('DELETE', path, { signal: options.signal });
    return { entry, action: 'deleted', id: entry.id };
  } catch (e) {
    // A DELETE retried after a lost answer finds the policy already gone: that is success.
    if (e instanceof GraphError && e.status === 404) return { entry, action: 'deleted', id: entry.id, message: 'already gone' };
    if (e instanceof GraphError) {
      const x = explainGraphError(e, {
        operation: 'update',
        policyId: entry.id ?? undefined,
        accessPackageId: entry.accessPackageId ?? undefined,
        tenant: options.tenantLabel,
      });
      // Graph documents no error for deleting a policy still in use (docs/policy-facts.md, "Reading a tenant": deleting); a 400 or
      // 409 here is most likely that, so say how to clear it [INF].
      const advice =
        e.status === 400 || e.status === 409
          ? 'If the policy still has assignments, remove them first (an AdminRemove assignment request each) and apply again.'
          : x.advice;
      return {
        entry,
        action: 'failed',
        id: entry.id,
        message: `delete refused: ${x.summary}${advice ? ` ${advice}` : ''} (${x.correlation})`,
      };
    }
    return { entry, action: 'failed', id: entry.id, message: errorMessage(e) };
  }
}
