// Editor basics: formatting (document and range) and folding ranges from vscode-json-languageservice
// (text-based: no parse of its own); the outline and selection ranges from our cached syntax tree
// (./outline). The service never validates: the validation core is the one source of diagnostics.
import { getLanguageService, type LanguageService } from 'vscode-json-languageservice';
import type { DocumentSymbol, FoldingRange, FormattingOptions, Range, SelectionRange, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Feature, ServerContext } from '../feature';
import { runSafe } from '../runSafe';
import { documentSymbols, selectionRanges } from './outline';

let service: LanguageService | undefined;

function jsonService(): LanguageService {
  // No schemaRequestService, and no schemas: formatting and folding need neither, and the service
  // must never fetch anything.
  return (service ??= getLanguageService({}));
}

function format(document: TextDocument, range: Range | undefined, options: FormattingOptions) {
  return jsonService().format(document, range, { ...options, insertFinalNewline: options.insertFinalNewline ?? false });
}

export const jsonServiceFeature: Feature = {
  name: 'json-service',
  capabilities: {
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    selectionRangeProvider: true,
  },
  // Each handler's `as Promise<…>`: runSafe may also resolve to a cancellation ResponseError,
  // which the connection sends as is; the handler types do not admit ResponseError<unknown>.
  register(ctx: ServerContext): void {
    const { connection, documents, cache } = ctx;

    connection.onDocumentFormatting((params, token) =>
      runSafe(connection, 'textDocument/formatting', [], token, () => {
        const document = documents.get(params.textDocument.uri);
        return document ? format(document, undefined, params.options) : [];
      }) as Promise<TextEdit[]>,
    );
    connection.onDocumentRangeFormatting((params, token) =>
      runSafe(connection, 'textDocument/rangeFormatting', [], token, () => {
        const document = documents.get(params.textDocument.uri);
        return document ? format(document, params.range, params.options) : [];
      }) as Promise<TextEdit[]>,
    );
    connection.onDocumentSymbol((params, token) =>
      runSafe<DocumentSymbol[]>(connection, 'textDocument/documentSymbol', [], token, () => {
        const document = documents.get(params.textDocument.uri);
        if (!document) return [];
        return documentSymbols(cache.get(document).parsed);
      }) as Promise<DocumentSymbol[]>,
    );
    connection.onFoldingRanges((params, token) =>
      runSafe(connection, 'textDocument/foldingRange', [], token, () => {
        const document = documents.get(params.textDocument.uri);
        return document ? jsonService().getFoldingRanges(document, { rangeLimit: 5000 }) : [];
      }) as Promise<FoldingRange[]>,
    );
    connection.onSelectionRanges((params, token) =>
      runSafe(connection, 'textDocument/selectionRange', [], token, () => {
        const document = documents.get(params.textDocument.uri);
        return document ? selectionRanges(cache.get(document).parsed, params.positions) : [];
      }) as Promise<SelectionRange[]>,
    );
  },
};
