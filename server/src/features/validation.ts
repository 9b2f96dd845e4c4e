// Publishes diagnostics as documents open and change. Changes are coalesced per document so a
// burst of keystrokes is validated once, at its end; the published result always matches the
// document version it was computed for. The wait adapts to the document: about twice what its
// last validation took, so a huge one is not re-checked on every keystroke of a burst. A change
// after a pause longer than that wait is checked at once (see waitAfterChange).
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Feature, ServerContext } from '../feature';
import { publishedDiagnostics } from './diagnostics';
import { VALIDATE_REQUEST, type ValidateParams, type ValidateResult } from '../../../common/src';
import { runSafe, formatError } from '../runSafe';
import { validatePolicy, type PolicyDiagnostic, type ValidationResult } from '../../../core/src';
import { configOf, forgetConfig, isConfigDocument } from '../config/configDocuments';

/** Bounds of the wait after the last change before validating. */
const MIN_DELAY_MS = 2;
const MAX_DELAY_MS = 300;

/**
 * How long to wait after a change before validating: twice what the document's last validation
 * took (within the bounds), so the keystrokes of a burst are validated once, at its end; but at
 * once when the previous change came longer ago than that and no validation is waiting, since
 * then the change is not part of a burst, and waiting would only delay its diagnostics (and the
 * hover or completion that waits for them) by twice a validation: on a 1 MB policy that was two
 * thirds of the time from keystroke to diagnostics.
 */
export function waitAfterChange(
  lastCostMs: number | undefined,
  sincePreviousChangeMs: number | undefined,
  validationWaiting: boolean,
): number {
  const wait = Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, 2 * (lastCostMs ?? 0)));
  const afterPause = sincePreviousChangeMs === undefined || sincePreviousChangeMs >= wait;
  return afterPause && !validationWaiting ? 0 : wait;
}

export const validationFeature: Feature = {
  name: 'validation',
  capabilities: {},
  register(ctx: ServerContext): void {
    const { connection, documents, cache, schedule: validations } = ctx;
    // Per open document: what its last check cost and when it last changed (waitAfterChange).
    const pace = new Map<string, { costMs?: number; changedAt?: number }>();
    const paceOf = (uri: string) => {
      let p = pace.get(uri);
      if (!p) pace.set(uri, (p = {}));
      return p;
    };

    const enabled = () => ctx.settings().validate?.enable !== false;

    const publish = (document: TextDocument) => {
      try {
        const started = performance.now();
        const config = isConfigDocument(document);
        const result = enabled() && !config ? cache.get(document) : undefined;
        const found = config ? (enabled() ? configOf(document).diagnostics : []) : (result?.diagnostics ?? []);
        paceOf(document.uri).costMs = performance.now() - started;
        const diagnostics = publishedDiagnostics(result ? withSources(ctx, document, result) : found);
        for (const { rule, error } of result?.internalErrors ?? []) {
          connection.console.error(formatError(`Rule ${rule} failed on ${document.uri}`, error));
        }
        // A re-publish after new tenant answers may meet a connection that has closed.
        connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics }).catch(() => undefined);
      } catch (err) {
        // A closed connection throws from both the publish and the log; then there is no one to tell.
        try {
          connection.console.error(formatError(`Validation failed for ${document.uri}`, err));
        } catch {
          /* the connection has closed */
        }
      }
    };

    const schedule = (document: TextDocument, delay: number) => {
      const uri = document.uri;
      validations.schedule(uri, delay, () => {
        const current = documents.get(uri);
        if (current) publish(current);
      });
    };

    ctx.setPublisher((uri) => {
      // Not while a validation is scheduled: that one publishes soon, for the newer text.
      const document = documents.get(uri);
      if (document && !validations.pending(uri)) publish(document);
    });

    documents.onDidOpen((e) => schedule(e.document, 0));
    documents.onDidChangeContent((e) => {
      const uri = e.document.uri;
      const now = performance.now();
      const p = paceOf(uri);
      const previous = p.changedAt;
      p.changedAt = now;
      schedule(e.document, waitAfterChange(p.costMs, previous === undefined ? undefined : now - previous, validations.pending(uri)));
    });
    documents.onDidClose((e) => {
      validations.cancel(e.document.uri);
      cache.delete(e.document.uri);
      forgetConfig(e.document.uri);
      pace.delete(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });

    // Settings changed (validation switched, default version): re-check every open document.
    ctx.onSettingsChanged(() => {
      cache.clear();
      for (const d of documents.all()) schedule(d, 0);
    });

    // The verdict on a text the client names (the deploy command's saved file). Computed here, not
    // read from the cache: the text need not be an open document's current version.
    connection.onRequest(VALIDATE_REQUEST, (params: ValidateParams, token) =>
      runSafe<ValidateResult | ResponseError>(
        connection,
        VALIDATE_REQUEST.method,
        new ResponseError(ErrorCodes.InternalError, 'validation failed; see the server log'),
        token,
        () => {
          if (typeof params?.text !== 'string')
            return new ResponseError(ErrorCodes.InvalidParams, `${VALIDATE_REQUEST.method} needs { text: string }`);
          // A version the request names must be one (the message comes from outside the process).
          const asked = params.defaultApiVersion;
          const defaultApiVersion = asked === 'v1.0' || asked === 'beta' ? asked : cache.defaultApiVersion();
          const result = validatePolicy(params.text, { defaultApiVersion });
          return { apiVersion: result.apiVersion, apiVersionSource: result.apiVersionSource, diagnostics: result.diagnostics };
        },
      ),
    );
  },
};

/** The core's diagnostics and those of the other sources (each from a cache), in file order. */
function withSources(ctx: ServerContext, document: TextDocument, result: ValidationResult): PolicyDiagnostic[] {
  const sources = ctx.diagnosticSources();
  if (sources.length === 0) return result.diagnostics;
  const extra = sources.flatMap((source) => source(document, result));
  if (extra.length === 0) return result.diagnostics;
  return [...result.diagnostics, ...extra].sort((a, b) => a.offset - b.offset);
}
