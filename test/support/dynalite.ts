/**
 * An in-process DynamoDB (dynalite) on a loopback port, with a real SDK client pointed at it, for
 * suites that exercise DynamoDB code (the run store, the webhook server, the local engine).
 * dynalite has no TTL and no Transact* calls; conditional writes and GSIs work.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../../src/aws/dynamodb-run-store.js';
import { listen } from '../../src/simulator/aws/http-listen.js';

type DynaliteOptions = { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number };

// dynalite is CommonJS without type declarations: load it through require, typed here.
const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options?: DynaliteOptions) => Server;

/** A running dynalite and a client for it. Always `await close()` (in `afterAll`). */
export type DynaliteHandle = {
  /** `http://127.0.0.1:<port>`, for `DYNAMODB_ENDPOINT`. */
  endpoint: string;
  /** Region us-east-1, dummy credentials. */
  client: DynamoDBClient;
  /** Creates a run-records table (`createTableInput`) and waits until it is ACTIVE. Returns its (unique) name. */
  createTable(): Promise<string>;
  /** Destroys the client and stops the server. */
  close(): Promise<void>;
};

/** How long `createTable` waits for ACTIVE before it gives up (dynalite flips it on the next tick). */
const TABLE_ACTIVE_DEADLINE_MS = 5000;

/** Starts dynalite on 127.0.0.1, port 0, with tables that become ACTIVE at once. */
export async function startDynalite(): Promise<DynaliteHandle> {
  // The local AWS's listener: close() lets requests in flight finish before dynalite closes its
  // database (cutting them first makes dynalite throw 'Database is closed' from a callback).
  const listening = await listen(dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }));
  const endpoint = listening.url;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });

  return {
    endpoint,
    client,
    async createTable() {
      const name = `runs-${randomUUID()}`;
      await client.send(new CreateTableCommand(createTableInput(name)));
      const deadline = Date.now() + TABLE_ACTIVE_DEADLINE_MS;
      for (;;) {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
        const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
        if (Table?.TableStatus === 'ACTIVE' && indexesActive) return name;
        if (Date.now() > deadline) throw new Error(`dynalite table "${name}" did not become ACTIVE within ${TABLE_ACTIVE_DEADLINE_MS} ms`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async close() {
      client.destroy();
      await listening.close();
    },
  };
}
