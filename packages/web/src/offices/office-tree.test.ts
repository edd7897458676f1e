import type { Office } from "@moldir/contract";
import { describe, expect, it } from "vitest";
import { buildOfficeTree, type OfficeNode, officeWithDescendants } from "./office-tree";

function office(id: string, parentId: string | null): Office {
  return { id, parentId, names: { kk: id, ru: id, en: id }, regionId: null, version: 1 };
}

const byId = (a: Office, b: Office) => a.id.localeCompare(b.id);
const shape = (nodes: readonly OfficeNode[]): unknown[] =>
  nodes.map((node) =>
    node.children.length === 0 ? node.office.id : { [node.office.id]: shape(node.children) },
  );

describe("buildOfficeTree", () => {
  it("nests offices under their parents, siblings sorted", () => {
    const tree = buildOfficeTree(
      [office("c", "a"), office("a", null), office("b", "a"), office("d", null)],
      byId,
    );
    expect(shape(tree)).toEqual([{ a: ["b", "c"] }, "d"]);
  });

  it("shows an office whose parent is missing at the top", () => {
    expect(shape(buildOfficeTree([office("x", "gone")], byId))).toEqual(["x"]);
  });

  it("keeps offices that sit in a loop instead of losing them", () => {
    const tree = buildOfficeTree([office("a", "b"), office("b", "a")], byId);
    expect(shape(tree)).toEqual([{ a: ["b"] }]);
  });
});

describe("officeWithDescendants", () => {
  it("finds every office below one, however deep", () => {
    const offices = [
      office("d", "c"),
      office("c", "b"),
      office("b", "a"),
      office("a", null),
      office("e", null),
    ];
    expect([...officeWithDescendants(offices, "b")].sort()).toEqual(["b", "c", "d"]);
  });
});
