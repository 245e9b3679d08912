/**
 * In-process stand-ins for the pipeline Lambda tests: a Fivetran client over a list of
 * connections (recording triggers), realistic connections, run records and sync outcomes, and a silent logger.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { FivetranClient } from '../../../src/core/fivetran/client.js';
import type { Connection } from '../../../src/core/fivetran/types.js';
import type { NewSyncRecord, SyncOutcome } from '../../../src/core/runs/records.js';

export const GROUP = 'inappropriate_implode';
export const NOW = Date.parse('2026-05-22T01:00:00.000Z');

/** A Powertools logger that writes nothing. */
export const silentLogger = () => new Logger({ serviceName: 'test', logLevel: 'SILENT' });

/** A connection as `GET /groups/{id}/connections` lists it: connected, not paused, synced once. */
export function connection(id: string, overrides: Partial<Connection> = {}): Connection {
  return {
    id,
    group_id: GROUP,
    service: 'google_cloud_postgresql',
    schema: `${id}_schema`,
    paused: false,
    schedule_type: 'auto',
    sync_frequency: 360,
    succeeded_at: '2026-05-21T18:00:00.000Z',
    failed_at: null,
    status: { setup_state: 'connected', sync_state: 'scheduled', update_state: 'on_schedule', tasks: [], warnings: [] },
    ...overrides,
  };
}

export type FakeFivetran = FivetranClient & { triggered: { connectionId: string; force: boolean }[]; listCalls: string[] };

/** A Fivetran client over `connections`; `failTrigger` lists connections whose trigger answers an error. */
export function fakeFivetran(connections: Connection[], options: { failTrigger?: string[] } = {}): FakeFivetran {
  const triggered: { connectionId: string; force: boolean }[] = [];
  const listCalls: string[] = [];
  const unused = (name: string) => () => Promise.reject(new Error(`${name} is not expected in this test`));
  return {
    baseUrl: 'http://fivetran.invalid/v1',
    triggered,
    listCalls,
    async listGroupConnections(groupId) {
      listCalls.push(groupId);
      return connections.filter((c) => c.group_id === groupId).map((c) => structuredClone(c));
    },
    async triggerSync(connectionId, options2) {
      if (options.failTrigger?.includes(connectionId)) throw new Error(`Fivetran API POST /connections/${connectionId}/sync failed: 404 NotFound_Connector`);
      triggered.push({ connectionId, force: options2?.force ?? false });
    },
    async updateConnection(connectionId, patch) {
      const found = connections.find((c) => c.id === connectionId);
      if (!found) throw new Error(`no connection ${connectionId}`);
      Object.assign(found, patch);
      return structuredClone(found);
    },
    getConnection: unused('getConnection'),
    getGroup: unused('getGroup'),
    listGroups: unused('listGroups'),
    createGroupWebhook: unused('createGroupWebhook'),
    listWebhooks: unused('listWebhooks'),
    testWebhook: unused('testWebhook'),
    deleteWebhook: unused('deleteWebhook'),
    updateWebhook: unused('updateWebhook'),
  };
}

/** A run record as StartSyncs writes it before the trigger. */
export function record(connectionId: string, overrides: Partial<NewSyncRecord> = {}): NewSyncRecord {
  return {
    runId: 'run-20260522T000000-abc123',
    connectionId,
    groupId: GROUP,
    name: `${connectionId}_schema`,
    baseline: '2026-05-21T18:00:00.000Z',
    scheduleType: 'auto',
    createdAt: '2026-05-22T00:00:00.000Z',
    deadline: '2026-05-22T06:00:00.000Z',
    expiresAt: Math.floor(NOW / 1000) + 14 * 86_400,
    ...overrides,
  };
}

/** A sync outcome as the webhook records it, finished at 00:30; `overrides` change any other field. */
export function outcome(status: string, reason: string | null = null, overrides: Partial<SyncOutcome> = {}): SyncOutcome {
  return {
    status,
    finishedAt: '2026-05-22T00:30:00.000Z',
    syncId: null,
    reason,
    taskType: null,
    source: 'webhook',
    ...overrides,
  };
}

/**
 * The JSON lines a real Powertools logger prints while `run` goes on (the logger writes through a
 * Console on process.stdout and process.stderr); other output passes through.
 */
export async function captureLogLines<T>(run: () => Promise<T>): Promise<{ result: T; lines: Record<string, unknown>[] }> {
  const lines: Record<string, unknown>[] = [];
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write);
  for (const [i, stream] of streams.entries()) {
    const original = originals[i]!;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text = String(chunk);
      if (!text.startsWith('{')) return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
      for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      return true;
    }) as typeof stream.write;
  }
  try {
    return { result: await run(), lines };
  } finally {
    for (const [i, stream] of streams.entries()) stream.write = originals[i]!;
  }
}
