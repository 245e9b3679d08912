/**
 * CloudWatch metrics as embedded-metric-format (EMF) log lines: CloudWatch Logs turns such a
 * line into metric data points, with no PutMetricData call and no extra dependency. Written
 * through the handler's Powertools Logger, which puts the extra keys at the top level as EMF needs.
 */
import type { Logger } from '@aws-lambda-powertools/logger';

/** The EMF fields for `values` (metric name to count) in `namespace`, without dimensions. */
function embeddedMetrics(namespace: string, values: Record<string, number>, now: number = Date.now()): Record<string, unknown> {
  return {
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [{ Namespace: namespace, Dimensions: [[]], Metrics: Object.keys(values).map((Name) => ({ Name, Unit: 'Count' })) }],
    },
    ...values,
  };
}

/** Logs one EMF line with `values`. */
export function emitMetrics(logger: Logger, namespace: string, values: Record<string, number>, now?: number): void {
  logger.info('Metrics', embeddedMetrics(namespace, values, now));
}
