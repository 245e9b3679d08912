/**
 * The local AWS runs the synthesized state machine (dist/stack) with the real Lambda handlers:
 * every AWS call, from the test's SDK clients and from the Lambdas, goes over the wire to the
 * loopback stand-ins; Fivetran is the bundled simulator, whose webhooks reach the webhook Lambda
 * through the stack's HTTP API stand-in.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
  type DescribeExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createAwsClient } from '../../src/aws/clients.js';
import { DynamoRunStore } from '../../src/aws/dynamodb-run-store.js';
import { createFivetranClient } from '../../src/core/fivetran/client.js';
import { startLocalAws, type LocalAws, type LocalAwsOptions } from '../../src/simulator/aws/local-aws.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/simulator.js';

const WEBHOOK_SECRET = 'local-aws-webhook-secret';

type World = { simulator: Simulator; aws: LocalAws; sfn: SFNClient; close(): Promise<void> };
let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A simulator with group `g`, a local AWS on it, the stack's webhook registered on the group. */
async function startWorld(
  connections: SimulatorOptions['groups'][number]['connections'],
  options: Partial<LocalAwsOptions> = {},
  simulatorOptions: Partial<SimulatorOptions> = {},
): Promise<World> {
  const simulator = await startSimulator({ groups: [{ id: 'g', connections }], ...simulatorOptions });
  const aws = await startLocalAws({ fivetran: simulator, webhookSecret: WEBHOOK_SECRET, ...options });
  const fivetran = createFivetranClient({ apiKey: simulator.apiKey, apiSecret: simulator.apiSecret, baseUrl: simulator.url });
  await fivetran.createGroupWebhook('g', { url: aws.webhookUrl, events: ['sync_start', 'sync_end'], secret: WEBHOOK_SECRET, active: true });
  const sfn = createAwsClient(SFNClient, 'sfn', aws.env);
  world = {
    simulator,
    aws,
    sfn,
    async close() {
      sfn.destroy();
      await aws.close();
      await simulator.close();
    },
  };
  return world;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function finished(sfn: SFNClient, executionArn: string): Promise<DescribeExecutionCommandOutput> {
  return waitFor(`execution ${executionArn} to finish`, async () => {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return described.status === 'RUNNING' ? undefined : described;
  });
}

async function start(w: World, name: string, request: object = { groupId: 'g' }): Promise<string> {
  const { executionArn } = await w.sfn.send(new StartExecutionCommand({ stateMachineArn: w.aws.stateMachineArn, name, input: JSON.stringify(request) }));
  return executionArn as string;
}

describe('the local AWS', () => {
  it('runs a pipeline end to end: syncs completed by webhooks, dbt on ECS, artifacts in S3', async () => {
    const w = await startWorld([
      { id: 'orders', syncDurationMs: 100 },
      { id: 'customers', syncDurationMs: 150 },
    ]);
    const executionArn = await start(w, 'run-ok');

    const described = await finished(w.sfn, executionArn);
    expect([described.error, described.cause]).toEqual([undefined, undefined]);
    expect(described).toMatchObject({ status: 'SUCCEEDED', name: 'run-ok', stateMachineArn: w.aws.stateMachineArn });
    expect(JSON.parse(described.output as string)).toMatchObject({ runId: 'run-ok', syncs: { runDbt: true }, dbtTask: { exitCode: 0 } });

    const { events = [] } = await w.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('ExecutionStarted');
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    expect(types).toEqual(expect.arrayContaining(['TaskStateEntered', 'TaskScheduled', 'TaskSucceeded', 'MapStateEntered', 'MapIterationStarted', 'ChoiceStateEntered', 'MapStateExited']));
    expect(events.find((e) => e.type === 'TaskScheduled' && e.taskScheduledEventDetails?.resourceType === 'ecs')?.taskScheduledEventDetails?.resource).toBe('runTask.sync');

    const s3 = createAwsClient(S3Client, 's3', w.aws.env);
    const object = await s3.send(new GetObjectCommand({ Bucket: w.aws.outputs.ArtifactsBucketName, Key: 'runs/run-ok/run_results.json' }));
    expect(JSON.parse(await (object.Body as { transformToString(): Promise<string> }).transformToString())).toMatchObject({ results: expect.any(Array) });
    s3.destroy();
    expect([...w.aws.objects().keys()]).toEqual(expect.arrayContaining(['runs/run-ok/run_results.json', 'runs/run-ok/manifest.json']));

    const dynamo = createAwsClient(DynamoDBClient, 'dynamodb', w.aws.env);
    const records = await new DynamoRunStore({ tableName: w.aws.outputs.RunsTableName as string, client: dynamo }).listRunRecords('run-ok');
    dynamo.destroy();
    expect(records.map((r) => [r.connectionId, r.outcome?.status]).sort()).toEqual([
      ['customers', 'SUCCESSFUL'],
      ['orders', 'SUCCESSFUL'],
    ]);
    expect(w.aws.calls.filter((c) => c.service === 'sfn' && c.action === 'SendTaskSuccess')).toHaveLength(2);
  });
});
