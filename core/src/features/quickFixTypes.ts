// The editor-neutral terms quick fixes are computed in: offsets into the text the diagnostic was
// computed on. The language server turns them into LSP code actions; nothing here knows LSP.
import type { ApiVersion } from '../diagnostic';
import type { JsonPath, ParsedPolicy } from '../parse';

export interface QuickFix {
  title: string;
  isPreferred: boolean;
  edits: { offset: number; length: number; content: string }[];
}

/** What a fix needs to know about the diagnostic: the core's own, or one rebuilt from LSP `data`. */
export interface FixableDiagnostic {
  code: string;
  path: JsonPath;
  data?: Record<string, unknown>;
}

export interface FixContext {
  parsed: ParsedPolicy;
  version: ApiVersion;
  /** Every diagnostic of the document, for fixes that repair all problems of one kind at once. */
  all?: readonly FixableDiagnostic[];
}

/** The quick fixes a diagnostic record offers (a record's `fix`). */
export type FixBuilder = (d: FixableDiagnostic, ctx: FixContext) => QuickFix[];
