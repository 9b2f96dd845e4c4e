// Which kinds of subject (v1.0 `subjectSet`) or user set (beta `userSet`) each collection of a
// policy accepts. The schemas accept every member of the family everywhere (one discriminated
// definition), so this table is what tells a target from an approver: hover, completion and the
// slot-type rule (core/src/rules/subjectSlots.ts) all read it.
//
// Source: docs/policy-facts.md, "Subject types and where they go", and its service rules R5
// (fallbacks are specific users or groups), R13 (beta requestors) and R14 (v1 targets). Pairings marked [INF] are inferred, not documented.
import type { ApiVersion } from '../diagnostic';
import type { JsonPath } from '../parse';
import { odataTypeName } from '../graphNames';
import { subjectSetType } from './subjectTypes';

export type SlotName =
  | 'requestor'
  | 'target'
  | 'approver'
  | 'fallbackApprover'
  | 'escalation'
  | 'fallbackEscalation'
  | 'reviewer'
  | 'fallbackReviewer'
  | 'onBehalf';

export interface SlotInfo {
  slot: SlotName;
  /** What the collection holds, in words for messages and hovers. */
  label: string;
  /** Full `@odata.type` values accepted in the slot, e.g. '#microsoft.graph.singleUser'. */
  allowedTypes: readonly string[];
}

const T = subjectSetType;
const SINGLE_USER = T('singleUser');
const GROUP = T('groupMembers');
const CONNECTED_ORG = T('connectedOrganizationMembers');
const REQUESTOR_MANAGER = T('requestorManager');
const INTERNAL_SPONSORS = T('internalSponsors');
const EXTERNAL_SPONSORS = T('externalSponsors');
const TARGET_USER_SPONSORS = T('targetUserSponsors');
const ATTRIBUTE_RULE = T('attributeRuleMembers');
const SERVICE_PRINCIPAL = T('singleServicePrincipal');
const TARGET_MANAGER = T('targetManager');
const TARGET_APP_OWNERS = T('targetApplicationOwners');
const AGENT_SPONSORS = T('targetAgentIdentitySponsorsOrOwners');

const V1_SLOTS: Record<SlotName, SlotInfo | undefined> = {
  requestor: undefined, // v1 expresses "who can request" as targets (allowedTargetScope + specificAllowedTargets)
  target: {
    slot: 'target',
    label: 'users allowed to request (specificAllowedTargets)',
    // singleServicePrincipal pairs with specificDirectoryServicePrincipals [INF].
    // attributeRuleMembers is for auto-assignment policies.
    allowedTypes: [SINGLE_USER, GROUP, CONNECTED_ORG, ATTRIBUTE_RULE, SERVICE_PRINCIPAL],
  },
  approver: {
    slot: 'approver',
    label: 'primary approvers',
    // singleServicePrincipal as approver: the type's doc says so. Agent-identity sponsors/owners
    // belong to agent-identity policies [INF].
    allowedTypes: [
      SINGLE_USER,
      GROUP,
      REQUESTOR_MANAGER,
      INTERNAL_SPONSORS,
      EXTERNAL_SPONSORS,
      TARGET_USER_SPONSORS,
      SERVICE_PRINCIPAL,
      AGENT_SPONSORS,
    ],
  },
  fallbackApprover: {
    slot: 'fallbackApprover',
    label: 'fallback approvers',
    // A fallback covers a missing manager or sponsor, so it must name specific people (R5).
    // singleServicePrincipal here is [INF].
    allowedTypes: [SINGLE_USER, GROUP, SERVICE_PRINCIPAL],
  },
  escalation: {
    slot: 'escalation',
    label: 'escalation approvers',
    // The list is documented for beta; v1 is assumed to match [INF]; singleServicePrincipal [INF].
    allowedTypes: [SINGLE_USER, GROUP, REQUESTOR_MANAGER, INTERNAL_SPONSORS, EXTERNAL_SPONSORS, SERVICE_PRINCIPAL],
  },
  fallbackEscalation: {
    slot: 'fallbackEscalation',
    label: 'fallback escalation approvers',
    allowedTypes: [SINGLE_USER, GROUP, SERVICE_PRINCIPAL], // [INF] by analogy with fallback approvers
  },
  reviewer: {
    slot: 'reviewer',
    label: 'primary reviewers',
    // requestorManager as reviewer is [INF] (manager reviews exist; the v1 pairing is not documented).
    allowedTypes: [SINGLE_USER, GROUP, REQUESTOR_MANAGER, SERVICE_PRINCIPAL],
  },
  fallbackReviewer: {
    slot: 'fallbackReviewer',
    label: 'fallback reviewers',
    allowedTypes: [SINGLE_USER, GROUP, SERVICE_PRINCIPAL],
  },
  onBehalf: {
    slot: 'onBehalf',
    label: 'on-behalf requestors',
    // singleServicePrincipal as a requestor: the type's doc lists "requestor" [INF for on-behalf].
    allowedTypes: [SINGLE_USER, GROUP, TARGET_MANAGER, TARGET_APP_OWNERS, SERVICE_PRINCIPAL],
  },
};

