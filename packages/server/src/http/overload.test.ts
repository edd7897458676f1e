import { createTestDatabase, type TestDatabase } from "@moldir/db/testing";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../app";
import { readConfig } from "../config";
import { type OverloadConfig, overloadSampleIntervalMs } from "./overload";

const opened: { app: FastifyInstance; database: TestDatabase }[] = [];

afterEach(async () => {
  for (const { app, database } of opened.splice(0)) {
    await app.close();
    await database.drop();
  }
});

/** The app with these overload settings and a route that answers when the test lets it. */
async function appWith(overload: Partial<OverloadConfig>) {
  const database = await createTestDatabase();
  const app = await buildApp({
    config: { logLevel: "silent", trustProxy: false, webDistDir: "/nonexistent", ...overload },
    database,
  });
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  app.get("/test/slow", async () => {
    await released;
    return { ok: true };
  });
  await app.ready();
  opened.push({ app, database });
  return { app, release };
}

function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // a busy event loop, as under a load the process cannot keep up with
  }
}

describe("load shedding", () => {
  it("is on by default in the configuration, with the event loop's lag and the requests in flight", () => {
    expect(readConfig({})).toMatchObject({
      overloadMaxEventLoopDelayMs: 1_000,
      overloadMaxEventLoopUtilizationPercent: 0,
      overloadMaxRequestsInFlight: 64,
      overloadRetryAfterSeconds: 5,
    });
  });

  it("refuses a request beyond the limit in flight with 503, Retry-After and the catalogue's error, in the caller's language", async () => {
    const { app, release } = await appWith({ overloadMaxRequestsInFlight: 1, overloadRetryAfterSeconds: 7 });
    const slow = app.inject({ method: "GET", url: "/test/slow" });
    // The slow request is in flight once its hooks have run.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await app.inject({
      method: "GET",
      url: "/api/v1/session",
      headers: { "accept-language": "kk" },
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers["retry-after"]).toBe("7");
    expect(refused.json()).toEqual({
      error: {
        code: "service_must_not_be_overloaded",
        message: "Сервер қазір шамадан тыс жүктелген. 7 секундтан кейін қайталаңыз.",
        details: { retryAfterSeconds: 7 },
      },
    });
    // Health and readiness still answer, and do not take the place of a request.
    expect((await app.inject({ method: "GET", url: "/health" })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/ready" })).statusCode).toBe(200);
    expect(app.overloadCounters.inFlight).toBe(1);
    release();
    expect((await slow).statusCode).toBe(200);
    // Once the slow request is answered, the next one is served again (here: not signed in).
    const after = await app.inject({ method: "GET", url: "/api/v1/session" });
    expect(after.statusCode).toBe(401);
  });

  it("refuses new requests while the event loop lags beyond the limit, and keeps answering health and readiness", async () => {
    const { app } = await appWith({ overloadMaxEventLoopDelayMs: 1, overloadRetryAfterSeconds: 3 });
    let refused: Awaited<ReturnType<typeof app.inject>> | undefined;
    // Keep the event loop lagging (busy 40 ms of every 50), let a sample be taken, then ask; a few tries,
    // since sampling runs on a timer.
    const lag = setInterval(() => blockEventLoop(40), 50);
    try {
      for (let attempt = 0; attempt < 30 && refused === undefined; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, overloadSampleIntervalMs + 20));
        const response = await app.inject({
          method: "GET",
          url: "/api/v1/session",
          headers: { "accept-language": "en" },
        });
        if (response.statusCode === 503) refused = response;
        else expect(response.statusCode).toBe(401);
      }
    } finally {
      clearInterval(lag);
    }
    expect(refused?.headers["retry-after"]).toBe("3");
    expect(refused?.json().error).toMatchObject({
      code: "service_must_not_be_overloaded",
      message: "The server is overloaded right now. Try again in 3 s.",
    });
    expect(app.overloadCounters.eventLoop).toBeGreaterThan(0);
    expect((await app.inject({ method: "GET", url: "/health" })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/ready" })).statusCode).toBe(200);
  });

  it("stops counting a request whose client went away before its answer", async () => {
    const { app, release } = await appWith({ overloadMaxRequestsInFlight: 1 });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    const aborted = new AbortController();
    const gone = fetch(`http://127.0.0.1:${port}/test/slow`, { signal: aborted.signal }).catch(
      () => undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    aborted.abort();
    await gone;
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/session`);
      expect(response.status).toBe(401);
      await response.text();
    }
  });

  it("sheds nothing when the app is built without the settings (tests, tools)", async () => {
    const { app, release } = await appWith({});
    const slow = Array.from({ length: 5 }, () => app.inject({ method: "GET", url: "/test/slow" }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await app.inject({ method: "GET", url: "/api/v1/session" })).statusCode).toBe(401);
    release();
    for (const response of await Promise.all(slow)) expect(response.statusCode).toBe(200);
    expect(app.overloadCounters).toEqual({ eventLoop: 0, inFlight: 0 });
  });
});
