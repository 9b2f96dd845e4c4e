// Points a Graph error at the file: the first property the message names that the file holds.
import type { Node } from 'jsonc-parser';
import type { Range, ParsedPolicy } from '../../../core/src';

export interface FileLocation {
  property: string;
  path: (string | number)[];
  offset: number;
  length: number;
  range: Range;
}

export function locateProperties(parsed: ParsedPolicy, names: string[]): FileLocation | undefined {
  const root = parsed.root;
  if (!root) return undefined;
  for (const name of names) {
    const found = findKey(root, name);
    if (found) {
      const key = found.node;
      return {
        property: name,
        path: found.path,
        offset: key.offset,
        length: key.length,
        range: parsed.lines.rangeOf(key.offset, key.length),
      };
    }
  }
  return undefined;
}

/** Breadth-first, so a top-level property wins over a nested one of the same name. */
function findKey(root: Node, name: string): { node: Node; path: (string | number)[] } | undefined {
  const queue: { node: Node; path: (string | number)[] }[] = [{ node: root, path: [] }];
  while (queue.length) {
    const { node, path } = queue.shift()!;
    if (node.type === 'object') {
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k) continue;
        const p = [...path, String(k.value)];
        if (k.value === name) return { node: k, path: p };
        if (v) queue.push({ node: v, path: p });
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((c, i) => queue.push({ node: c, path: [...path, i] }));
    }
  }
  return undefined;
}
