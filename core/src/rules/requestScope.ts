// Who can request: beta `scopeType` + `allowedRequestors`, v1 `allowedTargetScope` +
// `specificAllowedTargets`, auto-assignment, disabled requests and on-behalf requestors.
// Facts: docs/policy-facts.md, "Service rules" R13–R17.
import type { Rule } from './rule';
import { RULE_RECORDS as D } from '../diagnostics/catalogue';
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
      ctx.report(D.scopeTypeVsRequestors.at({ path: listPath, onKey: true }, { kind: 'takesNone', scope }));
      return;
    }
    if (requestors.length === 0) {
      ctx.report(
        D.specificScopeWithoutTargets.at(
          { path: listPath, onKey: has(settings, 'allowedRequestors'), missing: !has(settings, 'allowedRequestors') },
          { kind: 'beta', scope, add: allowed.map(shortTypeName).join(' or ') },
        ),
      );
      return;
    }
    const requestorSlot = slotInfo('beta', 'requestor');
    requestors.forEach((r, i) => {
      const t = odataType(r);
      // Types that are not requestors at all are AP2005's; here only the pairing with scopeType.
      if (!t || allowed.includes(t) || !requestorSlot?.allowedTypes.includes(t)) return;
      ctx.report(
        D.scopeTypeVsRequestors.at(
          { path: [...listPath, i, '@odata.type'] },
          {
            kind: 'wrongKind',
            scope,
            allowed: allowed.map(shortTypeName).join(' or '),
            type: shortTypeName(t),
            connectedOrganization: t === T('connectedOrganizationMembers'),
          },
        ),
      );
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
      ctx.report(D.targetScopeVsTargets.at({ path: listPath, onKey: true }, { kind: 'ignored', scope, count: targets.length }));
      return;
    }
    if (targets.length === 0) {
      ctx.report(
        D.specificScopeWithoutTargets.at(
          { path: listPath, onKey: has(ctx.policy, 'specificAllowedTargets'), missing: !has(ctx.policy, 'specificAllowedTargets') },
          { kind: 'v1.0', scope, add: allowed.map(shortTypeName).join(' or ') },
        ),
      );
      return;
    }
    const targetSlot = slotInfo('v1.0', 'target');
    targets.forEach((t, i) => {
      const type = odataType(t);
      if (!type || allowed.includes(type) || !targetSlot?.allowedTypes.includes(type)) return;
      ctx.report(
        D.targetScopeVsTargets.at(
          { path: [...listPath, i, '@odata.type'] },
          { kind: 'wrongKind', scope, allowed: allowed.map(shortTypeName).join(' or '), type: shortTypeName(type) },
        ),
      );
    });
  },
};

const SELF_FLAGS = ['enableTargetsToSelfAddAccess', 'enableTargetsToSelfUpdateAccess', 'enableTargetsToSelfRemoveAccess'];
const ON_BEHALF_FLAGS = [
  'enableOnBehalfRequestorsToAddAccess',
  'enableOnBehalfRequestorsToUpdateAccess',
  'enableOnBehalfRequestorsToRemoveAccess',
];

/** R15: an auto-assignment policy assigns everyone matching an attribute rule, with no requests or approvals. */
export const autoAssignmentRule: Rule = {
  id: 'v1-auto-assignment',
  versions: ['v1.0'],
  check(ctx) {
    const auto = ctx.policy.automaticRequestSettings;
    if (!isRecord(auto)) return;
    const scope = ctx.policy.allowedTargetScope;
    if (scope !== 'specificDirectoryUsers') {
      ctx.report(
        D.autoAssignmentScope.at(
          {
            path: has(ctx.policy, 'allowedTargetScope') ? ['allowedTargetScope'] : ['automaticRequestSettings'],
            onKey: !has(ctx.policy, 'allowedTargetScope'),
          },
          { kind: 'scope', scope: typeof scope === 'string' ? scope : undefined },
        ),
      );
    }
    const targets = arrayAt(ctx.policy, ['specificAllowedTargets']) ?? [];
    if (!targets.some((t) => odataType(t) === T('attributeRuleMembers'))) {
      ctx.report(
        D.autoAssignmentScope.at(
          { path: has(ctx.policy, 'specificAllowedTargets') ? ['specificAllowedTargets'] : ['automaticRequestSettings'], onKey: true },
          { kind: 'rule' },
        ),
      );
    }
    const approval = recordAt(ctx.policy, ['requestApprovalSettings']);
    for (const flag of ['isApprovalRequiredForAdd', 'isApprovalRequiredForUpdate']) {
      if (approval?.[flag] !== true) continue;
      ctx.report(D.autoAssignmentApproval.at({ path: ['requestApprovalSettings', flag] }, { flag }));
    }
    const requestor = recordAt(ctx.policy, ['requestorSettings']);
    for (const flag of [...SELF_FLAGS, ...ON_BEHALF_FLAGS]) {
      if (requestor?.[flag] !== true) continue;
      ctx.report(D.autoAssignmentSelfRequests.at({ path: ['requestorSettings', flag] }, { flag }));
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
      ctx.report(D.attributeRuleWithoutAutoAssignment.at({ path: ['specificAllowedTargets', i, '@odata.type'] }));
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
        ctx.report(D.requestsDisabled.at({ path: ['requestorSettings', 'acceptRequests'] }, { version: 'beta' }));
      }
      return;
    }
    // v1: a scope that names who may request, with every way to ask switched off. The docs' own
    // direct-assignment example uses "notSpecified" with self-add off, so that case is not flagged.
    const scope = ctx.policy.allowedTargetScope;
    if (typeof scope !== 'string' || scope === 'notSpecified' || scope === 'unknownFutureValue' || ctx.invalid(['allowedTargetScope']))
      return;
    if (isRecord(ctx.policy.automaticRequestSettings)) return;
    if (settings.enableTargetsToSelfAddAccess !== false || settings.enableOnBehalfRequestorsToAddAccess === true) return;
    ctx.report(D.requestsDisabled.at({ path: ['requestorSettings', 'enableTargetsToSelfAddAccess'] }, { version: 'v1.0', scope }));
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
      ctx.report(
        D.onBehalfInconsistent.at({ path: ['requestorSettings', 'onBehalfRequestors'], onKey: true }, { kind: 'listedNotEnabled' }),
      );
    }
    if (!listed && enabled.length > 0) {
      ctx.report(D.onBehalfInconsistent.at({ path: ['requestorSettings', enabled[0]] }, { kind: 'enabledNotListed', flag: enabled[0] }));
    }
    if (settings.enableOnBehalfRequestorsToAddAccess === true && settings.enableTargetsToSelfAddAccess === false) {
      ctx.report(D.onBehalfInconsistent.at({ path: ['requestorSettings', 'enableOnBehalfRequestorsToAddAccess'] }, { kind: 'selfAddOff' }));
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
