/**
 * The receiver's Prometheus metrics: names and labels operators alert on.
 */
import { createServerMetrics } from '../../../src/server/metrics.js';

describe('createServerMetrics', () => {
  it('counts deliveries by event and outcome, signature failures, and latency by status class', async () => {
    const metrics = createServerMetrics({ processMetrics: false });
    metrics.observeDelivery({ event: 'sync_end', outcome: 'completed', status: 200, durationSeconds: 0.0008 });
    metrics.observeDelivery({ event: 'unknown', outcome: 'unauthorized', status: 401, durationSeconds: 0.0001 });
    metrics.observeDelivery({ event: 'unknown', outcome: 'unauthorized', status: 401, durationSeconds: 0.0001 });
    metrics.observeDelivery({ event: 'sync_end', outcome: 'error', status: 503, durationSeconds: 3 });

    const { contentType, body } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(body).toContain('fivetran_webhook_deliveries_total{event="sync_end",outcome="completed"} 1');
    expect(body).toContain('fivetran_webhook_deliveries_total{event="unknown",outcome="unauthorized"} 2');
    expect(body).toContain('fivetran_webhook_deliveries_total{event="sync_end",outcome="error"} 1');
    expect(body).toContain('fivetran_webhook_signature_failures_total 2');
    expect(body).toContain('fivetran_webhook_delivery_duration_seconds_bucket{le="0.001",status_class="2xx"} 1');
    expect(body).toContain('fivetran_webhook_delivery_duration_seconds_count{status_class="5xx"} 1');
  });

  it('folds event names it does not know into "other" so labels stay few', async () => {
    const metrics = createServerMetrics({ processMetrics: false });
    metrics.observeDelivery({ event: 'connection_successful', outcome: 'ignored', status: 200, durationSeconds: 0 });
    metrics.observeDelivery({ event: 'dbt_run_succeeded', outcome: 'ignored', status: 200, durationSeconds: 0 });
    expect((await metrics.render()).body).toContain('fivetran_webhook_deliveries_total{event="other",outcome="ignored"} 2');
  });

  it('keeps each server\'s counters apart and adds process metrics unless told not to', async () => {
    const a = createServerMetrics();
    const b = createServerMetrics({ processMetrics: false });
    a.observeDelivery({ event: 'sync_end', outcome: 'completed', status: 200, durationSeconds: 0 });
    expect((await a.render()).body).toContain('process_cpu_user_seconds_total');
    expect((await b.render()).body).not.toContain('process_cpu_user_seconds_total');
    expect((await b.render()).body).not.toContain('outcome="completed"');
  });
});
