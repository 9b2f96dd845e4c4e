// Every service rule, in the order they run. See docs/rules.md for the table of codes
// (core/src/diagnostics/ruleRecords.ts holds the codes themselves, one record each).
import type { Rule } from './rule';
import { CREATE_BODY_RULES } from './createBody';
import { APPROVAL_RULES } from './approvalStages';
import { SUBJECT_RULES } from './subjectSlots';
import { EXPIRATION_RULES } from './expiration';
import { REQUEST_SCOPE_RULES } from './requestScope';
import { REVIEW_RULES } from './reviews';
import { QUESTION_RULES } from './questions';
import { CUSTOM_EXTENSION_RULES } from './customExtensions';

export const SERVICE_RULES: readonly Rule[] = [
  ...CREATE_BODY_RULES,
  ...REQUEST_SCOPE_RULES,
  ...EXPIRATION_RULES,
  ...APPROVAL_RULES,
  ...SUBJECT_RULES,
  ...REVIEW_RULES,
  ...QUESTION_RULES,
  ...CUSTOM_EXTENSION_RULES,
];
