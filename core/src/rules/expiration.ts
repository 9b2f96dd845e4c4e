// When assignments end: beta `durationInDays` / `expirationDateTime`, v1 `expiration` patterns.
// Facts: docs/policy-facts.md, "Service rules" R9, R10, R11.
import type { JsonPath } from '../parse';
import type { Rule, RuleContext } from './rule';
import { RULE_RECORDS as D } from '../diagnostics/catalogue';
import { has, recordAt } from './helpers';

const MAX_DAYS = 3660;

export const betaDurationRangeRule: Rule = {
  id: 'beta-duration-range',
  versions: ['beta'],
  check(ctx) {
    const days = ctx.policy.durationInDays;
    if (typeof days !== 'number' || (days >= 0 && days <= MAX_DAYS)) return;
    ctx.report(D.durationInDaysOutOfRange.at({ path: ['durationInDays'] }, { max: MAX_DAYS, days }));
  },
};

export const betaDurationVsDateRule: Rule = {
  id: 'beta-duration-vs-date',
  versions: ['beta'],
  check(ctx) {
    const days = ctx.policy.durationInDays;
    const end = ctx.policy.expirationDateTime;
    if (typeof days !== 'number' || days <= 0 || typeof end !== 'string') return;
    ctx.report(D.durationAndExpirationDate.at({ path: ['expirationDateTime'] }, { days }));
  },
};

/** v1 expirationPattern: `type` says which of `duration` / `endDateTime` applies. */
export const v1ExpirationPatternRule: Rule = {
  id: 'v1-expiration-pattern',
  versions: ['v1.0'],
  check(ctx) {
    checkPattern(ctx, ['expiration'], true);
    checkPattern(ctx, ['reviewSettings', 'schedule', 'expiration'], false);
  },
};

function checkPattern(ctx: RuleContext, path: JsonPath, checkPast: boolean): void {
  const pattern = recordAt(ctx.policy, path);
  if (!pattern) return;
  const type = pattern.type;
  const set = (k: string) => pattern[k] !== undefined && pattern[k] !== null;
  const needs = (k: 'duration' | 'endDateTime', example: string) => {
    if (set(k)) return;
    ctx.report(
      D.expirationTypeMismatch.at(
        { path: has(pattern, k) ? [...path, k] : [...path, 'type'] },
        { kind: 'needs', type: String(type), key: k, example },
      ),
    );
  };
  const forbids = (k: 'duration' | 'endDateTime') => {
    if (!set(k)) return;
    ctx.report(D.expirationTypeMismatch.at({ path: [...path, k], onKey: true }, { kind: 'forbids', type: String(type), key: k }));
  };
  switch (type) {
    case 'afterDuration':
      needs('duration', '"P365D"');
      forbids('endDateTime');
      break;
    case 'afterDateTime':
      needs('endDateTime', '"2027-01-31T00:00:00Z"');
      forbids('duration');
      if (checkPast && typeof pattern.endDateTime === 'string') {
        const when = Date.parse(pattern.endDateTime);
        if (!Number.isNaN(when) && when < Date.now()) {
          ctx.report(D.expirationInPast.at({ path: [...path, 'endDateTime'] }, { endDateTime: pattern.endDateTime }));
        }
      }
      break;
    case 'noExpiration':
      forbids('duration');
      forbids('endDateTime');
      break;
    default:
      break; // notSpecified, missing or invalid (the schema reports invalid values)
  }
}

export const EXPIRATION_RULES: readonly Rule[] = [betaDurationRangeRule, betaDurationVsDateRule, v1ExpirationPatternRule];
