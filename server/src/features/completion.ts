// Completion: property names, enum values and slot-filtered `@odata.type` values, computed by
// core/src/knowledge/completions.ts from the text (the document may be half typed).
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import type { Feature, ServerContext } from '../feature';
import { runSafe } from '../runSafe';
import { completionsAt, referenceCompletionContext, type CompletionKind, type PolicyCompletion } from '../../../core/src';
import { configCompletion, isConfigDocument } from '../config/configDocuments';
import { referenceCompletions } from './referenceCompletion';

/** After a kind (`${group:`) or a catalog (`${accessPackage:HR/`) is inserted, the editor asks for the names. */
const SUGGEST_AGAIN = { title: 'Suggest names', command: 'editor.action.triggerSuggest' };

const KIND: Record<CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  type: CompletionItemKind.Class,
  object: CompletionItemKind.Snippet,
};

export const completionFeature: Feature = {
  name: 'completion',
  // '"' opens a key or a string value, ':' starts a value (or a reference's name), '{' a reference
  // (`${`), '/' a two-part reference's second name: points where a list helps.
  capabilities: { completionProvider: { triggerCharacters: ['"', ':', '{', '/'], resolveProvider: false } },
  register(ctx: ServerContext): void {
    const { connection } = ctx;
    connection.onCompletion(
      (params, token) =>
        runSafe<CompletionList | null>(connection, 'textDocument/completion', null, token, async () => {
          const open = ctx.documents.get(params.textDocument.uri);
          if (open && isConfigDocument(open)) return configCompletion(open, params.position);
          const current = await ctx.current(params.textDocument.uri);
          if (!current) return null;
          const { document, result } = current;
          // Too deep to have a syntax tree: the text scan completion needs would recurse as deep.
          if (result.parsed.tooDeep) return { isIncomplete: false, items: [] };
          const offset = document.offsetAt(params.position);
          const text = document.getText();
          const toItem = (c: PolicyCompletion): CompletionItem => ({
            label: c.label,
            kind: KIND[c.kind],
            detail: c.detail,
            documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
            filterText: c.filterText,
            sortText: c.sortText,
            insertTextFormat: InsertTextFormat.Snippet,
            textEdit: {
              range: { start: document.positionAt(c.start), end: document.positionAt(c.end) },
              newText: c.insertText,
            },
          });
          const reference = referenceCompletionContext(text, offset, result.apiVersion, result.parsed.value);
          if (reference) {
            const { items, incomplete } = await referenceCompletions(ctx, params.textDocument.uri, reference);
            const again = reference.phase === 'kind' || items.some((i) => i.insertText.endsWith('/'));
            return { isIncomplete: incomplete, items: items.map((c) => ({ ...toItem(c), ...(again ? { command: SUGGEST_AGAIN } : {}) })) };
          }
          const items = completionsAt(text, offset, result.apiVersion, result.parsed.value, result.parsed.root).map(toItem);
          return { isIncomplete: false, items };
          // runSafe may also resolve to a cancellation ResponseError, which the connection sends as is.
        }) as Promise<CompletionList | null>,
    );
  },
};
