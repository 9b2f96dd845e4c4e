// Publishes diagnostics as documents open and change. Changes are coalesced per document so a
// burst of keystrokes is validated once, at its end; the published result always matches the
// document version it was computed for. The wait adapts to the document: about twice what its
// last validation took, so a normal policy is checked at once and a huge one is not re-checked
// on every keystroke.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Feature, ServerContext } from '../feature';
import { publishedDiagnostics } from './diagnostics';
import { VALIDATE_REQUEST, type ValidateParams, type ValidateResult } from '../../../common/src/protocol';
import { runSafe, formatError } from '../runSafe';

/** Bounds of the wait after the last change before validating. */
const MIN_DELAY_MS = 2;
const MAX_DELAY_MS = 300;

export const validationFeature: Feature = {
  name: 'validation',
  capabilities: {},
  register(ctx: ServerContext): void {
    const { connection, documents, cache, schedule: validations } = ctx;
    const lastCost = new Map<string, number>();

    const enabled = () => ctx.settings().validate?.enable !== false;

    const publish = (document: TextDocument) => {
      try {
        const started = performance.now();
        const result = enabled() ? cache.get(document) : undefined;
        lastCost.set(document.uri, performance.now() - started);
        const diagnostics = result ? publishedDiagnostics(result.diagnostics) : [];
        for (const { rule, error } of result?.internalErrors ?? []) {
          connection.console.error(formatError(`Rule ${rule} failed on ${document.uri}`, error));
        }
        void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
      } catch (err) {
        connection.console.error(formatError(`Validation failed for ${document.uri}`, err));
      }
    };

    const schedule = (document: TextDocument, delay: number) => {
      const uri = document.uri;
      validations.schedule(uri, delay, () => {
        const current = documents.get(uri);
        if (current) publish(current);
      });
    };

    documents.onDidOpen((e) => schedule(e.document, 0));
    documents.onDidChangeContent((e) =>
      schedule(e.document, Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, 2 * (lastCost.get(e.document.uri) ?? 0)))),
    );
    documents.onDidClose((e) => {
      validations.cancel(e.document.uri);
      cache.delete(e.document.uri);
      lastCost.delete(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });

    // Settings changed (validation switched, default version): re-check every open document.
    ctx.onSettingsChanged(() => {
      cache.clear();
      for (const d of documents.all()) schedule(d, 0);
    });

    connection.onRequest(VALIDATE_REQUEST, (params: ValidateParams, token) =>
      runSafe<ValidateResult | null>(connection, VALIDATE_REQUEST, null, token, async () => {
        const current = await ctx.current(params.uri);
        if (!current) return null;
        const { result } = current;
        return {
          apiVersion: result.apiVersion,
          errorCount: result.diagnostics.filter((d) => d.severity === 'error').length,
          warningCount: result.diagnostics.filter((d) => d.severity === 'warning').length,
        };
      }),
    );
  },
};
