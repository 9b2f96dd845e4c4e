// Access reviews: how often, for how long, who reviews, with what fallback, and what happens to
// the people nobody decided on.
import type { ApiVersion } from '../diagnostic';
import type { JsonPath } from '../parse';
import { enumValueDoc } from '../knowledge/enumDocs';
import { describeDuration, plural } from './durations';
import { list, num, obj, str, type Obj, meaningOf } from './read';
import { isBackup, subjectItems } from './subjects';
import type { FlowStep, SummaryItem, SummarySection } from './types';

export interface ReviewsPart {
  section: SummarySection;
  flow?: FlowStep;
  /** "quarterly review", "no review". */
  short: string;
}

export function explainReviews(version: ApiVersion, policy: Obj): ReviewsPart {
  return version === 'v1.0' ? v1(policy) : beta(policy);
}

const MONTHLY_NAMES: Record<number, string> = { 1: 'monthly', 3: 'quarterly', 6: 'half-yearly', 12: 'annual' };

/** v1 recurrence pattern → ["every 3 months (quarterly)", "quarterly review"]. */
function recurrence(pattern: Obj | undefined): [string, string] {
  const type = str(pattern?.type);
  const n = num(pattern?.interval) ?? 1;
  switch (type) {
    case 'weekly':
      return n === 1 ? ['every week', 'weekly review'] : [`every ${n} weeks`, `review every ${n} weeks`];
    case 'absoluteMonthly':
    case 'relativeMonthly': {
      const name = MONTHLY_NAMES[n];
      const every = n === 1 ? 'every month' : `every ${n} months`;
      return [name && n !== 1 ? `${every} (${name})` : every, name ? `${name} review` : `review ${every}`];
    }
    case 'daily':
      return [n === 1 ? 'every day' : `every ${n} days`, n === 1 ? 'daily review' : `review every ${n} days`];
    case 'absoluteYearly':
    case 'relativeYearly':
      return ['every year', 'annual review'];
    default:
      return [type ? `on an unknown recurrence "${type}"` : 'on a recurrence not set', 'review (recurrence not set)'];
  }
}

function rangeText(range: Obj | undefined): string {
  switch (str(range?.type)) {
    case 'endDate':
      return `until ${str(range?.endDate) ?? 'an end date not set'}`;
    case 'numbered':
      return `${plural(num(range?.numberOfOccurrences) ?? 0, 'time')}`;
    default:
      return 'with no end';
  }
}

function timeoutItem(value: unknown, path: JsonPath, enumKey: string): SummaryItem {
  const v = str(value);
  const meaning = v ? meaningOf(enumValueDoc([enumKey], v)) : undefined;
  return { text: v ? `When nobody decides: ${meaning ?? `"${v}", not a known behaviour.`}` : 'When nobody decides: not set.', path };
}

function flag(value: unknown, yes: string, no: string, path: JsonPath): SummaryItem[] {
  return typeof value === 'boolean' ? [{ text: value ? yes : no, path }] : [];
}

function off(path: JsonPath, text = 'No access reviews.'): ReviewsPart {
  return { section: { id: 'reviews', title: 'Access reviews', path, items: [{ text, path }] }, short: 'no review' };
}

function v1(policy: Obj): ReviewsPart {
  const base = ['reviewSettings'];
  const r = obj(policy.reviewSettings);
  if (!r || r.isEnabled !== true) return off(r ? [...base, 'isEnabled'] : base);
  const at = (...k: string[]) => [...base, ...k];
  const schedule = obj(r.schedule);
  const rec = obj(schedule?.recurrence);
  const [every, short] = recurrence(obj(rec?.pattern));
  const items: SummaryItem[] = [];
  const start = str(schedule?.startDateTime);
  items.push({
    text: `Reviewed ${every}, ${rangeText(obj(rec?.range))}${start ? `, starting ${start}` : ''}.`,
    path: at('schedule', 'recurrence'),
    covers: [at('schedule', 'startDateTime')],
  });
  const exp = obj(schedule?.expiration);
  items.push({
    text: exp?.duration !== undefined ? `Each review lasts ${describeDuration(exp.duration)}.` : 'How long each review lasts is not set.',
    path: at('schedule', 'expiration'),
  });
  const primary = subjectItems('v1.0', list(r.primaryReviewers), at('primaryReviewers'));
  if (r.isSelfReview === true) items.push({ text: 'People review their own access.', path: at('isSelfReview') });
  else
    items.push(
      primary.length
        ? { text: 'Reviewers:', path: at('primaryReviewers'), children: primary }
        : { text: 'No reviewers named.', path: at('primaryReviewers'), covers: [at('isSelfReview')] },
    );
  const fallback = subjectItems('v1.0', list(r.fallbackReviewers), at('fallbackReviewers'));
  if (fallback.length) items.push({ text: 'Fallback reviewers:', path: at('fallbackReviewers'), children: fallback });
  items.push(timeoutItem(r.expirationBehavior, at('expirationBehavior'), 'microsoft.graph.accessReviewExpirationBehavior'));
  items.push(
    ...flag(
      r.isRecommendationEnabled,
      'Reviewers see recommendations.',
      'Reviewers see no recommendations.',
      at('isRecommendationEnabled'),
    ),
  );
  items.push(
    ...flag(
      r.isReviewerJustificationRequired,
      'Reviewers must give a justification.',
      'Reviewers need not give a justification.',
      at('isReviewerJustificationRequired'),
    ),
  );
  const who =
    r.isSelfReview === true ? 'by each person' : primary.length ? `by ${primary.map((p) => p.text).join(', ')}` : 'reviewers not named';
  return {
    section: { id: 'reviews', title: 'Access reviews', path: base, items },
    flow: { label: `Review ${every}`, details: [who], path: base },
    short,
  };
}

