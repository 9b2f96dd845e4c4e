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
    enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: true, enableTargetsToSelfRemoveAccess: true,
    allowCustomAssignmentSchedule: false, enableOnBehalfRequestorsToAddAccess: false,
    enableOnBehalfRequestorsToUpdateAccess: false, enableOnBehalfRequestorsToRemoveAccess: false, onBehalfRequestors: [],
  },
  requestApprovalSettings: {
    isApprovalRequiredForAdd: true, isApprovalRequiredForUpdate: false,
    stages: [0, 1].map(() => ({
      durationBeforeAutomaticDenial: 'P14D', isApproverJustificationRequired: false, isEscalationEnabled: false,
      durationBeforeEscalation: 'PT0S',
      primaryApprovers: [{ '@odata.type': '#microsoft.graph.singleUser', userId: '7deff43e-1f17-44ef-9e5f-d516b0ba11d4' }],
      fallbackPrimaryApprovers: [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: '1623f912-5e86-41c2-af47-39dd67582b66' }],
      escalationApprovers: [], fallbackEscalationApprovers: [],
    })),
  },
  reviewSettings: {
    isEnabled: true, expirationBehavior: 'keepAccess', isRecommendationEnabled: true, isReviewerJustificationRequired: true,
    isSelfReview: false,
    schedule: {
      startDateTime: '2026-07-02T06:59:59.998Z', expiration: { duration: 'P14D', type: 'afterDuration' },
      recurrence: { pattern: { type: 'absoluteMonthly', interval: 3, month: 0, dayOfMonth: 0, daysOfWeek: [] }, range: { type: 'noEnd', numberOfOccurrences: 0 } },
    },
    primaryReviewers: [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: '1623f912-5e86-41c2-af47-39dd67582b66' }],
    fallbackReviewers: [],
  },
  accessPackage: { id: 'a2e1ca1e-4e56-47d2-9daa-e2ba8d12a82b' },
};

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
    const entry = n % 2
      ? { '@odata.type': '#microsoft.graph.groupMembers', groupId: guid(n) }
      : { '@odata.type': '#microsoft.graph.singleUser', userId: guid(n) };
    targets.push(entry);
    size += JSON.stringify(entry, null, 2).length + 8;
  }
  doc.specificAllowedTargets = targets;
  return JSON.stringify(doc, null, 2);
}

/** `count` policy files in `dir` (each a variant of the seed), for the CLI run. */
export function writeFolder(dir, count) {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const doc = { ...SEED, displayName: `policy ${i}` };
    writeFileSync(path.join(dir, `policy-${String(i).padStart(4, '0')}.accesspolicy.json`), JSON.stringify(doc, null, 2));
  }
}
