import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// The domain runs on the server and on a phone offline: it imports no other package and does no IO.
// Time and randomness are passed in, so `Date.now`, `new Date()` and `Math.random` are refused too.
const root = new URL(".", import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("the domain package", () => {
  const files = sourceFiles(root);

  it("has source files to check", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it("imports only its own modules", () => {
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
        const specifier = match[1] ?? "";
        if (!specifier.startsWith(".")) offenders.push(`${relative(root, file)} imports ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("reads no clock, no randomness and no environment", () => {
    const forbidden =
      /\bDate\.now\(|new Date\(|Math\.random\(|process\.|require\(|globalThis\.fetch|\bfetch\(/;
    const offenders = files
      .filter((file) => forbidden.test(readFileSync(file, "utf8")))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });
});
