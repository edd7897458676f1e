/**
 * The server lists offices flat, each naming its parent; the screen shows them as a tree. Built here, with
 * offices whose parent is missing (or that sit in a loop the server should never allow) shown at the top
 * rather than lost.
 */
import type { Office } from "@moldir/contract";
import { assert } from "@moldir/domain";

export interface OfficeNode {
  readonly office: Office;
  readonly children: readonly OfficeNode[];
}

/** The offices as a forest, siblings in the order given by `compare`. */
export function buildOfficeTree(
  offices: readonly Office[],
  compare: (a: Office, b: Office) => number,
): OfficeNode[] {
  const ids = new Set(offices.map((office) => office.id));
  const childrenOf = new Map<string | null, Office[]>();
  for (const office of offices) {
    const parent = office.parentId !== null && ids.has(office.parentId) ? office.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), office]);
  }
  const visited = new Set<string>();
  const build = (parent: string | null): OfficeNode[] =>
    [...(childrenOf.get(parent) ?? [])]
      .sort(compare)
      .filter((office) => !visited.has(office.id))
      .map((office) => {
        visited.add(office.id);
        return { office, children: build(office.id) };
      });
  const roots = build(null);
  for (const office of offices) {
    if (!visited.has(office.id)) {
      visited.add(office.id);
      roots.push({ office, children: build(office.id) });
    }
  }
  assert(visited.size === offices.length, "every office is placed exactly once");
  return roots;
}

/** The office and every office below it: none of them can become its parent. */
export function officeWithDescendants(offices: readonly Office[], officeId: string): Set<string> {
  const found = new Set([officeId]);
  // Each pass adds at least one office or stops, so there are at most as many passes as offices.
  for (let pass = 0; pass < offices.length; pass++) {
    const before = found.size;
    for (const office of offices) {
      if (office.parentId !== null && found.has(office.parentId)) found.add(office.id);
    }
    if (found.size === before) break;
  }
  return found;
}
