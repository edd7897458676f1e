import { describe, expect, it } from "vitest";
import { auditQuery, noAuditFilters } from "./audit-query";

describe("auditQuery", () => {
  it("sends only the filters that are set, trimmed", () => {
    expect(auditQuery({ ...noAuditFilters, action: " user.roles.change ", from: "2025-01-01" })).toBe(
      "action=user.roles.change&from=2025-01-01",
    );
  });

  it("adds the cursor and the page size", () => {
    expect(auditQuery(noAuditFilters, { before: "0190-abc", limit: 50 })).toBe("before=0190-abc&limit=50");
  });

  it("is empty without filters", () => {
    expect(auditQuery(noAuditFilters)).toBe("");
  });
});
