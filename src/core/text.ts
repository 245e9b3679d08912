/** Small text and time helpers every layer shares, so each rule is written once. */

/**
 * Cuts `text` to at most `max` UTF-16 code units, marking the cut with an ellipsis, without
 * splitting a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}\u2026`;
}

/** An instant (epoch milliseconds) as ISO 8601, the form every record and report uses. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Milliseconds as seconds rounded to a tenth, the precision of every reported duration. */
export function roundedSeconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}
