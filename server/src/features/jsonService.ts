// Editor basics: formatting (document and range) and folding ranges from vscode-json-languageservice
// (text-based: no parse of its own); the outline and selection ranges from our cached syntax tree
// (./outline). The service never validates: the validation core is the one source of diagnostics.
// Formatting is bounded (./formatBounds, ../limits): past the bounds, no edits and a logged reason.
import { getLanguageService, type LanguageService } from 'vscode-json-languageservice';
import type { DocumentSymbol, FoldingRange, FormattingOptions, Range, SelectionRange, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Feature, ServerContext } from '../feature';
import { runSafe } from '../runSafe';
import { documentSymbols, selectionRanges } from './outline';
import { formatRefusal } from './formatBounds';
import { STRUCTURE_LIMIT } from '../limits';

let service: LanguageService | undefined;

function jsonService(): LanguageService {
  // No schemaRequestService, and no schemas: formatting and folding need neither, and the service
  // must never fetch anything.
  return (service ??= getLanguageService({}));
}

function format(ctx: ServerContext, document: TextDocument, range: Range | undefined, options: FormattingOptions): TextEdit[] {
  const text = document.getText();
  const start = range ? document.offsetAt(range.start) : 0;
  const end = range ? document.offsetAt(range.end) : text.length;
  const refusal = formatRefusal(text, start, end, options);
  if (refusal) {
    ctx.connection.console.warn(`Formatting ${document.uri} not done: ${refusal}.`);
    return [];
  }
  const edits = jsonService().format(document, range, { ...options, insertFinalNewline: options.insertFinalNewline ?? false });
  return edits.length > STRUCTURE_LIMIT ? [asOneEdit(document, edits)] : edits;
}

/**
 * Many small edits (a minified file has one per token) cost far more to send and apply than
 * the text they make: past the limit, one edit replaces the span they cover.
 */
function asOneEdit(document: TextDocument, edits: TextEdit[]): TextEdit {
  const text = document.getText();
  let first = text.length;
  let last = 0;
  for (const e of edits) {
    first = Math.min(first, document.offsetAt(e.range.start));
    last = Math.max(last, document.offsetAt(e.range.end));
  }
  const formatted = TextDocument.applyEdits(document, edits);
  return {
    range: { start: document.positionAt(first), end: document.positionAt(last) },
    newText: formatted.slice(first, formatted.length - (text.length - last)),
  };
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
    const { connection, documents } = ctx;

    connection.onDocumentFormatting(
      (params, token) =>
        runSafe(connection, 'textDocument/formatting', [], token, () => {
          const document = documents.get(params.textDocument.uri);
          return document ? format(ctx, document, undefined, params.options) : [];
        }) as Promise<TextEdit[]>,
    );
    connection.onDocumentRangeFormatting(
      (params, token) =>
        runSafe(connection, 'textDocument/rangeFormatting', [], token, () => {
          const document = documents.get(params.textDocument.uri);
          return document ? format(ctx, document, params.range, params.options) : [];
        }) as Promise<TextEdit[]>,
    );
    connection.onDocumentSymbol(
      (params, token) =>
        runSafe<DocumentSymbol[]>(connection, 'textDocument/documentSymbol', [], token, async () => {
          const current = await ctx.current(params.textDocument.uri);
          return current ? documentSymbols(current.result.parsed) : [];
        }) as Promise<DocumentSymbol[]>,
    );
    connection.onFoldingRanges(
      (params, token) =>
        runSafe(connection, 'textDocument/foldingRange', [], token, () => {
          const document = documents.get(params.textDocument.uri);
          return document ? jsonService().getFoldingRanges(document, { rangeLimit: STRUCTURE_LIMIT }) : [];
        }) as Promise<FoldingRange[]>,
    );
    connection.onSelectionRanges(
      (params, token) =>
        runSafe(connection, 'textDocument/selectionRange', [], token, async () => {
          const current = await ctx.current(params.textDocument.uri);
          return current ? selectionRanges(current.result.parsed, params.positions) : [];
        }) as Promise<SelectionRange[]>,
    );
  },
};
