// Decides what a deploy of one policy file will do, without changing the tenant:
// - a file with any error-level diagnostic is refused (nothing is sent);
// - the file's `id` → update (PUT) that policy;
// - no id: the access package's policies are listed and matched by displayName: none → create
//   (POST); exactly one → adopt it (the caller may confirm) and update; several → refuse, naming them;
// - an update whose body already matches the tenant → unchanged.
// The plan carries the body to send and, for an update, the differences and the properties the
// full-replace PUT will reset because the file leaves them out.
import { type ApiVersion, type PolicyDiagnostic, ParsedPolicy, formatLocation } from '../../../core/src';
import { GraphError, type GraphClient, explainGraphError, type ExplainContext } from '../graph/index';
import { accessPackagePath, policiesOfPackageQuery, policyCollectionPath, policyGetQuery, policyItemPath } from './endpoints';
import { accessPackageIdOf, displayNameOf, isAutoAssignment, policyIdOf, requestBody, type PolicyValue } from './policyBody';
import { alignForDisplay, diffPolicy, normalizeCurrent, type PropertyChange } from './compare';
import { unifiedDiff } from './textDiff';
import { canonicalPolicy } from '../folder/policyShape';
import { locateProperties } from './locate';
import { DeployError } from './deployError';
import { holdsReferences, resolveReferences, type ReferenceEnvironment } from '../references/resolveReferences';
import type { DirectoryLookup } from '../directory/directoryLookup';

export type PlannedAction = 'create' | 'update' | 'unchanged';

export interface DeployPlan {
  label: string;
  sourceText: string;
  parsed: ParsedPolicy;
  apiVersion: ApiVersion;
  action: PlannedAction;
  method?: 'POST' | 'PUT';
  /** Path the write goes to (relative to the Graph root). */
  path: string;
  policyId?: string;
  displayName: string;
  accessPackageId: string;
  /** Set when the file had no id and an existing policy was matched by its display name. */
  adopted?: { id: string; displayName: string };
  /** True when the policy id must be written into the file after the deploy. */
  needsIdWriteBack: boolean;
  body: PolicyValue;
  autoAssignment: boolean;
  /** Update only: the tenant's policy as the file would express it. */
  current?: PolicyValue;
  changes: PropertyChange[];
  /** Properties the PUT will reset because the file leaves them out. */
  resets: string[];
  /** Pretty JSON for a side-by-side diff: current (empty for a create) and proposed. */
  currentText: string;
  proposedText: string;
  /** Unified diff of currentText → proposedText. */
  diffText: string;
  warnings: PolicyDiagnostic[];
  /**
   * Other policies of the package with the file's display name (usually left by a create whose
   * answer was lost while Graph's lists lagged), with the sentence that reports them; or a note that
   * they could not be checked. Never changes the action: the file's id says which policy is meant.
   */
  duplicates?: { ids: string[]; message: string };
}

export interface PlanContext {
  graph: GraphClient;
  signal?: AbortSignal;
  defaultApiVersion?: ApiVersion;
  /** Tenant name for messages. */
  tenantLabel?: string;
  /**
   * In a folder with environments the policy's id is not in the file but in the ids file: the id
   * recorded for the environment (undefined when none is yet), and where it is kept, for messages.
   * A file that names an id of its own is then refused.
   */
  environmentId?: { id: string | undefined; where: string };
  /** The selected environment's values for `${var:…}`; absent when no environment is selected. */
  environment?: ReferenceEnvironment;
  /** Directory lookups shared by a command that plans several files (one per API version). */
  lookups?: Map<ApiVersion, DirectoryLookup>;
  /** Asked when the file has no id and one existing policy has its display name; false stops. */
  confirmAdopt?: (candidate: { id: string; displayName: string; accessPackageId: string }) => Promise<boolean>;
}

