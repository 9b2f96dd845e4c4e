// Who can request: beta `scopeType` + `allowedRequestors`, v1 `allowedTargetScope` +
// `specificAllowedTargets`, auto-assignment, disabled requests and on-behalf requestors.
// Facts: policy-facts §1d R13–R17.
import type { Rule } from './rule';
import { RULE_CODES as C } from './codes';
import { arrayAt, has, isRecord, nonEmpty, odataType, recordAt } from './helpers';
import { odataTypeName, shortTypeName } from '../graphNames';
import { slotInfo } from '../knowledge/slots';

const T = odataTypeName;

/** R13: beta scope types and the user sets each one takes (none for the "all"/"no" scopes). */
const BETA_SCOPE_TYPES: Record<string, readonly string[]> = {
  NoSubjects: [],
  AllExistingDirectoryMemberUsers: [],
  AllExistingDirectorySubjects: [],
  AllConfiguredConnectedOrganizationSubjects: [],
  AllExistingConnectedOrganizationSubjects: [],
  AllExternalSubjects: [],
  SpecificDirectorySubjects: [T('singleUser'), T('groupMembers')],
  SpecificConnectedOrganizationSubjects: [T('connectedOrganizationMembers')],
};

export const betaScopeTypeRule: Rule = {
  id: 'beta-scope-type-requestors',
  versions: ['beta'],
  check(ctx) {
    const settings = recordAt(ctx.policy, ['requestorSettings']);
    const scope = settings?.scopeType;
    if (!settings || typeof scope !== 'string' || !(scope in BETA_SCOPE_TYPES)) return;
    const allowed = BETA_SCOPE_TYPES[scope];
    const listPath = ['requestorSettings', 'allowedRequestors'];
    const requestors = arrayAt(ctx.policy, listPath) ?? [];
    if (allowed.length === 0) {
      if (requestors.length === 0) return;
      ctx.report({
        code: C.scopeTypeVsRequestors, severity: 'error', path: listPath, onKey: true,
        message: `\`scopeType\` "${scope}" takes no \`allowedRequestors\`: make it an empty array, or use "SpecificDirectorySubjects" (users, groups) or "SpecificConnectedOrganizationSubjects" (connected organizations) to name who may request.`,
      });
      return;
    }
    if (requestors.length === 0) {
      ctx.report({
        code: C.specificScopeWithoutTargets, severity: 'warning', path: listPath, onKey: has(settings, 'allowedRequestors'), missing: !has(settings, 'allowedRequestors'),
        message: `\`scopeType\` "${scope}" lets only the listed requestors ask, but \`allowedRequestors\` is empty, so no one can request. Add ${allowed.map(shortTypeName).join(' or ')} entries.`,
      });
      return;
    }
    const requestorSlot = slotInfo('beta', 'requestor');
    requestors.forEach((r, i) => {
      const t = odataType(r);
      // Types that are not requestors at all are AP2005's; here only the pairing with scopeType.
      if (!t || allowed.includes(t) || !requestorSlot?.allowedTypes.includes(t)) return;
      ctx.report({
        code: C.scopeTypeVsRequestors, severity: 'error', path: [...listPath, i, '@odata.type'],
        message: `With \`scopeType\` "${scope}" the allowed requestors must be ${allowed.map(shortTypeName).join(' or ')}, not ${shortTypeName(t)}.${t === T('connectedOrganizationMembers') ? ' Use "SpecificConnectedOrganizationSubjects" for connected organizations.' : ' Use "SpecificDirectorySubjects" for users and groups.'}`,
      });
    });
  },
};

/** R14 [INF]: v1 target scopes and the subject types each takes. */
const V1_TARGET_SCOPES: Record<string, readonly string[]> = {
  specificDirectoryUsers: [T('singleUser'), T('groupMembers'), T('attributeRuleMembers')],
  specificConnectedOrganizationUsers: [T('connectedOrganizationMembers')],
  specificDirectoryServicePrincipals: [T('singleServicePrincipal')],
};

