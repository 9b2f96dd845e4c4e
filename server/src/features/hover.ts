// Hover: the doc of a property key, the type card of an `@odata.type` value, the meaning of an
// enum value. The text comes from core/src/knowledge, for the file's own API version.
import { findNodeAtOffset, getNodePath, type Node } from 'jsonc-parser';
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { Feature, ServerContext } from '../feature';
import { runSafe } from '../runSafe';
import { propertyHover, valueHover } from '../../../core/src';

export const hoverFeature: Feature = {
  name: 'hover',
  capabilities: { hoverProvider: true },
  register(ctx: ServerContext): void {
    const { connection } = ctx;
    // runSafe may also resolve to a cancellation ResponseError, which the connection sends as is.
    connection.onHover((params, token) =>
      runSafe<Hover | null>(connection, 'textDocument/hover', null, token, async () => {
        const current = await ctx.current(params.textDocument.uri);
        if (!current) return null;
        const { document, result } = current;
        const root = result.parsed.root;
        if (!root) return null;
        const offset = document.offsetAt(params.position);
        const node = findNodeAtOffset(root, offset);
        if (!node || node.type === 'object' || node.type === 'array' || node.type === 'property') return null;
        const property = node.parent;
        const isKey = property?.type === 'property' && property.children?.[0] === node;
        const path = getNodePath(node);
        const markdown = isKey
          ? propertyHover(result.apiVersion, path, result.parsed.value)
          : valueHover(result.apiVersion, path, result.parsed.value, node.value);
        if (!markdown) return null;
        return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: rangeOf(document, node) };
      }) as Promise<Hover | null>,
    );
  },
};

function rangeOf(document: { positionAt(offset: number): { line: number; character: number } }, node: Node) {
  return { start: document.positionAt(node.offset), end: document.positionAt(node.offset + node.length) };
}
