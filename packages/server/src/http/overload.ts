/**
 * Load shedding (ADR 0022): under more load than it can answer in time, the server refuses new requests at once
 * with `503 service_must_not_be_overloaded` and `Retry-After`, in the catalogue's shape and the caller's language,
 * instead of queueing them until every answer is late. Two signals, each off at 0:
 * - the event loop's lag and busy share, sampled by `@fastify/under-pressure` (the process cannot keep up);
 * - the requests being answered at the moment (`maxRequestsInFlight`): a queue in front of the database pool
 *   that would otherwise grow without bound while the event loop itself looks idle.
 * `/health` and `/ready` always answer, and are not counted: an orchestrator must see a loaded server as alive.
 * Refusal happens in the first `onRequest` hooks, before the session, the body or the database are touched.
 */
import underPressure, { type FastifyUnderPressureOptions } from "@fastify/under-pressure";
import { catalogue, type ErrorBody, errorMessage } from "@moldir/contract";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../config";

export type OverloadConfig = Pick<
  Config,
  | "overloadMaxEventLoopDelayMs"
  | "overloadMaxEventLoopUtilizationPercent"
  | "overloadMaxRequestsInFlight"
  | "overloadRetryAfterSeconds"
>;

/** An app built without these sheds nothing (tests, in-process benchmarks); `moldir serve` reads them from config. */
export const noShedding: OverloadConfig = {
  overloadMaxEventLoopDelayMs: 0,
  overloadMaxEventLoopUtilizationPercent: 0,
  overloadMaxRequestsInFlight: 0,
  overloadRetryAfterSeconds: 5,
};

/** How often the event loop's lag and busy share are sampled (each sample is the window's mean). */
export const overloadSampleIntervalMs = 1_000;

const alwaysAnswered = new Set(["/health", "/ready"]);

function isAlwaysAnswered(request: FastifyRequest): boolean {
  return alwaysAnswered.has(request.routeOptions.url ?? "");
}

/** What the server has refused since it started, by signal (read by tests and the logs). */
export interface OverloadCounters {
  eventLoop: number;
  inFlight: number;
}

declare module "fastify" {
  interface FastifyInstance {
    overloadCounters: OverloadCounters;
  }
}

const code = "service_must_not_be_overloaded";

/** Sets the refusal's status and headers on the reply and answers its body, not sent yet. */
function refusal(request: FastifyRequest, reply: FastifyReply, retryAfterSeconds: number): ErrorBody {
  const details = { retryAfterSeconds };
  reply
    .code(catalogue[code].status)
    .header("retry-after", String(retryAfterSeconds))
    .type("application/json; charset=utf-8");
  return { error: { code, message: errorMessage(code, request.locale, details), details } };
}

export async function registerOverloadShedding(app: FastifyInstance, config: OverloadConfig): Promise<void> {
  const counters: OverloadCounters = { eventLoop: 0, inFlight: 0 };
  app.decorate("overloadCounters", counters);
  const retryAfterSeconds = config.overloadRetryAfterSeconds;

  if (config.overloadMaxRequestsInFlight > 0) {
    const limit = config.overloadMaxRequestsInFlight;
    const counted = new WeakSet<FastifyRequest>();
    let inFlight = 0;
    const release = (request: FastifyRequest) => {
      if (counted.delete(request)) inFlight--;
    };
    app.addHook("onRequest", async (request, reply) => {
      if (isAlwaysAnswered(request)) return;
      if (inFlight >= limit) {
        counters.inFlight++;
        return reply.send(refusal(request, reply, retryAfterSeconds));
      }
      inFlight++;
      counted.add(request);
      // A client that goes away before its answer (a load generator stopping, a phone losing its signal) may get
      // neither onResponse nor onRequestAbort: the response's "close" comes in every case, after the answer too.
      reply.raw.once("close", () => release(request));
    });
    app.addHook("onResponse", async (request) => release(request));
  }

  const maxEventLoopDelay = config.overloadMaxEventLoopDelayMs;
  const maxEventLoopUtilization = config.overloadMaxEventLoopUtilizationPercent / 100;
  if (maxEventLoopDelay > 0 || maxEventLoopUtilization > 0) {
    // Returning nothing lets the request through; what it returns otherwise is sent (the plugin's `handlePressure`:
    // `reply.send(result)`), although its types say `void`.
    // The first samples after start hold the start itself (the routes, their schemas, the database opening):
    // that lag is not load, so the lag is not acted on for two samples after the app is ready.
    let readyAt = Number.POSITIVE_INFINITY;
    app.addHook("onReady", async () => {
      readyAt = Date.now();
    });
    const pressureHandler = (request: FastifyRequest, reply: FastifyReply): ErrorBody | undefined => {
      if (isAlwaysAnswered(request) || Date.now() - readyAt < 2 * overloadSampleIntervalMs) return undefined;
      counters.eventLoop++;
      return refusal(request, reply, retryAfterSeconds);
    };
    await app.register(underPressure, {
      maxEventLoopDelay,
      maxEventLoopUtilization,
      eventLoopUtilizationMode: "interval",
      sampleInterval: overloadSampleIntervalMs,
      retryAfter: retryAfterSeconds,
      pressureHandler: pressureHandler as unknown as NonNullable<
        FastifyUnderPressureOptions["pressureHandler"]
      >,
    });
  }
}
