/**
 * The parts of Fivetran's REST API (v1, `Accept: application/json;version=2`) this project reads.
 * Schemas are lenient: unknown fields pass through, optional fields may be absent or null.
 */
import { z } from 'zod';
import { isoTime } from '../text.js';

const nullableString = z.string().nullish();

export const ConnectionStatusSchema = z.looseObject({
  setup_state: z.string(),
  sync_state: z.string(),
  update_state: z.string().nullish(),
  is_historical_sync: z.boolean().nullish(),
  tasks: z.array(z.looseObject({ code: z.string().nullish(), message: z.string().nullish() })).nullish(),
  warnings: z.array(z.looseObject({ code: z.string().nullish(), message: z.string().nullish() })).nullish(),
});

export const ConnectionSchema = z.looseObject({
  id: z.string(),
  group_id: z.string(),
  service: z.string().nullish(),
  schema: z.string().nullish(),
  paused: z.boolean(),
  schedule_type: z.string().nullish(),
  sync_frequency: z.number().nullish(),
  succeeded_at: nullableString,
  failed_at: nullableString,
  rescheduled_for: nullableString,
  status: ConnectionStatusSchema,
});

export type Connection = z.infer<typeof ConnectionSchema>;

export const WebhookSchema = z.looseObject({
  id: z.string(),
  type: z.string().nullish(),
  group_id: z.string().nullish(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  created_at: nullableString,
  created_by: nullableString,
});

export type Webhook = z.infer<typeof WebhookSchema>;

/** `max(succeeded_at, failed_at)` as an ISO string, or null for a connection that never synced. */
export function syncBaseline(connection: Pick<Connection, 'succeeded_at' | 'failed_at'>): string | null {
  const times = [connection.succeeded_at, connection.failed_at]
    .filter((t): t is string => typeof t === 'string' && t.length > 0)
    .map((t) => Date.parse(t))
    .filter((t) => Number.isFinite(t));
  return times.length === 0 ? null : isoTime(Math.max(...times));
}

/**
 * The outcome of the newest finished sync if it finished after `baseline`, else null: the rule
 * every Fivetran integration uses (Airflow, Dagster, Prefect) to decide that a sync is done.
 */
export function finishedSince(
  connection: Pick<Connection, 'succeeded_at' | 'failed_at'>,
  baseline: string | null,
): { succeeded: boolean; finishedAt: string } | null {
  const after = baseline === null ? -Infinity : Date.parse(baseline);
  const succeeded = connection.succeeded_at ? Date.parse(connection.succeeded_at) : NaN;
  const failed = connection.failed_at ? Date.parse(connection.failed_at) : NaN;
  const newest = Math.max(Number.isFinite(succeeded) ? succeeded : -Infinity, Number.isFinite(failed) ? failed : -Infinity);
  if (!(newest > after)) return null;
  return { succeeded: newest === succeeded && !(failed > succeeded), finishedAt: isoTime(newest) };
}