/**
 * The validation core's verdict on the file, which the plan needs. The planner does not validate
 * itself, so the editor can take the verdict from the language server and bundle no validator:
 * the CLI passes core's `validatePolicy` result (validateForDeploy.ts), the editor the server's
 * answer to `accessPolicy/validate`. Both come from the one core.
 */
export interface PolicyVerdict {
  apiVersion: ApiVersion;
  diagnostics: PolicyDiagnostic[];
  /** The parse the verdict was made on, when the caller has it (saves parsing again). */
  parsed?: ParsedPolicy;
}

/**
 * The local half of a deploy, needing no sign-in: throws `invalid` (listing every error as
 * file:line:col CODE message) when the verdict has any error-level diagnostic. Hosts call it before
 * signing in, so a broken file never causes a sign-in prompt or a request.
 */
export function refuseInvalid(label: string, verdict: PolicyVerdict): void {
  const errors = verdict.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const list = errors
      .slice(0, 20)
      .map((d) => `  ${formatLocation(d.range, label)} ${d.code} ${d.message}`)
      .join('\n');
    const more = errors.length > 20 ? `\n  … and ${errors.length - 20} more` : '';
    throw new DeployError(
      'invalid',
      `${label} has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was sent to the tenant. Fix:\n${list}${more}`,
      {
        diagnostics: errors,
      },
    );
  }
}

