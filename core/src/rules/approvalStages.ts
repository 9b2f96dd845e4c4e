// Approval stages: how many, who approves, escalation timing, and (beta) approvalMode and the
// escalationApprovers array. Facts: policy-facts §1d R1–R5, R7.
import type { ApiVersion } from '../diagnostic';
import type { JsonPath } from '../parse';
import type { Rule, RuleContext } from './rule';
import { RULE_CODES as C } from './codes';
import { describeMinutes, durationMinutes, has, isRecord, nonEmpty, odataType, recordAt } from './helpers';
import { shortTypeName } from '../graphNames';

const MAX_STAGES = 3;
const DAY = 1440;

interface StageNames {
  stages: string;
  primary: string;
  fallback?: string;
  escalation: string;
  fallbackEscalation?: string;
}

const NAMES: Record<ApiVersion, StageNames> = {
  'v1.0': {
    stages: 'stages',
    primary: 'primaryApprovers',
    fallback: 'fallbackPrimaryApprovers',
    escalation: 'escalationApprovers',
    fallbackEscalation: 'fallbackEscalationApprovers',
  },
  beta: { stages: 'approvalStages', primary: 'primaryApprovers', escalation: 'escalationApprovers' },
};

const SETTINGS = 'requestApprovalSettings';

function flagKeys(version: ApiVersion): string[] {
  return version === 'v1.0'
    ? ['isApprovalRequiredForAdd', 'isApprovalRequiredForUpdate']
    : ['isApprovalRequired', 'isApprovalRequiredForExtension'];
}

/** The approval flags that are true ('isApprovalRequiredForAdd' …), in the version's names. */
function requiredFlags(version: ApiVersion, settings: Record<string, unknown>): string[] {
  return flagKeys(version).filter((k) => settings[k] === true);
}

function stagesOf(ctx: RuleContext): { settings: Record<string, unknown>; stages: unknown[] | undefined; path: JsonPath } | undefined {
  const settings = recordAt(ctx.policy, [SETTINGS]);
  if (!settings) return undefined;
  const key = NAMES[ctx.version].stages;
  const stages = Array.isArray(settings[key]) ? (settings[key] as unknown[]) : undefined;
  return { settings, stages, path: [SETTINGS, key] };
}

export const stageCountRule: Rule = {
  id: 'approval-stage-count',
  versions: ['v1.0', 'beta'],
  check(ctx) {
    const s = stagesOf(ctx);
    if (!s) return;
    const flags = requiredFlags(ctx.version, s.settings);
    const count = s.stages?.length ?? 0;
    // A flag the schema rejects ("yes") says nothing either way: no conclusion from it.
    const flagsUnreadable = flagKeys(ctx.version).some((k) => ctx.invalid([SETTINGS, k]));
    if (count > MAX_STAGES) {
      ctx.report({
        code: C.tooManyStages, severity: 'error', path: [...s.path, MAX_STAGES],
        message: `A policy has at most ${MAX_STAGES} approval stages; this one has ${count}. Remove stage ${MAX_STAGES + 1}${count > MAX_STAGES + 1 ? ' and the ones after it' : ''}, or merge their approvers into earlier stages.`,
      });
    }
    if (flags.length === 0 && count > 0 && !flagsUnreadable) {
      const names = ctx.version === 'v1.0' ? '`isApprovalRequiredForAdd` or `isApprovalRequiredForUpdate`' : '`isApprovalRequired`';
      ctx.report({
        code: C.stagesWithoutApproval, severity: 'warning', path: s.path, onKey: true,
        message: `Approval is not required (${names} is not true), so ${count === 1 ? 'the 1 approval stage is' : `these ${count} approval stages are`} never used. Set ${names} to true, or make the stages an empty array.`,
      });
    }
    if (flags.length > 0 && count === 0) {
      ctx.report({
        code: C.approvalWithoutStages, severity: 'information', path: [SETTINGS, flags[0]],
        message: `\`${flags[0]}\` is true but there are no approval stages, so no one is asked to approve. Add a stage with approvers to \`${NAMES[ctx.version].stages}\`, or set \`${flags[0]}\` to false. (Inferred: the service's handling of this case is not documented.)`,
      });
    }
  },
};

