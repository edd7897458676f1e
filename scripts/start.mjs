// `npm start`: builds the web app when its build is missing or older than its sources, then serves.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const web = join(root, "packages/web");
const builtIndex = join(web, "dist/index.html");

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const sources = [join(web, "src"), join(web, "index.html")].filter(existsSync);
const isStale =
  !existsSync(builtIndex) || Math.max(...sources.map(newestMtime)) > statSync(builtIndex).mtimeMs;
if (isStale) {
  process.stdout.write("Building the web app (once)…\n");
  const build = spawnSync("npm", ["run", "build", "-w", "@moldir/web"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

process.argv = [process.argv[0], join(root, "packages/server/bin/moldir.mjs"), "serve"];
await import("../packages/server/bin/moldir.mjs");
