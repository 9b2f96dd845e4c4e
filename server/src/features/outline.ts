// The outline (document symbols) and selection ranges, built from the syntax tree the validation
// cache already holds for this document version, so neither parses the document again.
import { findNodeAtOffset, type Node } from 'jsonc-parser';
import { SymbolKind, type DocumentSymbol, type Position, type SelectionRange } from 'vscode-languageserver';
import type { ParsedPolicy } from '../../../core/src';
import { STRUCTURE_LIMIT } from '../limits';
import { shortTypeName } from '../../../core/src';

const KIND: Record<Node['type'], SymbolKind> = {
  object: SymbolKind.Module,
  array: SymbolKind.Array,
  property: SymbolKind.Property,
  string: SymbolKind.String,
  number: SymbolKind.Number,
  boolean: SymbolKind.Boolean,
  null: SymbolKind.Null,
};

export function documentSymbols(parsed: ParsedPolicy): DocumentSymbol[] {
  const root = parsed.root;
  if (!root) return [];
  let budget = STRUCTURE_LIMIT;
  const range = (n: Node) => parsed.lines.rangeOf(n.offset, n.length);

  const symbol = (name: string, whole: Node, selection: Node, value: Node): DocumentSymbol => ({
    // VS Code refuses a symbol with an empty name.
    name: name || '""',
    kind: KIND[value.type],
    range: range(whole),
    selectionRange: range(selection),
    detail: value.type === 'string' || value.type === 'number' || value.type === 'boolean' ? String(value.value) : undefined,
    children: childrenOf(value),
  });

  function childrenOf(node: Node): DocumentSymbol[] | undefined {
    if (node.type === 'object') {
      const out: DocumentSymbol[] = [];
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (!key || !value || budget-- <= 0) continue;
        out.push(symbol(String(key.value), prop, key, value));
      }
      return out;
    }
    if (node.type === 'array') {
      const out: DocumentSymbol[] = [];
      (node.children ?? []).forEach((item, i) => {
        if (budget-- <= 0) return;
        const label = entryLabel(item);
        out.push(symbol(label ? `${i}: ${label}` : String(i), item, item, item));
      });
      return out;
    }
    return undefined;
  }

  return root.type === 'object' || root.type === 'array' ? (childrenOf(root) ?? []) : [];
}

/**
 * Array entries would show as bare indices; naming them by `@odata.type` (`singleUser`),
 * `displayName` or `text` makes an approver or question list readable at a glance.
 */
function entryLabel(item: Node): string | undefined {
  if (item.type !== 'object') return undefined;
  for (const key of ['@odata.type', 'displayName', 'text']) {
    const prop = item.children?.find((p) => p.children?.[0]?.value === key);
    const value = prop?.children?.[1];
    if (value?.type === 'string' && value.value) {
      return key === '@odata.type' ? shortTypeName(String(value.value)) : String(value.value);
    }
  }
  return undefined;
}

/** For each position: the node under it, then each enclosing key/value, property and container. */
export function selectionRanges(parsed: ParsedPolicy, positions: Position[]): SelectionRange[] {
  const root = parsed.root;
  return positions.map((position) => {
    const offset = parsed.lines.offsetAt(position);
    const chain: Node[] = [];
    for (let n = root ? findNodeAtOffset(root, offset, true) : undefined; n; n = n.parent) chain.push(n);
    let result: SelectionRange | undefined;
    // Outermost first, so each range's parent is the one enclosing it.
    for (const node of chain.reverse()) {
      const range = parsed.lines.rangeOf(node.offset, node.length);
      if (result && sameRange(result.range, range)) continue;
      result = { range, parent: result };
    }
    return result ?? { range: { start: position, end: position } };
  });
}

function sameRange(a: SelectionRange['range'], b: SelectionRange['range']): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
