import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isUuid, uuidV7, uuidV7Time } from "./uuid";

describe("uuidV7", () => {
  it("writes the version, the variant and the time", () => {
    const id = uuidV7(1_700_000_000_000, new Uint8Array(10).fill(0xff));
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe("7");
    expect(["8", "9", "a", "b"]).toContain(id[19]);
    expect(uuidV7Time(id)).toBe(1_700_000_000_000);
  });

  it("sorts by time", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 47 }),
        fc.integer({ min: 1, max: 10 ** 6 }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        (t, dt, r1, r2) => {
          expect(uuidV7(t, r1) < uuidV7(t + dt, r2)).toBe(true);
        },
      ),
    );
  });
});
