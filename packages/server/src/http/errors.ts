/**
 * One shape for every error response: `{ "error": { "code", "message", "details" } }`, with the message
 * in the language of Accept-Language. Validation errors name each refused field. Anything that is not an
 * expected error is logged with its stack and answered as `internal_error`, without internals.
 */
import {
  catalogue,
  type ErrorBody,
  type ErrorCode,
  errorMessage,
  type FieldReason,
  fieldReasons,
} from "@moldir/contract";
import type { Locale } from "@moldir/domain";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError } from "./app-error";

export interface FieldProblem {
  readonly field: string;
  readonly reason: FieldReason;
  readonly message: string;
}

export function sendError(
  reply: FastifyReply,
  locale: Locale,
  code: ErrorCode,
  details: Readonly<Record<string, unknown>> = {},
): FastifyReply {
  const body: ErrorBody = { error: { code, message: errorMessage(code, locale, details), details } };
  return reply.code(catalogue[code].status).type("application/json; charset=utf-8").send(body);
}

function reasonOf(keyword: string, message: string): FieldReason {
  switch (keyword) {
    case "invalid_type":
      return /received undefined/i.test(message) ? "required" : "invalid_type";
    case "invalid_format":
    case "invalid_value":
    case "too_small":
    case "too_big":
      return keyword;
    case "invalid_string":
      return "invalid_format";
    case "unrecognized_keys":
      return "unknown_field";
    default:
      return "invalid";
  }
}

/** Turns schema validation issues into field problems in the caller's language. */
export function fieldProblems(
  issues: readonly { instancePath: string; keyword: string; message?: string; params?: unknown }[],
  context: string | undefined,
  locale: Locale,
): FieldProblem[] {
  return issues.flatMap((issue) => {
    const base = issue.instancePath.replace(/^\//, "").replaceAll("/", ".");
    const reason = reasonOf(issue.keyword, issue.message ?? "");
    const keys =
      issue.keyword === "unrecognized_keys" && typeof issue.params === "object" && issue.params !== null
        ? ((issue.params as { keys?: unknown }).keys as string[] | undefined)
        : undefined;
    const fields = keys?.length
      ? keys.map((key) => (base ? `${base}.${key}` : key))
      : [base || (context ?? "body")];
    return fields.map((field) => ({ field, reason, message: fieldReasons[reason][locale] }));
  });
}

/** Answers a request no route took, or returns undefined to let the catalogue's 404 answer. */
export type FallbackHandler = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined;

/** Sets the error handler; call it before any route is registered, since plugins copy it when they start. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = request.locale;
    if (error instanceof AppError) return sendError(reply, locale, error.code, error.details);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = fieldProblems(error.validation, error.validationContext, locale);
      const first = fields[0];
      return sendError(reply, locale, "request_must_be_valid", {
        field: first?.field ?? "body",
        reason: first?.message ?? fieldReasons.invalid[locale],
        fields,
      });
    }
    switch (error.code) {
      case "FST_ERR_CTP_INVALID_JSON_BODY":
      case "FST_ERR_CTP_EMPTY_JSON_BODY":
        return sendError(reply, locale, "body_must_be_valid_json");
      case "FST_ERR_CTP_BODY_TOO_LARGE":
        return sendError(reply, locale, "body_must_not_exceed_limit", {
          limitBytes: app.initialConfig.bodyLimit,
        });
      case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
        return sendError(reply, locale, "content_type_must_be_supported");
      case "FST_ERR_RATE_LIMIT_EXCEEDED":
        return sendError(reply, locale, "request_rate_must_stay_within_limit");
    }
    if (error instanceof SyntaxError && error.statusCode === 400)
      return sendError(reply, locale, "body_must_be_valid_json");
    request.log.error({ err: error }, "request failed");
    return sendError(reply, locale, "internal_error");
  });
}

export function registerNotFoundHandler(app: FastifyInstance, fallback?: FallbackHandler): void {
  app.setNotFoundHandler(
    (request, reply) =>
      fallback?.(request, reply) ??
      sendError(reply, request.locale, "route_must_exist", {
        method: request.method,
        path: pathOf(request.url),
      }),
  );
}

/** The path of a URL without its query string, which may hold what must not be echoed or logged. */
export function pathOf(url: string): string {
  const at = url.indexOf("?");
  return at < 0 ? url : url.slice(0, at);
}