/** Plans the deploy of a file the validation core has judged (`verdict`); see planDeploy for the CLI's way in. */
export async function planVerified(input: { text: string; label: string; verdict: PolicyVerdict }, ctx: PlanContext): Promise<DeployPlan> {
  refuseInvalid(input.label, input.verdict);
  const result = { ...input.verdict, parsed: input.verdict.parsed ?? new ParsedPolicy(input.text) };
  const apiVersion = result.apiVersion;
  let value = result.parsed.value as PolicyValue;
  if (holdsReferences(result.parsed)) {
    // Names become the target tenant's ids before anything is compared or sent (docs/references.md).
    const [resolved] = await resolveReferences([{ parsed: result.parsed, apiVersion }], {
      graph: ctx.graph,
      environment: ctx.environment,
      tenant: ctx.tenantLabel ?? 'the tenant',
      signal: ctx.signal,
      lookups: ctx.lookups,
    });
    refuseInvalid(input.label, { ...result, diagnostics: resolved.diagnostics });
    value = resolved.value as PolicyValue;
  }
  const accessPackageId = accessPackageIdOf(value, apiVersion);
  if (!accessPackageId) {
    throw new DeployError(
      'invalid',
      `${input.label} names no access package (${apiVersion === 'v1.0' ? '"accessPackage": {"id": …}' : '"accessPackageId"'}); a policy always belongs to one.`,
    );
  }
  const displayName = displayNameOf(value);
  if (!displayName) throw new DeployError('invalid', `${input.label} has no displayName; it is needed to find the policy in the tenant.`);
  let fileId = policyIdOf(value);
  if (ctx.environmentId) {
    if (fileId)
      throw new DeployError(
        'invalid',
        `${input.label} names "id": "${fileId}", but in a folder with environments each environment's id is kept in ${ctx.environmentId.where}: remove "id" from the file; nothing was sent.`,
      );
    fileId = ctx.environmentId.id;
  }
  const explain = (e: unknown, operation: ExplainContext['operation'], policyId?: string): never =>
    rethrow(e, result.parsed, { operation, accessPackageId, policyId, tenant: ctx.tenantLabel, autoAssignment: isAutoAssignment(value) });

  let targetId = fileId;
  let adopted: DeployPlan['adopted'];
  let currentRaw: PolicyValue | undefined;
  let duplicates: DeployPlan['duplicates'];

  if (fileId) {
    try {
      currentRaw = (
        await ctx.graph.request<PolicyValue>('GET', policyItemPath(apiVersion, fileId), {
          query: policyGetQuery(apiVersion),
          signal: ctx.signal,
        })
      ).body;
    } catch (e) {
      explain(e, 'update', fileId);
    }
    if (!currentRaw || typeof currentRaw !== 'object') {
      throw new DeployError('graph', `Graph answered the read of policy ${fileId} without the policy; nothing was sent. Try again.`);
    }
    const currentPackage = packageOfCurrent(currentRaw, apiVersion);
    if (currentPackage && currentPackage.toLowerCase() !== accessPackageId.toLowerCase()) {
      throw new DeployError(
        'refused',
        `Policy ${fileId} belongs to access package ${currentPackage}, but ${input.label} names ${accessPackageId}. A policy cannot move between packages; remove "id" to create a new policy.`,
      );
    }
    try {
      duplicates = await otherPoliciesNamed(ctx, apiVersion, accessPackageId, displayName, fileId);
    } catch (e) {
      explain(e, 'lookup');
    }
  } else {
    let matches: PolicyValue[] = [];
    try {
      matches = await findByNaturalKey(ctx.graph, apiVersion, accessPackageId, displayName, ctx.signal);
    } catch (e) {
      explain(e, 'lookup');
    }
    if (matches.length > 1) {
      const ids = matches.map((m) => String(m.id));
      throw new DeployError(
        'refused',
        `${matches.length} policies of access package ${accessPackageId} are named "${displayName}" (${ids.join(', ')}). Put the id of the one to update into ${input.label} as "id", or rename; nothing was sent.`,
        { policyIds: ids },
      );
    }
    if (matches.length === 1) {
      const candidate = { id: String(matches[0].id), displayName: String(matches[0].displayName ?? displayName), accessPackageId };
      if (ctx.confirmAdopt && !(await ctx.confirmAdopt(candidate))) {
        throw new DeployError(
          'unconfirmed',
          `Did not adopt existing policy ${candidate.id} "${candidate.displayName}"; nothing was sent.`,
          { policyIds: [candidate.id] },
        );
      }
      adopted = { id: candidate.id, displayName: candidate.displayName };
      targetId = candidate.id;
      try {
        currentRaw = (
          await ctx.graph.request<PolicyValue>('GET', policyItemPath(apiVersion, candidate.id), {
            query: policyGetQuery(apiVersion),
            signal: ctx.signal,
          })
        ).body;
      } catch (e) {
        explain(e, 'update', candidate.id);
      }
    } else {
      // Nothing to adopt: make sure the package exists so the author gets a clear error before a create.
      try {
        await ctx.graph.request('GET', accessPackagePath(apiVersion, accessPackageId), { signal: ctx.signal });
      } catch (e) {
        explain(e, 'read');
      }
    }
  }

  const warnings = result.diagnostics.filter((d) => d.severity !== 'error');
  const autoAssignment = isAutoAssignment(value);
  if (!targetId) {
    const body = requestBody(value, apiVersion, 'create');
    const proposedText = pretty(body);
    return {
      label: input.label,
      sourceText: input.text,
      parsed: result.parsed,
      apiVersion,
      action: 'create',
      method: 'POST',
      path: policyCollectionPath(apiVersion),
      displayName,
      accessPackageId,
      needsIdWriteBack: true,
      body,
      autoAssignment,
      changes: [],
      resets: [],
      currentText: '',
      proposedText,
      diffText: unifiedDiff('', proposedText, { before: '/dev/null', after: `${input.label} (to create)` }),
      warnings,
    };
  }

  const body = requestBody(value, apiVersion, 'update', targetId);
  const current = normalizeCurrent(currentRaw ?? {}, apiVersion);
  // Compared as `plan` compares (folder/policyShape.ts): the service's own spellings of durations,
  // dates, subject-set order and defaults are not changes.
  const changes = diffPolicy(canonicalPolicy(body, apiVersion), canonicalPolicy(currentRaw ?? {}, apiVersion));
  const resets = changes.filter((c) => c.kind === 'reset').map((c) => c.path);
  const proposedText = pretty(body);
  const currentText = pretty(alignForDisplay(current, body));
  return {
    label: input.label,
    sourceText: input.text,
    parsed: result.parsed,
    apiVersion,
    action: changes.length === 0 ? 'unchanged' : 'update',
    method: changes.length === 0 ? undefined : 'PUT',
    path: policyItemPath(apiVersion, targetId),
    policyId: targetId,
    displayName,
    accessPackageId,
    adopted,
    needsIdWriteBack: !fileId,
    body,
    autoAssignment,
    current,
    changes,
    resets,
    currentText,
    proposedText,
    diffText: unifiedDiff(currentText, proposedText, { before: `tenant policy ${targetId}`, after: input.label }),
    warnings,
    duplicates,
  };
}

