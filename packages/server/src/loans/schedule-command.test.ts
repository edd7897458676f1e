import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loanCalculatorRequestExample } from "@moldir/contract/loans";
import { afterAll, describe, expect, it } from "vitest";
import { useTestApp } from "../testing/test-app";
import { runScheduleCommand } from "./schedule-command";

const bin = fileURLToPath(new URL("../../bin/moldir.mjs", import.meta.url));
const getTestApp = useTestApp();

function moldir(args: string[]) {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...inherited, LOG_LEVEL: "silent" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("moldir schedule <file.json>", () => {
  const folder = mkdtempSync(join(tmpdir(), "moldir-schedule-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  function write(name: string, text: string): string {
    const path = join(folder, name);
    writeFileSync(path, text);
    return path;
  }

  it("prints the same JSON as the API, pretty-printed, and exits 0", async () => {
    const file = write("loan.json", JSON.stringify(loanCalculatorRequestExample));
    const { code, stdout, stderr } = moldir(["schedule", file]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const api = await getTestApp().app.inject({
      method: "POST",
      url: "/api/v1/loan-calculator",
      payload: loanCalculatorRequestExample,
    });
    expect(api.statusCode).toBe(200);
    expect(stdout).toBe(`${JSON.stringify(api.json(), null, 2)}\n`);
  });

  it("refuses a bad file with one line, its code and an English message, and exits 1", () => {
    const file = write("unknown.json", JSON.stringify({ ...loanCalculatorRequestExample, colour: "red" }));
    const { code, stdout, stderr } = moldir(["schedule", file]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe("moldir: field_is_unknown: Unknown field: “colour”.\n");
  });

  it("explains itself with --help", () => {
    const { code, stdout } = moldir(["schedule", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: moldir schedule");
    expect(moldir(["--help"]).stdout).toContain("schedule");
  });

  it.each([
    ["not JSON", "{ nope", "moldir: body_must_be_valid_json: The request body is not valid JSON.\n"],
    ["not an object", "[1]", "moldir: body_must_be_an_object: The request body must be a JSON object.\n"],
    [
      "a refused rule",
      JSON.stringify({ ...loanCalculatorRequestExample, principalMinor: "0" }),
      "moldir: principal_must_be_positive: The loan amount must be greater than zero. (field: principalMinor)\n",
    ],
  ])("refuses a file that is %s", async (_name, text, line) => {
    const outcome = await runScheduleCommand(write("bad.json", text));
    expect(outcome).toEqual({ exitCode: 1, stdout: "", stderr: line });
  });

  it("refuses a file it cannot read", async () => {
    const missing = join(folder, "missing.json");
    const outcome = await runScheduleCommand(missing);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.stderr).toBe(`moldir: file_must_be_readable: Cannot read the file “${missing}”.\n`);
  });
});
