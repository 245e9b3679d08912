/**
 * A Fivetran outage does not time waits out: 5,000 open records across 3 runs in DynamoDB
 * (dynalite), Fivetran answering 503 (and its secret unreadable for part of it) for 40 minutes,
 * the reconciler Lambda on its 5-minute schedule. Step Functions is modelled by what matters here:
 * a wait times out when no heartbeat came for HeartbeatSeconds (from the definition).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { forEachLimited } from '../../src/core/concurrency.js';
import { DynamoRunStore } from '../../src/aws/dynamodb-run-store.js';
import type { CompletionResult, TaskCompleter } from '../../src/core/completion/completer.js';
import { readDefinitionText } from '../../src/core/pipeline/definition.js';
import { readOpenRecords, type NewSyncRecord } from '../../src/core/runs/records.js';
import { createReconcileHandler } from '../../src/lambdas/reconcile.js';
import { startDynalite, type DynaliteHandle } from '../support/dynalite.js';
import { connection, fakeFivetran, silentLogger } from '../unit/lambdas/fixtures.js';

const T0 = Date.parse('2026-05-22T00:00:00.000Z');
const MINUTE = 60_000;
const RUNS = 3;
const RECORDS = 5000;
const OUTAGE = { from: T0, to: T0 + 40 * MINUTE };
const HEARTBEAT_SECONDS = (JSON.parse(readDefinitionText()) as { States: { AwaitSyncs: { ItemProcessor: { States: { WaitForSync: { HeartbeatSeconds: number } } } } } })
  .States.AwaitSyncs.ItemProcessor.States.WaitForSync.HeartbeatSeconds;

/** Step Functions' side of a wait: it times out once HeartbeatSeconds pass without a heartbeat. */
class HeartbeatClock implements TaskCompleter {
  readonly lastBeat = new Map<string, number>();
  readonly timedOut = new Set<string>();
  readonly succeeded = new Set<string>();
  constructor(private readonly now: () => number) {}
  private alive(token: string): boolean {
    if (this.now() - (this.lastBeat.get(token) ?? T0) > HEARTBEAT_SECONDS * 1000) this.timedOut.add(token);
    return !this.timedOut.has(token) && !this.succeeded.has(token);
  }
  async heartbeat(token: string): Promise<CompletionResult> {
    if (!this.alive(token)) return 'already-resolved';
    this.lastBeat.set(token, this.now());
    return 'delivered';
  }
  async succeed(token: string): Promise<CompletionResult> {
    if (!this.alive(token)) return 'already-resolved';
    this.succeeded.add(token);
    return 'delivered';
  }
  async fail(token: string): Promise<CompletionResult> {
    return this.alive(token) ? 'delivered' : 'already-resolved';
  }
}

let dynalite: DynaliteHandle;
beforeAll(async () => {
  dynalite = await startDynalite();
});
afterAll(async () => {
  await dynalite.close();
});

describe('the reconciler through a 40-minute Fivetran outage', () => {
  it('keeps all 5,000 waits of 3 runs alive, then completes them when Fivetran answers again', async () => {
    let clock = T0;
    const now = () => clock;
    const store = new DynamoRunStore({ tableName: await dynalite.createTable(), client: dynalite.client, now });
    const records: NewSyncRecord[] = Array.from({ length: RECORDS }, (_, i) => ({
      runId: `run-${i % RUNS}`,
      connectionId: `conn_${String(i).padStart(4, '0')}`,
      groupId: 'inappropriate_implode',
      name: null,
      baseline: '2026-05-21T18:00:00.000Z',
      scheduleType: 'auto',
      createdAt: new Date(T0).toISOString(),
      deadline: new Date(T0 + 6 * 3600_000).toISOString(),
      expiresAt: T0 / 1000 + 30 * 86_400,
    }));
    await store.createRecords(records);
    // As StartSyncs leaves them: triggered, and their waiters registered.
    await forEachLimited(records, 16, async (r) => {
      await store.markTriggered(r.runId, r.connectionId, r.createdAt);
      await store.attachTaskToken(r.runId, r.connectionId, `token-${r.runId}-${r.connectionId}`);
    });

    const completer = new HeartbeatClock(now);
    const recovered = fakeFivetran(records.map((r) => connection(r.connectionId, { succeeded_at: new Date(OUTAGE.to + 5 * MINUTE).toISOString() })));
    const unavailable = { ...recovered, listGroupConnections: () => Promise.reject(new Error('Fivetran API GET /groups/inappropriate_implode/connections failed: 503 Service Unavailable')) };
    const handler = createReconcileHandler(
      {
        store,
        completer,
        // The first half of the outage the secret read fails too; then Fivetran itself answers 503.
        fivetran: async () => {
          if (clock < OUTAGE.from + 20 * MINUTE) throw new Error('Secrets Manager: connect ETIMEDOUT');
          return clock < OUTAGE.to ? unavailable : recovered;
        },
        reconcileAfterSeconds: 600,
        now,
      },
      { logger: silentLogger() },
    );

    const summaries = [];
    for (clock = T0 + 5 * MINUTE; clock <= OUTAGE.to + 10 * MINUTE; clock += 5 * MINUTE) summaries.push(await handler({}));

    expect(completer.timedOut.size).toBe(0);
    // Every pass of the outage heartbeats all 5,000 (the first one finds nothing old enough to read Fivetran for).
    const outage = summaries.filter((_, i) => T0 + (i + 1) * 5 * MINUTE < OUTAGE.to);
    expect(outage.map((s) => s.actions.heartbeat)).toEqual(outage.map(() => RECORDS));
    expect(outage.slice(1).map((s) => s.errors[0])).toEqual([
      ...Array.from({ length: 2 }, () => expect.stringContaining('Fivetran secret: Secrets Manager: connect ETIMEDOUT')),
      ...Array.from({ length: 4 }, () => expect.stringContaining('503 Service Unavailable')),
    ]);
    expect(completer.succeeded.size).toBe(RECORDS);
    expect(await readOpenRecords(store)).toEqual([]);
  }, 240_000);
});
