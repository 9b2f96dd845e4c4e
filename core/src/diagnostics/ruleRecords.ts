// AP2xxx: the rules the service enforces that no schema states (core/src/rules/). The facts each
// rests on are in docs/policy-facts.md ("Service rules", R1–R24), with their Microsoft sources.
import type { ApiVersion, Severity } from '../diagnostic';
import { QUICK_FIXES } from '../features/quickFixes';
import { define, type DiagnosticSource } from './record';
import { PAGES } from './sources';

const BOTH: readonly ApiVersion[] = ['v1.0', 'beta'];
const V1: readonly ApiVersion[] = ['v1.0'];
const BETA: readonly ApiVersion[] = ['beta'];

/** A service rule of docs/policy-facts.md ("Service rules"), its row's anchor and the pages it rests on. */
function rule(cell: string, urls: readonly string[], inferred?: string, facts: readonly string[] = factsOf(cell)): DiagnosticSource {
  return inferred === undefined ? { cell, urls, facts } : { cell, urls, facts, inferred };
}

function factsOf(cell: string): string[] {
  return [...cell.matchAll(/\bR(\d+)\b/g)].map((m) => `r${m[1]}`);
}

/** "Stage 2", "Question 1": what messages call the n-th (0-based) entry. */
type Index = number;

