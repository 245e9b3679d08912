/**
 * CloudWatch metrics as embedded-metric-format (EMF) log lines: CloudWatch Logs turns such a
 * line into metric data points, with no PutMetricData call and no extra dependency. Written
 * through the handler's Powertools Logger, which puts the extra keys at the top level as EMF needs.
 */
import type { Logger } from '@aws-lambda-powertools/logger';

/** The units the pipeline's metrics use. */
export type MetricUnit = 'Count' | 'Seconds';

export type EmitMetricsOptions = {
  /** Epoch milliseconds of the data points. @default Date.now() */
  now?: number;
  /** Unit by metric name. @default 'Count' for every metric */
  units?: Readonly<Record<string, MetricUnit>>;
  /** Plain properties of the line (e.g. `runId`): searchable in Logs Insights, never dimensions. */
  properties?: Readonly<Record<string, string>>;
};

/** The EMF fields for `values` (metric name to value) in `namespace`, without dimensions. */
function embeddedMetrics(namespace: string, values: Readonly<Record<string, number>>, options: EmitMetricsOptions = {}): Record<string, unknown> {
  const units = options.units ?? {};
  return {
    _aws: {
      Timestamp: options.now ?? Date.now(),
      CloudWatchMetrics: [{ Namespace: namespace, Dimensions: [[]], Metrics: Object.keys(values).map((Name) => ({ Name, Unit: units[Name] ?? 'Count' })) }],
    },
    ...options.properties,
    ...values,
  };
}

/** Logs one EMF line with `values`. */
export function emitMetrics(logger: Logger, namespace: string, values: Readonly<Record<string, number>>, options?: EmitMetricsOptions): void {
  logger.info('Metrics', embeddedMetrics(namespace, values, options));
}
