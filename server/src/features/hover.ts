// Hover: the doc of a property key, the type card of an `@odata.type` value, the meaning of an
// enum value. The text comes from core/src/knowledge, for the file's own API version.
import { findNodeAtOffset, getNodePath, type Node } from 'jsonc-parser';
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { Feature, ServerContext } from '../feature';
import { runSafe } from '../runSafe';
import { propertyHover, valueHover } from '../../../core/src';
import { configHover, isConfigDocument } from '../config/configDocuments';
import { queryOf, targetsIn, tenantLookupsEnabled } from './tenant';
import { tenantHoverText } from '../tenant/tenantText';

/** How long a hover waits for the tenant's answer before it says "looking it up". */
export const TENANT_HOVER_WAIT_MS = 400;

export const hoverFeature: Feature = {
  name: 'hover',
  capabilities: { hoverProvider: true },
  register(ctx: ServerContext): void {
    const { connection } = ctx;
    // runSafe may also resolve to a cancellation ResponseError, which the connection sends as is.
    connection.onHover(
      (params, token) =>
        runSafe<Hover | null>(connection, 'textDocument/hover', null, token, async () => {
          const open = ctx.documents.get(params.textDocument.uri);
          if (open && isConfigDocument(open)) return configHover(open, params.position);
          const current = await ctx.current(params.textDocument.uri);
          if (!current) return null;
          const { document, result } = current;
          const root = result.parsed.root;
          if (!root) return null;
          const offset = document.offsetAt(params.position);
          const tenantText = await tenantHover(ctx, result, offset);
          const node = findNodeAtOffset(root, offset);
          if (!node || node.type === 'object' || node.type === 'array' || node.type === 'property') return null;
          const property = node.parent;
          const isKey = property?.type === 'property' && property.children?.[0] === node;
          const path = getNodePath(node);
          const markdown = isKey
            ? propertyHover(result.apiVersion, path, result.parsed.value)
            : valueHover(result.apiVersion, path, result.parsed.value, node.value);
          const value = [tenantText?.markdown, markdown].filter(Boolean).join('\n\n---\n\n');
          if (!value) return null;
          const range = tenantText
            ? { start: document.positionAt(tenantText.offset), end: document.positionAt(tenantText.offset + tenantText.length) }
            : rangeOf(document, node);
          return { contents: { kind: MarkupKind.Markdown, value }, range };
        }) as Promise<Hover | null>,
    );
  },
};

function rangeOf(document: { positionAt(offset: number): { line: number; character: number } }, node: Node) {
  return { start: document.positionAt(node.offset), end: document.positionAt(node.offset + node.length) };
}

/** What the signed-in tenant says about the id or reference at `offset`, waiting a short bound. */
async function tenantHover(ctx: ServerContext, result: Parameters<typeof targetsIn>[0], offset: number) {
  if (!tenantLookupsEnabled(ctx)) return undefined;
  const target = targetsIn(result).find((t) => offset >= t.offset && offset <= t.offset + t.length);
  if (!target) return undefined;
  const waitingText = () => {
    const waiting = ctx.tenant.waiting;
    return waiting && { markdown: `Not looked up: ${waiting}.`, offset: target.offset, length: target.length };
  };
  if (ctx.tenant.signInState === 'signedOut') return waitingText() || undefined;
  const query = queryOf(target);
  ctx.tenant.want([query]);
  await ctx.tenant.settled([query.key], TENANT_HOVER_WAIT_MS);
  // Signed out: the hover says nothing of the tenant (the first answer may say so), unless why is worth saying.
  if ((ctx.tenant.signInState as string) === 'signedOut') return waitingText() || undefined;
  return {
    markdown: tenantHoverText(target, ctx.tenant.get(query.key), ctx.tenant.tenant, ctx.tenant.environment),
    offset: target.offset,
    length: target.length,
  };
}
