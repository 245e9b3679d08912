/**
 * Parses a Fivetran webhook body into the few shapes a run cares about. Only `sync_start` and
 * `sync_end` are acted on; test payloads (`test_event`) and every other event are typed as
 * ignorable so the receiver can acknowledge them. Malformed bodies throw `InvalidEventError` (400).
 */
import { isUtf8 } from 'node:buffer';
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

type SyncEnvelope = {
  created: string;
  connector_id: string;
  destination_group_id?: string | null;
  group_id?: string | null;
  sync_id?: string | null;
  data?: { status?: string | null; reason?: unknown; taskType?: string | null } | null;
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/**
 * Problems with the fields of a sync_start/sync_end body that a run reads, as `<field>: <what is
 * wrong>`; other fields are not looked at. Plain checks, not a schema: every sync event goes
 * through here, and on a busy receiver a schema library's parse costs more than the HMAC.
 */
function envelopeProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const nullableString = (where: string, value: unknown) => {
    if (value !== undefined && value !== null && typeof value !== 'string') problems.push(`${where}: expected a string or null, got ${describe(value)}`);
  };
  const { created, connector_id: connectorId, data } = body;
  if (typeof created !== 'string') problems.push(`created: expected an ISO 8601 timestamp string, got ${describe(created)}`);
  else if (!Number.isFinite(Date.parse(created))) problems.push('created: must be an ISO 8601 timestamp');
  if (typeof connectorId !== 'string' || connectorId === '') problems.push(`connector_id: expected a non-empty string, got ${connectorId === '' ? 'an empty string' : describe(connectorId)}`);
  nullableString('destination_group_id', body.destination_group_id);
  nullableString('group_id', body.group_id);
  nullableString('sync_id', body.sync_id);
  if (isObject(data)) {
    nullableString('data.status', data.status);
    nullableString('data.taskType', data.taskType);
  } else if (data !== undefined && data !== null) {
    problems.push(`data: expected an object or null, got ${describe(data)}`);
  }
  return problems;
}

/** Parses the raw body of a verified delivery. */
export function parseEvent(rawBody: string | Uint8Array): WebhookEvent {
  let text: string;
  if (typeof rawBody === 'string') {
    text = rawBody;
  } else {
    // Decoding would turn bad bytes into U+FFFD silently, and a connection id with them matches nothing.
    if (!isUtf8(rawBody)) throw new InvalidEventError('Body is not valid UTF-8: a Fivetran webhook is UTF-8 JSON; is a proxy re-encoding it?');
    text = Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength).toString('utf8');
  }
  if (text.trim() === '') throw new InvalidEventError('Body is empty, not JSON: a Fivetran webhook delivers one JSON object.');
  let json: unknown;
  try {
    // V8's JSON.parse is iterative: deeply nested input (100,000 arrays) parses without exhausting the stack.
    json = JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof SyntaxError ? ` (${cause.message})` : '';
    throw new InvalidEventError(`Body is not JSON${detail}: a Fivetran webhook delivers one JSON object; was it truncated?`, { cause });
  }
  // A plain check: every delivery passes here, most of them events nobody uses.
  const event = isObject(json) ? json.event : undefined;
  if (typeof event !== 'string' || event.length === 0) {
    throw new InvalidEventError('Body is not a Fivetran event: expected a JSON object with a string "event" field.');
  }
  if (event !== 'sync_end' && event !== 'sync_start') {
    const why = event === 'test_event' || event === 'test' ? 'test payload' : `event "${event}" is not used by runs`;
    return { type: 'ignored', event, why };
  }
  const problems = envelopeProblems(json as Record<string, unknown>);
  if (problems.length > 0) throw new InvalidEventError(`Invalid ${event} event: ${problems.join('; ')}.`);
  const body = json as SyncEnvelope;
  const common = {
    connectionId: body.connector_id,
    groupId: body.destination_group_id ?? body.group_id ?? null,
    syncId: body.sync_id ?? null,
    createdAt: new Date(body.created).toISOString(),
  };
  if (event === 'sync_start') return { type: 'sync_start', ...common };
  const status = body.data?.status;
  if (!status) throw new InvalidEventError('Invalid sync_end event: data.status is missing.');
  return {
    type: 'sync_end',
    ...common,
    status,
    reason: describeReason(body.data?.reason),
    taskType: body.data?.taskType ?? null,
  };
}

/** The failure reason as text. JSON.stringify recurses: a reason nested deep enough to overflow the stack is summarised instead. */
function describeReason(reason: unknown): string | null {
  if (reason === undefined || reason === null) return null;
  if (typeof reason === 'string') return reason;
  try {
    return JSON.stringify(reason);
  } catch {
    return '(reason omitted: nested too deeply to print)';
  }
}
