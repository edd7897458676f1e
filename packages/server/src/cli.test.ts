import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/moldir.mjs", import.meta.url));

function moldir(args: string[], env: Record<string, string> = {}) {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...inherited, LOG_LEVEL: "silent", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the moldir command", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "moldir-cli-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("lists its commands and the environment it reads", () => {
    const { code, stdout } = moldir(["--help"]);
    expect(code).toBe(0);
    for (const word of ["serve", "migrate", "seed-demo", "DATABASE_URL", "PORT", "DATA_DIR"])
      expect(stdout).toContain(word);
  });

  it.each(["serve", "migrate", "seed-demo"])("explains %s with --help", (command) => {
    const { code, stdout } = moldir([command, "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: moldir ${command}`);
  });

  it("stops on a bad setting with one clear line and no stack trace", () => {
    const { code, stdout, stderr } = moldir(["serve"], { PORT: "abc" });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toEqual([
      'moldir: PORT must be an integer from 0 to 65535, but it is "abc"',
    ]);
  });

  it("migrates the embedded database once", () => {
    const first = moldir(["migrate"], { DATA_DIR: dataDir });
    expect(first.stderr).toBe("");
    expect(first.stdout).toMatch(/^Applied: 0001_foundation/);
    const second = moldir(["migrate"], { DATA_DIR: dataDir });
    expect(second.stdout.trim()).toBe("Nothing to migrate.");
  });
});
