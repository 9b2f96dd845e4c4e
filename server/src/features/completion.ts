// Completion: property names, enum values and slot-filtered `@odata.type` values, computed by
// core/src/knowledge/completions.ts from the text (the document may be half typed).
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import type { Feature, ServerContext } from '../feature';
import { runSafe } from '../runSafe';
import { completionsAt, type CompletionKind } from '../../../core/src/knowledge/completions';

const KIND: Record<CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  type: CompletionItemKind.Class,
  object: CompletionItemKind.Snippet,
};

export const completionFeature: Feature = {
  name: 'completion',
  // '"' opens a key or a string value, ':' starts a value; both are points where a list helps.
  capabilities: { completionProvider: { triggerCharacters: ['"', ':'], resolveProvider: false } },
  register(ctx: ServerContext): void {
    const { connection, documents, cache } = ctx;
    connection.onCompletion((params, token) =>
      runSafe<CompletionList | null>(connection, 'textDocument/completion', null, token, () => {
        const document = documents.get(params.textDocument.uri);
        if (!document) return null;
        const result = cache.get(document);
        const offset = document.offsetAt(params.position);
        const items = completionsAt(document.getText(), offset, result.apiVersion, result.parsed.value, result.parsed.root).map(
          (c): CompletionItem => ({
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
          }),
        );
        return { isIncomplete: false, items };
        // runSafe may also resolve to a cancellation ResponseError, which the connection sends as is.
      }) as Promise<CompletionList | null>,
    );
  },
};
