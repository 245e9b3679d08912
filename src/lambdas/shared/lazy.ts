/**
 * Builds a handler's dependencies on its first invocation and keeps them for the life of the
 * execution environment. A build that throws is tried again on the next invocation, so a fixed
 * configuration heals without a redeploy, and importing a handler module never throws.
 */

/** Returns `build()`'s value, computed once; a thrown error is not cached. */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}

/** A value, or a function that gives it (a `lazy` one in the deployed handlers). */
export type Provided<T> = T | (() => T);

/** Unwraps a `Provided` value. */
export function provide<T extends object>(provided: Provided<T>): T {
  return typeof provided === 'function' ? (provided as () => T)() : provided;
}
