// Quick fixes (`textDocument/codeAction`, kind quickfix) for the diagnostics whose `data` says how
// to repair them. The fixes are computed in the core (core/src/features/quickFixes.ts, named by
// each code's record); this feature only finds the core diagnostic behind an LSP one and turns
// offsets into ranges.
import { CodeActionKind, type ResponseError, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Feature } from '../feature';
import { type PolicyDiagnostic, type JsonPath, isRecord, quickFixesFor, type FixableDiagnostic, type QuickFix } from '../../../core/src';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { runSafe } from '../runSafe';
import { tenantFixesAt } from './tenantFixes';

export const codeActionsFeature: Feature = {
  name: 'codeActions',
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } },
  register(ctx): void {
    const { connection } = ctx;
    connection.onCodeAction(
      (params, token) =>
        runSafe<CodeAction[]>(connection, 'textDocument/codeAction', [], token, async () => {
          const only = params.context.only;
          if (only && !only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return [];
          const current = await ctx.current(params.textDocument.uri);
          if (!current) return [];
          const { document, result } = current;
          const actions: CodeAction[] = [];
          for (const lspDiagnostic of params.context.diagnostics) {
            if (lspDiagnostic.source !== DIAGNOSTIC_SOURCE) continue;
            const d = resolveDiagnostic(lspDiagnostic, result.diagnostics);
            if (!d) continue;
            for (const fix of quickFixesFor(d, { parsed: result.parsed, version: result.apiVersion, all: result.diagnostics })) {
              actions.push(toCodeAction(document, fix, lspDiagnostic));
            }
          }
          // An id ↔ reference under the cursor, from the tenant's answers.
          const start = document.offsetAt(params.range.start);
          const end = document.offsetAt(params.range.end);
          for (const fix of await tenantFixesAt(ctx, result, start, end)) actions.push(toCodeAction(document, fix));
          return actions;
        }) as Promise<CodeAction[] | ResponseError<void>>,
    );
  },
};

/**
 * The core diagnostic behind an LSP one: matched by code and range against the current
 * validation (fresh data), else rebuilt from the `data` the client sent back.
 */
function resolveDiagnostic(d: Diagnostic, current: PolicyDiagnostic[]): FixableDiagnostic | undefined {
  // Several diagnostics can share a range (two missing properties of one object): the message tells them apart.
  const same = current.find((c) => c.code === d.code && c.message === d.message && sameRange(c.range, d.range));
  if (same) return same;
  const data = isRecord(d.data) ? d.data : undefined;
  if (!data || !Array.isArray(data.path) || typeof d.code !== 'string') return undefined;
  const { path, ...rest } = data;
  return { code: d.code, path: path as JsonPath, data: rest };
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function toCodeAction(document: TextDocument, fix: QuickFix, diagnostic?: Diagnostic): CodeAction {
  const edits: TextEdit[] = fix.edits.map((e) => ({
    range: { start: document.positionAt(e.offset), end: document.positionAt(e.offset + e.length) },
    newText: e.content,
  }));
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    isPreferred: fix.isPreferred || undefined,
    edit: { changes: { [document.uri]: edits } },
  };
}
