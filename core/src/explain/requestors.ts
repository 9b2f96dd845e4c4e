// Who can request (scope and targets / allowed requestors) and how (self-service, on behalf).
import type { ApiVersion } from '../diagnostic';
import { enumValueDoc } from '../knowledge/enumDocs';
import { bool, list, obj, quote, str, yesNo, type Obj, meaningOf } from './read';
import { describeSubject, subjectItems } from './subjects';
import type { FlowStep, SummaryItem, SummarySection } from './types';

// Short names for the one-line headline; the full meaning is the enum's doc (knowledge/enumDocs.ts).
const SHORT_SCOPE: Record<string, string> = {
  notSpecified: 'nobody (administrators assign)',
  specificDirectoryUsers: 'specific users and groups',
  specificConnectedOrganizationUsers: 'specific connected organizations',
  specificDirectoryServicePrincipals: 'specific service principals',
  allMemberUsers: 'all member users',
  allDirectoryUsers: 'all users (members and guests)',
  allDirectoryServicePrincipals: 'all service principals',
  allConfiguredConnectedOrganizationUsers: 'all connected organizations',
  allExternalUsers: 'all external users',
  allDirectoryAgentIdentities: 'all agent identities',
  NoSubjects: 'nobody (administrators assign)',
  SpecificDirectorySubjects: 'specific users and groups',
  SpecificConnectedOrganizationSubjects: 'specific connected organizations',
  AllConfiguredConnectedOrganizationSubjects: 'all configured connected organizations',
  AllExistingConnectedOrganizationSubjects: 'all connected organizations',
  AllExistingDirectoryMemberUsers: 'all member users',
  AllExistingDirectorySubjects: 'all users (members and guests)',
  AllExternalSubjects: 'all external users',
};

export interface RequestorsPart {
  sections: SummarySection[];
  flow: FlowStep;
  requestedBy: string;
}

export function explainRequestors(version: ApiVersion, policy: Obj): RequestorsPart {
  return version === 'v1.0' ? v1(policy) : beta(policy);
}

function scopeItem(scope: unknown, enumKey: string, path: (string | number)[]): SummaryItem {
  const value = str(scope);
  if (value === undefined) return { text: 'Scope not set: nobody can request until it is.', path };
  const meaning = meaningOf(enumValueDoc([enumKey], value));
  return { text: meaning ? `${meaning} (${value})` : `Scope ${quote(value)}, which is not a known scope.`, path };
}

function shortRequestors(scope: unknown, subjects: unknown[], version: ApiVersion): string {
  const value = str(scope);
  if (value && /^specific/i.test(value) && subjects.length === 1) return describeSubject(version, subjects[0]);
  if (value && /^specific/i.test(value) && subjects.length > 1) return `${subjects.length} ${SHORT_SCOPE[value] ?? 'subjects'}`;
  return value ? (SHORT_SCOPE[value] ?? value) : 'not set';
}

function v1(policy: Obj): RequestorsPart {
  const targets = list(policy.specificAllowedTargets);
  const items: SummaryItem[] = [scopeItem(policy.allowedTargetScope, 'microsoft.graph.allowedTargetScope', ['allowedTargetScope'])];
  if (targets.length > 0) {
    items.push({
      text: 'Specific targets:',
      path: ['specificAllowedTargets'],
      children: subjectItems('v1.0', targets, ['specificAllowedTargets']),
    });
  }
  const settings = obj(policy.requestorSettings);
  const requests: SummaryItem[] = [];
  const rs = ['requestorSettings'];
  if (!settings) {
    requests.push({ text: 'No requestor settings: self-service and on-behalf requests are as Graph defaults them.', path: rs });
  } else {
    requests.push({
      text: `Targets may ask for access themselves: ${yesNo(settings.enableTargetsToSelfAddAccess)}; extend it: ${yesNo(settings.enableTargetsToSelfUpdateAccess)}; give it up: ${yesNo(settings.enableTargetsToSelfRemoveAccess)}.`,
      path: [...rs, 'enableTargetsToSelfAddAccess'],
      covers: [
        [...rs, 'enableTargetsToSelfUpdateAccess'],
        [...rs, 'enableTargetsToSelfRemoveAccess'],
      ],
    });
    if (bool(settings.allowCustomAssignmentSchedule) !== undefined) {
      requests.push({
        text: settings.allowCustomAssignmentSchedule
          ? 'Requestors may choose their own start and end dates.'
          : 'Requestors may not choose their own start and end dates.',
        path: [...rs, 'allowCustomAssignmentSchedule'],
      });
    }
    const onBehalf = list(settings.onBehalfRequestors);
    const anyOnBehalf = [
      settings.enableOnBehalfRequestorsToAddAccess,
      settings.enableOnBehalfRequestorsToUpdateAccess,
      settings.enableOnBehalfRequestorsToRemoveAccess,
    ].some((v) => v === true);
    requests.push({
      text:
        anyOnBehalf || onBehalf.length
          ? `On behalf of others: add ${yesNo(settings.enableOnBehalfRequestorsToAddAccess)}, extend ${yesNo(settings.enableOnBehalfRequestorsToUpdateAccess)}, remove ${yesNo(settings.enableOnBehalfRequestorsToRemoveAccess)}${onBehalf.length ? ', by:' : '.'}`
          : 'Nobody requests on behalf of others.',
      path: [...rs, 'onBehalfRequestors'],
      covers: [
        [...rs, 'enableOnBehalfRequestorsToAddAccess'],
        [...rs, 'enableOnBehalfRequestorsToUpdateAccess'],
        [...rs, 'enableOnBehalfRequestorsToRemoveAccess'],
      ],
      children: onBehalf.length ? subjectItems('v1.0', onBehalf, [...rs, 'onBehalfRequestors']) : undefined,
    });
  }
  const requestedBy = shortRequestors(policy.allowedTargetScope, targets, 'v1.0');
  return {
    sections: [
      { id: 'requestors', title: 'Who can request', path: ['allowedTargetScope'], items },
      { id: 'requests', title: 'Self-service and on behalf', path: rs, items: requests },
    ],
    flow: { label: 'Requestors', details: [requestedBy], path: ['allowedTargetScope'] },
    requestedBy,
  };
}

function beta(policy: Obj): RequestorsPart {
  const settings = obj(policy.requestorSettings);
  const rs = ['requestorSettings'];
  const requestors = list(settings?.allowedRequestors);
  const items: SummaryItem[] = [scopeItem(settings?.scopeType, 'requestorSettings.scopeType', [...rs, 'scopeType'])];
  if (requestors.length > 0) {
    items.push({
      text: 'Allowed requestors:',
      path: [...rs, 'allowedRequestors'],
      children: subjectItems('beta', requestors, [...rs, 'allowedRequestors']),
    });
  }
  const accepts = settings?.acceptRequests;
  const requests: SummaryItem[] = [
    {
      text:
        accepts === false
          ? 'Requests are not accepted (acceptRequests is false): only administrators assign.'
          : accepts === true
            ? 'Requests are accepted.'
            : 'Whether requests are accepted is not set.',
      path: [...rs, 'acceptRequests'],
    },
  ];
  const requestedBy = accepts === false ? 'nobody (requests not accepted)' : shortRequestors(settings?.scopeType, requestors, 'beta');
  return {
    sections: [
      { id: 'requestors', title: 'Who can request', path: [...rs, 'scopeType'], items },
      { id: 'requests', title: 'Self-service and on behalf', path: rs, items: requests },
    ],
    flow: { label: 'Requestors', details: [requestedBy], path: [...rs, 'scopeType'] },
    requestedBy,
  };
}
