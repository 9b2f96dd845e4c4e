// The quick fixes for one diagnostic: those its code's record names (core/src/diagnostics/), none
// for a code without a fix or one no record knows (a diagnostic from another tool).
import { recordFor } from '../diagnostics/catalogue';
import type { FixableDiagnostic, FixContext, QuickFix } from './quickFixTypes';

export function quickFixesFor(d: FixableDiagnostic, ctx: FixContext): QuickFix[] {
  return recordFor(d.code)?.fix?.(d, ctx) ?? [];
}

export type { FixableDiagnostic, FixContext, QuickFix } from './quickFixTypes';
