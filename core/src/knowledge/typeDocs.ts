// What each `@odata.type` value means, in this project's own words: for the subject-set family
// (v1.0 `subjectSet`, beta `userSet`: approvers, targets, requestors, reviewers) and the few other
// discriminated types a policy holds. Which slots accept a type comes from slots.ts and which
// properties it takes comes from the schema, so neither is repeated here.
import type { ApiVersion } from '../diagnostic';
import { shortTypeName } from '../graphNames';

export interface TypeDoc {
  /** Short Graph type name, e.g. `singleUser`. */
  name: string;
  /** One line: what the entry stands for. */
  summary: string;
  /** Who ends up acting (approving, requesting, reviewing) when this entry is used. */
  whoActs: string;
  /** Extra notes for one API version (differences, caveats). */
  notes?: Partial<Record<ApiVersion, string>>;
  /** Facts here are inferred rather than documented. */
  inferred?: string;
  /** Entries for the properties a new object of this type needs, with a placeholder or default. */
  skeleton?: Partial<Record<ApiVersion, SkeletonEntry[]>>;
  /** Subject sets: what an entry is called in a summary, before its id ("members of group"). */
  noun?: string;
}

/** A property a new object gets: a string placeholder (tab stop) or a literal default. */
export type SkeletonEntry = { key: string; placeholder: string } | { key: string; value: boolean | number | string };

const id = (key: string, placeholder: string): SkeletonEntry => ({ key, placeholder });
const backup: SkeletonEntry = { key: 'isBackup', value: false };

