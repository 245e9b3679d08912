/** Parsing Fivetran webhook bodies: sync_start/sync_end become typed events, everything else is acknowledged and ignored, malformed bodies are 400s that say what is wrong. */
import { describe, expect, it } from '@jest/globals';
import { HttpError } from '../../../../src/core/errors.js';
import { InvalidEventError, parseEvent } from '../../../../src/core/webhook/event.js';
import { Payloads } from '../../../support/webhook-cases.js';

/** Runs `parse` and returns the InvalidEventError it must throw. */
function invalid(body: string | Uint8Array): InvalidEventError {
  try {
    parseEvent(body);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEventError);
    return error as InvalidEventError;
  }
  throw new Error('parseEvent accepted a body it should reject');
}

describe('parseEvent: sync_end', () => {
  it('reads the documented success payload', () => {
    expect(parseEvent(Payloads.success)).toEqual({
      type: 'sync_end',
      connectionId: 'assimilate_seem',
      groupId: 'inappropriate_implode',
      syncId: 'b4703f73-2d1c-4f0e-9a52-7c1e8f0d3b21',
      createdAt: '2026-05-22T00:06:08.638Z',
      status: 'SUCCESSFUL',
      reason: null,
      taskType: null,
    });
  });

  it('keeps the reason and taskType of a FAILURE_WITH_TASK', () => {
    expect(parseEvent(Payloads.failure)).toMatchObject({
      type: 'sync_end',
      status: 'FAILURE_WITH_TASK',
      reason: 'java.lang.RuntimeException: Cannot connect to the warehouse',
      taskType: 'reconnect_warehouse',
    });
  });

  it('reads the raw bytes as UTF-8 (Buffer and Uint8Array)', () => {
    const bytes = Buffer.from(Payloads.success, 'utf8');
    expect(parseEvent(bytes)).toEqual(parseEvent(Payloads.success));
    expect(parseEvent(new Uint8Array(bytes))).toEqual(parseEvent(Payloads.success));
  });

  it('accepts the legacy group_id in place of destination_group_id', () => {
    const legacy = Payloads.success.replace('"destination_group_id"', '"group_id"');
    expect(parseEvent(legacy)).toMatchObject({ type: 'sync_end', groupId: 'inappropriate_implode' });
  });

  it('prefers destination_group_id when both are present', () => {
    const both = Payloads.success.replace('"data"', '"group_id":"legacy_group","data"');
    expect(parseEvent(both)).toMatchObject({ groupId: 'inappropriate_implode' });
  });

  it('gives null group and sync ids when the payload has none', () => {
    const bare = '{"event":"sync_end","created":"2026-05-22T00:06:08.638Z","connector_id":"c1","data":{"status":"FAILURE"}}';
    expect(parseEvent(bare)).toMatchObject({ connectionId: 'c1', groupId: null, syncId: null, status: 'FAILURE', reason: null, taskType: null });
  });

  it('normalises created to ISO 8601 UTC', () => {
    const offset = Payloads.success.replace('2026-05-22T00:06:08.638Z', '2026-05-22T02:06:08.638+02:00');
    expect(parseEvent(offset)).toMatchObject({ createdAt: '2026-05-22T00:06:08.638Z' });
  });

  it('keeps statuses not seen before (anything but SUCCESSFUL is a not-success for the caller)', () => {
    const rescheduled = Payloads.success.replace('"SUCCESSFUL"', '"RESCHEDULED","reason":"Rate limited by the source"');
    expect(parseEvent(rescheduled)).toMatchObject({ status: 'RESCHEDULED', reason: 'Rate limited by the source' });
    expect(parseEvent(Payloads.success.replace('"SUCCESSFUL"', '"SOMETHING_NEW"'))).toMatchObject({ status: 'SOMETHING_NEW' });
  });

  it('serialises a reason that is not a string as JSON', () => {
    const objectReason = Payloads.success.replace('{"status":"SUCCESSFUL"}', '{"status":"FAILURE","reason":{"code":"E42","detail":["a","b"]}}');
    expect(parseEvent(objectReason)).toMatchObject({ status: 'FAILURE', reason: '{"code":"E42","detail":["a","b"]}' });
    const numericReason = Payloads.success.replace('{"status":"SUCCESSFUL"}', '{"status":"FAILURE","reason":503}');
    expect(parseEvent(numericReason)).toMatchObject({ reason: '503' });
  });

  it('treats a null reason as no reason', () => {
    const nullReason = Payloads.success.replace('{"status":"SUCCESSFUL"}', '{"status":"FAILURE","reason":null,"taskType":null}');
    expect(parseEvent(nullReason)).toMatchObject({ reason: null, taskType: null });
  });
});

describe('parseEvent: sync_start', () => {
  it('reads a sync_start that carries no data', () => {
    const start =
      '{"event":"sync_start","created":"2026-05-22T00:02:00.000Z","connector_type":"google_cloud_postgresql","connector_id":"assimilate_seem","sync_id":"s1","destination_group_id":"inappropriate_implode"}';
    expect(parseEvent(start)).toEqual({
      type: 'sync_start',
      connectionId: 'assimilate_seem',
      groupId: 'inappropriate_implode',
      syncId: 's1',
      createdAt: '2026-05-22T00:02:00.000Z',
    });
  });

  it('reads a sync_start with data: null and the legacy group_id', () => {
    const start = '{"event":"sync_start","created":"2026-05-22T00:02:00.000Z","connector_id":"c1","group_id":"g1","data":null}';
    expect(parseEvent(start)).toMatchObject({ type: 'sync_start', connectionId: 'c1', groupId: 'g1', syncId: null });
  });
});