export const v1TargetScopeRule: Rule = {
  id: 'v1-target-scope-targets',
  versions: ['v1.0'],
  check(ctx) {
    const scope = ctx.policy.allowedTargetScope;
    if (typeof scope !== 'string' || scope === 'unknownFutureValue' || ctx.invalid(['allowedTargetScope'])) return;
    const listPath = ['specificAllowedTargets'];
    const targets = arrayAt(ctx.policy, listPath) ?? [];
    const allowed = V1_TARGET_SCOPES[scope];
    if (!allowed) {
      if (targets.length === 0) return;
      ctx.report({
        code: C.targetScopeVsTargets, severity: 'information', path: listPath, onKey: true,
        message: `\`allowedTargetScope\` "${scope}" does not use \`specificAllowedTargets\`; ${targets.length === 1 ? 'this 1 entry is' : `these ${targets.length} entries are`} ignored. Make it an empty array, or pick a "specific…" scope. (Inferred pairing.)`,
      });
      return;
    }
    if (targets.length === 0) {
      ctx.report({
        code: C.specificScopeWithoutTargets, severity: 'warning', path: listPath,
        onKey: has(ctx.policy, 'specificAllowedTargets'), missing: !has(ctx.policy, 'specificAllowedTargets'),
        message: `\`allowedTargetScope\` "${scope}" admits only the subjects in \`specificAllowedTargets\`, which is empty, so no one is in scope. Add ${allowed.map(shortTypeName).join(' or ')} entries.`,
      });
      return;
    }
    const targetSlot = slotInfo('v1.0', 'target');
    targets.forEach((t, i) => {
      const type = odataType(t);
      if (!type || allowed.includes(type) || !targetSlot?.allowedTypes.includes(type)) return;
      ctx.report({
        code: C.targetScopeVsTargets, severity: 'information', path: [...listPath, i, '@odata.type'],
        message: `With \`allowedTargetScope\` "${scope}" the targets are expected to be ${allowed.map(shortTypeName).join(' or ')}, not ${shortTypeName(type)}. (Inferred pairing.)`,
      });
    });
  },
};

const SELF_FLAGS = ['enableTargetsToSelfAddAccess', 'enableTargetsToSelfUpdateAccess', 'enableTargetsToSelfRemoveAccess'];
const ON_BEHALF_FLAGS = ['enableOnBehalfRequestorsToAddAccess', 'enableOnBehalfRequestorsToUpdateAccess', 'enableOnBehalfRequestorsToRemoveAccess'];

/** R15: an auto-assignment policy assigns everyone matching an attribute rule, with no requests or approvals. */
export const autoAssignmentRule: Rule = {
  id: 'v1-auto-assignment',
  versions: ['v1.0'],
  check(ctx) {
    const auto = ctx.policy.automaticRequestSettings;
    if (!isRecord(auto)) return;
    const scope = ctx.policy.allowedTargetScope;
    if (scope !== 'specificDirectoryUsers') {
      ctx.report({
        code: C.autoAssignmentScope, severity: 'error',
        path: has(ctx.policy, 'allowedTargetScope') ? ['allowedTargetScope'] : ['automaticRequestSettings'],
        onKey: !has(ctx.policy, 'allowedTargetScope'),
        message: `An auto-assignment policy (with \`automaticRequestSettings\`) needs \`"allowedTargetScope": "specificDirectoryUsers"\`${typeof scope === 'string' ? `, not "${scope}"` : ''}.`,
      });
    }
    const targets = arrayAt(ctx.policy, ['specificAllowedTargets']) ?? [];
    if (!targets.some((t) => odataType(t) === T('attributeRuleMembers'))) {
      ctx.report({
        code: C.autoAssignmentScope, severity: 'error',
        path: has(ctx.policy, 'specificAllowedTargets') ? ['specificAllowedTargets'] : ['automaticRequestSettings'], onKey: true,
        message: 'An auto-assignment policy assigns the users matched by a rule: add an attributeRuleMembers entry with a `membershipRule` to `specificAllowedTargets`.',
      });
    }
    const approval = recordAt(ctx.policy, ['requestApprovalSettings']);
    for (const flag of ['isApprovalRequiredForAdd', 'isApprovalRequiredForUpdate']) {
      if (approval?.[flag] !== true) continue;
      ctx.report({
        code: C.autoAssignmentApproval, severity: 'warning', path: ['requestApprovalSettings', flag],
        message: `Auto-assignment does not go through approval: set \`${flag}\` to false and leave \`stages\` empty.`,
      });
    }
    const requestor = recordAt(ctx.policy, ['requestorSettings']);
    for (const flag of [...SELF_FLAGS, ...ON_BEHALF_FLAGS]) {
      if (requestor?.[flag] !== true) continue;
      ctx.report({
        code: C.autoAssignmentSelfRequests, severity: 'warning', path: ['requestorSettings', flag],
        message: `Users do not request access under an auto-assignment policy: set \`${flag}\` to false (use a separate request policy for requests).`,
      });
    }
  },
};

/**
 * R15: an attributeRuleMembers target is how an auto-assignment policy names who it assigns; in a
 * policy without `automaticRequestSettings` it assigns nobody (and is not a way to say who may ask).
 */
