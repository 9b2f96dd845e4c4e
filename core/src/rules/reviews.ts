// Access reviews of assignments: who reviews and how often.
// Facts: policy-facts §1d R18 (beta), R19 (v1); ENTRA: manager reviews need fallback reviewers.
import type { Rule } from './rule';
import { RULE_CODES as C } from './codes';
import { has, isRecord, nonEmpty, odataType, recordAt } from './helpers';

export const betaReviewRule: Rule = {
  id: 'beta-review-settings',
  versions: ['beta'],
  check(ctx) {
    const base = ['accessReviewSettings'];
    const review = recordAt(ctx.policy, base);
    if (!review || review.isEnabled === false) return;
    const reviewers = Array.isArray(review.reviewers) ? review.reviewers : [];
    const primary = reviewers.filter((r) => !(isRecord(r) && r.isBackup === true));
    const backups = reviewers.length - primary.length;
    if (review.reviewerType === 'Reviewers' && primary.length === 0) {
      ctx.report({
        code: C.reviewersMissing, severity: 'error',
        path: has(review, 'reviewers') ? [...base, 'reviewers'] : [...base, 'reviewerType'], onKey: has(review, 'reviewers'),
        message: '`reviewerType` is "Reviewers" but no reviewers are listed: add singleUser or groupMembers entries to `reviewers`, or use "Self" or "Manager".',
      });
    }
    if (review.reviewerType === 'Manager' && backups === 0) {
      ctx.report({
        code: C.managerReviewWithoutFallback, severity: 'warning', path: [...base, 'reviewerType'],
        message: 'Manager reviews need fallback reviewers for users without a manager: add a singleUser or groupMembers entry with `"isBackup": true` to `reviewers`.',
      });
    }
    if (review.isEnabled !== true) return;
    for (const key of ['recurrenceType', 'durationInDays']) {
      if (review[key] !== undefined && review[key] !== null) continue;
      ctx.report({
        code: C.reviewScheduleIncomplete, severity: 'warning', path: [...base, 'isEnabled'],
        message: `Reviews are enabled but \`${key}\` is not set, so ${key === 'recurrenceType' ? 'how often reviews run (e.g. "quarterly")' : 'how many days each review stays open'} is left undefined. Set \`${key}\`. (Terraform refuses this; the service's default is not documented.)`,
      });
    }
  },
};

const SUPPORTED_PATTERNS = ['weekly', 'absoluteMonthly'];

export const v1ReviewRule: Rule = {
  id: 'v1-review-settings',
  versions: ['v1.0'],
  check(ctx) {
    const base = ['reviewSettings'];
    const review = recordAt(ctx.policy, base);
    if (!review) return;
    const enabled = review.isEnabled === true;
    if (enabled && review.isSelfReview === false && !nonEmpty(review.primaryReviewers)) {
      ctx.report({
        code: C.reviewersMissing, severity: 'warning',
        path: has(review, 'primaryReviewers') ? [...base, 'primaryReviewers'] : [...base, 'isSelfReview'], onKey: has(review, 'primaryReviewers'),
        message: 'Reviews are enabled and are not self-reviews, but `primaryReviewers` is empty, so no one would review. Add reviewers, or set `isSelfReview` to true. (Inferred from the beta rule for "Reviewers".)',
      });
    }
    if (enabled && Array.isArray(review.primaryReviewers) && !nonEmpty(review.fallbackReviewers)) {
      review.primaryReviewers.forEach((r, i) => {
        if (odataType(r) !== '#microsoft.graph.requestorManager') return;
        ctx.report({
          code: C.managerReviewWithoutFallback, severity: 'warning', path: [...base, 'primaryReviewers', i, '@odata.type'],
          message: 'Manager reviews need fallback reviewers for users without a manager: add a user or group to `fallbackReviewers`.',
        });
      });
    }
    const schedule = recordAt(ctx.policy, [...base, 'schedule']);
    if (enabled && schedule && (schedule.expiration === undefined || schedule.expiration === null)) {
      ctx.report({
        code: C.reviewScheduleIncomplete, severity: 'warning', path: [...base, 'schedule', 'expiration'], missing: !has(schedule, 'expiration'),
        message: 'Reviews are enabled but `schedule.expiration` is not set, so how long each review stays open is left undefined. Set it, e.g. `"expiration": { "type": "afterDuration", "duration": "P14D" }`. (The beta counterpart is `durationInDays`; terraform requires it there.)',
      });
    }
    const patternPath = [...base, 'schedule', 'recurrence', 'pattern'];
    const pattern = recordAt(ctx.policy, patternPath);
    if (!pattern) return;
    if (typeof pattern.type === 'string' && !SUPPORTED_PATTERNS.includes(pattern.type)) {
      ctx.report({
        code: C.recurrencePatternUnsupported, severity: 'error', path: [...patternPath, 'type'],
        message: `Access reviews support only "weekly" and "absoluteMonthly" recurrences, not "${pattern.type}" (e.g. quarterly = "absoluteMonthly" with \`interval\` 3). Omit \`pattern\` for a one-time review.`,
      });
    }
    if (typeof pattern.interval === 'number' && pattern.interval < 1) {
      ctx.report({
        code: C.recurrenceIntervalTooSmall, severity: 'error', path: [...patternPath, 'interval'],
        message: `\`interval\` is the number of weeks or months between reviews and must be at least 1; it is ${pattern.interval}.`,
      });
    }
  },
};

export const REVIEW_RULES: readonly Rule[] = [betaReviewRule, v1ReviewRule];