const TYPES: TypeDoc[] = [
  {
    name: 'singleUser',
    noun: 'user',
    summary: 'One specific user, named by object id.',
    whoActs: 'That user, and only that user.',
    notes: {
      'v1.0': 'The user goes in `userId`.',
      beta: 'The user goes in `id`. With `isBackup: true` the user is only a fallback.',
    },
    skeleton: { 'v1.0': [id('userId', 'user object id')], beta: [id('id', 'user object id'), backup] },
  },
  {
    name: 'groupMembers',
    noun: 'members of group',
    summary: 'Everyone who is a member of one group, named by the group\'s object id.',
    whoActs: 'Any member of the group.',
    notes: {
      'v1.0': 'The group goes in `groupId`.',
      beta: 'The group goes in `id`. With `isBackup: true` the group is only a fallback.',
    },
    skeleton: { 'v1.0': [id('groupId', 'group object id')], beta: [id('id', 'group object id'), backup] },
  },
  {
    name: 'connectedOrganizationMembers',
    noun: 'users of connected organization',
    summary: 'The users of one connected organization (a partner tenant or domain configured in entitlement management).',
    whoActs: 'Users from that organization may request (they are the targets); they never approve.',
    notes: {
      'v1.0': 'The organization goes in `connectedOrganizationId`. Pair it with `allowedTargetScope: "specificConnectedOrganizationUsers"`.',
      beta: 'The organization goes in `id`. Pair it with `scopeType: "SpecificConnectedOrganizationSubjects"`; `isBackup` has no meaning here.',
    },
    skeleton: { 'v1.0': [id('connectedOrganizationId', 'connected organization id')], beta: [id('id', 'connected organization id')] },
  },
  {
    name: 'requestorManager',
    noun: 'the requestor\'s manager',
    summary: 'The manager of whoever made the request; `managerLevel: 2` means the manager\'s manager.',
    whoActs: 'The requestor\'s manager, looked up at request time. Someone without a manager has no approver, so also name a fallback.',
    notes: {
      'v1.0': 'Add a specific user or group in `fallbackPrimaryApprovers` for requestors without a manager.',
      beta: 'Add a specific user or group with `isBackup: true` for requestors without a manager.',
    },
    inferred: 'Its use as a reviewer is inferred.',
    skeleton: { 'v1.0': [{ key: 'managerLevel', value: 1 }], beta: [{ key: 'managerLevel', value: 1 }, backup] },
  },
  {
    name: 'internalSponsors',
    noun: 'internal sponsors',
    summary: 'The internal sponsors of the requestor\'s connected organization: people in your tenant who vouch for that partner.',
    whoActs: 'A sponsor of the connected organization the requestor comes from. Only useful when requestors come from connected organizations.',
    skeleton: { 'v1.0': [], beta: [backup] },
  },
  {
    name: 'externalSponsors',
    noun: 'external sponsors',
    summary: 'The external sponsors of the requestor\'s connected organization: contacts in the partner organization itself.',
    whoActs: 'A sponsor from the requestor\'s own (external) organization. Only useful when requestors come from connected organizations.',
    skeleton: { 'v1.0': [], beta: [backup] },
  },
  {
    name: 'targetUserSponsors',
    noun: 'the requestor\'s own sponsors',
    summary: 'The sponsors recorded on the requesting user\'s own account.',
    whoActs: 'The requestor\'s sponsors. Someone without sponsors has no approver, so also name a fallback.',
    notes: {
      'v1.0': 'Add a specific user or group in `fallbackPrimaryApprovers`.',
      beta: 'Add a specific user or group with `isBackup: true`.',
    },
    skeleton: { 'v1.0': [], beta: [backup] },
  },
  {
    name: 'attributeRuleMembers',
    noun: 'users matching the rule',
    summary: 'Everyone matching a rule on user attributes, written like a dynamic group rule.',
    whoActs: 'Every user the rule matches becomes a target; with `automaticRequestSettings` they receive the access package automatically.',
    notes: {
      'v1.0': 'Used in `specificAllowedTargets` of auto-assignment policies, with `allowedTargetScope: "specificDirectoryUsers"`.',
      beta: 'Present in the newest beta SDK only; beta policies cannot express auto-assignment.',
    },
    skeleton: { 'v1.0': [id('membershipRule', 'membership rule')], beta: [id('membershipRule', 'membership rule')] },
  },
  {
    name: 'singleServicePrincipal',
    noun: 'service principal',
    summary: 'One service principal (an application\'s identity), named by object id.',
    whoActs: 'That service principal.',
    inferred: 'Its pairing with `allowedTargetScope: "specificDirectoryServicePrincipals"` and its use as approver or reviewer are inferred from the type\'s description.',
    skeleton: { 'v1.0': [id('servicePrincipalId', 'service principal object id')] },
  },
  {
    name: 'targetManager',
    noun: 'the target\'s manager',
    summary: 'The manager of the person who would receive the access; `managerLevel` 1 (direct) to 4 levels up.',
    whoActs: 'That manager may request the access package on the person\'s behalf.',
    skeleton: { 'v1.0': [{ key: 'managerLevel', value: 1 }] },
  },
  {
    name: 'targetApplicationOwners',
    noun: 'owners of the target application',
    summary: 'The owners of the application that would receive the access.',
    whoActs: 'An owner of that application may request on its behalf.',
    skeleton: { 'v1.0': [] },
  },
  {
    name: 'targetAgentIdentitySponsorsOrOwners',
    noun: 'sponsors or owners of the target agent identity',
    summary: 'The sponsors or owners of the agent identity that would receive the access.',
    whoActs: 'A sponsor or owner of that agent identity, for policies with `allowedTargetScope: "allDirectoryAgentIdentities"`.',
    inferred: 'This type is new and barely documented; where it may be used is inferred.',
    skeleton: { 'v1.0': [], beta: [backup] },
  },
  // ---- other discriminated types ----
  {
    name: 'accessPackageMultipleChoiceQuestion',
    summary: 'A question answered by picking from `choices`.',
    whoActs: 'The requestor answers; approvers see the answer.',
    skeleton: {
      'v1.0': [id('text', 'question text'), { key: 'isRequired', value: true }],
      beta: [{ key: 'isRequired', value: true }],
    },
  },
  {
    name: 'accessPackageTextInputQuestion',
    summary: 'A question answered with free text, optionally checked against `regexPattern`.',
    whoActs: 'The requestor answers; approvers see the answer.',
    skeleton: {
      'v1.0': [id('text', 'question text'), { key: 'isRequired', value: true }],
      beta: [{ key: 'isRequired', value: true }],
    },
  },
  {
    name: 'accessPackageApprovalStage',
    summary: 'An ordinary approval stage with a fixed list of approvers (the default; the type may be left out).',
    whoActs: 'The approvers listed in the stage.',
  },
  {
    name: 'approvalStage',
    summary: 'An ordinary approval stage with a fixed list of approvers (the default; the type may be left out).',
    whoActs: 'The approvers listed in the stage.',
  },
  {
    name: 'accessPackageDynamicApprovalStage',
    summary: 'An approval stage whose approvers a custom extension picks at run time.',
    whoActs: 'Whoever the custom extension returns.',
    notes: { beta: 'Name the extension in the stage\'s `customExtension`.', 'v1.0': 'v1.0 has the type but no property on the stage to name the extension.' },
  },
  {
    name: 'accessPackageAssignmentPolicy',
    summary: 'The policy itself. Optional: the file\'s shape already says it is a policy.',
    whoActs: '—',
  },
];

const BY_NAME = new Map(TYPES.map((t) => [t.name, t]));

/** The doc for an `@odata.type` value (`#microsoft.graph.singleUser`, with or without `#`/namespace). */
export function typeDoc(odataType: string): TypeDoc | undefined {
  return BY_NAME.get(shortTypeName(odataType));
}

