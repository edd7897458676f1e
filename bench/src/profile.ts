/**
 * An optional CPU profile of the part of a benchmark that is measured (not of its set-up): with
 * `BENCH_CPU_PROFILE=<folder>` set, `profiled` records the work it wraps with the V8 profiler and writes
 * `<folder>/<name>.cpuprofile` (open it in Chrome's DevTools or speedscope). Without it, it only runs the work.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";

export async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const folder = process.env.BENCH_CPU_PROFILE;
  if (folder === undefined || folder === "") return work();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await work();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${name.replace(/[^\w.-]+/g, "-")}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
