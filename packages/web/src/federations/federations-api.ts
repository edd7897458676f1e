/** What the federation and network screens share: the server's types and paths, and the app's paths. */
import type {
  FederationNode,
  FederationNodeSummary,
  FederationRollup,
  FundApplication,
  NetworkDashboard,
} from "@moldir/contract";

export type { FederationNode, FederationNodeSummary, FederationRollup, FundApplication, NetworkDashboard };

/** Server paths. */
export const federationApi = {
  nodes: "/api/v1/federation-nodes",
  node: (nodeId: string) => `/api/v1/federation-nodes/${encodeURIComponent(nodeId)}`,
  groups: (nodeId: string) => `/api/v1/federation-nodes/${encodeURIComponent(nodeId)}/groups`,
  leave: (nodeId: string, groupId: string) =>
    `/api/v1/federation-nodes/${encodeURIComponent(nodeId)}/groups/${encodeURIComponent(groupId)}/leave`,
  applications: (nodeId: string) =>
    `/api/v1/federation-nodes/${encodeURIComponent(nodeId)}/fund-applications`,
  decide: (applicationId: string, decision: "approve" | "refuse" | "disburse") =>
    `/api/v1/fund-applications/${encodeURIComponent(applicationId)}/${decision}`,
  rollup: (nodeId: string, asOf: string) =>
    `/api/v1/federation-nodes/${encodeURIComponent(nodeId)}/rollup?asOf=${asOf}&months=6`,
  networkDashboard: (asOf: string) => `/api/v1/network/dashboard?asOf=${asOf}`,
  allGroups: "/api/v1/groups",
  group: (groupId: string) => `/api/v1/groups/${encodeURIComponent(groupId)}`,
} as const;

/** App paths of the federation screens. */
export const federationPaths = {
  nodes: "/federations",
  node: (nodeId: string) => `/federations/${nodeId}`,
  network: "/network",
  formation: "/federations/formation",
} as const;

/** The nodes as a tree: each node with its children, roots first, names in order. */
export interface TreeNode {
  readonly node: FederationNodeSummary;
  readonly children: readonly TreeNode[];
}

export function treeOf(nodes: readonly FederationNodeSummary[]): TreeNode[] {
  const ids = new Set(nodes.map((n) => n.id));
  const build = (parentId: string | null, depth: number): TreeNode[] =>
    depth > 16
      ? []
      : nodes
          .filter((n) =>
            parentId === null ? n.parentId === null || !ids.has(n.parentId) : n.parentId === parentId,
          )
          .map((node) => ({ node, children: build(node.id, depth + 1) }));
  return build(null, 0);
}
