import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// One run covers every package. Database tests get an isolated, migrated database per file from the
// template that the global set-up prepares once (PGlite by default, PostgreSQL with TEST_DATABASE_URL).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["packages/{domain,contract,db,server}/src/**/*.test.ts", "bench/src/**/*.test.ts"],
          globalSetup: ["packages/db/src/testing/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: "web",
          environment: "jsdom",
          include: ["packages/web/src/**/*.test.{ts,tsx}"],
          setupFiles: ["packages/web/src/test/setup.ts"],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
