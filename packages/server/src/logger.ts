/**
 * Structured JSON logs (pino) with the request id on every line. Personal data stays out: requests are
 * logged by method and path only (a query string may hold a search for a name or an IIN), and headers,
 * bodies, cookies and tokens are never logged.
 */
import type { FastifyServerOptions } from "fastify";
import type { LogLevel } from "./config";
import { pathOf } from "./http/errors";

export function loggerOptions(
  level: LogLevel,
  stream?: NodeJS.WritableStream,
): FastifyServerOptions["logger"] {
  return {
    level,
    ...(stream === undefined ? {} : { stream }),
    redact: { paths: ["req.headers", "res.headers", "*.password", "*.iin", "*.token"], remove: true },
    serializers: {
      req: (request: { method: string; url: string; id: string }) => ({
        method: request.method,
        path: pathOf(request.url),
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}