const BETA_SLOTS: Record<SlotName, SlotInfo | undefined> = {
  requestor: {
    slot: 'requestor',
    label: 'allowed requestors',
    // R13: singleUser/groupMembers with SpecificDirectorySubjects; connectedOrganizationMembers
    // with SpecificConnectedOrganizationSubjects.
    allowedTypes: [SINGLE_USER, GROUP, CONNECTED_ORG],
  },
  target: undefined,
  approver: {
    slot: 'approver',
    label: 'primary approvers',
    allowedTypes: [
      SINGLE_USER,
      GROUP,
      REQUESTOR_MANAGER,
      INTERNAL_SPONSORS,
      EXTERNAL_SPONSORS,
      TARGET_USER_SPONSORS,
      AGENT_SPONSORS /* [INF] */,
    ],
  },
  fallbackApprover: {
    slot: 'fallbackApprover',
    label: 'backup approvers (isBackup: true)',
    allowedTypes: [SINGLE_USER, GROUP], // R5
  },
  escalation: {
    slot: 'escalation',
    label: 'escalation approvers',
    allowedTypes: [SINGLE_USER, GROUP, REQUESTOR_MANAGER, INTERNAL_SPONSORS, EXTERNAL_SPONSORS],
  },
  fallbackEscalation: {
    slot: 'fallbackEscalation',
    label: 'backup escalation approvers (isBackup: true)',
    allowedTypes: [SINGLE_USER, GROUP], // [INF] by analogy with backup approvers
  },
  reviewer: {
    slot: 'reviewer',
    label: 'reviewers',
    allowedTypes: [SINGLE_USER, GROUP], // R18
  },
  fallbackReviewer: {
    slot: 'fallbackReviewer',
    label: 'backup reviewers (isBackup: true)',
    allowedTypes: [SINGLE_USER, GROUP], // [INF]
  },
  onBehalf: undefined,
};

const SLOTS: Record<ApiVersion, Record<SlotName, SlotInfo | undefined>> = { 'v1.0': V1_SLOTS, beta: BETA_SLOTS };

/** Where each slot's collection sits: a path pattern ('*' = any array index). */
interface SlotPattern {
  pattern: readonly (string | '*')[];
  slot: SlotName;
  /** Beta: entries with `isBackup: true` in this collection are this slot instead. */
  backupSlot?: SlotName;
}

const V1_PATTERNS: readonly SlotPattern[] = [
  { pattern: ['specificAllowedTargets'], slot: 'target' },
  { pattern: ['requestApprovalSettings', 'stages', '*', 'primaryApprovers'], slot: 'approver' },
  { pattern: ['requestApprovalSettings', 'stages', '*', 'fallbackPrimaryApprovers'], slot: 'fallbackApprover' },
  { pattern: ['requestApprovalSettings', 'stages', '*', 'escalationApprovers'], slot: 'escalation' },
  { pattern: ['requestApprovalSettings', 'stages', '*', 'fallbackEscalationApprovers'], slot: 'fallbackEscalation' },
  { pattern: ['reviewSettings', 'primaryReviewers'], slot: 'reviewer' },
  { pattern: ['reviewSettings', 'fallbackReviewers'], slot: 'fallbackReviewer' },
  { pattern: ['requestorSettings', 'onBehalfRequestors'], slot: 'onBehalf' },
];

const BETA_PATTERNS: readonly SlotPattern[] = [
  { pattern: ['requestorSettings', 'allowedRequestors'], slot: 'requestor' },
  { pattern: ['requestApprovalSettings', 'approvalStages', '*', 'primaryApprovers'], slot: 'approver', backupSlot: 'fallbackApprover' },
  {
    pattern: ['requestApprovalSettings', 'approvalStages', '*', 'escalationApprovers'],
    slot: 'escalation',
    backupSlot: 'fallbackEscalation',
  },
  { pattern: ['accessReviewSettings', 'reviewers'], slot: 'reviewer', backupSlot: 'fallbackReviewer' },
];

const PATTERNS: Record<ApiVersion, readonly SlotPattern[]> = { 'v1.0': V1_PATTERNS, beta: BETA_PATTERNS };

/** The collections that hold subjects, as path patterns: for rules that walk every slot. */
export function slotPatterns(version: ApiVersion): readonly { pattern: readonly (string | '*')[]; slot: SlotName }[] {
  return PATTERNS[version];
}

export function slotInfo(version: ApiVersion, slot: SlotName): SlotInfo | undefined {
  return SLOTS[version][slot];
}

/**
 * The slot of a collection (`path` ends at the array) or of one of its entries (`path` ends with
 * the entry's index). In beta, pass the entry's value as `item` to tell backup (`isBackup: true`)
 * entries from primary ones; without it the primary slot is returned.
 */
export function slotAt(version: ApiVersion, path: JsonPath, item?: unknown): SlotInfo | undefined {
  // Called for every entry of every subject list (thousands in a large policy): plain loops.
  for (const p of PATTERNS[version]) {
    const n = p.pattern.length;
    const isArray = path.length === n;
    const isItem = path.length === n + 1 && typeof path[n] === 'number';
    if (!isArray && !isItem) continue;
    if (!matches(p.pattern, path)) continue;
    const backup = isItem && p.backupSlot && isBackupEntry(item);
    return SLOTS[version][backup ? p.backupSlot! : p.slot];
  }
  return undefined;
}

/** The slots that accept a type, e.g. slotsForType('v1.0', '#microsoft.graph.targetManager') → ['onBehalf']. */
export function slotsForType(version: ApiVersion, odataType: string): SlotName[] {
  const full = odataTypeName(odataType);
  const out: SlotName[] = [];
  for (const info of Object.values(SLOTS[version])) {
    if (info && info.allowedTypes.includes(full)) out.push(info.slot);
  }
  return out;
}

function matches(pattern: readonly (string | '*')[], path: JsonPath): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const seg = pattern[i];
    if (seg === '*' ? typeof path[i] !== 'number' : seg !== path[i]) return false;
  }
  return true;
}

function isBackupEntry(item: unknown): boolean {
  return typeof item === 'object' && item !== null && (item as Record<string, unknown>).isBackup === true;
}
