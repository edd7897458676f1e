import { defineConfig } from "vitest/config";

// End-to-end specs: the real server (built web app, real database) in a child process, driven by
// Playwright in Debian's Chromium.
export default defineConfig({
  test: {
    name: "e2e",
    include: ["packages/e2e/src/**/*.spec.ts"],
    globalSetup: ["packages/e2e/src/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
