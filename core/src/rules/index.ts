// Every service rule, in the order they run. See docs/rules.md for the table of codes.
import type { Rule } from './rule';

export const SERVICE_RULES: readonly Rule[] = [];