describe('parseEvent: events a run does not use', () => {
  it('ignores the test_event payload even though its created is not a date', () => {
    const testEvent = '{"event":"test_event","created":"timestamp","connector_type":"asana","connector_id":"mystery_bleach","destination_group_id":"deck_enjoy","data":{"status":"SUCCESSFUL"}}';
    expect(parseEvent(testEvent)).toEqual({ type: 'ignored', event: 'test_event', why: 'test payload' });
  });

  it('ignores the "test" payload', () => {
    expect(parseEvent('{"event":"test","created":"2026-05-22T00:06:08.638Z","connector_id":"x"}')).toEqual({ type: 'ignored', event: 'test', why: 'test payload' });
  });

  it.each(['pause_connector', 'status', 'dbt_run_succeeded', 'connection_failure', 'some_future_event'])('ignores %s with a reason that names it', (event) => {
    // Nothing but "event" is required: other fields are not checked for events nobody acts on.
    expect(parseEvent(JSON.stringify({ event, data: 'anything' }))).toEqual({ type: 'ignored', event, why: `event "${event}" is not used by runs` });
  });
});

describe('parseEvent: malformed bodies are InvalidEventError (400)', () => {
  it('is an HttpError with status 400', () => {
    const error = invalid('not json');
    expect(error).toBeInstanceOf(HttpError);
    expect(error.status).toBe(400);
    expect(error.name).toBe('InvalidEventError');
  });

  it('says a non-JSON body is not JSON and keeps the parse error as cause', () => {
    const error = invalid(Payloads.notJson);
    expect(error.message).toMatch(/not JSON/);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('says an empty body is not JSON', () => {
    expect(invalid('').message).toMatch(/not JSON/);
    expect(invalid(Buffer.alloc(0)).message).toMatch(/Body is empty/);
  });

  it('says a truncated body is not JSON and asks whether it was cut off', () => {
    const error = invalid(Buffer.from(Payloads.success.slice(0, Payloads.success.length / 2)));
    expect(error.message).toMatch(/^Body is not JSON \(.+\): .*was it truncated\?$/);
  });

  it('refuses bytes that are not UTF-8 instead of reading them with replacement characters', () => {
    const bytes = Buffer.concat([Buffer.from(Payloads.success.slice(0, 60)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(Payloads.success.slice(60))]);
    expect(invalid(bytes).message).toBe('Body is not valid UTF-8: a Fivetran webhook is UTF-8 JSON; is a proxy re-encoding it?');
  });

  it('parses 100,000 nested arrays without exhausting the stack, and says it is not an event', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(invalid(Buffer.from(deep)).message).toMatch(/expected a JSON object with a string "event" field/);
  });

  it('keeps a sync_end whose reason nests too deeply to print, saying so in place of the reason', () => {
    const reason = '['.repeat(100_000) + ']'.repeat(100_000);
    const body = Payloads.failure.replace(/"reason":"[^"]*"/, `"reason":${reason}`);
    expect(body).toContain('"reason":[[[');
    expect(parseEvent(body)).toMatchObject({ type: 'sync_end', status: 'FAILURE_WITH_TASK', reason: '(reason omitted: nested too deeply to print)' });
  });

  it('ignores deep nesting in fields it does not read', () => {
    const deep = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
    const body = Payloads.success.replace(/}$/, `,"extra":${deep}}`);
    expect(parseEvent(body)).toMatchObject({ type: 'sync_end', status: 'SUCCESSFUL' });
  });

  it.each([
    ['an array', '[{"event":"sync_end"}]'],
    ['a string', '"sync_end"'],
    ['a number', '42'],
    ['null', 'null'],
    ['an object without event', '{"created":"2026-05-22T00:06:08.638Z","connector_id":"assimilate_seem"}'],
    ['an object with an empty event', '{"event":""}'],
    ['an object with a numeric event', '{"event":7}'],
  ])('explains that %s is not a Fivetran event', (_label, body) => {
    expect(invalid(body).message).toMatch(/expected a JSON object with a string "event" field/);
  });

  it('names data.status when a sync_end has none', () => {
    const error = invalid(Payloads.noStatus);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/data\.status/);
  });

  it('names data.status when a sync_end has no data at all', () => {
    expect(invalid('{"event":"sync_end","created":"2026-05-22T00:06:08.638Z","connector_id":"assimilate_seem"}').message).toMatch(/data\.status/);
  });

  it('names connector_id when a sync_end has none', () => {
    const error = invalid(Payloads.noConnector);
    expect(error.message).toMatch(/^Invalid sync_end event: .*connector_id/);
  });

  it('names every mistyped field it reads, with what it expected', () => {
    const message = invalid('{"event":"sync_end","created":"2026-05-22T00:06:08.638Z","connector_id":7,"sync_id":12,"data":[]}').message;
    expect(message).toMatch(/^Invalid sync_end event: connector_id: expected a non-empty string, got number; sync_id: expected a string or null, got number; data: expected an object or null, got an array\.$/);
    expect(invalid('{"event":"sync_end","created":"2026-05-22T00:06:08.638Z","connector_id":"c1","data":{"status":3}}').message).toMatch(/data\.status: expected a string or null, got number/);
  });

  it('names created when a sync event carries no usable timestamp', () => {
    expect(invalid('{"event":"sync_start","created":"timestamp","connector_id":"c1"}').message).toMatch(/created: must be an ISO 8601 timestamp/);
    expect(invalid('{"event":"sync_end","connector_id":"c1","data":{"status":"SUCCESSFUL"}}').message).toMatch(/created/);
  });
});
