// Approval stages: how many, who approves, escalation timing, and (beta) approvalMode and the
// escalationApprovers array. Facts: docs/policy-facts.md, "Service rules" R1–R5, R7.
import type { ApiVersion } from '../diagnostic';
import type { JsonPath } from '../parse';
import type { Rule, RuleContext } from './rule';
import { RULE_RECORDS as D } from '../diagnostics/catalogue';
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
      ctx.report(D.tooManyStages.at({ path: [...s.path, MAX_STAGES] }, { max: MAX_STAGES, count }));
    }
    if (flags.length === 0 && count > 0 && !flagsUnreadable) {
      const names = ctx.version === 'v1.0' ? '`isApprovalRequiredForAdd` or `isApprovalRequiredForUpdate`' : '`isApprovalRequired`';
      ctx.report(D.stagesWithoutApproval.at({ path: s.path, onKey: true }, { flags: names, count }));
    }
    if (flags.length > 0 && count === 0) {
      ctx.report(D.approvalWithoutStages.at({ path: [SETTINGS, flags[0]] }, { flag: flags[0], stages: NAMES[ctx.version].stages }));
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
        ctx.report(
          D.stageWithoutApprovers.at(
            { path: has(stage, n.primary) ? primaryPath : [...stagePath, n.primary], missing: !has(stage, n.primary), onKey: true },
            { version: ctx.version, stage: i },
          ),
        );
      } else if (!hasPrimary) {
        ctx.report(
          D.stageWithoutApprovers.at(
            { path: primaryPath, missing: !has(stage, n.primary), onKey: true },
            { version: ctx.version, stage: i },
          ),
        );
      }
    });
  },
};

/** R5 (docs/policy-facts.md): a manager or the requestor's sponsors may not exist, so a stage that relies on them needs a fallback. */
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
      const hasFallback =
        ctx.version === 'v1.0' ? nonEmpty(stage.fallbackPrimaryApprovers) : approvers.some((a) => isRecord(a) && a.isBackup === true);
      if (hasFallback) return;
      approvers.forEach((a, j) => {
        const t = odataType(a);
        if (!t || !NEEDS_FALLBACK.includes(shortTypeName(t))) return;
        if (ctx.version === 'beta' && isRecord(a) && a.isBackup === true) return;
        const who = shortTypeName(t) === 'requestorManager' ? 'the requestor has no manager' : 'the requestor has no sponsor';
        const how =
          ctx.version === 'v1.0'
            ? 'add a user or group to `fallbackPrimaryApprovers`'
            : 'add a singleUser or groupMembers approver with `"isBackup": true` to this stage';
        ctx.report(
          D.managerWithoutFallback.at(
            { path: [...s.path, i, 'primaryApprovers', j, '@odata.type'] },
            { stage: i, type: shortTypeName(t), who, how },
          ),
        );
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
      if (ctx.version === 'v1.0') {
        const fallbacks = Array.isArray(stage.fallbackPrimaryApprovers) ? stage.fallbackPrimaryApprovers : [];
        // Entries the schema rejects (an empty `{}`) are reported there, not counted here.
        if (!fallbacks.some((_, j) => !ctx.invalid([...s.path, i, 'fallbackPrimaryApprovers', j]))) return;
        ctx.report(
          D.fallbackNeverUsed.at({ path: [...s.path, i, 'fallbackPrimaryApprovers'], onKey: true }, { kind: 'fallbackList', stage: i }),
        );
        return;
      }
      approvers.forEach((a, j) => {
        if (!isBackup(a)) return;
        ctx.report(
          D.fallbackNeverUsed.at(
            { path: [...s.path, i, 'primaryApprovers', j, 'isBackup'] },
            { kind: 'backupApprover', stage: i, approver: j },
          ),
        );
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
        ctx.report(D.escalationWithoutApprovers.at({ path: [...stagePath, 'isEscalationEnabled'] }, { stage: i, list: n.escalation, v1 }));
      }
      const escKey = v1 ? 'durationBeforeEscalation' : 'escalationTimeInMinutes';
      const timeoutKey = v1 ? 'durationBeforeAutomaticDenial' : 'approvalStageTimeOutInDays';
      if (v1 && hasApprovers && (stage[escKey] === undefined || stage[escKey] === null)) {
        ctx.report(D.escalationTimeMissing.at({ path: [...stagePath, escKey], missing: !has(stage, escKey) }, { stage: i }));
      }
      const escalation = v1 ? durationMinutes(stage[escKey]) : numberOr(stage[escKey], 1);
      const timeout = v1 ? durationMinutes(stage[timeoutKey]) : numberOr(stage[timeoutKey], DAY);
      if (escalation !== undefined && escalation < DAY) {
        ctx.report(D.escalationTooSoon.at({ path: [...stagePath, escKey] }, { v1, escalation: describeMinutes(escalation) }));
      }
      if (timeout !== undefined && timeout < 4 * DAY) {
        ctx.report(D.timeoutTooShortForEscalation.at({ path: [...stagePath, timeoutKey] }, { v1, timeout: describeMinutes(timeout) }));
      }
      if (escalation !== undefined && timeout !== undefined && escalation >= DAY && timeout >= 4 * DAY && escalation >= timeout) {
        ctx.report(
          D.escalationAfterTimeout.at(
            { path: [...stagePath, escKey] },
            { escalation: describeMinutes(escalation), timeout: describeMinutes(timeout), escalationKey: escKey, timeoutKey },
          ),
        );
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
      ctx.report(D.approvalModeVsRequired.at({ path }, { kind: 'noApprovalButRequired' }));
      return;
    }
    if (!required && s.settings.isApprovalRequired === false && mode !== 'NoApproval') {
      ctx.report(D.approvalModeVsRequired.at({ path }, { kind: 'notRequiredButMode', mode }));
      return;
    }
    const count = s.stages?.length ?? 0;
    if (!required || count === 0) return;
    const expected = count === 1 ? 'SingleStage' : 'Serial';
    const fits = count === 1 ? mode === 'SingleStage' : mode === 'Serial' || mode === 'Parallel';
    if (!fits) {
      ctx.report(D.approvalModeVsStageCount.at({ path }, { mode, count, expected }));
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
      ctx.report(D.escalationApproversNotArray.at({ path, missing: !present }, { stage: i, present, isUpdate }));
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
