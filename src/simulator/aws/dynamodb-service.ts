/**
 * DynamoDB: dynalite in-process (a devDependency: the local AWS serves tests and benchmarks), with
 * the runs table created as the stack defines it (`createTableInput`) and ACTIVE before use.
 */
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../../aws/dynamodb-run-store.js';
import type { Listening } from './http-listen.js';

type DynaliteOptions = { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number };

// dynalite is CommonJS without type declarations.
const require = createRequire(import.meta.url);

const TABLE_ACTIVE_DEADLINE_MS = 5000;

export async function startDynamoDb(tableName: string): Promise<Listening> {
  const dynalite = require('dynalite') as (options?: DynaliteOptions) => Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    const deadline = Date.now() + TABLE_ACTIVE_DEADLINE_MS;
    for (;;) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (Table?.TableStatus === 'ACTIVE' && (Table.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE')) break;
      if (Date.now() > deadline) throw new Error(`The table ${tableName} did not become ACTIVE within ${TABLE_ACTIVE_DEADLINE_MS} ms.`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    client.destroy();
  }
  return {
    url,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