/** The duplicate check of a file that names its policy; a failed read is reported, not taken as "none". */
async function otherPoliciesNamed(
  ctx: PlanContext,
  apiVersion: ApiVersion,
  accessPackageId: string,
  displayName: string,
  fileId: string,
): Promise<DeployPlan['duplicates']> {
  let others: string[];
  try {
    const matches = await findByNaturalKey(ctx.graph, apiVersion, accessPackageId, displayName, ctx.signal);
    others = matches.map((m) => String(m.id)).filter((id) => id.toLowerCase() !== fileId.toLowerCase());
  } catch (e) {
    if (!(e instanceof GraphError) || e.kind === 'cancelled' || e.kind === 'deadline') throw e;
    return {
      ids: [],
      message: `Could not check whether other policies of access package ${accessPackageId} are named "${displayName}" (${e.message}).`,
    };
  }
  if (others.length === 0) return undefined;
  return {
    ids: others,
    message: `Access package ${accessPackageId} has ${others.length + 1} policies named "${displayName}": ${fileId} (this file's) and ${others.join(', ')}. An extra one is usually left by a create whose answer was lost while Graph's lists lagged; check it and delete it in the tenant.`,
  };
}

/** Policies of the access package whose display name matches (Graph compares names case-insensitively [INF]). */
export async function findByNaturalKey(
  graph: GraphClient,
  apiVersion: ApiVersion,
  accessPackageId: string,
  displayName: string,
  signal?: AbortSignal,
): Promise<PolicyValue[]> {
  const all = await graph.list<PolicyValue>(policyCollectionPath(apiVersion), {
    query: policiesOfPackageQuery(apiVersion, accessPackageId),
    signal,
  });
  const wanted = displayName.trim().toLowerCase();
  return all.filter(
    (p) =>
      typeof p.displayName === 'string' &&
      p.displayName.trim().toLowerCase() === wanted &&
      (packageOfCurrent(p, apiVersion) ?? accessPackageId).toLowerCase() === accessPackageId.toLowerCase(),
  );
}

function packageOfCurrent(current: PolicyValue, apiVersion: ApiVersion): string | undefined {
  if (apiVersion === 'beta') return typeof current.accessPackageId === 'string' ? current.accessPackageId : undefined;
  const ap = current.accessPackage;
  const id = ap && typeof ap === 'object' ? (ap as Record<string, unknown>).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function pretty(v: unknown): string {
  return JSON.stringify(v, null, 2) + '\n';
}

/** Turns a Graph failure into a DeployError with the user-level explanation and file location. */
export function rethrow(e: unknown, parsed: ParsedPolicy, ctx: ExplainContext): never {
  if (e instanceof GraphError) {
    const explanation = explainGraphError(e, ctx);
    const location = explanation.propertyNames.length ? locateProperties(parsed, explanation.propertyNames) : undefined;
    const where = location ? ` (line ${location.range.start.line + 1}, "${location.property}")` : '';
    const kind = e.kind === 'cancelled' ? 'cancelled' : 'graph';
    throw new DeployError(
      kind,
      `${explanation.summary}${where}${explanation.advice ? `\n  ${explanation.advice}` : ''}\n  (${explanation.correlation})`,
      { explanation, location },
    );
  }
  throw e;
}
