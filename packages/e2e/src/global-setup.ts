import type { TestProject } from "vitest/node";
import { startServerProcess } from "./server-process";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** One real server for all specs. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startServerProcess();
  project.provide("baseUrl", server.url);
  return () => server.stop();
}
