// `npm test`: lint and format check, type check, the unit and integration suite, then the end-to-end
// specs in Chromium. The database tests run on the embedded database, or on the PostgreSQL server named
// by TEST_DATABASE_URL. Ends with one line "Tests: N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const reports = mkdtempSync(join(tmpdir(), "moldir-test-report-"));
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const engine = process.env.TEST_DATABASE_URL ? "PostgreSQL server (TEST_DATABASE_URL)" : "embedded PGlite";
let passed = 0;
let failed = 0;
const failedSteps = [];

function run(title, command, args) {
  process.stdout.write(`\n▶ ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) failedSteps.push(title);
  return result.status === 0;
}

function countFrom(reportFile) {
  if (!existsSync(reportFile)) return;
  const report = JSON.parse(readFileSync(reportFile, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed +=
    (report.numFailedTests ?? 0) + (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? 1 : 0);
}

process.stdout.write(`Database engine for this run: ${engine}\n`);
run("lint and format (biome)", "npx", ["biome", "check", "."]);
run("type check (tsc)", "npx", ["tsc", "-p", "tsconfig.json", "--noEmit"]);
const unitReport = join(reports, "unit.json");
run("unit and integration tests (vitest)", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${unitReport}`,
]);
countFrom(unitReport);

if (existsSync(chromium)) {
  const e2eReport = join(reports, "e2e.json");
  if (run("build the web app", "npm", ["run", "build", "-w", "@moldir/web"])) {
    run("end-to-end tests (Playwright, Chromium)", "npx", [
      "vitest",
      "run",
      "--config",
      "packages/e2e/vitest.config.ts",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${e2eReport}`,
    ]);
    countFrom(e2eReport);
  }
} else {
  process.stdout.write(
    `\n! ${chromium} is missing, so the end-to-end tests did not run. Install it with: apt-get install -y chromium\n`,
  );
  if (process.env.CI) failedSteps.push("end-to-end tests (Chromium missing)");
}

rmSync(reports, { recursive: true, force: true });
if (failedSteps.length > 0) process.stdout.write(`\nFailed: ${failedSteps.join("; ")}\n`);
process.stdout.write(
  `\nTests: ${passed} passed, ${failed + (failedSteps.length > 0 && failed === 0 ? 1 : 0)} failed\n`,
);
process.exit(failedSteps.length > 0 ? 1 : 0);
