/**
 * Serves the built web app at `/`. Paths that are not files fall back to `index.html` so that the app's
 * own router can answer them; API paths never do, they get the catalogue's 404.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FallbackHandler } from "../http/errors";

const apiPrefixes = ["/api/", "/docs", "/health", "/ready"];

export async function registerWebApp(
  app: FastifyInstance,
  distDir: string,
): Promise<FallbackHandler | undefined> {
  const indexFile = join(distDir, "index.html");
  if (!existsSync(indexFile)) {
    app.log.warn({ distDir }, "the web app is not built; run `npm run build` to serve it");
    app.get("/", { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type("text/html; charset=utf-8")
        .send(
          '<!doctype html><title>Moldir</title><p>Moldir\'s API is running. The web app is not built: run <code>npm run build</code>. API: <a href="/docs">/docs</a></p>',
        ),
    );
    return undefined;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: "/",
    wildcard: false,
    index: ["index.html"],
    // Hashed assets never change; index.html must always be fresh.
    setHeaders: (reply, path) => {
      reply.header(
        "cache-control",
        path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
  return (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split("?")[0] ?? "/";
    const wantsPage = request.method === "GET" && (request.headers.accept ?? "").includes("text/html");
    if (!wantsPage || apiPrefixes.some((prefix) => path.startsWith(prefix)) || path.includes("."))
      return undefined;
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  };
}
