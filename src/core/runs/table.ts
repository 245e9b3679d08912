/**
 * The run-records table's shape as data: key attributes, indexes and TTL, shared by the DynamoDB
 * store, the tests (dynalite) and the CDK stack, so the three cannot drift apart.
 *
 * Layout: one item per (run, connection), partition `RUN#<runId>`, sort `CONN#<connectionId>`.
 * The run is the base key because the run's own reads (SummarizeSyncs decides on dbt right after
 * the last waiter completes, then the reports) must be strongly consistent, and only the base
 * table offers that. Both lookups that tolerate index lag use sparse GSIs whose key attributes
 * exist only while the record is open (`completedAt` unset), so completed records cost nothing:
 * - `openByConnection`: a webhook's open records of one connection (every run), oldest first;
 * - `open`: every open record (the reconciler), spread over `OPEN_SHARD_COUNT` partitions so no
 *   partition takes every open record; each shard oldest first.
 * A stale index read is harmless: every write after it is conditional and returns the fresh item.
 */

/** Attribute names of the keys (base table and indexes) and of the TTL. */
export const RunTableAttributes = {
  /** Base partition key: `RUN#<runId>`. */
  pk: 'pk',
  /** Base sort key: `CONN#<connectionId>`. */
  sk: 'sk',
  /** `openByConnection` partition key: `CONN#<connectionId>`; present only while open. */
  openConnectionPk: 'openConnectionPk',
  /** `openByConnection` sort key: `<createdAt>#<runId>`; present only while open. */
  openConnectionSk: 'openConnectionSk',
  /** `open` partition key: the record's shard (`openPartition`); present only while open. */
  openPk: 'openPk',
  /** `open` sort key: `<createdAt>#<runId>#<connectionId>`; present only while open. */
  openSk: 'openSk',
  /** TTL attribute, epoch seconds (the record's own `expiresAt`). */
  expiresAt: 'expiresAt',
} as const;

/** Global secondary index names. */
export const RunTableIndexes = {
  openByConnection: 'openByConnection',
  open: 'open',
} as const;

/** The attribute TTL deletes by (DynamoDB deletes lazily, so reads filter on it too). */
export const RUN_TABLE_TTL_ATTRIBUTE = RunTableAttributes.expiresAt;

/**
 * How many partitions the `open` index spreads open records over. 16 keeps a 5,000-record
 * reconciler pass at 16 Queries while no partition takes more than a sixteenth of the writes.
 */
export const OPEN_SHARD_COUNT = 16;

/**
 * The `open` partition of a record: `OPEN` for shard 0 (the single partition of earlier versions,
 * so records written before sharding are still listed), `OPEN#<n>` for the others.
 */
export function openPartition(runId: string, connectionId: string): string {
  const shard = fnv1a(`${runId}#${connectionId}`) % OPEN_SHARD_COUNT;
  return shard === 0 ? 'OPEN' : `OPEN#${shard}`;
}

/** Every partition of the `open` index. */
export const OPEN_PARTITIONS: readonly string[] = Array.from({ length: OPEN_SHARD_COUNT }, (_, shard) => (shard === 0 ? 'OPEN' : `OPEN#${shard}`));

/** 32-bit FNV-1a: stable across processes and versions, which a shard must be. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Every key attribute is a string. */
export type KeyAttributeType = 'S';

/** One index, as data a CDK construct or a CreateTable input can be built from. */
export type RunTableIndex = {
  readonly indexName: string;
  readonly partitionKey: { readonly name: string; readonly type: KeyAttributeType };
  readonly sortKey: { readonly name: string; readonly type: KeyAttributeType };
  /** Every index projects the whole item: the store returns full records from index queries. */
  readonly projection: 'ALL';
};

/** The table's key schema, indexes and TTL attribute. */
export const RUN_TABLE_SCHEMA = {
  partitionKey: { name: RunTableAttributes.pk, type: 'S' },
  sortKey: { name: RunTableAttributes.sk, type: 'S' },
  globalSecondaryIndexes: [
    {
      indexName: RunTableIndexes.openByConnection,
      partitionKey: { name: RunTableAttributes.openConnectionPk, type: 'S' },
      sortKey: { name: RunTableAttributes.openConnectionSk, type: 'S' },
      projection: 'ALL',
    },
    {
      indexName: RunTableIndexes.open,
      partitionKey: { name: RunTableAttributes.openPk, type: 'S' },
      sortKey: { name: RunTableAttributes.openSk, type: 'S' },
      projection: 'ALL',
    },
  ] as readonly RunTableIndex[],
  timeToLiveAttribute: RUN_TABLE_TTL_ATTRIBUTE,
} as const;

/** The base key of a record. */
export function recordKey(runId: string, connectionId: string): { pk: string; sk: string } {
  return { pk: runPartition(runId), sk: `CONN#${connectionId}` };
}

/** The sparse index attributes a record carries while it is open (removed on completion). */
export function openIndexAttributes(record: { runId: string; connectionId: string; createdAt: string }): {
  openConnectionPk: string;
  openConnectionSk: string;
  openPk: string;
  openSk: string;
} {
  return {
    openConnectionPk: connectionPartition(record.connectionId),
    openConnectionSk: `${record.createdAt}#${record.runId}`,
    openPk: openPartition(record.runId, record.connectionId),
    openSk: `${record.createdAt}#${record.runId}#${record.connectionId}`,
  };
}

/** The partition value of `openByConnection` for a connection. */
export function connectionPartition(connectionId: string): string {
  return `CONN#${connectionId}`;
}

/** The partition value of the base table for a run. */
export function runPartition(runId: string): string {
  return `RUN#${runId}`;
}