export const stageApproversRule: Rule = {
  id: 'approval-stage-approvers',
  versions: ['v1.0', 'beta'],
  check(ctx) {
    const s = stagesOf(ctx);
    if (!s?.stages || requiredFlags(ctx.version, s.settings).length === 0) return;
    const n = NAMES[ctx.version];
    s.stages.forEach((stage, i) => {
      if (!isRecord(stage)) return;
      const stagePath = [...s.path, i];
      const primaryPath = [...stagePath, n.primary];
      const hasPrimary = nonEmpty(stage[n.primary]);
      if (ctx.version === 'v1.0') {
        if (hasPrimary || nonEmpty(stage[n.fallback!])) return;
        ctx.report({
          code: C.stageWithoutApprovers, severity: 'error',
          path: has(stage, n.primary) ? primaryPath : [...stagePath, n.primary], missing: !has(stage, n.primary), onKey: true,
          message: `Approval stage ${i + 1} has no approvers: add at least one entry to \`primaryApprovers\` (or \`fallbackPrimaryApprovers\`).`,
        });
      } else if (!hasPrimary) {
        ctx.report({
          code: C.stageWithoutApprovers, severity: 'error', path: primaryPath, missing: !has(stage, n.primary), onKey: true,
          message: `Approval stage ${i + 1} has no approvers: the service needs at least one entry in \`primaryApprovers\`.`,
        });
      }
    });
  },
};

/** R5: a manager or the requestor's sponsors may not exist, so a stage that relies on them needs a fallback. */
const NEEDS_FALLBACK = ['requestorManager', 'targetUserSponsors'];

export const managerFallbackRule: Rule = {
  id: 'approval-manager-fallback',
  versions: ['v1.0', 'beta'],
  check(ctx) {
    const s = stagesOf(ctx);
    if (!s?.stages) return;
    s.stages.forEach((stage, i) => {
      if (!isRecord(stage) || !Array.isArray(stage.primaryApprovers)) return;
      const approvers = stage.primaryApprovers as unknown[];
      const hasFallback = ctx.version === 'v1.0'
        ? nonEmpty(stage.fallbackPrimaryApprovers)
        : approvers.some((a) => isRecord(a) && a.isBackup === true);
      if (hasFallback) return;
      approvers.forEach((a, j) => {
        const t = odataType(a);
        if (!t || !NEEDS_FALLBACK.includes(shortTypeName(t))) return;
        if (ctx.version === 'beta' && isRecord(a) && a.isBackup === true) return;
        const who = shortTypeName(t) === 'requestorManager' ? 'the requestor has no manager' : 'the requestor has no sponsor';
        const how = ctx.version === 'v1.0'
          ? 'add a user or group to `fallbackPrimaryApprovers`'
          : 'add a singleUser or groupMembers approver with `"isBackup": true` to this stage';
        ctx.report({
          code: C.managerWithoutFallback, severity: 'warning', path: [...s.path, i, 'primaryApprovers', j, '@odata.type'],
          message: `Stage ${i + 1} relies on ${shortTypeName(t)}, but has no fallback approver for when ${who}: ${how}.`,
        });
      });
    });
  },
};

/**
 * Approvers that may not be found for a given request: the service then turns to the fallback
 * approvers. Beyond R5's two, connected-organization sponsors can be missing too.
 */
const MAY_BE_MISSING = [...NEEDS_FALLBACK, 'internalSponsors', 'externalSponsors'];

/**
 * Fallback approvers on a stage whose approvers are all named users or groups are never asked:
 * fallbacks stand in only for a manager or sponsor that cannot be found. (Inferred: the portal
 * offers fallback approvers only when a manager or sponsor approves.)
 */
