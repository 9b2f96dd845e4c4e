// Beta `accessReviewSettings` → v1.0 `reviewSettings`: renamed flags, reviewers split into
// primary and fallback lists, and the beta recurrence word turned into a schedule.
import { isRecord } from '../schemaNavigator';
import { daysToDuration, isCount } from './durations';
import type { Problems } from './problems';
import { convertUserSets } from './subjects';

/** Beta recurrence words → v1.0 recurrence patterns (reviews support only weekly and absoluteMonthly). */
const RECURRENCE: Record<string, { type: 'weekly' | 'absoluteMonthly'; interval: number }> = {
  weekly: { type: 'weekly', interval: 1 },
  monthly: { type: 'absoluteMonthly', interval: 1 },
  quarterly: { type: 'absoluteMonthly', interval: 3 },
  halfyearly: { type: 'absoluteMonthly', interval: 6 },
  annual: { type: 'absoluteMonthly', interval: 12 },
};

const RENAMED: Record<string, string> = {
  isEnabled: 'isEnabled',
  accessReviewTimeoutBehavior: 'expirationBehavior',
  isAccessRecommendationEnabled: 'isRecommendationEnabled',
  isApprovalJustificationRequired: 'isReviewerJustificationRequired',
};

export function convertReviewSettings(beta: unknown, p: Problems): Record<string, unknown> | undefined {
  if (beta === null || beta === undefined) return undefined;
  if (!isRecord(beta)) {
    p.refuse('accessReviewSettings is not an object, so it cannot be converted.');
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(beta)) {
    if (RENAMED[key]) {
      out[RENAMED[key]] = value;
      continue;
    }
    switch (key) {
      case 'reviewerType':
      case 'reviewers':
      case 'recurrenceType':
      case 'startDateTime':
      case 'durationInDays':
        break; // below
      case 'isAgenticExperienceEnabled':
        if (value === true) p.refuse('accessReviewSettings.isAgenticExperienceEnabled: true has no v1.0 counterpart.');
        else if (value !== null) p.note('accessReviewSettings.isAgenticExperienceEnabled (false) was dropped: v1.0 has no such setting.');
        break;
      default:
        p.refuse(`accessReviewSettings.${key} has no v1.0 counterpart.`);
    }
  }

  const reviewers = convertUserSets(beta.reviewers, 'accessReviewSettings.reviewers', p);
  switch (beta.reviewerType) {
    case 'Self':
      out.isSelfReview = true;
      if (reviewers.primary.length + reviewers.fallback.length > 0) {
        p.note('accessReviewSettings.reviewers were carried over although reviewerType is "Self" (users review themselves).');
      }
      out.primaryReviewers = reviewers.primary;
      out.fallbackReviewers = reviewers.fallback;
      break;
    case 'Manager':
      // v1.0 has no reviewer-type word: a manager review is a requestorManager primary reviewer,
      // and the beta reviewers are who reviews when there is no manager.
      out.isSelfReview = false;
      out.primaryReviewers = [{ '@odata.type': '#microsoft.graph.requestorManager', managerLevel: 1 }];
      out.fallbackReviewers = [...reviewers.primary, ...reviewers.fallback];
      p.note(
        'reviewerType "Manager" became a requestorManager primary reviewer with the beta reviewers as fallback reviewers. [INF] Microsoft documents requestorManager for approvers; its use as a reviewer is inferred.',
      );
      break;
    case 'Reviewers':
      out.isSelfReview = false;
      out.primaryReviewers = reviewers.primary;
      out.fallbackReviewers = reviewers.fallback;
      break;
    default:
      if (beta.reviewers !== undefined) {
        out.primaryReviewers = reviewers.primary;
        out.fallbackReviewers = reviewers.fallback;
      }
  }

  const schedule: Record<string, unknown> = {};
  if (beta.startDateTime !== undefined && beta.startDateTime !== null) schedule.startDateTime = beta.startDateTime;
  if (beta.durationInDays !== undefined && beta.durationInDays !== null) {
    if (isCount(beta.durationInDays)) schedule.expiration = { type: 'afterDuration', duration: daysToDuration(beta.durationInDays) };
    else p.refuse('accessReviewSettings.durationInDays is not a whole number of days.');
  }
  if (beta.recurrenceType !== undefined && beta.recurrenceType !== null) {
    const pattern = typeof beta.recurrenceType === 'string' ? RECURRENCE[beta.recurrenceType] : undefined;
    if (!pattern) {
      p.refuse(
        `accessReviewSettings.recurrenceType ${JSON.stringify(beta.recurrenceType)} has no v1.0 counterpart (known: ${Object.keys(RECURRENCE).join(', ')}).`,
      );
    } else {
      // The shape of Microsoft's v1.0 example: unused pattern fields zero, a range without end.
      schedule.recurrence = {
        pattern: { type: pattern.type, interval: pattern.interval, month: 0, dayOfMonth: 0, daysOfWeek: [] },
        range: { type: 'noEnd', numberOfOccurrences: 0 },
      };
    }
  }
  if (Object.keys(schedule).length > 0) out.schedule = schedule;
  return out;
}
