import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/moldir.mjs", import.meta.url));

function moldir(args: string[], env: Record<string, string> = {}, input?: string) {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...inherited, LOG_LEVEL: "silent", ...env },
    encoding: "utf8",
    timeout: 60_000,
    ...(input === undefined ? {} : { input }),
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

  it.each(["serve", "migrate", "seed-demo", "create-admin"])("explains %s with --help", (command) => {
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

  it("creates the first administrator with a password read from standard input, and refuses a weak one", () => {
    const args = ["create-admin", "--email", "first@example.kz", "--name", "Айгүл", "--org-name", "Жаңа ҮЕҰ"];
    const weak = moldir(args, { DATA_DIR: dataDir }, "password123\n");
    expect(weak.code).toBe(1);
    expect(weak.stderr.trim()).toBe(
      "moldir: password_must_not_be_common: This password is too easy to guess. Choose a phrase of several words.",
    );
    const created = moldir(args, { DATA_DIR: dataDir }, "a long enough phrase 42\n");
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created the organization .* and its administrator first@example.kz/);
    const again = moldir(args, { DATA_DIR: dataDir }, "a long enough phrase 42\n");
    expect(again.stderr).toMatch(/email_must_be_unique/);
  });

  it("loads the demo once and prints its logins", () => {
    const first = moldir(["seed-demo", "--size", "tiny"], { DATA_DIR: dataDir });
    expect(first.stdout).toMatch(/^Loaded the demo\./);
    expect(first.stdout).toContain("administrator@moldir.demo");
    const second = moldir(["seed-demo", "--size", "large"], { DATA_DIR: dataDir });
    expect(second.stdout).toMatch(/^The demo is loaded already/);
  }, 120_000);
});
