// What each policy property does, in this project's own words, for hovers and completion details.
// Types, allowed values and read-only flags are not written here: they are read from the schema
// at the cursor (schemaFacts.ts), so the two cannot drift apart. Docs are keyed by the Graph type
// that owns the property (`policy` for the top level); properties shared by a family of types
// (every subject set, every question, every custom extension) are written once for the family.
import type { ApiVersion } from '../diagnostic';
import { isSubjectSetType } from './subjectTypes';

export interface PropertyDoc {
  /** What the property does. A per-version text where the same name means different things. */
  text: string | Partial<Record<ApiVersion, string>>;
  /** The other API version's way to say the same thing (beta → v1 correspondence). */
  counterpart?: string;
  /** True when the fact comes from examples or behaviour, not from Microsoft's documentation. */
  inferred?: boolean;
}

type DocTable = Record<string, Record<string, PropertyDoc>>;

const QUESTION_TYPES = ['accessPackageMultipleChoiceQuestion', 'accessPackageTextInputQuestion'];
const EXTENSION_TYPES = ['customCalloutExtension', 'customAccessPackageWorkflowExtension'];

/** The family a type's shared properties are documented under. */
function familyOf(owner: string): string | undefined {
  if (isSubjectSetType(owner)) return '_subjectSet';
  if (QUESTION_TYPES.includes(owner)) return '_question';
  if (EXTENSION_TYPES.includes(owner)) return '_customExtension';
  return undefined;
}

