import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "./testing";

// The same values must come back with the same JavaScript types from PGlite and from the PostgreSQL
// server; this file runs on whichever engine the test run uses (CI runs both).
describe("values read from the database", () => {
  const database = useTestDatabase();

  it("reads int8 as bigint, numeric as an exact string, date as a plain string", async () => {
    const { rows } = await sql<{
      big: bigint;
      huge: bigint;
      sum: string;
      exact: string;
      day: string;
      small: number;
      at: Date;
      flag: boolean;
      doc: { a: number };
    }>`SELECT 150000::int8 AS big, 9007199254740993::int8 AS huge, sum(x)::numeric AS sum,
        12345678901234567890.123456789::numeric AS exact, DATE '2025-01-31' AS day, 7::int4 AS small,
        TIMESTAMPTZ '2025-01-15T10:00:00Z' AS at, true AS flag, '{"a":1}'::jsonb AS doc
       FROM (VALUES (1::int8), (2::int8)) AS t(x)`.execute(database().db);
    expect(rows[0]).toEqual({
      big: 150000n,
      huge: 9007199254740993n,
      sum: "3",
      exact: "12345678901234567890.123456789",
      day: "2025-01-31",
      small: 7,
      at: new Date("2025-01-15T10:00:00Z"),
      flag: true,
      doc: { a: 1 },
    });
  });

  it("sums bigint columns into exact numeric strings", async () => {
    const { rows } = await sql<{ total: string }>`SELECT sum(x) AS total FROM (VALUES
      (9223372036854775807::int8), (9223372036854775807::int8)) AS t(x)`.execute(database().db);
    expect(rows[0]?.total).toBe("18446744073709551614");
  });

  it("sends bigint parameters without loss", async () => {
    const value = 9007199254740993n;
    const { rows } = await sql<{ back: bigint }>`SELECT ${value}::int8 AS back`.execute(database().db);
    expect(rows[0]?.back).toBe(value);
  });

  it("runs many statements in one raw transaction and rolls them back on error", async () => {
    await database().rawTransaction((tx) =>
      tx.exec("CREATE TABLE raw_check (n int8); INSERT INTO raw_check VALUES (1)"),
    );
    await expect(
      database().rawTransaction((tx) => tx.exec("INSERT INTO raw_check VALUES (2); SELECT 1/0")),
    ).rejects.toThrow(/division by zero/);
    const rows = await database().rawTransaction((tx) => tx.query<{ n: bigint }>("SELECT n FROM raw_check"));
    expect(rows).toEqual([{ n: 1n }]);
  });
});
