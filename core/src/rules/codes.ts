// Every service-rule code in one place, so a code is never reused for two rules and
// docs/rules.md can be checked against this list (test/rules/docs.test.ts).
export const RULE_CODES = {
  // Approval stages (approvalStages.ts)
  tooManyStages: 'AP2001',
  stagesWithoutApproval: 'AP2002',
  approvalWithoutStages: 'AP2003',
  stageWithoutApprovers: 'AP2004',
  managerWithoutFallback: 'AP2006',
  escalationWithoutApprovers: 'AP2008',
  escalationTooSoon: 'AP2009',
  timeoutTooShortForEscalation: 'AP2010',
  escalationAfterTimeout: 'AP2011',
  approvalModeVsRequired: 'AP2012',
  escalationApproversNotArray: 'AP2013',
  approvalModeVsStageCount: 'AP2014',
  escalationTimeMissing: 'AP2038',
  fallbackNeverUsed: 'AP2044',
  // Subjects in their collections (subjectSlots.ts)
  subjectTypeNotAllowedInSlot: 'AP2005',
  managerLevelOutOfRange: 'AP2007',
  // Expiration (expiration.ts)
  durationInDaysOutOfRange: 'AP2015',
  durationAndExpirationDate: 'AP2016',
  expirationTypeMismatch: 'AP2017',
  expirationInPast: 'AP2018',
  // Who can request (requestScope.ts)
  scopeTypeVsRequestors: 'AP2019',
  targetScopeVsTargets: 'AP2020',
  specificScopeWithoutTargets: 'AP2021',
  autoAssignmentScope: 'AP2022',
  autoAssignmentApproval: 'AP2023',
  autoAssignmentSelfRequests: 'AP2024',
  requestsDisabled: 'AP2025',
  onBehalfInconsistent: 'AP2026',
  attributeRuleWithoutAutoAssignment: 'AP2043',
  // Reviews (reviews.ts)
  reviewersMissing: 'AP2027',
  reviewScheduleIncomplete: 'AP2028',
  managerReviewWithoutFallback: 'AP2029',
  recurrencePatternUnsupported: 'AP2030',
  recurrenceIntervalTooSmall: 'AP2031',
  // Questions (questions.ts)
  questionTextMissing: 'AP2032',
  localizedTextIncomplete: 'AP2033',
  choiceTextMissing: 'AP2034',
  duplicateSequence: 'AP2035',
  multipleChoiceWithoutChoices: 'AP2036',
  duplicateLanguage: 'AP2037',
  // Create body (createBody.ts)
  accessPackageMissing: 'AP2040',
  displayNameMissing: 'AP2041',
  readOnlyProperty: 'AP2042',
  // Custom extensions (customExtensions.ts)
  customExtensionIncomplete: 'AP2045',
  customExtensionHandlersDeprecated: 'AP2046',
  duplicateCustomExtensionStage: 'AP2047',
} as const;

export type RuleCode = (typeof RULE_CODES)[keyof typeof RULE_CODES];
