import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./driver";
import { migrate } from "./migrate";

// The embedded engine keeps its data in a folder: what was committed is there after a restart.
describe("the embedded database", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "moldir-embedded-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("keeps its data across a restart", async () => {
    const first = await openDatabase({ dataDir });
    await migrate(first);
    await first.rawTransaction((tx) =>
      tx.exec("CREATE TABLE kept (amount_minor int8); INSERT INTO kept VALUES (150000)"),
    );
    await first.close();

    const second = await openDatabase({ dataDir });
    expect((await migrate(second)).applied).toEqual([]);
    const rows = await second.rawTransaction((tx) =>
      tx.query<{ amount_minor: bigint }>("SELECT amount_minor FROM kept"),
    );
    expect(rows).toEqual([{ amount_minor: 150000n }]);
    await second.close();
  });
});
