import type { ErrorCode } from "@moldir/contract";
import type { Err } from "@moldir/domain";

/**
 * An expected failure that a route answers with a catalogue error. Routes turn a domain `Result` that
 * failed into this (`throw refusal(result)`); the error handler writes the body in the caller's language.
 */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(code);
  }
}

export function refusal<E extends ErrorCode>(result: Err<E>): AppError {
  return new AppError(result.code, result.details);
}
