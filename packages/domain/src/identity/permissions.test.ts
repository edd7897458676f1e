import { describe, expect, it } from "vitest";
import { permissions, permissionsOf, rolePermissions, roles } from "./permissions";

describe("roles and permissions", () => {
  it("grants every role only declared permissions, and some", () => {
    for (const role of roles) {
      expect(rolePermissions[role].length, role).toBeGreaterThan(0);
      for (const p of rolePermissions[role]) expect(permissions).toContain(p);
    }
  });

  it("keeps the auditor read-only", () => {
    for (const p of rolePermissions.auditor) expect(p).toMatch(/\.read$/);
    expect(rolePermissions.auditor).toContain("audit.read");
  });

  it("lets only the network coordinator read the network", () => {
    for (const role of roles)
      expect(rolePermissions[role].includes("network.read")).toBe(role === "network_coordinator");
  });

  it("adds up the permissions of several assignments", () => {
    const granted = permissionsOf([
      { role: "facilitator", scopeKind: "office", scopeId: "x" },
      { role: "trainer", scopeKind: "organization", scopeId: null },
    ]);
    expect(granted.has("meetings.record")).toBe(true);
    expect(granted.has("trainings.manage")).toBe(true);
    expect(granted.has("ledger.post")).toBe(false);
  });
});
