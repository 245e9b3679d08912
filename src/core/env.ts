/** Reading environment variables. */

/** An environment value trimmed, or `undefined` when it is unset or blank. */
export function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