export const fallbackNeverUsedRule: Rule = {
  id: 'approval-fallback-never-used',
  versions: ['v1.0', 'beta'],
  check(ctx) {
    const s = stagesOf(ctx);
    if (!s?.stages) return;
    s.stages.forEach((stage, i) => {
      if (!isRecord(stage) || !Array.isArray(stage.primaryApprovers)) return;
      const approvers = stage.primaryApprovers as unknown[];
      const isBackup = (a: unknown) => ctx.version === 'beta' && isRecord(a) && a.isBackup === true;
      const primary = approvers.filter((a) => !isBackup(a));
      // No primary approvers at all: the fallbacks are the approvers (the docs' own example; AP2004 agrees).
      if (primary.length === 0 || primary.some((a) => MAY_BE_MISSING.includes(shortTypeName(odataType(a) ?? '')))) return;
      const note = '(Inferred: fallbacks stand in only for a manager or sponsor who cannot be found; the portal offers them only then.)';
      if (ctx.version === 'v1.0') {
        const fallbacks = Array.isArray(stage.fallbackPrimaryApprovers) ? stage.fallbackPrimaryApprovers : [];
        // Entries the schema rejects (an empty `{}`) are reported there, not counted here.
        if (!fallbacks.some((_, j) => !ctx.invalid([...s.path, i, 'fallbackPrimaryApprovers', j]))) return;
        ctx.report({
          code: C.fallbackNeverUsed, severity: 'information', path: [...s.path, i, 'fallbackPrimaryApprovers'], onKey: true,
          message: `Stage ${i + 1} has fallback approvers, but its primary approvers include no manager or sponsor, so the fallbacks are never asked. Move them to \`primaryApprovers\` if they should approve, or remove them. ${note}`,
        });
        return;
      }
      approvers.forEach((a, j) => {
        if (!isBackup(a)) return;
        ctx.report({
          code: C.fallbackNeverUsed, severity: 'information', path: [...s.path, i, 'primaryApprovers', j, 'isBackup'],
          message: `Approver ${j + 1} of stage ${i + 1} is a backup (\`isBackup\`), but the stage has no manager or sponsor approver for it to stand in for, so it is never asked. Set \`isBackup\` to false if it should approve. ${note}`,
        });
      });
    });
  },
};

export const escalationRule: Rule = {
  id: 'approval-escalation',
  versions: ['v1.0', 'beta'],
  check(ctx) {
    const s = stagesOf(ctx);
    if (!s?.stages) return;
    const v1 = ctx.version === 'v1.0';
    const n = NAMES[ctx.version];
    s.stages.forEach((stage, i) => {
      if (!isRecord(stage) || stage.isEscalationEnabled !== true) return;
      const stagePath = [...s.path, i];
      const hasApprovers = nonEmpty(stage[n.escalation]) || (v1 && nonEmpty(stage[n.fallbackEscalation!]));
      if (!hasApprovers) {
        ctx.report({
          code: C.escalationWithoutApprovers, severity: 'error', path: [...stagePath, 'isEscalationEnabled'],
          message: `Stage ${i + 1} has escalation enabled but no escalation approvers: add entries to \`${n.escalation}\`${v1 ? ' (or `fallbackEscalationApprovers`)' : ''}, or set \`isEscalationEnabled\` to false.`,
        });
      }
      const escKey = v1 ? 'durationBeforeEscalation' : 'escalationTimeInMinutes';
      const timeoutKey = v1 ? 'durationBeforeAutomaticDenial' : 'approvalStageTimeOutInDays';
      if (v1 && hasApprovers && (stage[escKey] === undefined || stage[escKey] === null)) {
        ctx.report({
          code: C.escalationTimeMissing, severity: 'warning', path: [...stagePath, escKey], missing: !has(stage, escKey),
          message: `Stage ${i + 1} has escalation enabled with escalation approvers, but \`durationBeforeEscalation\` is not set, so when the request escalates is undefined. Set it, e.g. "P2D" (at least "P1D", and shorter than \`durationBeforeAutomaticDenial\`).`,
        });
      }
      const escalation = v1 ? durationMinutes(stage[escKey]) : numberOr(stage[escKey], 1);
      const timeout = v1 ? durationMinutes(stage[timeoutKey]) : numberOr(stage[timeoutKey], DAY);
      if (escalation !== undefined && escalation < DAY) {
        ctx.report({
          code: C.escalationTooSoon, severity: 'error', path: [...stagePath, escKey],
          message: `Escalation must come at least 1 day after the request (${v1 ? '`P1D`' : '1440 minutes'}); it is ${describeMinutes(escalation)}. Use ${v1 ? '`P1D` or more' : '1440 or more'}.`,
        });
      }
      if (timeout !== undefined && timeout < 4 * DAY) {
        ctx.report({
          code: C.timeoutTooShortForEscalation, severity: 'error', path: [...stagePath, timeoutKey],
          message: `With escalation enabled the stage must wait at least 4 days before automatic denial; it is ${describeMinutes(timeout)}. Use ${v1 ? '`P4D`' : '4'} or more, or turn escalation off.`,
        });
      }
      if (escalation !== undefined && timeout !== undefined && escalation >= DAY && timeout >= 4 * DAY && escalation >= timeout) {
        ctx.report({
          code: C.escalationAfterTimeout, severity: 'information', path: [...stagePath, escKey],
          message: `Escalation (${describeMinutes(escalation)}) is not earlier than the stage timeout (${describeMinutes(timeout)}), so the request is denied before it escalates. Make \`${escKey}\` shorter than \`${timeoutKey}\`. (Inferred from the documented escalation rules.)`,
        });
      }
    });
  },
};

