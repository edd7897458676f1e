/**
 * "JS on any route, gzipped" and the first load of the sign-in page, read from the web app's production build
 * (`packages/web/dist`) by the web's own budget script (`npm run size -w @moldir/web`, which follows the build
 * manifest's imports per route and gzips at level 9). The figure judged is the heaviest route's JavaScript; the
 * heaviest route is named beside it. The script stays the one list of routes: this benchmark runs it and reads
 * its lines. Without a build, nothing is measured and the run says so (build with `npm run build`).
 *
 * PERFORMANCE.md's "Field mode first load" has no screen to measure yet (there is no field mode); the sign-in
 * page's first load (HTML + CSS + JS; fonts are the system's) is printed beside it without a verdict.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Goal, summarize } from "./harness";
import type { DatabaseBenchmark } from "./suite";

const webDir = fileURLToPath(new URL("../../packages/web/", import.meta.url));
const manifestFile = fileURLToPath(new URL("../../packages/web/dist/.vite/manifest.json", import.meta.url));
const sizeScript = fileURLToPath(new URL("../../packages/web/scripts/bundle-size.mjs", import.meta.url));

const routeJsGoal: Goal = { text: "≤ 250 KB (stretch ≤ 120 KB)", must: 250, stretch: 120, unit: "KB" };

export interface RouteSize {
  readonly route: string;
  readonly jsKb: number;
  readonly cssKb: number;
  readonly htmlKb: number;
  readonly totalKb: number;
}

/** The lines of `bundle-size.mjs`: `<route>  JS 123.4 KB  CSS 5.6 KB  HTML 0.5 KB  total 129.5 KB`. */
export function parseRouteSizes(output: string): RouteSize[] {
  const line = /^(\S+)\s+JS\s+([\d.]+) KB\s+CSS\s+([\d.]+) KB\s+HTML\s+([\d.]+) KB\s+total\s+([\d.]+) KB\s*$/;
  return output.split("\n").flatMap((text) => {
    const match = line.exec(text.trim());
    if (match === null) return [];
    return [
      {
        route: match[1] as string,
        jsKb: Number(match[2]),
        cssKb: Number(match[3]),
        htmlKb: Number(match[4]),
        totalKb: Number(match[5]),
      },
    ];
  });
}

/** The gzipped sizes per route of the current build, or null when the web app is not built. */
export function measureRouteSizes(): RouteSize[] | null {
  if (!existsSync(manifestFile)) return null;
  // The script exits 1 when a budget is exceeded; its lines are read either way.
  const result = spawnSync(process.execPath, [sizeScript], { cwd: webDir, encoding: "utf8" });
  const sizes = parseRouteSizes(result.stdout ?? "");
  if (sizes.length === 0)
    throw new Error(`the web's size script printed no routes: ${result.stderr || result.stdout}`);
  return sizes;
}

export const webBundleSize: DatabaseBenchmark = {
  name: "JS on any route, gzipped",
  async run({ log }) {
    const sizes = measureRouteSizes();
    if (sizes === null) {
      log("JS on any route: skipped, the web app is not built (run `npm run build`, then the bench again)");
      return [];
    }
    const heaviest = sizes.reduce((a, b) => (b.jsKb > a.jsKb ? b : a));
    const login = sizes.find((s) => s.route === "/login");
    const results = [
      summarize(
        "JS on any route, gzipped (heaviest route)",
        routeJsGoal,
        "KB",
        [heaviest.jsKb],
        `${sizes.length} routes of the build; heaviest ${heaviest.route}; level-9 gzip, npm run size -w @moldir/web`,
      ),
    ];
    if (login !== undefined)
      results.push(
        summarize(
          "First load of the sign-in page (HTML+CSS+JS gzipped)",
          null,
          "KB",
          [login.totalKb],
          `JS ${login.jsKb} KB, CSS ${login.cssKb} KB, HTML ${login.htmlKb} KB; no field mode exists yet ` +
            "(its goal: ≤ 170 KB, stretch ≤ 100 KB)",
        ),
      );
    return results;
  },
};
