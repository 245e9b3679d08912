/** Retry timing: full-jitter back-off bounds, Retry-After parsing, the abortable default sleep. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { abortableSleep, backoffDelay, parseRetryAfter } from '../../../../src/core/fivetran/retry.js';

describe('backoffDelay', () => {
  it('doubles the jitter window from 500 ms per attempt', () => {
    const almostOne = () => 0.999999;
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, { capMs: 30_000, random: almostOne }))).toEqual([499, 999, 1999, 3999]);
  });

  it('never waits longer than the cap', () => {
    expect(backoffDelay(20, { capMs: 30_000, random: () => 0.5 })).toBe(15_000);
  });

  it('stays within [0, min(cap, 500 * 2^(attempt-1))] for any attempt and random value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 0, max: 120_000 }), (attempt, r, capMs) => {
        const ms = backoffDelay(attempt, { capMs, random: () => r });
        expect(Number.isInteger(ms)).toBe(true);
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThanOrEqual(Math.min(capMs, 500 * 2 ** Math.min(attempt - 1, 52)));
      }),
      { seed: 11 },
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-10-21T07:28:00Z');

  it.each([
    ['7', 7000],
    [' 0 ', 0],
    ['1.5', 1500],
    ['Wed, 21 Oct 2026 07:28:30 GMT', 30_000],
    ['Wed, 21 Oct 2026 07:00:00 GMT', 0],
  ])('reads %p as %p ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });

  it.each([null, undefined, '', '-5', 'soon', '1e3'])('returns null for %p so the caller backs off', (header) => {
    expect(parseRetryAfter(header, now)).toBeNull();
  });
});

describe('abortableSleep', () => {
  it('resolves after the delay', async () => {
    await expect(abortableSleep(0)).resolves.toBeUndefined();
  });

  it('rejects at once with the reason when the signal is already aborted', async () => {
    const reason = new Error('stop');
    await expect(abortableSleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it('rejects with the reason when the signal aborts mid-sleep', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled');
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
  });
});