export const attributeRuleWithoutAutoAssignmentRule: Rule = {
  id: 'v1-attribute-rule-without-auto-assignment',
  versions: ['v1.0'],
  check(ctx) {
    if (isRecord(ctx.policy.automaticRequestSettings)) return;
    (arrayAt(ctx.policy, ['specificAllowedTargets']) ?? []).forEach((t, i) => {
      if (odataType(t) !== T('attributeRuleMembers')) return;
      ctx.report({
        code: C.attributeRuleWithoutAutoAssignment, severity: 'warning', path: ['specificAllowedTargets', i, '@odata.type'],
        message: 'An attributeRuleMembers target is used by auto-assignment policies, but this policy has no `automaticRequestSettings`, so nobody is assigned by its rule. Add `"automaticRequestSettings": { "requestAccessForAllowedTargets": true }` to assign the matching users automatically, or name users and groups (singleUser, groupMembers) instead.',
      });
    });
  },
};

/** R16: a policy whose requests are switched off. */
export const requestsDisabledRule: Rule = {
  id: 'requests-disabled',
  versions: ['v1.0', 'beta'],
  check(ctx) {
    const settings = recordAt(ctx.policy, ['requestorSettings']);
    if (!settings) return;
    if (ctx.version === 'beta') {
      if (settings.scopeType === 'NoSubjects' && settings.acceptRequests === false) {
        ctx.report({
          code: C.requestsDisabled, severity: 'warning', path: ['requestorSettings', 'acceptRequests'],
          message: 'With `scopeType` "NoSubjects" (administrator direct assignment) and `acceptRequests` false, administrators cannot directly assign this access package either. Set `acceptRequests` to true.',
        });
      }
      return;
    }
    // v1: a scope that names who may request, with every way to ask switched off. The docs' own
    // direct-assignment example uses "notSpecified" with self-add off, so that case is not flagged.
    const scope = ctx.policy.allowedTargetScope;
    if (typeof scope !== 'string' || scope === 'notSpecified' || scope === 'unknownFutureValue' || ctx.invalid(['allowedTargetScope'])) return;
    if (isRecord(ctx.policy.automaticRequestSettings)) return;
    if (settings.enableTargetsToSelfAddAccess !== false || settings.enableOnBehalfRequestorsToAddAccess === true) return;
    ctx.report({
      code: C.requestsDisabled, severity: 'information', path: ['requestorSettings', 'enableTargetsToSelfAddAccess'],
      message: `\`allowedTargetScope\` "${scope}" says who may request, but \`enableTargetsToSelfAddAccess\` is false (and no on-behalf requests), so no one can ask for this access package with this policy. Set it to true, or use "notSpecified" for direct assignment only. (Inferred.)`,
    });
  },
};

/** R17: on-behalf requestors and the switches that let them act. */
export const onBehalfRule: Rule = {
  id: 'v1-on-behalf',
  versions: ['v1.0'],
  check(ctx) {
    const settings = recordAt(ctx.policy, ['requestorSettings']);
    if (!settings) return;
    const enabled = ON_BEHALF_FLAGS.filter((f) => settings[f] === true);
    const listed = nonEmpty(settings.onBehalfRequestors);
    if (listed && enabled.length === 0) {
      ctx.report({
        code: C.onBehalfInconsistent, severity: 'information', path: ['requestorSettings', 'onBehalfRequestors'], onKey: true,
        message: 'On-behalf requestors are listed, but none of `enableOnBehalfRequestorsToAddAccess`/`…UpdateAccess`/`…RemoveAccess` is true, so they cannot act. Turn one on, or empty the list. (Inferred.)',
      });
    }
    if (!listed && enabled.length > 0) {
      ctx.report({
        code: C.onBehalfInconsistent, severity: 'information', path: ['requestorSettings', enabled[0]],
        message: `\`${enabled[0]}\` is true but \`onBehalfRequestors\` is empty, so no one can request on behalf of others. Add singleUser, groupMembers or targetManager entries. (Inferred.)`,
      });
    }
    if (settings.enableOnBehalfRequestorsToAddAccess === true && settings.enableTargetsToSelfAddAccess === false) {
      ctx.report({
        code: C.onBehalfInconsistent, severity: 'information', path: ['requestorSettings', 'enableOnBehalfRequestorsToAddAccess'],
        message: 'Requests on behalf of others are offered only when new requests are enabled, but `enableTargetsToSelfAddAccess` is false. (Inferred: the exact coupling is not documented.)',
      });
    }
  },
};

export const REQUEST_SCOPE_RULES: readonly Rule[] = [
  betaScopeTypeRule,
  v1TargetScopeRule,
  autoAssignmentRule,
  attributeRuleWithoutAutoAssignmentRule,
  requestsDisabledRule,
  onBehalfRule,
];
