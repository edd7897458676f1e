import { describe, expect, it } from "vitest";
import { bookTemplates, chartTemplates } from "./chart-templates";

describe("chart templates", () => {
  for (const template of bookTemplates) {
    const accounts = chartTemplates[template];
    it(`${template}: codes are unique, parents exist and share the type, names are in three languages`, () => {
      const codes = new Set(accounts.map((a) => a.code));
      expect(codes.size).toBe(accounts.length);
      for (const a of accounts) {
        if (a.parentCode !== null) {
          const parent = accounts.find((p) => p.code === a.parentCode);
          expect(parent, a.code).toBeDefined();
          expect(parent?.type, a.code).toBe(a.type);
        }
        for (const name of Object.values(a.names)) expect(name.trim()).not.toBe("");
      }
    });
    it(`${template}: purposes are unique and include cash and retained earnings`, () => {
      const purposes = accounts.flatMap((a) => (a.purpose === undefined ? [] : [a.purpose]));
      expect(new Set(purposes).size).toBe(purposes.length);
      expect(purposes).toEqual(expect.arrayContaining(["cash", "retained_earnings"]));
    });
  }
});
