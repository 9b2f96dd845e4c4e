// Access reviews of assignments: who reviews and how often.
// Facts: docs/policy-facts.md, "Service rules" R18 (beta; manager reviews need fallback reviewers),
// R19 (v1).
import type { Rule } from './rule';
import { RULE_RECORDS as D } from '../diagnostics/catalogue';
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
      ctx.report(
        D.reviewersMissing.at(
          { path: has(review, 'reviewers') ? [...base, 'reviewers'] : [...base, 'reviewerType'], onKey: has(review, 'reviewers') },
          { version: 'beta' },
        ),
      );
    }
    if (review.reviewerType === 'Manager' && backups === 0) {
      ctx.report(D.managerReviewWithoutFallback.at({ path: [...base, 'reviewerType'] }, { version: 'beta' }));
    }
    if (review.isEnabled !== true) return;
    for (const key of ['recurrenceType', 'durationInDays'] as const) {
      if (review[key] !== undefined && review[key] !== null) continue;
      ctx.report(D.reviewScheduleIncomplete.at({ path: [...base, 'isEnabled'] }, { version: 'beta', key }));
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
      ctx.report(
        D.reviewersMissing.at(
          {
            path: has(review, 'primaryReviewers') ? [...base, 'primaryReviewers'] : [...base, 'isSelfReview'],
            onKey: has(review, 'primaryReviewers'),
          },
          { version: 'v1.0' },
        ),
      );
    }
    if (enabled && Array.isArray(review.primaryReviewers) && !nonEmpty(review.fallbackReviewers)) {
      review.primaryReviewers.forEach((r, i) => {
        if (odataType(r) !== '#microsoft.graph.requestorManager') return;
        ctx.report(D.managerReviewWithoutFallback.at({ path: [...base, 'primaryReviewers', i, '@odata.type'] }, { version: 'v1.0' }));
      });
    }
    const schedule = recordAt(ctx.policy, [...base, 'schedule']);
    if (enabled && schedule && (schedule.expiration === undefined || schedule.expiration === null)) {
      ctx.report(
        D.reviewScheduleIncomplete.at(
          { path: [...base, 'schedule', 'expiration'], missing: !has(schedule, 'expiration') },
          { version: 'v1.0' },
        ),
      );
    }
    const patternPath = [...base, 'schedule', 'recurrence', 'pattern'];
    const pattern = recordAt(ctx.policy, patternPath);
    if (!pattern) return;
    if (typeof pattern.type === 'string' && !SUPPORTED_PATTERNS.includes(pattern.type)) {
      ctx.report(D.recurrencePatternUnsupported.at({ path: [...patternPath, 'type'] }, { type: pattern.type }));
    }
    if (typeof pattern.interval === 'number' && pattern.interval < 1) {
      ctx.report(D.recurrenceIntervalTooSmall.at({ path: [...patternPath, 'interval'] }, { interval: pattern.interval }));
    }
  },
};

export const REVIEW_RULES: readonly Rule[] = [betaReviewRule, v1ReviewRule];
