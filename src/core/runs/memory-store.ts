/**
 * Run records in process memory: the local engine's default store. Same semantics as the
 * DynamoDB store (conditional writes, expiry), one process only.
 */
import { RecordNotFoundError } from '../errors.js';
import type { NewSyncRecord, OutcomeWrite, RunStore, SyncOutcome, SyncRecord } from './records.js';

export type MemoryRunStoreOptions = {
  /** Epoch milliseconds; records whose `expiresAt` (seconds) has passed are invisible. */
  now?: () => number;
};

const key = (runId: string, connectionId: string) => `${runId}\u0000${connectionId}`;

/** Orders like DynamoDB sort keys (by code unit, not by locale). */
const compareCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class MemoryRunStore implements RunStore {
  private readonly records = new Map<string, SyncRecord>();
  private readonly now: () => number;

  constructor(options: MemoryRunStoreOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async createRecords(records: readonly NewSyncRecord[]): Promise<void> {
    for (const r of records) {
      const k = key(r.runId, r.connectionId);
      if (this.live(this.records.get(k))) continue;
      this.records.set(k, {
        ...r,
        triggeredAt: null,
        taskToken: null,
        startedSyncId: null,
        startedAt: null,
        rescheduledAt: null,
        retriggers: 0,
        outcome: r.outcome ?? null,
        completedAt: r.completedAt ?? null,
      });
    }
  }

  async markTriggered(runId: string, connectionId: string, at: string): Promise<void> {
    this.mustGet(runId, connectionId).triggeredAt = at;
  }

  async registerWaiter(runId: string, connectionId: string, taskToken: string): Promise<SyncRecord> {
    const record = this.mustGet(runId, connectionId);
    record.taskToken = taskToken;
    return structuredClone(record);
  }

  async recordOutcome(runId: string, connectionId: string, outcome: SyncOutcome): Promise<OutcomeWrite> {
    const record = this.mustGet(runId, connectionId);
    if (record.outcome) return { stored: false, record: structuredClone(record) };
    record.outcome = { ...outcome };
    return { stored: true, record: structuredClone(record) };
  }

  async recordSyncStart(runId: string, connectionId: string, syncId: string | null, at: string): Promise<void> {
    const record = this.mustGet(runId, connectionId);
    record.startedSyncId = syncId;
    record.startedAt = at;
  }

  async markRescheduled(runId: string, connectionId: string, at: string | null): Promise<void> {
    const record = this.mustGet(runId, connectionId);
    if (at === null) record.retriggers += 1;
    record.rescheduledAt = at;
  }

  async markCompleted(runId: string, connectionId: string, at: string): Promise<boolean> {
    const record = this.mustGet(runId, connectionId);
    if (record.completedAt) return false;
    record.completedAt = at;
    return true;
  }

  async getRecord(runId: string, connectionId: string): Promise<SyncRecord | null> {
    const record = this.records.get(key(runId, connectionId));
    return this.live(record) ? structuredClone(record) : null;
  }

  async listRunRecords(runId: string): Promise<SyncRecord[]> {
    return this.select((r) => r.runId === runId).sort((a, b) => compareCodeUnits(a.connectionId, b.connectionId));
  }

  async findOpenRecords(connectionId: string): Promise<SyncRecord[]> {
    return this.select((r) => r.connectionId === connectionId && r.completedAt === null);
  }

  async listOpenRecords(limit = 1000): Promise<SyncRecord[]> {
    return this.select((r) => r.completedAt === null)
      .sort((a, b) => compareCodeUnits(`${a.createdAt}#${a.runId}#${a.connectionId}`, `${b.createdAt}#${b.runId}#${b.connectionId}`))
      .slice(0, Math.max(0, limit));
  }

  async ping(): Promise<void> {}

  private select(predicate: (r: SyncRecord) => boolean): SyncRecord[] {
    const out: SyncRecord[] = [];
    for (const r of this.records.values()) if (this.live(r) && predicate(r)) out.push(structuredClone(r));
    return out;
  }

  private live(record: SyncRecord | undefined): record is SyncRecord {
    return record !== undefined && record.expiresAt * 1000 > this.now();
  }

  private mustGet(runId: string, connectionId: string): SyncRecord {
    const record = this.records.get(key(runId, connectionId));
    if (!this.live(record)) {
      throw new RecordNotFoundError(`No run record for run "${runId}" and connection "${connectionId}" (never written, or expired).`);
    }
    return record;
  }
}
