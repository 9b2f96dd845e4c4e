// What enum values mean, in this project's own words, where we know. Keyed by the enum's Graph
// type (`x-graphType`); beta's string "enums" are plain Edm.String in Graph, so those are keyed by
// `<owner type>.<property>` instead.

type EnumTable = Record<string, Record<string, string>>;

const CUSTOM_EXTENSION_STAGE: Record<string, string> = {
  assignmentRequestCreated: 'Called when someone submits a request.',
  assignmentRequestApproved: 'Called when a request has been approved.',
  assignmentRequestGranted: 'Called when the assignment has been granted and access delivered.',
  assignmentRequestRemoved: 'Called when an assignment is removed.',
  assignmentFourteenDaysBeforeExpiration: 'Called 14 days before an assignment expires.',
  assignmentOneDayBeforeExpiration: 'Called one day before an assignment expires.',
  unknownFutureValue: 'Placeholder Graph uses for values added later. Do not send it.',
};

const REVIEW_TIMEOUT: Record<string, string> = {
  keepAccess: 'Undecided people keep their access.',
  removeAccess: 'Undecided people lose their access.',
  acceptAccessRecommendation: 'Graph applies its own recommendation for each undecided person.',
  unknownFutureValue: 'Placeholder Graph uses for values added later. Do not send it.',
};

const ENUMS: EnumTable = {
  'microsoft.graph.allowedTargetScope': {
    notSpecified: 'Nobody can request; only administrators assign directly.',
    specificDirectoryUsers: 'Only the users, groups (or attribute rule) listed in `specificAllowedTargets`.',
    specificConnectedOrganizationUsers: 'Only users of the connected organizations listed in `specificAllowedTargets`.',
    specificDirectoryServicePrincipals: 'Only the service principals listed in `specificAllowedTargets` (pairing inferred).',
    allMemberUsers: 'Every member user of your directory (not guests).',
    allDirectoryUsers: 'Every user in your directory, members and guests.',
    allDirectoryServicePrincipals: 'Every service principal in your directory.',
    allConfiguredConnectedOrganizationUsers: 'Users of every connected organization configured in entitlement management.',
    allExternalUsers: 'Any external user, whether or not their organization is connected (inferred).',
    allDirectoryAgentIdentities: 'Every agent identity in your directory. New and barely documented.',
    unknownFutureValue: 'Placeholder Graph uses for values added later. Do not send it.',
  },
  'requestorSettings.scopeType': {
    NoSubjects: 'Nobody can request; only administrators assign directly. `allowedRequestors` must be empty.',
    SpecificDirectorySubjects: 'Only the users and groups in `allowedRequestors`.',
    SpecificConnectedOrganizationSubjects: 'Only users of the connected organizations in `allowedRequestors`.',
    AllConfiguredConnectedOrganizationSubjects: 'Users of every configured connected organization. `allowedRequestors` must be empty.',
    AllExistingConnectedOrganizationSubjects: 'Users of every existing connected organization. `allowedRequestors` must be empty.',
    AllExistingDirectoryMemberUsers: 'Every member user of your directory (not guests). `allowedRequestors` must be empty.',
    AllExistingDirectorySubjects: 'Every user in your directory, members and guests. `allowedRequestors` must be empty.',
    AllExternalSubjects: 'Any external user, whether or not their organization is connected (inferred). `allowedRequestors` must be empty.',
  },
  'approvalSettings.approvalMode': {
    NoApproval: 'No approval: requests are granted at once. Use with `isApprovalRequired: false`.',
    SingleStage: 'One approval stage.',
    Serial: 'Several stages, one after another; each must approve.',
    Parallel: 'Listed by Microsoft but with no example; its behaviour is not documented.',
  },
  'assignmentReviewSettings.reviewerType': {
    Self: 'People review their own assignments.',
    Reviewers: 'The users or groups in `reviewers` review.',
    Manager: 'Each person\'s manager reviews; add fallback reviewers (`isBackup: true`) for people without one.',
  },
  'assignmentReviewSettings.recurrenceType': {
    weekly: 'Every week.',
    monthly: 'Every month.',
    quarterly: 'Every three months.',
    halfyearly: 'Twice a year.',
    annual: 'Once a year.',
  },
  'microsoft.graph.expirationPatternType': {
    notSpecified: 'Not said; Graph decides.',
    noExpiration: 'Assignments never end on their own. Leave `duration` and `endDateTime` out (or null).',
    afterDateTime: 'Assignments end at `endDateTime`.',
    afterDuration: 'Assignments end after `duration`, counted from when they start.',
  },
  'microsoft.graph.accessReviewExpirationBehavior': REVIEW_TIMEOUT,
  'microsoft.graph.accessReviewTimeoutBehavior': REVIEW_TIMEOUT,
  'microsoft.graph.approverInformationVisibility': {
    default: 'The service default (not documented).',
    notVisible: 'Requestors do not see who their approvers are (inferred from the name).',
    visible: 'Requestors see who their approvers are (inferred from the name).',
    unknownFutureValue: 'Placeholder Graph uses for values added later. Do not send it.',
  },
  'microsoft.graph.accessPackageCustomExtensionStage': CUSTOM_EXTENSION_STAGE,
  'microsoft.graph.recurrencePatternType': {
    daily: 'Every `interval` days. Not supported for access reviews.',
    weekly: 'Every `interval` weeks.',
    absoluteMonthly: 'Every `interval` months on `dayOfMonth` (3 = quarterly, 6 = twice a year).',
    relativeMonthly: 'Every `interval` months on a weekday such as "second Tuesday". Not supported for access reviews.',
    absoluteYearly: 'Every year on `month` and `dayOfMonth`. Not supported for access reviews.',
    relativeYearly: 'Every year on a weekday of `month`. Not supported for access reviews.',
  },
  'microsoft.graph.recurrenceRangeType': {
    noEnd: 'Repeats until the policy changes.',
    endDate: 'Repeats until `endDate`.',
    numbered: 'Repeats `numberOfOccurrences` times.',
  },
};

/** What `value` means for an enum of Graph type `enumType`, or for `<owner>.<property>`. */
export function enumValueDoc(keys: readonly (string | undefined)[], value: string): string | undefined {
  for (const key of keys) {
    if (!key) continue;
    const doc = ENUMS[key]?.[value];
    if (doc) return doc;
  }
  return undefined;
}
