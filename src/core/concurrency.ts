/** Bounded concurrency for batches of I/O (triggers, conditional writes). */

/**
 * Runs `work` over `items` with at most `limit` (at least 1) in flight. After a failure no new
 * item is started; the first error is thrown once the items in flight have settled.
 */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (next < items.length && failure === null) {
      try {
        await work(items[next++] as T);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, lane));
  if (failure !== null) throw (failure as { error: unknown }).error;
}
