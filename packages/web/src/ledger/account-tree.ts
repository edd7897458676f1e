/**
 * The server sends charts of accounts and statement rows flat, each naming its parent; the screens show them
 * as trees. Rows whose parent is missing are shown at the top rather than lost.
 */
import { assert } from "@moldir/domain";

export interface TreeNode<T> {
  readonly item: T;
  readonly children: readonly TreeNode<T>[];
}

/** `items` as a forest, siblings ordered by code (accounting order: 1000, 1010, 1030 …). */
export function buildTree<T extends { readonly code: string; readonly parentId: string | null }>(
  items: readonly T[],
  idOf: (item: T) => string,
): TreeNode<T>[] {
  const ids = new Set(items.map(idOf));
  const childrenOf = new Map<string | null, T[]>();
  for (const item of items) {
    const parent = item.parentId !== null && ids.has(item.parentId) ? item.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), item]);
  }
  const visited = new Set<string>();
  const build = (parent: string | null): TreeNode<T>[] =>
    [...(childrenOf.get(parent) ?? [])]
      .sort((a, b) => a.code.localeCompare(b.code))
      .filter((item) => !visited.has(idOf(item)))
      .map((item) => {
        visited.add(idOf(item));
        return { item, children: build(idOf(item)) };
      });
  const roots = build(null);
  // Rows in a parent loop (the server never allows one) are shown at the top.
  for (const item of items) {
    if (!visited.has(idOf(item))) {
      visited.add(idOf(item));
      roots.push({ item, children: build(idOf(item)) });
    }
  }
  assert(visited.size === items.length, "every row is placed exactly once");
  return roots;
}

/** The tree in reading order with each row's depth, leaving out rows under a collapsed header. */
export function visibleRows<T>(
  roots: readonly TreeNode<T>[],
  idOf: (item: T) => string,
  collapsed: ReadonlySet<string>,
): { item: T; depth: number; hasChildren: boolean }[] {
  const rows: { item: T; depth: number; hasChildren: boolean }[] = [];
  const walk = (nodes: readonly TreeNode<T>[], depth: number) => {
    for (const node of nodes) {
      rows.push({ item: node.item, depth, hasChildren: node.children.length > 0 });
      if (!collapsed.has(idOf(node.item))) walk(node.children, depth + 1);
    }
  };
  walk(roots, 0);
  return rows;
}
