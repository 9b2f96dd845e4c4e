// Benchmark inputs: a seed-sized policy (Microsoft's two-stage example), a ~1 MB policy (the same
// policy allowing thousands of groups and users, as a large tenant's would), and a folder of files.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SEED = {
  displayName: 'policy for external access requests',
  description: 'policy for users from connected organizations to request access, with two stages of approval.',
  allowedTargetScope: 'specificDirectoryUsers',
  specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: '1623f912-5e86-41c2-af47-39dd67582b66' }],
  expiration: { type: 'afterDuration', duration: 'P365D' },
  requestorSettings: {
    enableTargetsToSelfAddAccess: true,
    enableTargetsToSelfUpdateAccess: true,
    enableTargetsToSelfRemoveAccess: true,
    allowCustomAssignmentSchedule: false,
    enableOnBehalfRequestorsToAddAccess: false,
    enableOnBehalfRequestorsToUpdateAccess: false,
    enableOnBehalfRequestorsToRemoveAccess: false,
    onBehalfRequestors: [],
  },
  requestApprovalSettings: {
    isApprovalRequiredForAdd: true,
    isApprovalRequiredForUpdate: false,
    stages: [0, 1].map(() => ({
      durationBeforeAutomaticDenial: 'P14D',
      isApproverJustificationRequired: false,
      isEscalationEnabled: false,
      durationBeforeEscalation: 'PT0S',
      primaryApprovers: [{ '@odata.type': '#microsoft.graph.singleUser', userId: '7deff43e-1f17-44ef-9e5f-d516b0ba11d4' }],
      fallbackPrimaryApprovers: [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: '1623f912-5e86-41c2-af47-39dd67582b66' }],
      escalationApprovers: [],
      fallbackEscalationApprovers: [],
    })),
  },
  reviewSettings: {
    isEnabled: true,
    expirationBehavior: 'keepAccess',
    isRecommendationEnabled: true,
    isReviewerJustificationRequired: true,
    isSelfReview: false,
    schedule: {
      startDateTime: '2026-07-02T06:59:59.998Z',
      expiration: { duration: 'P14D', type: 'afterDuration' },
      recurrence: {
        pattern: { type: 'absoluteMonthly', interval: 3, month: 0, dayOfMonth: 0, daysOfWeek: [] },
        range: { type: 'noEnd', numberOfOccurrences: 0 },
      },
    },
    primaryReviewers: [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: '1623f912-5e86-41c2-af47-39dd67582b66' }],
    fallbackReviewers: [],
  },
  accessPackage: { id: 'a2e1ca1e-4e56-47d2-9daa-e2ba8d12a82b' },
};

/** The same policy in the legacy beta shape (accessPackageAssignmentPolicies). */
export const BETA_SEED = {
  accessPackageId: 'a2e1ca1e-4e56-47d2-9daa-e2ba8d12a82b',
  displayName: 'policy for external access requests',
  description: 'policy for users from connected organizations to request access, with two stages of approval.',
  canExtend: false,
  durationInDays: 365,
  expirationDateTime: null,
  requestorSettings: {
    scopeType: 'SpecificDirectorySubjects',
    acceptRequests: true,
    allowedRequestors: [{ '@odata.type': '#microsoft.graph.groupMembers', isBackup: false, id: '1623f912-5e86-41c2-af47-39dd67582b66' }],
  },
  requestApprovalSettings: {
    isApprovalRequired: true,
    isApprovalRequiredForExtension: false,
    isRequestorJustificationRequired: true,
    approvalMode: 'Serial',
    approvalStages: [0, 1].map(() => ({
      approvalStageTimeOutInDays: 14,
      isApproverJustificationRequired: true,
      isEscalationEnabled: false,
      primaryApprovers: [{ '@odata.type': '#microsoft.graph.singleUser', isBackup: false, id: '7deff43e-1f17-44ef-9e5f-d516b0ba11d4' }],
      escalationApprovers: [],
    })),
  },
  accessReviewSettings: {
    isEnabled: true,
    recurrenceType: 'quarterly',
    reviewerType: 'Reviewers',
    startDateTime: '2026-07-02T06:59:59.998Z',
    durationInDays: 14,
    reviewers: [{ '@odata.type': '#microsoft.graph.groupMembers', isBackup: false, id: '1623f912-5e86-41c2-af47-39dd67582b66' }],
  },
};

const SCHEMA_BASE = 'https://entra-access-policy.dev/schemas/';

function guid(n) {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function seedText() {
  return JSON.stringify(SEED, null, 2);
}

/** About `bytes` of a valid policy: the seed with a long list of allowed groups and users. */
export function largeText(bytes = 1_000_000) {
  const doc = structuredClone(SEED);
  const targets = [];
  let size = JSON.stringify(doc, null, 2).length;
  for (let n = 1; size < bytes; n++) {
    const entry =
      n % 2
        ? { '@odata.type': '#microsoft.graph.groupMembers', groupId: guid(n) }
        : { '@odata.type': '#microsoft.graph.singleUser', userId: guid(n) };
    targets.push(entry);
    size += JSON.stringify(entry, null, 2).length + 8;
  }
  doc.specificAllowedTargets = targets;
  return JSON.stringify(doc, null, 2);
}

/**
 * `count` policy files in `dir`, half v1.0 and half beta (each a variant of its seed, naming its
 * schema with `$schema` so every contender checks it against the same one), for the CLI runs.
 */
export function writeFolder(dir, count) {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    writeFileSync(path.join(dir, `policy-${String(i).padStart(4, '0')}.accesspolicy.json`), policyText(i));
  }
}

/** Policy number `i`: even ones v1.0, odd ones beta. */
export function policyText(i) {
  const [seed, version] = i % 2 ? [BETA_SEED, 'beta'] : [SEED, 'v1.0'];
  return JSON.stringify({ $schema: `${SCHEMA_BASE}accesspolicy-${version}.schema.json`, ...seed, displayName: `policy ${i}` }, null, 2);
}
