/**
 * Assertions for invariants. A failed assertion is a programmer error, never an expected outcome:
 * expected failures are `Result` values with a code from the catalogue.
 */
export class AssertionError extends Error {
  override name = "AssertionError";
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Makes a `switch` exhaustive: the compiler refuses a call whose argument is not `never`. */
export function assertNever(value: never, what = "value"): never {
  throw new AssertionError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