const DOCS: DocTable = {
  '*': {
    $schema: { text: 'Points the editor at the schema for this file and so fixes its Graph API version (v1.0 or beta). Graph ignores it; the deploy step leaves it out of the request.' },
    '@odata.type': { text: 'Names the Graph type of this object. Optional on the policy itself; required wherever several types may appear (approvers, targets, questions) so the service knows which kind was meant.' },
  },

  policy: {
    id: { text: 'The policy\'s identifier, assigned by Graph when the policy is created. Leave it out for a new policy; an update (PUT) addresses the policy by this id, and deploy writes it back into the file.' },
    displayName: { text: 'The policy\'s name, shown to requestors and administrators in My Access and the Entra admin center.' },
    description: { text: 'A longer explanation of the policy, shown to people choosing how to request the access package.' },
    createdDateTime: { text: 'When the policy was created. Set by Graph; ignored on create and update.' },
    modifiedDateTime: { text: 'When the policy last changed. Set by Graph; ignored on create and update.' },
    questions: {
      text: 'Questions a requestor answers when asking for access; approvers see the answers. Each question is a multiple-choice or a text-input question, told apart by `@odata.type`. Graph assigns each question its `id`.',
    },
    customExtensionStageSettings: {
      text: 'Custom extensions (Logic Apps) to call at points in an assignment\'s life: when a request is created, approved, granted or removed, or shortly before the assignment expires. Send `[]` on update to remove them all.',
    },
    // v1.0 only
    accessPackage: {
      text: {
        'v1.0': 'The access package this policy belongs to, as `{ "id": "<access package id>" }`. Required when creating a policy: the package must already exist.',
        beta: 'The access package this policy belongs to, as Graph returns it when expanded. Read-only here: name the package with `accessPackageId` instead.',
      },
      counterpart: 'beta names the package with `accessPackageId` at the top level.',
    },
    allowedTargetScope: {
      text: 'Who may be given access through this policy (the "targets"): nobody but administrators\' direct assignments, specific users or groups, users of connected organizations, all member users, and so on. When a `specific…` value is chosen, list them in `specificAllowedTargets`.',
      counterpart: 'beta uses `requestorSettings.scopeType` (PascalCase values).',
    },
    specificAllowedTargets: {
      text: 'The users, groups, connected organizations, service principals or attribute rule that may receive access, when `allowedTargetScope` is one of the `specific…` values. Leave it empty for the `all…` scopes and `notSpecified`.',
      counterpart: 'beta uses `requestorSettings.allowedRequestors`.',
    },
    expiration: {
      text: 'When assignments made through this policy end: never, on a fixed date, or after a duration counted from when access is granted.',
      counterpart: 'beta uses `durationInDays` or `expirationDateTime` at the top level.',
    },
    requestorSettings: {
      text: {
        'v1.0': 'Whether and how access can be requested: may targets request, extend or remove their own access, may someone request on their behalf, and may requestors pick their own dates.',
        beta: 'Who may request access through this policy (`scopeType` and `allowedRequestors`) and whether new requests are taken at all (`acceptRequests`).',
      },
      counterpart: 'v1.0 keeps the switches in `requestorSettings` but moves who may request to `allowedTargetScope` and `specificAllowedTargets` at the top level.',
    },
    requestApprovalSettings: {
      text: {
        'v1.0': 'Whether requests need approval, and the approval stages (up to three) each request passes through.',
        beta: 'Whether requests need approval, the approval mode, and the approval stages (up to three) each request passes through. `null` on create means no approval.',
      },
      counterpart: 'Same name in both versions; the inner properties differ (beta `approvalStages`, v1.0 `stages`).',
    },
    reviewSettings: {
      text: 'Recurring access reviews of the assignments made through this policy: who reviews, how often, and what happens when a reviewer does not answer.',
      counterpart: 'beta uses `accessReviewSettings`.',
    },
    automaticRequestSettings: {
      text: 'Makes this an auto-assignment policy: everyone matching the attribute rule in `specificAllowedTargets` gets the access package without asking. Only one such policy per access package is supported. Leave it out (or `null`) for a request-based policy.',
      counterpart: 'beta cannot express auto-assignment policies.',
    },
    notificationSettings: {
      text: 'Email notification switches for assignments made through this policy.',
      counterpart: 'beta uses `accessPackageNotificationSettings`.',
      inferred: true,
    },
    catalog: { text: 'The catalog that holds the access package. Read-only: Graph fills it when expanded; do not send it.' },
    // beta only
    accessPackageId: {
      text: 'The identifier of the access package this policy belongs to. Required on create and on every update (PUT); Graph answers a PUT without it with "Value cannot be null".',
      counterpart: 'v1.0 uses `accessPackage: { "id": "…" }`.',
    },
    accessPackageCatalog: { text: 'The catalog that holds the access package, as Graph returns it when expanded. Read-only; undocumented.', inferred: true },
    canExtend: {
      text: 'Whether people who have an assignment may ask to extend it before it ends.',
      counterpart: 'v1.0 uses `requestorSettings.enableTargetsToSelfUpdateAccess` (and `isApprovalRequiredForUpdate`).',
    },
    durationInDays: {
      text: 'How many days an assignment lasts once granted (0 to 3660). Use either this or `expirationDateTime`, not both. Graph shows 0 when it is not set.',
      counterpart: 'v1.0 uses `expiration: { "type": "afterDuration", "duration": "P{n}D" }`.',
    },
    expirationDateTime: {
      text: 'A fixed date and time (ISO 8601, UTC) at which every assignment from this policy ends. Use either this or `durationInDays`, not both.',
      counterpart: 'v1.0 uses `expiration: { "type": "afterDateTime", "endDateTime": "…" }`.',
    },
    accessReviewSettings: {
      text: 'Recurring access reviews of the assignments made through this policy. `null` means no reviews.',
      counterpart: 'v1.0 uses `reviewSettings`, with a `schedule` object in place of `recurrenceType`, `startDateTime` and `durationInDays`.',
    },
    verifiableCredentialSettings: {
      text: 'Verifiable credentials a requestor must present when asking for access. Send an empty collection to remove the requirement.',
      counterpart: 'v1.0 has no counterpart.',
    },
    accessPackageNotificationSettings: {
      text: 'Email notification switches for assignments made through this policy.',
      counterpart: 'v1.0 uses `notificationSettings`.',
      inferred: true,
    },
    createdBy: { text: 'Who created the policy. Set by Graph; ignored on create and update.' },
    modifiedBy: { text: 'Who last changed the policy. Set by Graph; ignored on create and update.' },
    customExtensionHandlers: {
      text: 'The older way to attach custom extensions to assignment stages. Microsoft has deprecated it; use `customExtensionStageSettings`. Send `[]` on update to remove them all.',
      counterpart: 'v1.0 has only `customExtensionStageSettings`.',
    },
  },

  // ---- v1.0 nested types ----
  accessPackage: {
    id: { text: 'The identifier of an existing access package. This is the only property a policy needs to send here.' },
    displayName: { text: 'The access package\'s name, as Graph returns it. Ignored when sent with a policy.' },
    description: { text: 'The access package\'s description, as Graph returns it. Ignored when sent with a policy.' },
    isHidden: { text: 'Whether the access package is hidden from the My Access portal, as Graph returns it. Ignored when sent with a policy.' },
    createdDateTime: { text: 'When the access package was created. Set by Graph.' },
    modifiedDateTime: { text: 'When the access package last changed. Set by Graph.' },
  },

  accessPackageAssignmentRequestorSettings: {
    enableTargetsToSelfAddAccess: {
      text: 'Whether the users in the policy\'s target scope may ask for the access package for themselves.',
      counterpart: 'beta uses `requestorSettings.acceptRequests`.',
    },
    enableTargetsToSelfUpdateAccess: {
      text: 'Whether people who have an assignment may ask to extend or change it.',
      counterpart: 'beta uses `canExtend` at the top level.',
    },
    enableTargetsToSelfRemoveAccess: { text: 'Whether people who have an assignment may give it up themselves.', counterpart: 'beta has no counterpart.' },
    allowCustomAssignmentSchedule: { text: 'Whether a requestor may choose the start and end dates of their own assignment, within the policy\'s limits.', counterpart: 'beta has no counterpart.' },
    enableOnBehalfRequestorsToAddAccess: { text: 'Whether the people in `onBehalfRequestors` may request this access package for someone else (for example a manager for their reports).', counterpart: 'beta has no counterpart.' },
    enableOnBehalfRequestorsToUpdateAccess: { text: 'Whether the people in `onBehalfRequestors` may extend or change someone else\'s assignment.', counterpart: 'beta has no counterpart.' },
    enableOnBehalfRequestorsToRemoveAccess: { text: 'Whether the people in `onBehalfRequestors` may remove someone else\'s assignment.', counterpart: 'beta has no counterpart.' },
    onBehalfRequestors: {
      text: 'Who may request on behalf of others, for example `targetManager` (a target\'s manager) or `targetApplicationOwners`. Used with the `enableOnBehalfRequestors…` switches.',
      counterpart: 'beta has no counterpart.',
    },
  },

  accessPackageAssignmentApprovalSettings: {
    isApprovalRequiredForAdd: {
      text: 'Whether a new request must be approved before access is granted. When true, `stages` says who approves.',
      counterpart: 'beta uses `isApprovalRequired`.',
    },
    isApprovalRequiredForUpdate: {
      text: 'Whether a request to extend or change an assignment must be approved. It goes through the same `stages` as a new request.',
      counterpart: 'beta uses `isApprovalRequiredForExtension`.',
    },
    isRequestorJustificationRequired: { text: 'Whether a requestor must type a reason when asking for access.', counterpart: 'Same name in beta.' },
    stages: {
      text: 'The approval stages a request passes through, in order: one, two or three. Each stage names its approvers and how long they have. Empty when no approval is needed.',
      counterpart: 'beta uses `approvalStages` (and says the mode separately in `approvalMode`).',
    },
  },

  accessPackageApprovalStage: {
    durationBeforeAutomaticDenial: {
      text: 'How long approvers have to decide (ISO 8601 duration, e.g. `P14D`) before the request is denied automatically.',
      counterpart: 'beta uses `approvalStageTimeOutInDays` (a number of days).',
    },
    durationBeforeEscalation: {
      text: 'How long to wait (ISO 8601 duration, e.g. `PT12H` or `P2D`) before the request goes to the escalation approvers. `PT0S` when escalation is off. Escalation must come at least a day after the request and before the automatic denial (the day-based limits are documented for the portal; their API form is inferred).',
      counterpart: 'beta uses `escalationTimeInMinutes` (a number of minutes).',
    },
    isApproverJustificationRequired: { text: 'Whether an approver must give a reason with their decision.', counterpart: 'Same name in beta.' },
    isEscalationEnabled: { text: 'Whether an undecided request moves on to the escalation approvers after `durationBeforeEscalation`.', counterpart: 'Same name in beta.' },
    primaryApprovers: {
      text: 'Who approves requests at this stage: users, group members, the requestor\'s manager, sponsors. When it names someone who may not exist for every requestor (a manager, sponsors), also set `fallbackPrimaryApprovers`.',
      counterpart: 'Same name in beta, where fallback approvers are entries with `isBackup: true`.',
    },
    fallbackPrimaryApprovers: {
      text: 'Who approves when the primary approvers cannot be found, for example when the requestor has no manager.',
      counterpart: 'beta marks such approvers with `isBackup: true` inside `primaryApprovers`.',
    },
    escalationApprovers: {
      text: 'Who receives the request when the primary approvers have not decided in time (see `isEscalationEnabled`).',
      counterpart: 'Same name in beta, where it must be `[]` rather than missing when unused.',
    },
    fallbackEscalationApprovers: {
      text: 'Who receives an escalated request when the escalation approvers cannot be found.',
      counterpart: 'beta marks such approvers with `isBackup: true` inside `escalationApprovers`.',
    },
    approverInformationVisibility: {
      text: 'Whether the requestor can see who their approvers are. A recent addition with little documentation.',
      counterpart: 'Same name in beta.',
      inferred: true,
    },
  },

  accessPackageAssignmentReviewSettings: {
    isEnabled: { text: 'Whether access reviews run for assignments from this policy.', counterpart: 'Same name in beta.' },
    expirationBehavior: {
      text: 'What happens to a person\'s access when reviewers have not decided by the end of the review.',
      counterpart: 'beta uses `accessReviewTimeoutBehavior`.',
    },
    isRecommendationEnabled: { text: 'Whether reviewers are shown a recommendation for each decision. On by default.', counterpart: 'beta uses `isAccessRecommendationEnabled`.' },
    isReviewerJustificationRequired: { text: 'Whether reviewers must give a reason for each decision. On by default.', counterpart: 'beta uses `isApprovalJustificationRequired`.' },
    isSelfReview: { text: 'Whether the people who hold the assignments review their own access.', counterpart: 'beta uses `reviewerType: "Self"`.' },
    schedule: { text: 'When the first review starts, how long each review is open, and how often reviews repeat.', counterpart: 'beta uses `startDateTime`, `durationInDays` and `recurrenceType` directly.' },
    primaryReviewers: { text: 'Who reviews the assignments (users, group members, or the holder\'s manager) when it is not a self-review.', counterpart: 'beta uses `reviewers`.' },
    fallbackReviewers: { text: 'Who reviews when the primary reviewers cannot be found, for example a manager review for someone with no manager.', counterpart: 'beta marks fallback reviewers with `isBackup: true` inside `reviewers`.', inferred: true },
  },

  accessPackageAutomaticRequestSettings: {
    requestAccessForAllowedTargets: { text: 'Whether Graph assigns the access package automatically to everyone who matches the policy\'s targets.', counterpart: 'beta has no auto-assignment.' },
    removeAccessWhenTargetLeavesAllowedTargets: { text: 'Whether Graph removes the assignment when a person stops matching the policy\'s targets.', counterpart: 'beta has no auto-assignment.' },
    gracePeriodBeforeAccessRemoval: { text: 'How long (ISO 8601 duration) to wait after a person stops matching before removing their access.', counterpart: 'beta has no auto-assignment.' },
  },

  accessPackageNotificationSettings: {
    isAssignmentNotificationDisabled: { text: 'Set to true to stop the emails Graph sends when assignments are made through this policy. Must not be null.', inferred: true },
  },

  expirationPattern: {
    type: {
      text: 'How assignments end: `noExpiration`, `afterDateTime` (with `endDateTime`) or `afterDuration` (with `duration`).',
      counterpart: 'beta expresses expiry with `durationInDays` or `expirationDateTime` on the policy.',
    },
    duration: { text: 'How long an assignment lasts after it starts, as an ISO 8601 duration (`P365D`, `PT8H`). Used with `type: "afterDuration"`.', counterpart: 'beta uses `durationInDays` (whole days).' },
    endDateTime: { text: 'The date and time (ISO 8601) at which assignments end. Used with `type: "afterDateTime"`; must be in the future.', counterpart: 'beta uses `expirationDateTime`.' },
  },

  entitlementManagementSchedule: {
    startDateTime: { text: 'When the first review starts (ISO 8601 date and time).', counterpart: 'beta uses `accessReviewSettings.startDateTime`.' },
    expiration: { text: 'How long each review stays open, usually `{ "type": "afterDuration", "duration": "P14D" }`.', counterpart: 'beta uses `accessReviewSettings.durationInDays`.' },
    recurrence: { text: 'How often reviews repeat. Leave out `pattern` for a one-time review.', counterpart: 'beta uses `accessReviewSettings.recurrenceType`.' },
  },

  patternedRecurrence: {
    pattern: { text: 'How often it repeats. For access reviews only `weekly` and `absoluteMonthly` with `interval` (and `dayOfMonth`) are honoured; leave it out for a one-time review.' },
    range: { text: 'Over what period it repeats: with no end, until a date, or a number of times.' },
  },

  recurrencePattern: {
    type: { text: 'The kind of repetition. Access reviews support `weekly` and `absoluteMonthly` only.' },
    interval: { text: 'Repeat every this many units of `type`: with `absoluteMonthly`, 3 means quarterly and 6 twice a year. Must not be null.' },
    month: { text: 'The month (1–12) for yearly patterns. Must not be null; 0 when unused.' },
    dayOfMonth: { text: 'The day of the month (1–31) for monthly and yearly patterns. Must not be null; 0 when unused.' },
    daysOfWeek: { text: 'The weekdays on which a weekly or relative pattern repeats.' },
    firstDayOfWeek: { text: 'Which weekday starts the week, for weekly patterns.' },
    index: { text: 'Which week of the month a relative pattern falls in (first … last).' },
  },

  recurrenceRange: {
    type: { text: 'How the repetition ends: `noEnd`, `endDate` (with `endDate`) or `numbered` (after `numberOfOccurrences`).' },
    startDate: { text: 'The first day of the range (`YYYY-MM-DD`).' },
    endDate: { text: 'The last day of the range (`YYYY-MM-DD`), for `type: "endDate"`.' },
    numberOfOccurrences: { text: 'How many times to repeat, for `type: "numbered"`. Must not be null; 0 when unused.' },
    recurrenceTimeZone: { text: 'The time zone the start and end dates are in.' },
  },

  customExtensionStageSetting: {
    id: { text: 'Identifier of this stage setting, assigned by Graph. Leave it out.' },
    stage: { text: 'At which point of an assignment\'s life the custom extension is called. Must not be null.' },
    customExtension: { text: 'The custom extension to call, as `{ "id": "<custom extension id>" }`. It must exist in the access package\'s catalog.', inferred: true },
  },

  // ---- beta nested types ----
  requestorSettings: {
    scopeType: {
      text: 'Who may request access through this policy: nobody (administrators assign directly), specific users and groups, specific connected organizations, or whole populations.',
      counterpart: 'v1.0 uses `allowedTargetScope` at the top level (camelCase values).',
    },
    acceptRequests: { text: 'Whether the policy takes new requests at all. False turns requesting off without deleting the policy.', counterpart: 'v1.0 uses `requestorSettings.enableTargetsToSelfAddAccess`.' },
    allowedRequestors: {
      text: 'The users, groups or connected organizations who may request, for the `Specific…` scope types. Must be empty for the other scope types.',
      counterpart: 'v1.0 uses `specificAllowedTargets` at the top level.',
    },
  },

  approvalSettings: {
    isApprovalRequired: { text: 'Whether a new request must be approved before access is granted.', counterpart: 'v1.0 uses `isApprovalRequiredForAdd`.' },
    isApprovalRequiredForExtension: { text: 'Whether a request to extend an assignment must be approved. It reuses the same approval stages.', counterpart: 'v1.0 uses `isApprovalRequiredForUpdate`.' },
    isRequestorJustificationRequired: { text: 'Whether a requestor must type a reason when asking for access.', counterpart: 'Same name in v1.0.' },
    approvalMode: {
      text: 'How the approval stages are run. `NoApproval` when approval is off; `SingleStage` for one stage; `Serial` for stages one after another. Graph can probably work it out from the stages.',
      counterpart: 'v1.0 has none: the number of `stages` says it.',
      inferred: true,
    },
    approvalStages: { text: 'The approval stages a request passes through, in order (up to three). Empty when no approval is needed.', counterpart: 'v1.0 uses `stages`.' },
  },

  approvalStage: {
    approvalStageTimeOutInDays: { text: 'How many days approvers have to decide before the request is denied automatically. To use escalation it must be at least 4 (a portal rule; inferred to hold for the API).', counterpart: 'v1.0 uses `durationBeforeAutomaticDenial` (`"P{n}D"`).' },
    isApproverJustificationRequired: { text: 'Whether an approver must give a reason with their decision.', counterpart: 'Same name in v1.0.' },
    isEscalationEnabled: { text: 'Whether an undecided request moves on to the escalation approvers after `escalationTimeInMinutes`.', counterpart: 'Same name in v1.0.' },
    escalationTimeInMinutes: { text: 'How many minutes to wait before the request goes to the escalation approvers (at least 1440, one day, and less than the stage timeout; the limits are documented for the portal and inferred for the API).', counterpart: 'v1.0 uses `durationBeforeEscalation` (`"PT{m}M"`).' },
    primaryApprovers: {
      text: 'Who approves requests at this stage. At least one entry is needed when approval is required. Mark fallback approvers (used when, say, the requestor has no manager) with `isBackup: true`.',
      counterpart: 'Same name in v1.0, where fallback approvers go in `fallbackPrimaryApprovers`.',
    },
    escalationApprovers: {
      text: 'Who receives the request when the primary approvers have not decided in time. Send `[]` when there are none: a missing or null value has made Graph fail with "Value cannot be null".',
      counterpart: 'Same name in v1.0, with fallbacks in `fallbackEscalationApprovers`.',
    },
    approverInformationVisibility: { text: 'Whether the requestor can see who their approvers are. Recent and undocumented.', counterpart: 'Same name in v1.0.', inferred: true },
    customExtension: { text: 'A custom extension that picks the approvers at run time. Only meaningful when the stage\'s `@odata.type` is `#microsoft.graph.accessPackageDynamicApprovalStage`.', counterpart: 'v1.0 has the dynamic stage type but no property for it.' },
  },

  assignmentReviewSettings: {
    isEnabled: { text: 'Whether access reviews run for assignments from this policy. Terraform refuses true without `durationInDays`, `recurrenceType` and `accessReviewTimeoutBehavior`.', counterpart: 'Same name in v1.0.' },
    recurrenceType: { text: 'How often reviews repeat.', counterpart: 'v1.0 uses `schedule.recurrence.pattern`.' },
    reviewerType: {
      text: 'Who reviews: the assignment holders themselves (`Self`), the people in `reviewers` (`Reviewers`), or each holder\'s manager (`Manager`, which also needs fallback reviewers).',
      counterpart: 'v1.0 uses `isSelfReview` and `primaryReviewers`.',
    },
    startDateTime: { text: 'When the first review starts. It cannot be changed once a review exists.', counterpart: 'v1.0 uses `schedule.startDateTime`.' },
    durationInDays: { text: 'How many days each review stays open.', counterpart: 'v1.0 uses `schedule.expiration` with `afterDuration`.' },
    reviewers: { text: 'The reviewers, when `reviewerType` is `Reviewers` (users or group members); with `Manager`, the fallback reviewers, marked `isBackup: true`.', counterpart: 'v1.0 uses `primaryReviewers` and `fallbackReviewers`.' },
    accessReviewTimeoutBehavior: { text: 'What happens to a person\'s access when reviewers have not decided by the end of the review.', counterpart: 'v1.0 uses `expirationBehavior`.' },
    isAccessRecommendationEnabled: { text: 'Whether reviewers are shown a recommendation for each decision. On by default.', counterpart: 'v1.0 uses `isRecommendationEnabled`.' },
    isApprovalJustificationRequired: { text: 'Whether reviewers must give a reason for each decision. On by default.', counterpart: 'v1.0 uses `isReviewerJustificationRequired`.' },
    isAgenticExperienceEnabled: { text: 'An undocumented switch that appears in the beta metadata; what it turns on is not described.', counterpart: 'v1.0 has no counterpart.', inferred: true },
  },

  verifiableCredentialSettings: {
    credentialTypes: { text: 'The verifiable credentials a requestor must present; each names a credential type and the issuers trusted for it.' },
  },
  verifiableCredentialType: {
    credentialType: { text: 'The name of the credential type, for example `VerifiedCredentialExpert`.' },
    issuers: { text: 'The decentralized identifiers (DIDs) of the issuers whose credentials are accepted.' },
  },

  customExtensionHandler: {
    id: { text: 'Identifier of this handler, assigned by Graph. Leave it out.' },
    stage: { text: 'At which point of an assignment\'s life the custom extension is called.' },
    customExtension: { text: 'The custom extension to call, as `{ "id": "<custom extension id>" }`.' },
  },

  accessPackageLocalizedContent: {
    defaultText: { text: 'The text shown when no translation matches the reader\'s language. Required.', counterpart: 'v1.0 uses a plain `text` string.' },
    localizedTexts: { text: 'Translations of the text, one per language.', counterpart: 'v1.0 uses `localizations`.' },
  },

  // ---- types present in both versions ----
  accessPackageLocalizedText: {
    languageCode: { text: 'The language of this translation, as an ISO 639-1 code with an optional region (`en-us`, `fr-CA`). Required.' },
    text: { text: 'The translated text. Required.' },
  },

  accessPackageAnswerChoice: {
    actualValue: { text: 'The value recorded when this choice is picked; approvers and reports see it. Required.' },
    displayValue: { text: 'What the requestor sees for this choice, with translations. Required.', counterpart: 'v1.0 uses `text` and `localizations`.' },
    text: { text: 'What the requestor sees for this choice. Required.', counterpart: 'beta uses `displayValue.defaultText`.' },
    localizations: { text: 'Translations of the choice\'s text, one per language.', counterpart: 'beta uses `displayValue.localizedTexts`.' },
  },

  accessPackageMultipleChoiceQuestion: {
    choices: { text: 'The answers the requestor can pick from.' },
    isMultipleSelectionAllowed: { text: 'Whether the requestor may pick more than one answer.', counterpart: 'beta uses `allowsMultipleSelection`.' },
    allowsMultipleSelection: { text: 'Whether the requestor may pick more than one answer.', counterpart: 'v1.0 uses `isMultipleSelectionAllowed`.' },
  },

  accessPackageTextInputQuestion: {
    isSingleLineQuestion: { text: 'Whether the answer box is a single line (true) or a multi-line text area.' },
    regexPattern: { text: 'A regular expression every answer must match, for example to force an employee number format.' },
  },

  _question: {
    '@odata.type': { text: 'Which kind of question this is: multiple choice or text input. Needed so Graph knows which properties apply.' },
    id: { text: 'The question\'s identifier, assigned by Graph. Leave it out when adding a question.' },
    isRequired: { text: 'Whether the requestor must answer this question.' },
    isAnswerEditable: { text: 'Whether the requestor may change their answer when they extend or change their assignment later.', inferred: true },
    sequence: { text: 'The position of this question in the request form; lower numbers come first.' },
    text: {
      text: {
        'v1.0': 'The question as the requestor sees it. Required. In v1.0 a plain string; translations go in `localizations`.',
        beta: 'The question as the requestor sees it: `defaultText` plus optional `localizedTexts`. Required.',
      },
      counterpart: 'beta wraps the text in an object with `defaultText` and `localizedTexts`; v1.0 uses a plain string plus `localizations`.',
    },
    localizations: { text: 'Translations of the question, one per language.', counterpart: 'beta uses `text.localizedTexts`.' },
  },

  _customExtension: {
    '@odata.type': { text: 'The kind of custom extension. When a policy only points at an existing extension, send just its `id`.' },
    id: { text: 'The identifier of an existing custom extension in the access package\'s catalog. This is normally the only property a policy sends here.' },
    displayName: { text: 'The extension\'s name, as Graph returns it. Not needed when referring to an existing extension.' },
    description: { text: 'The extension\'s description, as Graph returns it. Not needed when referring to an existing extension.' },
    authenticationConfiguration: { text: 'How Graph authenticates to the extension\'s endpoint. Read-only from a policy: configure it on the extension itself.' },
    callbackConfiguration: { text: 'How long Graph waits for the extension to call back. Read-only from a policy: configure it on the extension itself.' },
    clientConfiguration: { text: 'Timeouts and retries for calling the extension. Read-only from a policy: configure it on the extension itself.' },
    endpointConfiguration: { text: 'The Logic App the extension calls. Read-only from a policy: configure it on the extension itself.' },
    createdBy: { text: 'Who created the extension. Set by Graph.' },
    createdDateTime: { text: 'When the extension was created. Set by Graph.' },
    lastModifiedBy: { text: 'Who last changed the extension. Set by Graph.' },
    lastModifiedDateTime: { text: 'When the extension last changed. Set by Graph.' },
  },

  // ---- subject sets (approvers, targets, requestors, reviewers) ----
  _subjectSet: {
    '@odata.type': { text: 'Which kind of subject set this is: one user, a group\'s members, the requestor\'s manager, sponsors, and so on. Required; it decides which other properties apply. Hover the value for details.' },
    description: { text: 'A readable name for the object (user, group, organization), filled in by Graph in responses. Ignored when sent.' },
    isBackup: {
      text: 'Marks this entry as a fallback: it is used only when the other entries find nobody (for example, the requestor has no manager).',
      counterpart: 'v1.0 has no `isBackup`: fallbacks go in `fallbackPrimaryApprovers`, `fallbackEscalationApprovers` or `fallbackReviewers`.',
    },
  },
  singleUser: {
    userId: { text: 'The object id of the user.', counterpart: 'beta uses `id`.' },
    id: { text: 'The object id of the user.', counterpart: 'v1.0 uses `userId`.' },
  },
  groupMembers: {
    groupId: { text: 'The object id of the group whose members are meant.', counterpart: 'beta uses `id`.' },
    id: { text: 'The object id of the group whose members are meant.', counterpart: 'v1.0 uses `groupId`.' },
  },
  connectedOrganizationMembers: {
    connectedOrganizationId: { text: 'The id of the connected organization whose users are meant.', counterpart: 'beta uses `id`.' },
    id: { text: 'The id of the connected organization whose users are meant.', counterpart: 'v1.0 uses `connectedOrganizationId`.' },
  },
  singleServicePrincipal: {
    servicePrincipalId: { text: 'The object id of the service principal.', counterpart: 'beta has no service-principal subject set.' },
  },
  attributeRuleMembers: {
    membershipRule: { text: 'A rule in dynamic-group syntax, for example `(user.department -eq "Sales")`; everyone it matches is included.' },
  },
  requestorManager: {
    managerLevel: { text: 'Which manager approves: 1 is the requestor\'s manager (the default), 2 is that manager\'s manager.' },
  },
  targetManager: {
    managerLevel: { text: 'Which manager of the target may request: 1 is the direct manager, up to 4 levels up.' },
  },
};

/** The doc for `property` on an object of Graph type `owner` (`policy` for the top level). */
export function propertyDoc(owner: string, property: string): PropertyDoc | undefined {
  const family = familyOf(owner);
  return DOCS[owner]?.[property] ?? (family ? DOCS[family]?.[property] : undefined) ?? DOCS['*'][property];
}

/** The text of a doc for one API version. */
export function docText(doc: PropertyDoc, version: ApiVersion): string {
  if (typeof doc.text === 'string') return doc.text;
  return doc.text[version] ?? doc.text['v1.0'] ?? doc.text.beta ?? '';
}
