// The policy in plain language (core/src/explain) for the editor: the summary the preview shows,
// on request, and a CodeLens on the policy's first line with the one-line summary and actions.
// Computed here, from the validation already cached for the document version, so the client needs
// no copy of the core.
import type { CodeLens } from 'vscode-languageserver';
import type { Feature, ServerContext } from '../feature';
import { runSafe } from '../runSafe';
import { summarizeValidation, type PolicySummary, type ValidationResult } from '../../../core/src';
import { SUMMARY_REQUEST, type SummaryParams, type SummaryResult, COMMANDS } from '../../../common/src';
import { isConfigDocument } from '../config/configDocuments';

export const summaryFeature: Feature = {
  name: 'summary',
  capabilities: { codeLensProvider: { resolveProvider: false } },
  register(ctx: ServerContext): void {
    const { connection, documents, cache } = ctx;
    // One summary per validation result: the lens and the preview ask for the same version.
    const summaries = new WeakMap<ValidationResult, PolicySummary>();
    const summaryOf = (result: ValidationResult) => {
      let s = summaries.get(result);
      if (!s) summaries.set(result, (s = summarizeValidation(result)));
      return s;
    };

    connection.onRequest(SUMMARY_REQUEST, (params: SummaryParams, token) =>
      runSafe<SummaryResult | null>(connection, SUMMARY_REQUEST.method, null, token, () => {
        const document = documents.get(params.uri);
        return document && !isConfigDocument(document) ? summaryOf(cache.get(document)) : null;
      }),
    );

    connection.onCodeLens(
      (params, token) =>
        runSafe<CodeLens[]>(connection, 'textDocument/codeLens', [], token, () => {
          const document = documents.get(params.textDocument.uri);
          if (!document || isConfigDocument(document)) return [];
          const result = cache.get(document);
          const root = result.parsed.root;
          // Only a file that is one object is a policy to summarise or deploy.
          if (!root || root.type !== 'object') return [];
          const line = document.positionAt(root.offset).line;
          const range = { start: { line, character: 0 }, end: { line, character: 0 } };
          const args = [document.uri];
          const summary = summaryOf(result);
          return [
            { range, command: { title: summary.headline, command: COMMANDS.showSummary, arguments: args } },
            { range, command: { title: 'Deploy', command: COMMANDS.deploy, arguments: args } },
            { range, command: { title: 'Plan', command: COMMANDS.planFile, arguments: args } },
            { range, command: { title: 'Show Summary', command: COMMANDS.showSummary, arguments: args } },
          ];
        }) as Promise<CodeLens[]>,
    );
  },
};
