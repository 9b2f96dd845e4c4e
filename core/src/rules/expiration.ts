// When assignments end: beta `durationInDays` / `expirationDateTime`, v1 `expiration` patterns.
// Facts: policy-facts §1d R9, R10, R11.
import type { JsonPath } from '../parse';
import type { Rule, RuleContext } from './rule';
import { RULE_CODES as C } from './codes';
import { has, recordAt } from './helpers';

const MAX_DAYS = 3660;

export const betaDurationRangeRule: Rule = {
  id: 'beta-duration-range',
  versions: ['beta'],
  check(ctx) {
    const days = ctx.policy.durationInDays;
    if (typeof days !== 'number' || (days >= 0 && days <= MAX_DAYS)) return;
    ctx.report({
      code: C.durationInDaysOutOfRange, severity: 'error', path: ['durationInDays'],
      message: `\`durationInDays\` must be from 0 to ${MAX_DAYS} (about 10 years); it is ${days}. Use 0 with \`expirationDateTime\` for a fixed end date.`,
    });
  },
};

export const betaDurationVsDateRule: Rule = {
  id: 'beta-duration-vs-date',
  versions: ['beta'],
  check(ctx) {
    const days = ctx.policy.durationInDays;
    const end = ctx.policy.expirationDateTime;
    if (typeof days !== 'number' || days <= 0 || typeof end !== 'string') return;
    ctx.report({
      code: C.durationAndExpirationDate, severity: 'warning', path: ['expirationDateTime'],
      message: `Assignments can end after \`durationInDays\` (${days}) or on \`expirationDateTime\`, not both: set \`expirationDateTime\` to null, or \`durationInDays\` to 0. (Inferred: terraform refuses both; the service's choice between them is not documented.)`,
    });
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
    ctx.report({
      code: C.expirationTypeMismatch, severity: 'error', path: has(pattern, k) ? [...path, k] : [...path, 'type'],
      message: `\`type\` "${String(type)}" needs \`${k}\` (for example ${example}).`,
    });
  };
  const forbids = (k: 'duration' | 'endDateTime') => {
    if (!set(k)) return;
    ctx.report({
      code: C.expirationTypeMismatch, severity: 'error', path: [...path, k], onKey: true,
      message: `\`${k}\` does not go with \`type\` "${String(type)}": remove it or set it to null${type === 'noExpiration' ? '' : `, or change \`type\` to "${k === 'duration' ? 'afterDuration' : 'afterDateTime'}"`}.`,
    });
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
          ctx.report({
            code: C.expirationInPast, severity: 'warning', path: [...path, 'endDateTime'],
            message: `\`endDateTime\` ${pattern.endDateTime} is in the past, so every assignment would already have expired. Choose a future date.`,
          });
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