function numberOr(v: unknown, unitMinutes: number): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v * unitMinutes : undefined;
}

export const betaApprovalModeRule: Rule = {
  id: 'beta-approval-mode',
  versions: ['beta'],
  check(ctx) {
    const s = stagesOf(ctx);
    if (!s) return;
    const mode = s.settings.approvalMode;
    if (typeof mode !== 'string') return;
    const required = s.settings.isApprovalRequired === true;
    const path = [SETTINGS, 'approvalMode'];
    if (required && mode === 'NoApproval') {
      ctx.report({
        code: C.approvalModeVsRequired, severity: 'warning', path,
        message: `\`approvalMode\` is "NoApproval" but \`isApprovalRequired\` is true. Use "SingleStage" for one stage or "Serial" for several.`,
      });
      return;
    }
    if (!required && s.settings.isApprovalRequired === false && mode !== 'NoApproval') {
      ctx.report({
        code: C.approvalModeVsRequired, severity: 'warning', path,
        message: `\`isApprovalRequired\` is false, so \`approvalMode\` should be "NoApproval", not ${JSON.stringify(mode)}.`,
      });
      return;
    }
    const count = s.stages?.length ?? 0;
    if (!required || count === 0) return;
    const expected = count === 1 ? 'SingleStage' : 'Serial';
    const fits = count === 1 ? mode === 'SingleStage' : mode === 'Serial' || mode === 'Parallel';
    if (!fits) {
      ctx.report({
        code: C.approvalModeVsStageCount, severity: 'information', path,
        message: `\`approvalMode\` is ${JSON.stringify(mode)} with ${count} stage${count === 1 ? '' : 's'}; the documented pairing is "${expected}". (Inferred from the docs' examples.)`,
      });
    }
  },
};

export const betaEscalationApproversArrayRule: Rule = {
  id: 'beta-escalation-approvers-array',
  versions: ['beta'],
  check(ctx) {
    const s = stagesOf(ctx);
    if (!s?.stages) return;
    // The failure was observed on update (PUT); a body with an `id` is deployed as an update.
    const isUpdate = typeof ctx.policy.id === 'string';
    s.stages.forEach((stage, i) => {
      if (!isRecord(stage)) return;
      const path = [...s.path, i, 'escalationApprovers'];
      const present = has(stage, 'escalationApprovers');
      if (present && stage.escalationApprovers !== null) return; // arrays are fine; other types are AP1002
      ctx.report({
        // A create succeeds; only a later update (PUT) of the policy fails, so a create body is told, not warned.
        code: C.escalationApproversNotArray, severity: isUpdate ? 'error' : 'information', path, missing: !present,
        message: `Stage ${i + 1}: ${present ? '`escalationApprovers` is null' : '`escalationApprovers` is missing'}; write \`"escalationApprovers": []\` when there are none. The service fails with "Value cannot be null" on ${isUpdate ? 'this update' : 'updates (PUT) of such a policy'}.`,
      });
    });
  },
};

export const APPROVAL_RULES: readonly Rule[] = [
  stageCountRule,
  stageApproversRule,
  managerFallbackRule,
  fallbackNeverUsedRule,
  escalationRule,
  betaApprovalModeRule,
  betaEscalationApproversArrayRule,
];

