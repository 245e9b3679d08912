/**
 * Parses a Fivetran webhook body into the few shapes a run cares about. Only `sync_start` and
 * `sync_end` are acted on; test payloads (`test_event`) and every other event are typed as
 * ignorable so the receiver can acknowledge them. Malformed bodies throw `InvalidEventError` (400).
 */
import { z } from 'zod';
import { HttpError } from '../errors.js';

/** A signed body that is not a usable Fivetran event: the receiver answers 400 with this message. */
export class InvalidEventError extends HttpError {
  override readonly name = 'InvalidEventError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(400, message, options);
  }
}

export const SUCCESSFUL = 'SUCCESSFUL';

export type SyncEndEvent = {
  type: 'sync_end';
  connectionId: string;
  groupId: string | null;
  syncId: string | null;
  /** When Fivetran created the event, i.e. when the sync ended (ISO 8601). */
  createdAt: string;
  /** `SUCCESSFUL`, `FAILURE`, `FAILURE_WITH_TASK`, `RESCHEDULED` or a status not seen yet. */
  status: string;
  reason: string | null;
  taskType: string | null;
};

export type SyncStartEvent = {
  type: 'sync_start';
  connectionId: string;
  groupId: string | null;
  syncId: string | null;
  createdAt: string;
};

export type IgnoredEvent = { type: 'ignored'; event: string; why: string };

export type WebhookEvent = SyncEndEvent | SyncStartEvent | IgnoredEvent;

const syncEnvelope = z.looseObject({
  event: z.string(),
  created: z.string().refine((s) => Number.isFinite(Date.parse(s)), 'must be an ISO 8601 timestamp'),
  connector_id: z.string().min(1),
  destination_group_id: z.string().nullish(),
  group_id: z.string().nullish(),
  sync_id: z.string().nullish(),
  data: z
    .looseObject({
      status: z.string().nullish(),
      reason: z.unknown().optional(),
      taskType: z.string().nullish(),
    })
    .nullish(),
});

/** Parses the raw body of a verified delivery. */
export function parseEvent(rawBody: string | Uint8Array): WebhookEvent {
  const text = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InvalidEventError('Body is not JSON: a Fivetran webhook delivers one JSON object.', { cause });
  }
  // A plain check, not a schema: every delivery passes here, most of them events nobody uses.
  const event = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as { event?: unknown }).event : undefined;
  if (typeof event !== 'string' || event.length === 0) {
    throw new InvalidEventError('Body is not a Fivetran event: expected a JSON object with a string "event" field.');
  }
  if (event !== 'sync_end' && event !== 'sync_start') {
    const why = event === 'test_event' || event === 'test' ? 'test payload' : `event "${event}" is not used by runs`;
    return { type: 'ignored', event, why };
  }
  const parsed = syncEnvelope.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new InvalidEventError(`Invalid ${event} event: ${problems}.`);
  }
  const body = parsed.data;
  const common = {
    connectionId: body.connector_id,
    groupId: body.destination_group_id ?? body.group_id ?? null,
    syncId: body.sync_id ?? null,
    createdAt: new Date(body.created).toISOString(),
  };
  if (event === 'sync_start') return { type: 'sync_start', ...common };
  const status = body.data?.status;
  if (!status) throw new InvalidEventError('Invalid sync_end event: data.status is missing.');
  const reason = body.data?.reason;
  return {
    type: 'sync_end',
    ...common,
    status,
    reason: reason === undefined || reason === null ? null : typeof reason === 'string' ? reason : JSON.stringify(reason),
    taskType: body.data?.taskType ?? null,
  };
}
