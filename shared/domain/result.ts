/**
 * Outcome of a check or a parse. `error` is a message for the user, in
 * Simplified Chinese, that says what is wrong with the input.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(error: string): Result<T> {
  return { ok: false, error };
}
