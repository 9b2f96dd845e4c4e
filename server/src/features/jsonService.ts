// Editor basics from vscode-json-languageservice: formatting (document and range), the outline
// (document symbols), folding ranges and selection ranges. It is configured with our schemas but
// never asked to validate: the validation core is the one source of diagnostics.
import { getLanguageService, type JSONDocument, type LanguageService } from 'vscode-json-languageservice';
import { SymbolKind, type DocumentSymbol, type FoldingRange, type FormattingOptions, type Range, type SelectionRange, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Feature, ServerContext } from '../feature';
import { runSafe } from '../runSafe';
import { policySchema } from '../../../core/src/schemas';

let service: LanguageService | undefined;

function jsonService(): LanguageService {
  if (!service) {
    // No schemaRequestService: the service must never fetch anything over the network.
    service = getLanguageService({});
    service.configure({
      validate: false,
      allowComments: true,
      schemas: (['v1.0', 'beta'] as const).map((v) => {
        const schema = policySchema(v);
        return { uri: schema.$id ?? `accesspolicy-${v}`, schema: schema as object };
      }),
    });
  }
  return service;
}

/** One parse per document version, shared by the outline and selection ranges. */
const parsedDocs = new Map<string, { version: number; doc: JSONDocument }>();
function jsonDocument(document: TextDocument): JSONDocument {
  const hit = parsedDocs.get(document.uri);
  if (hit && hit.version === document.version) return hit.doc;
  const doc = jsonService().parseJSONDocument(document);
  parsedDocs.set(document.uri, { version: document.version, doc });
  return doc;
}

function format(document: TextDocument, range: Range | undefined, options: FormattingOptions) {
  return jsonService().format(document, range, { ...options, insertFinalNewline: options.insertFinalNewline ?? false });
}

/**
 * Array entries show as bare indices in the generic outline; naming them by their `@odata.type`
 * (`singleUser`) or `displayName` makes an approver list readable at a glance.
 */
function nameEntries(symbols: DocumentSymbol[], parentIsArray: boolean): DocumentSymbol[] {
  for (const s of symbols) {
    if (parentIsArray && s.children) {
      const label = entryLabel(s);
      if (label) s.name = `${s.name}: ${label}`;
    }
    if (s.children) nameEntries(s.children, s.kind === SymbolKind.Array);
  }
  return symbols;
}

function entryLabel(symbol: DocumentSymbol): string | undefined {
  for (const key of ['@odata.type', 'displayName', 'text']) {
    // The service puts a string leaf's value in `detail`.
    const detail = symbol.children?.find((c) => c.name === key && c.kind === SymbolKind.String)?.detail;
    if (detail) return key === '@odata.type' ? detail.replace(/^#?microsoft\.graph\./, '') : detail;
  }
  return undefined;
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
    documents.onDidClose((e) => parsedDocs.delete(e.document.uri));

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
        const symbols = jsonService().findDocumentSymbols2(document, jsonDocument(document), { resultLimit: 5000 });
        return nameEntries(symbols, false);
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
        return document ? jsonService().getSelectionRanges(document, params.positions, jsonDocument(document)) : [];
      }) as Promise<SelectionRange[]>,
    );
  },
};
