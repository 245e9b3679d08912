/**
 * Prometheus metrics of the self-hosted receiver: deliveries by event and outcome, signature
 * failures (a wrong secret or someone probing the endpoint), delivery latency, and load shedding
 * (deliveries refused unread while too many are in flight). Each server has
 * its own registry, so tests and several servers in one process do not share counters.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DeliveryObservation, ReceiverMetrics } from '../core/webhook/receiver.js';

/** Event label values; any other signed event counts as `other` so labels stay few. */
const KNOWN_EVENTS: ReadonlySet<string> = new Set(['sync_end', 'sync_start', 'test', 'test_event', 'unknown']);

/** Latency buckets (seconds): a memory-store delivery takes well under a millisecond, DynamoDB a few. */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type ServerMetrics = ReceiverMetrics & {
  readonly registry: Registry;
  /** Counts a delivery refused with 503 because too many were in flight (its body was not read). */
  observeShed(): void;
  /** Reports `read()` as the in-flight gauge at each scrape (the app's admission counter). */
  trackInFlight(read: () => number): void;
  /** The exposition text and its content type, for `GET /metrics`. */
  render(): Promise<{ contentType: string; body: string }>;
};

export type ServerMetricsOptions = {
  /** Also collect Node process metrics (CPU, memory, event loop). @default true */
  processMetrics?: boolean;
};

/** Creates the receiver's metrics in a fresh registry. */
export function createServerMetrics(options: ServerMetricsOptions = {}): ServerMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const deliveries = new Counter({
    name: 'fivetran_webhook_deliveries_total',
    help: 'Webhook deliveries by event and outcome (completed, recorded, duplicate, unmatched, ignored, unauthorized, invalid, error, ...).',
    labelNames: ['event', 'outcome'] as const,
    registers: [registry],
  });
  const signatureFailures = new Counter({
    name: 'fivetran_webhook_signature_failures_total',
    help: 'Deliveries refused because the X-Fivetran-Signature-256 header was missing, malformed or wrong.',
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'fivetran_webhook_delivery_duration_seconds',
    help: 'Time from receiving a delivery body to its answer, including the run store and task completion.',
    labelNames: ['status_class'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });

  const shed = new Counter({
    name: 'fivetran_webhook_shed_total',
    help: 'Deliveries answered 503 with Retry-After, unread, because WEBHOOK_MAX_IN_FLIGHT deliveries were already in flight (Fivetran retries them).',
    registers: [registry],
  });
  let readInFlight: () => number = () => 0;
  new Gauge({
    name: 'fivetran_webhook_in_flight',
    help: 'Deliveries being handled now (admitted and not yet answered).',
    registers: [registry],
    collect() {
      this.set(readInFlight());
    },
  });

  return {
    registry,
    observeShed() {
      shed.inc();
    },
    trackInFlight(read) {
      readInFlight = read;
    },
    observeDelivery(observation: DeliveryObservation) {
      const event = KNOWN_EVENTS.has(observation.event) ? observation.event : 'other';
      deliveries.inc({ event, outcome: observation.outcome });
      if (observation.outcome === 'unauthorized') signatureFailures.inc();
      latency.observe({ status_class: `${Math.floor(observation.status / 100)}xx` }, observation.durationSeconds);
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
