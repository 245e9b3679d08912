/**
 * Run records in process memory: the local engine's default store. Same semantics as the
 * DynamoDB store (conditional writes, expiry), one process only.
 */
import { recordNotFound } from '../errors.js';
import type { NewSyncRecord, OutcomeWrite, RunStore, SyncOutcome, SyncRecord } from './records.js';

export type MemoryRunStoreOptions = {
  /** Epoch milliseconds; records whose `expiresAt` (seconds) has passed are invisible. */
  now?: () => number;
};

/** Orders like DynamoDB sort keys (by code unit, not by locale). */
const compareCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Records per page of `listOpenRecords` (DynamoDB pages are bounded by 1 MB instead). */
const MEMORY_PAGE_SIZE = 500;

/** A copy callers may keep: records are flat but for `outcome`. */
const copy = (r: SyncRecord): SyncRecord => ({ ...r, outcome: r.outcome ? { ...r.outcome } : null });

export class MemoryRunStore implements RunStore {
  /** Records by run, then connection; a second index by connection serves webhooks without a scan. */
  private readonly byRun = new Map<string, Map<string, SyncRecord>>();
  private readonly byConnection = new Map<string, Map<string, SyncRecord>>();
  private readonly now: () => number;

  constructor(options: MemoryRunStoreOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async createRecords(records: readonly NewSyncRecord[]): Promise<void> {
    for (const r of records) {
      if (this.live(this.byRun.get(r.runId)?.get(r.connectionId))) continue;
      const record: SyncRecord = {
        runId: r.runId,
        connectionId: r.connectionId,
        groupId: r.groupId,
        name: r.name,
        baseline: r.baseline,
        scheduleType: r.scheduleType,
        createdAt: r.createdAt,
        triggeredAt: null,
        deadline: r.deadline,
        expiresAt: r.expiresAt,
        taskToken: null,
        startedSyncId: null,
        startedAt: null,
        rescheduledAt: null,
        retriggers: 0,
        outcome: r.outcome ? { ...r.outcome } : null,
        completedAt: r.completedAt ?? null,
      };
      index(this.byRun, r.runId, r.connectionId, record);
      index(this.byConnection, r.connectionId, r.runId, record);
    }
  }

  async markTriggered(runId: string, connectionId: string, at: string): Promise<void> {
    this.mustGet(runId, connectionId).triggeredAt = at;
  }

  async attachTaskToken(runId: string, connectionId: string, taskToken: string): Promise<SyncRecord> {
    const record = this.mustGet(runId, connectionId);
    record.taskToken = taskToken;
    return copy(record);
  }

  async recordOutcome(runId: string, connectionId: string, outcome: SyncOutcome): Promise<OutcomeWrite> {
    const record = this.mustGet(runId, connectionId);
    if (record.outcome) return { stored: false, record: copy(record) };
    record.outcome = { ...outcome };
    return { stored: true, record: copy(record) };
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
    const record = this.byRun.get(runId)?.get(connectionId);
    return this.live(record) ? copy(record) : null;
  }

  async listRunRecords(runId: string): Promise<SyncRecord[]> {
    return this.liveIn(this.byRun.get(runId), () => true).sort((a, b) => compareCodeUnits(a.connectionId, b.connectionId));
  }

  async findOpenRecords(connectionId: string): Promise<SyncRecord[]> {
    return this.liveIn(this.byConnection.get(connectionId), (r) => r.completedAt === null);
  }

  async *listOpenRecords(): AsyncIterable<SyncRecord[]> {
    const open: SyncRecord[] = [];
    for (const records of this.byRun.values()) open.push(...this.liveIn(records, (r) => r.completedAt === null));
    open.sort((a, b) => compareCodeUnits(`${a.createdAt}#${a.runId}#${a.connectionId}`, `${b.createdAt}#${b.runId}#${b.connectionId}`));
    for (let start = 0; start < open.length; start += MEMORY_PAGE_SIZE) yield open.slice(start, start + MEMORY_PAGE_SIZE);
  }

  async ping(): Promise<void> {}

  /** Copies of the live records in `records` that match; expired ones are dropped from both indexes. */
  private liveIn(records: Map<string, SyncRecord> | undefined, predicate: (r: SyncRecord) => boolean): SyncRecord[] {
    const out: SyncRecord[] = [];
    for (const r of records?.values() ?? []) {
      if (!this.live(r)) this.forget(r);
      else if (predicate(r)) out.push(copy(r));
    }
    return out;
  }

  private forget(record: SyncRecord): void {
    unindex(this.byRun, record.runId, record.connectionId);
    unindex(this.byConnection, record.connectionId, record.runId);
  }

  private live(record: SyncRecord | undefined): record is SyncRecord {
    return record !== undefined && record.expiresAt * 1000 > this.now();
  }

  private mustGet(runId: string, connectionId: string): SyncRecord {
    const record = this.byRun.get(runId)?.get(connectionId);
    if (!this.live(record)) throw recordNotFound(runId, connectionId);
    return record;
  }
}

function index(map: Map<string, Map<string, SyncRecord>>, outer: string, inner: string, record: SyncRecord): void {
  let records = map.get(outer);
  if (!records) map.set(outer, (records = new Map()));
  records.set(inner, record);
}

function unindex(map: Map<string, Map<string, SyncRecord>>, outer: string, inner: string): void {
  const records = map.get(outer);
  records?.delete(inner);
  if (records?.size === 0) map.delete(outer);
}
