/**
 * Expected failures are values, not exceptions (ARCHITECTURE.md). A card pulled mid-read, a
 * wrong PIN, an offline central service: each comes back as `err` with a typed reason that the
 * renderer maps to a screen. Throwing is reserved for bugs.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });

/** Runs `f` on the value of an ok result; passes an error through untouched. */
export function mapResult<T, U, E>(r: Result<T, E>, f: (v: T) => U): Result<U, E> {
  return r.ok ? ok(f(r.value)) : r;
}

/** Chains a computation that can itself fail. */
export function andThen<T, U, E, F>(r: Result<T, E>, f: (v: T) => Result<U, F>): Result<U, E | F> {
  return r.ok ? f(r.value) : r;
}
