import { describe, expect, it } from "vitest";
import { type FederationNodeSummary, treeOf } from "./federations-api";

const node = (id: string, parentId: string | null): FederationNodeSummary => ({
  id,
  parentId,
  level: "village",
  name: id,
  regionId: null,
  formedOn: "2025-01-01",
  bookId: id,
  groupCount: 0,
  version: 1,
});

describe("the federation tree", () => {
  it("puts each node under its parent, and a node whose parent is out of reach at the top", () => {
    const tree = treeOf([node("r", null), node("c", "r"), node("v", "c"), node("scoped", "hidden")]);
    expect(tree.map((t) => t.node.id)).toEqual(["r", "scoped"]);
    expect(tree[0]?.children[0]?.children[0]?.node.id).toBe("v");
  });
});
