/**
 * DynamoDB: dynalite in-process (a devDependency: the local AWS serves tests and benchmarks), with
 * the runs table created as the stack defines it (`createTableInput`) and ACTIVE before use.
 */
import { createRequire } from 'node:module';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../../aws/dynamodb-run-store.js';
import { listen, type Listening } from './http-listen.js';

type DynaliteOptions = { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number };

// dynalite is CommonJS without type declarations.
const require = createRequire(import.meta.url);

const TABLE_ACTIVE_DEADLINE_MS = 5000;

/** True to answer this call with `ProvisionedThroughputExceededException`; `n` counts every DynamoDB call from 1. */
export type DynamoDbFault = (call: { action: string; n: number }) => boolean;

/**
 * Answers the calls `fault` picks as DynamoDB does when a table is throttled (400, retryable by
 * the SDK), in front of dynalite's own request handler, on the same port.
 */
function interceptThrottling(server: Server, fault: DynamoDbFault): void {
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  let n = 0;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const action = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
    if (fault({ action, n: ++n })) {
      req.resume();
      const body = JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'The level of configured provisioned throughput for the table was exceeded.' });
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    for (const handle of handlers) handle.call(server, req, res);
  });
}

export async function startDynamoDb(tableName: string, fault?: DynamoDbFault): Promise<Listening> {
  const dynalite = require('dynalite') as (options?: DynaliteOptions) => Server;
  const listening = await listen(dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }));
  const { server, url } = listening;
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
  if (fault) interceptThrottling(server, fault);
  return listening;
}
