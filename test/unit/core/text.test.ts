/** The shared text helpers: one truncation, one ISO time, one rounding of durations. */
import { isoTime, roundedSeconds, truncate } from '../../../src/core/text.js';

describe('truncate', () => {
  it('leaves short text alone and marks a cut with an ellipsis', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcd', 3)).toBe('ab\u2026');
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate('a\u{1F600}bcdef', 3);
    expect(cut).toBe('a\u2026');
    expect(cut.length).toBeLessThanOrEqual(3);
  });
});

describe('isoTime and roundedSeconds', () => {
  it('formats epoch milliseconds as ISO 8601 and rounds durations to a tenth of a second', () => {
    expect(isoTime(Date.UTC(2026, 4, 22, 0, 6, 8, 638))).toBe('2026-05-22T00:06:08.638Z');
    expect(roundedSeconds(1449)).toBe(1.4);
    expect(roundedSeconds(1450)).toBe(1.5);
  });
});