export const RULE_RECORDS = {
  // Approval stages (rules/approvalStages.ts)
  tooManyStages: define<{ max: number; count: number }>({
    code: 'AP2001',
    name: 'tooManyStages',
    severity: 'error',
    versions: BOTH,
    title: 'More than 3 approval stages (reported on stage 4)',
    source: rule('R1', [PAGES.policyV1, PAGES.approvalPolicy]),
    message: (a) =>
      `A policy has at most ${a.max} approval stages; this one has ${a.count}. Remove stage ${a.max + 1}${a.count > a.max + 1 ? ' and the ones after it' : ''}, or merge their approvers into earlier stages.`,
  }),
  stagesWithoutApproval: define<{ flags: string; count: number }>({
    code: 'AP2002',
    name: 'stagesWithoutApproval',
    severity: 'warning',
    versions: BOTH,
    title: 'Approval stages present while approval is not required',
    source: rule('R1', [PAGES.policyV1, PAGES.approvalPolicy]),
    message: (a) =>
      `Approval is not required (${a.flags} is not true), so ${a.count === 1 ? 'the 1 approval stage is' : `these ${a.count} approval stages are`} never used. Set ${a.flags} to true, or make the stages an empty array.`,
  }),
  approvalWithoutStages: define<{ flag: string; stages: string }>({
    code: 'AP2003',
    name: 'approvalWithoutStages',
    severity: 'information',
    versions: BOTH,
    title: 'Approval required but no stages',
    source: rule('R1 [INF]', [PAGES.policyV1], "the service's handling of a required approval with no stages is not documented"),
    message: (a) =>
      `\`${a.flag}\` is true but there are no approval stages, so no one is asked to approve. Add a stage with approvers to \`${a.stages}\`, or set \`${a.flag}\` to false. (Inferred: the service's handling of this case is not documented.)`,
  }),
  stageWithoutApprovers: define<{ version: ApiVersion; stage: Index }>({
    code: 'AP2004',
    name: 'stageWithoutApprovers',
    severity: 'error',
    versions: BOTH,
    title: 'Approval required and a stage has no approvers (v1: primary or fallback; beta: primary)',
    source: rule('R2', [PAGES.approvalStageV1, PAGES.approvalStageBeta]),
    message: (a) =>
      a.version === 'v1.0'
        ? `Approval stage ${a.stage + 1} has no approvers: add at least one entry to \`primaryApprovers\` (or \`fallbackPrimaryApprovers\`).`
        : `Approval stage ${a.stage + 1} has no approvers: the service needs at least one entry in \`primaryApprovers\`.`,
  }),
  managerWithoutFallback: define<{ stage: Index; type: string; who: string; how: string }>({
    code: 'AP2006',
    name: 'managerWithoutFallback',
    severity: 'warning',
    versions: BOTH,
    title:
      'requestorManager or targetUserSponsors approver with no fallback approver (v1 `fallbackPrimaryApprovers`, beta `isBackup: true`)',
    source: rule('R5', [PAGES.requestorManager, PAGES.targetUserSponsors, PAGES.approvalPolicy]),
    message: (a) => `Stage ${a.stage + 1} relies on ${a.type}, but has no fallback approver for when ${a.who}: ${a.how}.`,
    fix: QUICK_FIXES.fallbackApprover,
  }),
  escalationWithoutApprovers: define<{ stage: Index; list: string; v1: boolean }>({
    code: 'AP2008',
    name: 'escalationWithoutApprovers',
    severity: 'error',
    versions: BOTH,
    title: 'Escalation enabled without escalation approvers',
    source: rule('R7', [PAGES.approvalPolicy]),
    message: (a) =>
      `Stage ${a.stage + 1} has escalation enabled but no escalation approvers: add entries to \`${a.list}\`${a.v1 ? ' (or `fallbackEscalationApprovers`)' : ''}, or set \`isEscalationEnabled\` to false.`,
  }),
  escalationTooSoon: define<{ v1: boolean; escalation: string }>({
    code: 'AP2009',
    name: 'escalationTooSoon',
    severity: 'error',
    versions: BOTH,
    title: 'Escalation sooner than 1 day (`P1D` / 1440 minutes)',
    source: rule('R7', [PAGES.approvalPolicy]),
    message: (a) =>
      `Escalation must come at least 1 day after the request (${a.v1 ? '`P1D`' : '1440 minutes'}); it is ${a.escalation}. Use ${a.v1 ? '`P1D` or more' : '1440 or more'}.`,
  }),
  timeoutTooShortForEscalation: define<{ v1: boolean; timeout: string }>({
    code: 'AP2010',
    name: 'timeoutTooShortForEscalation',
    severity: 'error',
    versions: BOTH,
    title: 'Stage timeout under 4 days while escalation is enabled',
    source: rule('R7', [PAGES.approvalPolicy]),
    message: (a) =>
      `With escalation enabled the stage must wait at least 4 days before automatic denial; it is ${a.timeout}. Use ${a.v1 ? '`P4D`' : '4'} or more, or turn escalation off.`,
  }),
  escalationAfterTimeout: define<{ escalation: string; timeout: string; escalationKey: string; timeoutKey: string }>({
    code: 'AP2011',
    name: 'escalationAfterTimeout',
    severity: 'information',
    versions: BOTH,
    title: 'Escalation not earlier than the stage timeout',
    source: rule(
      'R7 [INF]',
      [PAGES.approvalPolicy],
      'a request denied at its timeout cannot escalate later; follows from the documented escalation rules',
    ),
    message: (a) =>
      `Escalation (${a.escalation}) is not earlier than the stage timeout (${a.timeout}), so the request is denied before it escalates. Make \`${a.escalationKey}\` shorter than \`${a.timeoutKey}\`. (Inferred from the documented escalation rules.)`,
  }),
  approvalModeVsRequired: define<{ kind: 'noApprovalButRequired' } | { kind: 'notRequiredButMode'; mode: string }>({
    code: 'AP2012',
    name: 'approvalModeVsRequired',
    severity: 'warning',
    versions: BETA,
    title: '`approvalMode` contradicts `isApprovalRequired` (NoApproval ⇔ not required)',
    source: rule('R4', [PAGES.approvalSettingsBeta]),
    message: (a) =>
      a.kind === 'noApprovalButRequired'
        ? `\`approvalMode\` is "NoApproval" but \`isApprovalRequired\` is true. Use "SingleStage" for one stage or "Serial" for several.`
        : `\`isApprovalRequired\` is false, so \`approvalMode\` should be "NoApproval", not ${JSON.stringify(a.mode)}.`,
  }),
  escalationApproversNotArray: define<{ stage: Index; present: boolean; isUpdate: boolean }>({
    code: 'AP2013',
    name: 'escalationApproversNotArray',
    // A create succeeds; only a later update (PUT) of the policy fails, so a create body is told, not warned.
    severity: (a) => (a.isUpdate ? 'error' : 'information'),
    severityText: 'information on create (the create succeeds; later updates fail); error when the body has an `id` (deployed as PUT)',
    versions: BETA,
    title: '`escalationApprovers` null or missing in a stage (send `[]`)',
    source: rule('R3', [PAGES.escalationApproversIssue, PAGES.approvalStageBeta]),
    message: (a) =>
      `Stage ${a.stage + 1}: ${a.present ? '`escalationApprovers` is null' : '`escalationApprovers` is missing'}; write \`"escalationApprovers": []\` when there are none. The service fails with "Value cannot be null" on ${a.isUpdate ? 'this update' : 'updates (PUT) of such a policy'}.`,
    fix: QUICK_FIXES.emptyEscalationApprovers,
  }),
  approvalModeVsStageCount: define<{ mode: string; count: number; expected: string }>({
    code: 'AP2014',
    name: 'approvalModeVsStageCount',
    severity: 'information',
    versions: BETA,
    title: '`approvalMode` does not match the stage count (SingleStage = 1, Serial/Parallel = more)',
    source: rule(
      'R4 [INF]',
      [PAGES.approvalSettingsBeta],
      "the pairing of mode and stage count is the one the docs' examples use; no rule states it",
    ),
    message: (a) =>
      `\`approvalMode\` is ${JSON.stringify(a.mode)} with ${a.count} stage${a.count === 1 ? '' : 's'}; the documented pairing is "${a.expected}". (Inferred from the docs' examples.)`,
  }),
  escalationTimeMissing: define<{ stage: Index }>({
    code: 'AP2038',
    name: 'escalationTimeMissing',
    severity: 'warning',
    versions: V1,
    title: 'Escalation enabled with escalation approvers but no `durationBeforeEscalation`: when the request escalates is unset',
    source: rule('R7', [PAGES.approvalStageV1, PAGES.approvalPolicy]),
    message: (a) =>
      `Stage ${a.stage + 1} has escalation enabled with escalation approvers, but \`durationBeforeEscalation\` is not set, so when the request escalates is undefined. Set it, e.g. "P2D" (at least "P1D", and shorter than \`durationBeforeAutomaticDenial\`).`,
  }),
  fallbackNeverUsed: define<{ kind: 'fallbackList'; stage: Index } | { kind: 'backupApprover'; stage: Index; approver: Index }>({
    code: 'AP2044',
    name: 'fallbackNeverUsed',
    severity: 'information',
    versions: BOTH,
    title:
      "Fallback approvers (v1 `fallbackPrimaryApprovers`, beta `isBackup: true`) on a stage whose primary approvers include no manager or sponsor: they are never asked. Not reported when a stage has fallbacks only (the docs' own example)",
    source: rule(
      'R5 [INF] (the portal offers fallbacks only with a manager or sponsor)',
      [PAGES.approvalPolicy],
      'the portal offers fallback approvers only when a manager or sponsor approves',
    ),
    message: (a) => {
      const note = '(Inferred: fallbacks stand in only for a manager or sponsor who cannot be found; the portal offers them only then.)';
      return a.kind === 'fallbackList'
        ? `Stage ${a.stage + 1} has fallback approvers, but its primary approvers include no manager or sponsor, so the fallbacks are never asked. Move them to \`primaryApprovers\` if they should approve, or remove them. ${note}`
        : `Approver ${a.approver + 1} of stage ${a.stage + 1} is a backup (\`isBackup\`), but the stage has no manager or sponsor approver for it to stand in for, so it is never asked. Set \`isBackup\` to false if it should approve. ${note}`;
    },
  }),
  // Subjects in their collections (rules/subjectSlots.ts)
  subjectTypeNotAllowedInSlot: define<{ type: string; key: string; slot: string; allowed: string }>({
    code: 'AP2005',
    name: 'subjectTypeNotAllowedInSlot',
    severity: 'error',
    versions: BOTH,
    title:
      'A subject type the schema knows, in a collection that does not take it (e.g. targetManager as approver, requestorManager as target, a backup approver that is not a user or group); names the allowed types. Table: `core/src/knowledge/slots.ts`',
    source: rule(
      'R5, R13, R14 (some pairings [INF], marked in slots.ts)',
      [PAGES.policyV1, PAGES.requestorSettingsBeta],
      "some pairings are inferred from the docs' examples; they are marked in core/src/knowledge/slots.ts",
      ['subject-types-and-where-they-go', 'r5', 'r13', 'r14'],
    ),
    message: (a) => `${a.type} cannot be used in \`${a.key}\` (${a.slot}). Allowed there: ${a.allowed}.`,
  }),
  managerLevelOutOfRange: define<{ type: string; min: number; max: number; meaning: string; level: number }>({
    code: 'AP2007',
    name: 'managerLevelOutOfRange',
    severity: 'error',
    versions: BOTH,
    title: '`managerLevel` out of range: requestorManager 1–2, targetManager 1–4',
    source: rule('R6', [PAGES.requestorManager, PAGES.targetManager]),
    message: (a) => `${a.type}.managerLevel must be from ${a.min} to ${a.max} (${a.meaning}); it is ${a.level}.`,
  }),
  // Expiration (rules/expiration.ts)
  durationInDaysOutOfRange: define<{ max: number; days: number }>({
    code: 'AP2015',
    name: 'durationInDaysOutOfRange',
    severity: 'error',
    versions: BETA,
    title: '`durationInDays` outside 0–3660',
    source: rule('R9', [PAGES.lifecyclePolicy, PAGES.terraform]),
    message: (a) =>
      `\`durationInDays\` must be from 0 to ${a.max} (about 10 years); it is ${a.days}. Use 0 with \`expirationDateTime\` for a fixed end date.`,
  }),
  durationAndExpirationDate: define<{ days: number }>({
    code: 'AP2016',
    name: 'durationAndExpirationDate',
    severity: 'warning',
    versions: BETA,
    title: '`durationInDays` and `expirationDateTime` both set',
    source: rule('R10 [TF/INF]', [PAGES.terraform], "terraform refuses both; the service's choice between them is not documented"),
    message: (a) =>
      `Assignments can end after \`durationInDays\` (${a.days}) or on \`expirationDateTime\`, not both: set \`expirationDateTime\` to null, or \`durationInDays\` to 0. (Inferred: terraform refuses both; the service's choice between them is not documented.)`,
  }),
  expirationTypeMismatch: define<
    { kind: 'needs'; type: string; key: string; example: string } | { kind: 'forbids'; type: string; key: string }
  >({
    code: 'AP2017',
    name: 'expirationTypeMismatch',
    severity: 'error',
    versions: V1,
    title: "`expiration.type` against `duration`/`endDateTime` (also the review schedule's expiration)",
    source: rule('R11', [PAGES.expirationPattern]),
    message: (a) =>
      a.kind === 'needs'
        ? `\`type\` "${a.type}" needs \`${a.key}\` (for example ${a.example}).`
        : `\`${a.key}\` does not go with \`type\` "${a.type}": remove it or set it to null${a.type === 'noExpiration' ? '' : `, or change \`type\` to "${a.key === 'duration' ? 'afterDuration' : 'afterDateTime'}"`}.`,
  }),
  expirationInPast: define<{ endDateTime: string }>({
    code: 'AP2018',
    name: 'expirationInPast',
    severity: 'warning',
    versions: V1,
    title: '`expiration.endDateTime` in the past',
    source: rule('R11', [PAGES.expirationPattern]),
    message: (a) =>
      `\`endDateTime\` ${a.endDateTime} is in the past, so every assignment would already have expired. Choose a future date.`,
  }),
  // Who can request (rules/requestScope.ts)
  scopeTypeVsRequestors: define<
    | { kind: 'takesNone'; scope: string }
    | { kind: 'wrongKind'; scope: string; allowed: string; type: string; connectedOrganization: boolean }
  >({
    code: 'AP2019',
    name: 'scopeTypeVsRequestors',
    severity: 'error',
    versions: BETA,
    title: '`scopeType` against `allowedRequestors` (all/no-subject scopes take none; specific scopes take their kinds)',
    source: rule('R13', [PAGES.requestorSettingsBeta]),
    message: (a) =>
      a.kind === 'takesNone'
        ? `\`scopeType\` "${a.scope}" takes no \`allowedRequestors\`: make it an empty array, or use "SpecificDirectorySubjects" (users, groups) or "SpecificConnectedOrganizationSubjects" (connected organizations) to name who may request.`
        : `With \`scopeType\` "${a.scope}" the allowed requestors must be ${a.allowed}, not ${a.type}.${a.connectedOrganization ? ' Use "SpecificConnectedOrganizationSubjects" for connected organizations.' : ' Use "SpecificDirectorySubjects" for users and groups.'}`,
  }),
  targetScopeVsTargets: define<
    { kind: 'ignored'; scope: string; count: number } | { kind: 'wrongKind'; scope: string; allowed: string; type: string }
  >({
    code: 'AP2020',
    name: 'targetScopeVsTargets',
    severity: 'information',
    versions: V1,
    title: '`allowedTargetScope` against `specificAllowedTargets` (entries ignored, or of the other kind)',
    source: rule(
      'R14 [INF]',
      [PAGES.policyV1],
      "the exact pairing of scopes and subject types is read from the docs' examples and type descriptions",
    ),
    message: (a) =>
      a.kind === 'ignored'
        ? `\`allowedTargetScope\` "${a.scope}" does not use \`specificAllowedTargets\`; ${a.count === 1 ? 'this 1 entry is' : `these ${a.count} entries are`} ignored. Make it an empty array, or pick a "specific…" scope. (Inferred pairing.)`
        : `With \`allowedTargetScope\` "${a.scope}" the targets are expected to be ${a.allowed}, not ${a.type}. (Inferred pairing.)`,
  }),
  specificScopeWithoutTargets: define<{ kind: 'beta' | 'v1.0'; scope: string; add: string }>({
    code: 'AP2021',
    name: 'specificScopeWithoutTargets',
    severity: 'warning',
    versions: BOTH,
    title: 'A "specific" scope with no one listed',
    source: rule('R13, R14', [PAGES.requestorSettingsBeta, PAGES.policyV1]),
    message: (a) =>
      a.kind === 'beta'
        ? `\`scopeType\` "${a.scope}" lets only the listed requestors ask, but \`allowedRequestors\` is empty, so no one can request. Add ${a.add} entries.`
        : `\`allowedTargetScope\` "${a.scope}" admits only the subjects in \`specificAllowedTargets\`, which is empty, so no one is in scope. Add ${a.add} entries.`,
  }),
  autoAssignmentScope: define<{ kind: 'scope'; scope?: string } | { kind: 'rule' }>({
    code: 'AP2022',
    name: 'autoAssignmentScope',
    severity: 'error',
    versions: V1,
    title: 'Auto-assignment needs `allowedTargetScope: specificDirectoryUsers` and an attributeRuleMembers target',
    source: rule('R15', [PAGES.autoAssignment]),
    message: (a) =>
      a.kind === 'scope'
        ? `An auto-assignment policy (with \`automaticRequestSettings\`) needs \`"allowedTargetScope": "specificDirectoryUsers"\`${a.scope !== undefined ? `, not "${a.scope}"` : ''}.`
        : 'An auto-assignment policy assigns the users matched by a rule: add an attributeRuleMembers entry with a `membershipRule` to `specificAllowedTargets`.',
  }),
  autoAssignmentApproval: define<{ flag: string }>({
    code: 'AP2023',
    name: 'autoAssignmentApproval',
    severity: 'warning',
    versions: V1,
    title: 'Auto-assignment with approval required',
    source: rule('R15', [PAGES.autoAssignment]),
    message: (a) => `Auto-assignment does not go through approval: set \`${a.flag}\` to false and leave \`stages\` empty.`,
  }),
  autoAssignmentSelfRequests: define<{ flag: string }>({
    code: 'AP2024',
    name: 'autoAssignmentSelfRequests',
    severity: 'warning',
    versions: V1,
    title: 'Auto-assignment with self or on-behalf requests enabled',
    source: rule('R15', [PAGES.autoAssignment]),
    message: (a) =>
      `Users do not request access under an auto-assignment policy: set \`${a.flag}\` to false (use a separate request policy for requests).`,
  }),
  requestsDisabled: define<{ version: 'beta' } | { version: 'v1.0'; scope: string }>({
    code: 'AP2025',
    name: 'requestsDisabled',
    severity: (a): Severity => (a.version === 'beta' ? 'warning' : 'information'),
    severityText: 'warning (beta) / information (v1.0)',
    versions: BOTH,
    title:
      "Requests switched off: beta `NoSubjects` + `acceptRequests: false` (admins cannot assign either) is a warning; v1 scope naming requestors with self-add and on-behalf add off is information [INF]. v1 `notSpecified` is not flagged (the docs' own direct-assignment example)",
    source: rule(
      'R16',
      [PAGES.approvalPolicy],
      'v1.0: a scope naming requestors with every way to ask switched off is read as a mistake; the docs state the beta case only',
    ),
    message: (a) =>
      a.version === 'beta'
        ? 'With `scopeType` "NoSubjects" (administrator direct assignment) and `acceptRequests` false, administrators cannot directly assign this access package either. Set `acceptRequests` to true.'
        : `\`allowedTargetScope\` "${a.scope}" says who may request, but \`enableTargetsToSelfAddAccess\` is false (and no on-behalf requests), so no one can ask for this access package with this policy. Set it to true, or use "notSpecified" for direct assignment only. (Inferred.)`,
  }),
  onBehalfInconsistent: define<{ kind: 'listedNotEnabled' } | { kind: 'enabledNotListed'; flag: string } | { kind: 'selfAddOff' }>({
    code: 'AP2026',
    name: 'onBehalfInconsistent',
    severity: 'information',
    versions: V1,
    title:
      'On-behalf requestors listed without any `enableOnBehalfRequestorsTo*` switch, a switch on with no one listed, or on-behalf add with self-add off',
    source: rule(
      'R17 [INF]',
      [PAGES.requestOnBehalf],
      'the docs say on-behalf requests are offered only when new requests are enabled; the exact coupling of the switches is not documented',
    ),
    message: (a) => {
      switch (a.kind) {
        case 'listedNotEnabled':
          return 'On-behalf requestors are listed, but none of `enableOnBehalfRequestorsToAddAccess`/`…UpdateAccess`/`…RemoveAccess` is true, so they cannot act. Turn one on, or empty the list. (Inferred.)';
        case 'enabledNotListed':
          return `\`${a.flag}\` is true but \`onBehalfRequestors\` is empty, so no one can request on behalf of others. Add singleUser, groupMembers or targetManager entries. (Inferred.)`;
        case 'selfAddOff':
          return 'Requests on behalf of others are offered only when new requests are enabled, but `enableTargetsToSelfAddAccess` is false. (Inferred: the exact coupling is not documented.)';
      }
    },
  }),
  attributeRuleWithoutAutoAssignment: define({
    code: 'AP2043',
    name: 'attributeRuleWithoutAutoAssignment',
    severity: 'warning',
    versions: V1,
    title:
      'An attributeRuleMembers target in `specificAllowedTargets` of a policy without `automaticRequestSettings`: meant as auto-assignment, it assigns nobody',
    source: rule('R15', [PAGES.autoAssignment]),
    message: () =>
      'An attributeRuleMembers target is used by auto-assignment policies, but this policy has no `automaticRequestSettings`, so nobody is assigned by its rule. Add `"automaticRequestSettings": { "requestAccessForAllowedTargets": true }` to assign the matching users automatically, or name users and groups (singleUser, groupMembers) instead.',
  }),
  // Reviews (rules/reviews.ts)
  reviewersMissing: define<{ version: ApiVersion }>({
    code: 'AP2027',
    name: 'reviewersMissing',
    severity: (a): Severity => (a.version === 'beta' ? 'error' : 'warning'),
    severityText: 'error (beta) / warning (v1.0)',
    versions: BOTH,
    title:
      'Reviews without reviewers: beta `reviewerType: Reviewers` with no (non-backup) reviewers is an error; v1 `isSelfReview: false` with no `primaryReviewers` is a warning [INF by analogy]',
    source: rule('R18', [PAGES.reviewSettingsBeta, PAGES.reviewSettingsV1], 'v1.0: by analogy with the documented beta rule'),
    message: (a) =>
      a.version === 'beta'
        ? '`reviewerType` is "Reviewers" but no reviewers are listed: add singleUser or groupMembers entries to `reviewers`, or use "Self" or "Manager".'
        : 'Reviews are enabled and are not self-reviews, but `primaryReviewers` is empty, so no one would review. Add reviewers, or set `isSelfReview` to true. (Inferred from the beta rule for "Reviewers".)',
  }),
  reviewScheduleIncomplete: define<{ version: 'beta'; key: 'recurrenceType' | 'durationInDays' } | { version: 'v1.0' }>({
    code: 'AP2028',
    name: 'reviewScheduleIncomplete',
    severity: 'warning',
    versions: BOTH,
    title:
      "Reviews enabled without a schedule's length: beta without `recurrenceType` or `durationInDays`; v1.0 with a `schedule` but no `schedule.expiration`",
    source: rule('[TF]', [PAGES.terraform, PAGES.schedule], "terraform requires these; the service's default is not documented", [
      'review-schedule-ap2028',
    ]),
    message: (a) =>
      a.version === 'beta'
        ? `Reviews are enabled but \`${a.key}\` is not set, so ${a.key === 'recurrenceType' ? 'how often reviews run (e.g. "quarterly")' : 'how many days each review stays open'} is left undefined. Set \`${a.key}\`. (Terraform refuses this; the service's default is not documented.)`
        : 'Reviews are enabled but `schedule.expiration` is not set, so how long each review stays open is left undefined. Set it, e.g. `"expiration": { "type": "afterDuration", "duration": "P14D" }`. (The beta counterpart is `durationInDays`; terraform requires it there.)',
  }),
  managerReviewWithoutFallback: define<{ version: ApiVersion }>({
    code: 'AP2029',
    name: 'managerReviewWithoutFallback',
    severity: 'warning',
    versions: BOTH,
    title:
      'Manager reviews without fallback reviewers (beta `reviewerType: Manager` without `isBackup` reviewers; v1 requestorManager reviewer without `fallbackReviewers`)',
    source: rule('R18', [PAGES.reviewSettingsBeta, PAGES.reviewSettingsV1, PAGES.accessReviews]),
    message: (a) =>
      a.version === 'beta'
        ? 'Manager reviews need fallback reviewers for users without a manager: add a singleUser or groupMembers entry with `"isBackup": true` to `reviewers`.'
        : 'Manager reviews need fallback reviewers for users without a manager: add a user or group to `fallbackReviewers`.',
    fix: QUICK_FIXES.fallbackReviewer,
  }),
  recurrencePatternUnsupported: define<{ type: string }>({
    code: 'AP2030',
    name: 'recurrencePatternUnsupported',
    severity: 'error',
    versions: V1,
    title: 'Review recurrence pattern other than `weekly`/`absoluteMonthly`',
    source: rule('R19', [PAGES.schedule, PAGES.recurrencePattern]),
    message: (a) =>
      `Access reviews support only "weekly" and "absoluteMonthly" recurrences, not "${a.type}" (e.g. quarterly = "absoluteMonthly" with \`interval\` 3). Omit \`pattern\` for a one-time review.`,
  }),
  recurrenceIntervalTooSmall: define<{ interval: number }>({
    code: 'AP2031',
    name: 'recurrenceIntervalTooSmall',
    severity: 'error',
    versions: V1,
    title: 'Review recurrence `interval` below 1',
    source: rule('R19', [PAGES.recurrencePattern]),
    message: (a) => `\`interval\` is the number of weeks or months between reviews and must be at least 1; it is ${a.interval}.`,
  }),
  // Questions (rules/questions.ts)
  questionTextMissing: define<{ version: ApiVersion; question: Index }>({
    code: 'AP2032',
    name: 'questionTextMissing',
    severity: 'error',
    versions: BOTH,
    title: 'Question text null or blank (v1 `text`, beta `text.defaultText`)',
    source: rule('R20', [PAGES.questionV1, PAGES.questionBeta]),
    message: (a) =>
      a.version === 'v1.0'
        ? `Question ${a.question + 1} needs its text: write the question requestors see in \`text\`.`
        : `Question ${a.question + 1} needs its text: set \`text.defaultText\` to the question requestors see.`,
  }),
  localizedTextIncomplete: define<{ key: 'languageCode' | 'text' }>({
    code: 'AP2033',
    name: 'localizedTextIncomplete',
    severity: 'error',
    versions: BOTH,
    title: 'Translation with a blank or null `languageCode`/`text`',
    source: rule('R20', [PAGES.questionV1, PAGES.questionBeta]),
    message: (a) =>
      a.key === 'languageCode'
        ? 'Each translation needs a `languageCode` such as "en-us" or "fr-CA".'
        : 'Each translation needs its `text` in that language.',
  }),
  choiceTextMissing: define<{ kind: 'actualValue' | 'text' | 'displayValue'; question: Index; choice: Index }>({
    code: 'AP2034',
    name: 'choiceTextMissing',
    severity: 'error',
    versions: BOTH,
    title: 'Answer choice with a blank `actualValue` or no display text',
    source: rule('R20', [PAGES.questionV1, PAGES.questionBeta]),
    message: (a) => {
      const where = `Choice ${a.choice + 1} of question ${a.question + 1}`;
      switch (a.kind) {
        case 'actualValue':
          return `${where} needs an \`actualValue\`: the value recorded when a requestor picks it.`;
        case 'text':
          return `${where} needs display \`text\`: what requestors see.`;
        case 'displayValue':
          return `${where} needs display text: set \`displayValue.defaultText\` (and optionally \`localizedTexts\`).`;
      }
    },
  }),
  duplicateSequence: define<{ question: Index; sequence: number; first: Index }>({
    code: 'AP2035',
    name: 'duplicateSequence',
    severity: 'warning',
    versions: BOTH,
    title: 'Two questions with the same `sequence`',
    source: rule(
      'R20 (order) [INF]',
      [PAGES.questionV1],
      'questions are shown in `sequence` order; two with the same number have no defined order',
    ),
    message: (a) =>
      `Question ${a.question + 1} has the same \`sequence\` (${a.sequence}) as question ${a.first + 1}, so their order is undefined. Give each question its own number.`,
  }),
  multipleChoiceWithoutChoices: define<{ question: Index }>({
    code: 'AP2036',
    name: 'multipleChoiceWithoutChoices',
    severity: 'warning',
    versions: BOTH,
    title: 'Multiple-choice question with no choices',
    source: rule('R20 [INF]', [PAGES.questionV1], 'a multiple-choice question without choices cannot be answered'),
    message: (a) =>
      `Question ${a.question + 1} is multiple-choice but offers no choices, so requestors cannot answer it. Add entries to \`choices\` (each with \`actualValue\` and display text), or make it a text-input question.`,
  }),
  duplicateLanguage: define<{ languageCode: string; first: Index }>({
    code: 'AP2037',
    name: 'duplicateLanguage',
    severity: 'warning',
    versions: BOTH,
    title: 'The same language twice in one list of translations',
    source: rule('R20 [INF]', [PAGES.questionV1], 'a second translation into the same language can only replace or shadow the first'),
    message: (a) => `"${a.languageCode}" is already translated in entry ${a.first + 1} of this list; keep one translation per language.`,
  }),
  // Create body (rules/createBody.ts)
  accessPackageMissing: define<{ version: ApiVersion }>({
    code: 'AP2040',
    name: 'accessPackageMissing',
    severity: 'error',
    versions: BOTH,
    title: 'No access package reference (v1 `accessPackage.id`, beta `accessPackageId`)',
    source: rule('R22', [PAGES.createPolicyV1, PAGES.accessPackageIdIssue], undefined, ['required-on-create', 'r22']),
    message: (a) =>
      a.version === 'beta'
        ? 'The policy must name its access package: add `"accessPackageId": "<access package object id>"`. The service rejects a policy without it (on update with "Value cannot be null. Parameter name: Id").'
        : 'The policy must name an existing access package: add `"accessPackage": { "id": "<access package object id>" }`.',
  }),
  displayNameMissing: define({
    code: 'AP2041',
    name: 'displayNameMissing',
    severity: 'warning',
    versions: BOTH,
    title: '`displayName` missing or blank',
    source: rule(
      '[INF] (docs examples, terraform)',
      [PAGES.createPolicyV1, PAGES.terraform],
      "every documented example has one and terraform requires it; the service's behaviour without it is not documented",
      ['required-on-create'],
    ),
    message: () =>
      "Give the policy a `displayName`: requestors pick policies by name in My Access. (Inferred: every documented example has one, and terraform requires it; the service's behaviour without it is not documented.)",
  }),
  readOnlyProperty: define<{ property: string; what: string; ofThePackage: boolean }>({
    code: 'AP2042',
    name: 'readOnlyProperty',
    // What the service writes itself is harmless in a body: information. A property of the access
    // package is a warning: the author may expect it to change the package, and it will not.
    severity: (a): Severity => (a.ofThePackage ? 'warning' : 'information'),
    severityText: 'information / warning',
    versions: BOTH,
    title:
      'Read-only property in a request body: `createdDateTime`, `modifiedDateTime`, beta `createdBy`/`modifiedBy`, `catalog`/`accessPackageCatalog`/beta `accessPackage` (not when it is the v1.0 `{ id }` reference, which is AP0002), subject/user-set `description`, question `id` are information (the service fills them in and ignores them); v1 `accessPackage` properties other than `id` are a warning (they do not change the package)',
    source: { cell: 'CSDL / typings read-only marks', urls: [PAGES.csdlV1, PAGES.policyV1], facts: ['read-only-values-ap2042'] },
    message: (a) =>
      `\`${a.property}\` ${a.what}; the service ignores it in a request body. ${a.ofThePackage ? 'Remove it.' : 'It does no harm; you can remove it.'}`,
    fix: QUICK_FIXES.removeReadOnly,
  }),
  // Custom extensions (rules/customExtensions.ts)
  customExtensionIncomplete: define<{ kind: 'extension' | 'stage'; entry: Index; list: string }>({
    code: 'AP2045',
    name: 'customExtensionIncomplete',
    severity: 'error',
    versions: BOTH,
    title: 'Custom extension stage setting without `stage` or `customExtension.id`',
    source: rule('R21', [PAGES.customExtensionStageSetting]),
    message: (a) =>
      a.kind === 'extension'
        ? `Entry ${a.entry + 1} of \`${a.list}\` must name the custom extension to call: \`"customExtension": { "id": "<custom extension id>" }\` (an extension in the access package's catalog).`
        : `Entry ${a.entry + 1} of \`${a.list}\` must say when the extension runs: set \`stage\`, e.g. "assignmentRequestGranted".`,
  }),
  customExtensionHandlersDeprecated: define({
    code: 'AP2046',
    name: 'customExtensionHandlersDeprecated',
    severity: 'warning',
    versions: BETA,
    title: '`customExtensionHandlers` is deprecated (non-empty list)',
    source: rule('R21', [PAGES.customExtensionHandler]),
    message: () =>
      '`customExtensionHandlers` is deprecated: use `customExtensionStageSettings` (same `stage` and `customExtension: { id }`) instead.',
  }),
  duplicateCustomExtensionStage: define<{ entry: Index; first: Index }>({
    code: 'AP2047',
    name: 'duplicateCustomExtensionStage',
    severity: 'warning',
    versions: BOTH,
    title: 'The same custom extension twice at the same stage',
    source: rule('R21 [INF]', [PAGES.customExtensionStageSetting], 'the same extension at the same stage would be called twice'),
    message: (a) =>
      `Entry ${a.entry + 1} repeats entry ${a.first + 1}: the same custom extension at the same stage would run twice. Remove one.`,
  }),
};
