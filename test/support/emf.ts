/**
 * Checks a log line against CloudWatch's embedded metric format specification: the `_aws`
 * metadata (a millisecond Timestamp and the metric directives), every dimension key and metric
 * name present at the root with a value of the right type, and standard units. Returns the line's
 * metric values by name, so tests can assert on them.
 */
import { expect } from '@jest/globals';

const STANDARD_UNITS = new Set([
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes',
  'Bits', 'Kilobits', 'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second',
  'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second',
  'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None',
]);

type Directive = { Namespace: unknown; Dimensions: unknown; Metrics: unknown };

/** The metric values of a valid EMF document (throws a jest failure naming the fault otherwise). */
export function emfMetrics(line: Record<string, unknown>): { namespace: string; values: Record<string, number>; units: Record<string, string> } {
  const aws = line._aws as { Timestamp?: unknown; CloudWatchMetrics?: unknown } | undefined;
  expect(aws).toEqual(expect.objectContaining({ Timestamp: expect.any(Number), CloudWatchMetrics: expect.any(Array) }));
  const directives = aws!.CloudWatchMetrics as Directive[];
  expect(directives).toHaveLength(1);
  const [directive] = directives as [Directive];
  expect(typeof directive.Namespace).toBe('string');
  expect((directive.Namespace as string).length).toBeGreaterThan(0);
  expect(Array.isArray(directive.Dimensions)).toBe(true);
  for (const set of directive.Dimensions as unknown[]) {
    expect(Array.isArray(set)).toBe(true);
    for (const key of set as unknown[]) expect(typeof line[key as string]).toBe('string');
  }
  const values: Record<string, number> = {};
  const units: Record<string, string> = {};
  for (const metric of directive.Metrics as { Name: string; Unit?: string }[]) {
    expect(typeof line[metric.Name]).toBe('number');
    if (metric.Unit !== undefined) expect(STANDARD_UNITS.has(metric.Unit)).toBe(true);
    values[metric.Name] = line[metric.Name] as number;
    units[metric.Name] = metric.Unit ?? 'None';
  }
  return { namespace: directive.Namespace as string, values, units };
}
