// What a property of one API version is called in the other: the beta → v1.0 correspondence, used
// in messages when a file mixes the two shapes. The pairing is inferred from Microsoft's examples.
import type { ApiVersion } from './diagnostic';

/** Beta requestor scopes (`requestorSettings.scopeType`) → v1.0 target scopes (`allowedTargetScope`). */
export const BETA_SCOPE_TO_V1: Readonly<Record<string, string>> = {
  NoSubjects: 'notSpecified',
  SpecificDirectorySubjects: 'specificDirectoryUsers',
  SpecificConnectedOrganizationSubjects: 'specificConnectedOrganizationUsers',
  AllConfiguredConnectedOrganizationSubjects: 'allConfiguredConnectedOrganizationUsers',
  AllExistingConnectedOrganizationSubjects: 'allConfiguredConnectedOrganizationUsers',
  AllExistingDirectoryMemberUsers: 'allMemberUsers',
  AllExistingDirectorySubjects: 'allDirectoryUsers',
  AllExternalSubjects: 'allExternalUsers',
};

const BETA_TO_V1: Record<string, string> = {
  accessPackageId: 'use `accessPackage: { "id": "…" }`',
  durationInDays: 'use `expiration` with `type: "afterDuration"` and `duration: "P{n}D"`',
  expirationDateTime: 'use `expiration` with `type: "afterDateTime"` and `endDateTime`',
  canExtend: 'use `requestorSettings.enableTargetsToSelfUpdateAccess`',
  scopeType: 'use `allowedTargetScope` at the top level',
  allowedRequestors: 'use `specificAllowedTargets` at the top level',
  acceptRequests: 'use `enableTargetsToSelfAddAccess`',
  isApprovalRequired: 'use `isApprovalRequiredForAdd`',
  isApprovalRequiredForExtension: 'use `isApprovalRequiredForUpdate`',
  approvalMode: 'v1.0 has none: the number of `stages` says it',
  approvalStages: 'use `stages`',
  approvalStageTimeOutInDays: 'use `durationBeforeAutomaticDenial` ("P{n}D")',
  escalationTimeInMinutes: 'use `durationBeforeEscalation` ("PT{m}M")',
  isBackup: 'put fallback approvers in `fallbackPrimaryApprovers` / `fallbackEscalationApprovers` instead',
  id: 'subject sets name their object with `userId`, `groupId`, `connectedOrganizationId` or `servicePrincipalId`',
  accessReviewSettings: 'use `reviewSettings`',
  reviewers: 'use `primaryReviewers`',
  accessPackageNotificationSettings: 'use `notificationSettings`',
  verifiableCredentialSettings: 'v1.0 has no counterpart',
  customExtensionHandlers: 'use `customExtensionStageSettings`',
  allowsMultipleSelection: 'use `isMultipleSelectionAllowed`',
  displayValue: 'use `text` and `localizations`',
  defaultText: 'in v1.0 `text` is a plain string, with `localizations` beside it',
  localizedTexts: 'use `localizations`',
};

const V1_TO_BETA: Record<string, string> = {
  accessPackage: 'use `accessPackageId`',
  expiration: 'use `durationInDays` or `expirationDateTime`',
  allowedTargetScope: 'use `requestorSettings.scopeType`',
  specificAllowedTargets: 'use `requestorSettings.allowedRequestors`',
  enableTargetsToSelfAddAccess: 'use `acceptRequests`',
  enableTargetsToSelfUpdateAccess: 'use `canExtend` at the top level',
  isApprovalRequiredForAdd: 'use `isApprovalRequired`',
  isApprovalRequiredForUpdate: 'use `isApprovalRequiredForExtension`',
  stages: 'use `approvalStages`',
  durationBeforeAutomaticDenial: 'use `approvalStageTimeOutInDays` (days)',
  durationBeforeEscalation: 'use `escalationTimeInMinutes` (minutes)',
  fallbackPrimaryApprovers: 'mark fallback approvers with `isBackup: true` in `primaryApprovers`',
  fallbackEscalationApprovers: 'mark fallback approvers with `isBackup: true` in `escalationApprovers`',
  userId: 'subject sets name their object with `id`',
  groupId: 'subject sets name their object with `id`',
  connectedOrganizationId: 'subject sets name their object with `id`',
  reviewSettings: 'use `accessReviewSettings`',
  primaryReviewers: 'use `reviewers`',
  notificationSettings: 'use `accessPackageNotificationSettings`',
  automaticRequestSettings: 'beta cannot express auto-assignment policies',
  isMultipleSelectionAllowed: 'use `allowsMultipleSelection`',
  localizations: 'use `localizedTexts` inside `text`',
};

/** Where the property's place decides its counterpart (formatted path → hint). */
const V1_PATHS_TO_BETA: Record<string, string> = {
  'accessPackage.id': 'name the access package with `accessPackageId` at the top level',
};

/** A sentence telling how to say `key` (a property of `from`, at `path`) in the other version. */
export function counterpartHint(key: string, from: ApiVersion, path?: string): string | undefined {
  const table = from === 'beta' ? BETA_TO_V1 : V1_TO_BETA;
  const hint = (from === 'v1.0' && path !== undefined ? V1_PATHS_TO_BETA[path] : undefined) ?? table[key];
  return hint ? `In ${from === 'beta' ? 'v1.0' : 'beta'}, ${hint}.` : undefined;
}
