/**
 * The parts of Fivetran's REST API (v1, `Accept: application/json;version=2`) this project reads.
 * Schemas are lenient: unknown fields pass through, optional fields may be absent or null.
 */
import * as z from '../schema.js';
import { isoTime } from '../text.js';

const nullableString = z.nullish(z.string());
const notice = z.looseObject({ code: nullableString, message: nullableString });

export const ConnectionStatusSchema = z.looseObject({
  setup_state: z.string(),
  sync_state: z.string(),
  update_state: nullableString,
  is_historical_sync: z.nullish(z.boolean()),
  tasks: z.nullish(z.array(notice)),
  warnings: z.nullish(z.array(notice)),
});

export const ConnectionSchema = z.looseObject({
  id: z.string(),
  group_id: z.string(),
  service: nullableString,
  schema: nullableString,
  paused: z.boolean(),
  schedule_type: nullableString,
  sync_frequency: z.nullish(z.number()),
  succeeded_at: nullableString,
  failed_at: nullableString,
  rescheduled_for: nullableString,
  status: ConnectionStatusSchema,
});

export type Connection = z.infer<typeof ConnectionSchema>;

export const WebhookSchema = z.looseObject({
  id: z.string(),
  type: nullableString,
  group_id: nullableString,
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
