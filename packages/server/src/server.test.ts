import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readConfig } from "./config";
import { demoPassword } from "./demo/seed-demo";
import { loadDemoIntoNewDataDir, startServer } from "./server";
import { signIn } from "./testing/fixtures";

// The embedded database's first start; a server's database is created by its administrator, not here.
describe.skipIf(process.env.TEST_DATABASE_URL !== undefined)(
  "the first start on the embedded database",
  () => {
    const parent = mkdtempSync(join(tmpdir(), "moldir-first-start-"));
    afterAll(() => rmSync(parent, { recursive: true, force: true }));

    const configOf = (dataDir: string) =>
      readConfig({
        DATA_DIR: dataDir,
        PORT: "0",
        HOST: "127.0.0.1",
        LOG_LEVEL: "silent",
        SEED_DEMO: "true",
        SEED_DEMO_SIZE: "tiny",
        CLOSE_OF_BUSINESS_SCHEDULE: "false",
      });

    it("moves the demo into place only once it is complete, throwing away a start stopped half-way", async () => {
      const dataDir = join(parent, "data");
      // What a first start stopped half-way leaves: an unfinished folder beside the data folder.
      mkdirSync(`${dataDir}.loading`);
      writeFileSync(join(`${dataDir}.loading`, "PG_VERSION"), "17\n");
      const first = await startServer(configOf(dataDir));
      try {
        expect(first.demoLogins?.length).toBeGreaterThan(0);
        expect(existsSync(`${dataDir}.loading`)).toBe(false);
        expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(true);
        const email = first.demoLogins?.[0]?.email ?? "";
        const client = await signIn(first.app, email, demoPassword);
        const session = await client.request({ url: "/api/v1/session" });
        expect(session.statusCode).toBe(200);
      } finally {
        await first.app.close();
      }
      // The next start finds the database and loads nothing; a folder holding anything else is never replaced.
      const second = await startServer(configOf(dataDir));
      try {
        expect(second.demoLogins).toBeNull();
      } finally {
        await second.app.close();
      }
    }, 180_000);

    it("never replaces a data folder that holds anything", async () => {
      const dataDir = join(parent, "not-empty");
      mkdirSync(dataDir);
      writeFileSync(join(dataDir, "keep.txt"), "mine\n");
      expect(await loadDemoIntoNewDataDir(configOf(dataDir))).toBeNull();
      expect(readFileSync(join(dataDir, "keep.txt"), "utf8")).toBe("mine\n");
      expect(existsSync(`${dataDir}.loading`)).toBe(false);
    });
  },
);
