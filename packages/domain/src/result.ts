/**
 * The value of an operation that can fail in an expected way. Error codes are snake_case, stated
 * positively (`amount_must_be_positive`), and every code is mapped in the contract's error catalogue.
 */
export type Result<T, E extends string = string> = Ok<T> | Err<E>;

export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

export interface Err<E extends string> {
  readonly ok: false;
  readonly code: E;
  /** Values for the message (a field name, a limit); never personal data. */
  readonly details: Readonly<Record<string, string | number | boolean>>;
}

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err<E extends string>(code: E, details: Err<E>["details"] = {}): Err<E> {
  return { ok: false, code, details };
}

/** Returns the value of a result that the caller has proven to be ok; throws otherwise. */
export function unwrap<T, E extends string>(result: Result<T, E>): T {
  if (!result.ok) throw new Error(`unwrap of a failed result: ${result.code}`);
  return result.value;
}
