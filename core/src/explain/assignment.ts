// How long an assignment lasts and whether it can be extended.
import type { ApiVersion } from '../diagnostic';
import { enumValueDoc } from '../knowledge/enumDocs';
import { describeDuration, plural } from './durations';
import { num, obj, str, type Obj, meaningOf } from './read';
import type { FlowStep, SummaryItem, SummarySection } from './types';

export interface AssignmentPart {
  section: SummarySection;
  flow: FlowStep;
  duration: string;
  extension: string;
}

export function explainAssignment(version: ApiVersion, policy: Obj): AssignmentPart {
  return version === 'v1.0' ? v1(policy) : beta(policy);
}

function v1(policy: Obj): AssignmentPart {
  const e = obj(policy.expiration);
  const items: SummaryItem[] = [];
  let duration: string;
  const type = str(e?.type);
  if (!e) {
    duration = 'duration not set';
    items.push({ text: 'How long access lasts is not set (no expiration).', path: ['expiration'] });
  } else if (type === 'noExpiration') {
    duration = 'no end date';
    items.push({ text: 'Access does not end on its own (noExpiration).', path: ['expiration', 'type'] });
  } else if (type === 'afterDuration') {
    duration = describeDuration(e.duration);
    items.push({
      text: `Access lasts ${duration} from when it starts.`,
      path: ['expiration', 'duration'],
      covers: [['expiration', 'type']],
    });
  } else if (type === 'afterDateTime') {
    const end = str(e.endDateTime);
    duration = end ? `until ${end}` : 'until a date not set';
    items.push({
      text: end ? `Access ends on ${end}.` : 'Access ends on a date, but endDateTime is not set.',
      path: ['expiration', 'endDateTime'],
      covers: [['expiration', 'type']],
    });
  } else {
    const meaning = type ? meaningOf(enumValueDoc(['microsoft.graph.expirationPatternType'], type)) : undefined;
    duration = 'duration not set';
    items.push({
      text: type ? `Expiration ${type}: ${meaning ?? 'not a known expiration type.'}` : 'Expiration type not set.',
      path: ['expiration', 'type'],
    });
  }
  const rs = obj(policy.requestorSettings);
  const approval = obj(policy.requestApprovalSettings);
  const canExtend = rs?.enableTargetsToSelfUpdateAccess === true;
  const extension = canExtend
    ? approval?.isApprovalRequiredForUpdate === true
      ? 'extendable with approval'
      : 'extendable'
    : 'not extendable';
  items.push({
    text: canExtend
      ? `Assignees may ask to extend their access${approval?.isApprovalRequiredForUpdate === true ? ', with approval' : approval?.isApprovalRequiredForUpdate === false ? ', without approval' : ''}.`
      : 'Assignees may not ask to extend their access themselves.',
    path: ['requestorSettings', 'enableTargetsToSelfUpdateAccess'],
  });
  if (policy.notificationSettings !== undefined) {
    const off = obj(policy.notificationSettings)?.isAssignmentNotificationDisabled === true;
    items.push({
      text: off ? 'Assignees are not notified of their assignment.' : 'Assignees are notified of their assignment.',
      path: ['notificationSettings'],
    });
  }
  return finish(items, duration, extension, ['expiration']);
}

function beta(policy: Obj): AssignmentPart {
  const items: SummaryItem[] = [];
  const days = num(policy.durationInDays);
  const end = str(policy.expirationDateTime);
  let duration: string;
  if (days !== undefined && days > 0) {
    duration = plural(days, 'day');
    items.push({ text: `Access lasts ${duration} from when it starts.`, path: ['durationInDays'] });
    if (end) items.push({ text: `expirationDateTime is also set (${end}).`, path: ['expirationDateTime'] });
  } else if (end) {
    duration = `until ${end}`;
    items.push({ text: `Access ends on ${end}.`, path: ['expirationDateTime'], covers: [['durationInDays']] });
  } else if (days === 0) {
    duration = 'no end date';
    items.push({ text: 'Access does not end on its own (durationInDays 0, no expirationDateTime).', path: ['durationInDays'] });
  } else {
    duration = 'duration not set';
    items.push({ text: 'How long access lasts is not set (durationInDays).', path: ['durationInDays'] });
  }
  const approval = obj(policy.requestApprovalSettings);
  const canExtend = policy.canExtend === true;
  const withApproval = approval?.isApprovalRequiredForExtension === true;
  const extension = canExtend ? (withApproval ? 'extendable with approval' : 'extendable') : 'not extendable';
  items.push({
    text: canExtend
      ? `Assignees may ask to extend their access${withApproval ? ', with approval' : ''}.`
      : policy.canExtend === false
        ? 'Assignees may not extend their access.'
        : 'Whether assignees may extend is not set (canExtend).',
    path: ['canExtend'],
  });
  return finish(items, duration, extension, ['durationInDays']);
}

function finish(items: SummaryItem[], duration: string, extension: string, path: (string | number)[]): AssignmentPart {
  const label = /^\d/.test(duration)
    ? `Access for ${duration}`
    : duration === 'no end date'
      ? 'Access with no end date'
      : /^until /.test(duration)
        ? `Access ${duration}`
        : 'Access: duration not set';
  return {
    section: { id: 'assignment', title: 'How long access lasts', path, items },
    flow: { label, details: [extension], path },
    duration,
    extension,
  };
}