const BETA_SHORT: Record<string, string> = {
  weekly: 'weekly review',
  monthly: 'monthly review',
  quarterly: 'quarterly review',
  halfyearly: 'half-yearly review',
  annual: 'annual review',
};

function beta(policy: Obj): ReviewsPart {
  const base = ['accessReviewSettings'];
  const r = obj(policy.accessReviewSettings);
  if (!r || r.isEnabled !== true) return off(r ? [...base, 'isEnabled'] : base);
  const at = (...k: string[]) => [...base, ...k];
  const type = str(r.recurrenceType);
  const every = type
    ? meaningOf(enumValueDoc(['assignmentReviewSettings.recurrenceType'], type))
        ?.replace(/\.$/, '')
        .toLowerCase()
    : undefined;
  const items: SummaryItem[] = [];
  const start = str(r.startDateTime);
  items.push({
    text: `Reviewed ${every ?? (type ? `on an unknown recurrence "${type}"` : 'on a recurrence not set')}${start ? `, starting ${start}` : ''}.`,
    path: at('recurrenceType'),
    covers: [at('startDateTime')],
  });
  items.push({
    text:
      r.durationInDays !== undefined
        ? `Each review lasts ${describeDuration(r.durationInDays, 'days')}.`
        : 'How long each review lasts is not set.',
    path: at('durationInDays'),
  });
  const reviewerType = str(r.reviewerType);
  const reviewers = list(r.reviewers);
  const primary = subjectItems('beta', reviewers, at('reviewers'), (e) => !isBackup(e));
  const backups = subjectItems('beta', reviewers, at('reviewers'), isBackup);
  const meaning = reviewerType ? meaningOf(enumValueDoc(['assignmentReviewSettings.reviewerType'], reviewerType)) : undefined;
  items.push({
    text: reviewerType ? `Reviewer type ${reviewerType}: ${meaning ?? 'not a known reviewer type.'}` : 'Reviewer type not set.',
    path: at('reviewerType'),
  });
  if (primary.length) items.push({ text: 'Reviewers:', path: at('reviewers'), children: primary });
  if (backups.length) items.push({ text: 'Fallback reviewers:', path: at('reviewers'), children: backups });
  items.push(timeoutItem(r.accessReviewTimeoutBehavior, at('accessReviewTimeoutBehavior'), 'microsoft.graph.accessReviewTimeoutBehavior'));
  items.push(
    ...flag(
      r.isAccessRecommendationEnabled,
      'Reviewers see recommendations.',
      'Reviewers see no recommendations.',
      at('isAccessRecommendationEnabled'),
    ),
  );
  items.push(
    ...flag(
      r.isApprovalJustificationRequired,
      'Reviewers must give a justification.',
      'Reviewers need not give a justification.',
      at('isApprovalJustificationRequired'),
    ),
  );
  const who =
    reviewerType === 'Self'
      ? 'by each person'
      : reviewerType === 'Manager'
        ? "by each person's manager"
        : primary.length
          ? `by ${primary.map((p) => p.text).join(', ')}`
          : 'reviewers not named';
  return {
    section: { id: 'reviews', title: 'Access reviews', path: base, items },
    flow: { label: `Review ${every ?? '(recurrence not set)'}`, details: [who], path: base },
    short: (type && BETA_SHORT[type]) ?? 'review (recurrence not set)',
  };
}
