// The editor knows the tenant (when signed in): every id in an id slot and every object reference
// is looked up in the signed-in tenant in the background (server/src/tenant/tenantDirectory.ts);
// what does not exist there gets AP4120, merged into the published diagnostics from the cache, so
// the diagnostics of a keystroke never wait for Graph. New answers re-publish the documents that
// asked. Off with `accessPolicy.tenantLookups.enable`; nothing is asked while signed out.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Feature, ServerContext } from '../feature';
import { formatError } from '../runSafe';
import {
  LARGE_TEXT_CHARS,
  REFERENCE_RECORDS,
  tenantTargets,
  type DirectoryQuery,
  type PolicyDiagnostic,
  type TenantTarget,
  type ValidationResult,
} from '../../../core/src';

import { directoryKey } from '../tenant/tenantDirectory';
import { lookedUpOf, objectsOf, subjectOf } from '../tenant/tenantText';

export function tenantLookupsEnabled(ctx: ServerContext): boolean {
  return ctx.settings().tenantLookups?.enable !== false;
}

/** The query that looks a target up. */
export function queryOf(t: TenantTarget): DirectoryQuery {
  return t.form === 'id'
    ? { key: directoryKey({ id: t.id, kinds: t.kinds }), id: t.id, kinds: t.kinds }
    : { key: directoryKey({ kind: t.kind, parts: t.parts }), kind: t.kind, parts: t.parts };
}

// Targets per validation result (a result is per document version), so a re-publish does not walk again.
const targetsOf = new WeakMap<ValidationResult, TenantTarget[]>();

export function targetsIn(result: ValidationResult): TenantTarget[] {
  let targets = targetsOf.get(result);
  if (!targets) {
    // A document with no value names nothing (asking for `root` would build the syntax tree of every version).
    targets = result.parsed.value !== undefined ? tenantTargets(result.parsed, result.parsed.value, result.apiVersion) : [];
    targetsOf.set(result, targets);
  }
  return targets;
}

export const tenantFeature: Feature = {
  name: 'tenant',
  capabilities: {},
  register(ctx: ServerContext): void {
    const { connection, documents, tenant } = ctx;
    // Open documents whose targets were found at least once (later checks find them at once).
    const targetsFound = new Set<string>();

    ctx.addDiagnosticSource((document: TextDocument, result: ValidationResult): PolicyDiagnostic[] => {
      try {
        if (!tenantLookupsEnabled(ctx) || tenant.signInState === 'signedOut') return [];
        const firstLargeCheck = !targetsOf.has(result) && !targetsFound.has(document.uri) && result.parsed.text.length >= LARGE_TEXT_CHARS;
        if (tenant.signInState === 'unknown' || firstLargeCheck) {
          // No answer yet (nothing to report), or a large document's first check (its targets,
          // a syntax tree and a walk, take 150 ms or more on 1 MB in code not yet optimised): the
          // diagnostics go out now, and the targets are found and asked for after; a later change
          // finds them at once (about 6 ms on 1 MB). A timer, not setImmediate: the connection
          // writes the diagnostics in an immediate of its own, queued after this one. Answers
          // re-publish (onChange below); what is already known is published when the targets are.
          setTimeout(() => askFor(result, document.uri), 0);
          return [];
        }
        targetsFound.add(document.uri);
        const targets = targetsIn(result);
        if (targets.length === 0) return [];
        const out: PolicyDiagnostic[] = [];
        const wanted: DirectoryQuery[] = [];
        for (const t of targets) {
          const query = queryOf(t);
          const entry = tenant.get(query.key);
          if (!entry) wanted.push(query);
          else if (entry.state === 'missing') {
            out.push(
              REFERENCE_RECORDS.notInTenant.diagnostic(
                { range: result.parsed.lines.rangeOf(t.offset, t.length), offset: t.offset, length: t.length, path: t.path },
                {
                  subject: subjectOf(t),
                  object: objectsOf(t),
                  tenant: tenant.where,
                  lookedUp: lookedUpOf(t, entry),
                },
              ),
            );
          }
        }
        if (wanted.length) tenant.want(wanted);
        return out;
      } catch (err) {
        connection.console.error(formatError(`Tenant checks failed for ${document.uri}`, err));
        return [];
      }
    });

    const askFor = (result: ValidationResult, uri: string) => {
      try {
        if (tenant.signInState === 'signedOut' || !documents.get(uri)) return;
        targetsFound.add(uri);
        const targets = targetsIn(result);
        if (targets.length === 0) return;
        // Signed in: publish with what is already known (that publish asks for the rest).
        if (tenant.signInState === 'signedIn') ctx.republish(uri);
        else tenant.want(targets.map(queryOf));
      } catch (err) {
        connection.console.error(formatError(`Tenant checks failed for ${uri}`, err));
      }
    };

    documents.onDidClose((e) => targetsFound.delete(e.document.uri));

    // New answers, or the account changed (a reset): open documents show them, from their cached
    // validations (a document without targets costs a lookup in a WeakMap).
    tenant.onChange(() => {
      for (const d of documents.all()) ctx.republish(d.uri);
    });
  },
};
