/**
 * The local AWS runs the synthesized state machine (dist/stack) with the real Lambda handlers:
 * every AWS call, from the test's SDK clients and from the Lambdas, goes over the wire to the
 * loopback stand-ins; Fivetran is the bundled simulator, whose webhooks reach the webhook Lambda
 * through the stack's HTTP API stand-in.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeTasksCommand, ECSClient } from '@aws-sdk/client-ecs';
import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  StopExecutionCommand,
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

/** A JSON-protocol call on the wire (no CloudWatch Logs client is a dependency of the project). */
async function awsJson(endpoint: string, target: string, input: object): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(endpoint, { method: 'POST', headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(input) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
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

  it('starts an execution once for the same name and input, and refuses the name with another input', async () => {
    const w = await startWorld([{ id: 'orders', syncDurationMs: 300 }]);
    const input = JSON.stringify({ groupId: 'g' });
    const first = await w.sfn.send(new StartExecutionCommand({ stateMachineArn: w.aws.stateMachineArn, name: 'run-twice', input }));
    const second = await w.sfn.send(new StartExecutionCommand({ stateMachineArn: w.aws.stateMachineArn, name: 'run-twice', input }));
    expect(second.executionArn).toBe(first.executionArn);
    expect(second.startDate).toEqual(first.startDate);
    await expect(
      w.sfn.send(new StartExecutionCommand({ stateMachineArn: w.aws.stateMachineArn, name: 'run-twice', input: JSON.stringify({ groupId: 'g', force: true }) })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists', $metadata: { httpStatusCode: 400 } });
    const { executions = [] } = await w.sfn.send(new ListExecutionsCommand({ stateMachineArn: w.aws.stateMachineArn }));
    expect(executions.map((e) => e.name)).toEqual(['run-twice']);
    await finished(w.sfn, first.executionArn as string);
    // Closed: the same name and input is now a conflict too.
    await expect(w.sfn.send(new StartExecutionCommand({ stateMachineArn: w.aws.stateMachineArn, name: 'run-twice', input }))).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('fails the run with DbtFailed when dbt exits 1: the cause is the ECS task, its logs are in CloudWatch', async () => {
    const w = await startWorld([{ id: 'orders', syncDurationMs: 50 }], {
      dbt: async () => ({ exitCode: 1, logLines: ['Running with dbt=1.9.0', 'Database Error in model orders', 'Done. PASS=1 WARN=0 ERROR=1 SKIP=0 TOTAL=2'] }),
    });
    const executionArn = await start(w, 'run-dbt-fails');

    const described = await finished(w.sfn, executionArn);
    expect(described).toMatchObject({ status: 'FAILED', error: 'DbtFailed' });
    const task = JSON.parse(described.cause as string);
    expect(task).toMatchObject({ LastStatus: 'STOPPED', StopCode: 'EssentialContainerExited', Containers: [{ Name: 'dbt', ExitCode: 1 }] });
    expect(w.aws.objects().has('runs/run-dbt-fails/run_results.json')).toBe(false);

    const ecs = createAwsClient(ECSClient, 'ecs', w.aws.env);
    const { tasks = [], failures = [] } = await ecs.send(new DescribeTasksCommand({ cluster: w.aws.outputs.DbtClusterArn, tasks: [task.TaskArn, 'arn:aws:ecs:us-east-1:000000000000:task/none/0'] }));
    ecs.destroy();
    expect(tasks[0]).toMatchObject({ lastStatus: 'STOPPED', stoppedReason: 'Essential container in task exited', containers: [{ exitCode: 1 }] });
    expect(tasks[0]?.stoppedAt).toBeInstanceOf(Date);
    expect(failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:000000000000:task/none/0', reason: 'MISSING' }]);

    const taskId = String(task.TaskArn).split('/').pop();
    const logs = await awsJson(w.aws.env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS as string, 'Logs_20140328.GetLogEvents', {
      logGroupName: w.aws.outputs.DbtLogGroupName,
      logStreamName: `dbt/dbt/${taskId}`,
      startFromHead: true,
    });
    expect(logs.status).toBe(200);
    expect((logs.body.events as { message: string }[]).map((e) => e.message)).toContain('Database Error in model orders');
  });

  it('stops an execution that waits for syncs: ABORTED, and its task tokens are closed', async () => {
    const w = await startWorld([{ id: 'slow', syncDurationMs: 60_000 }]);
    const executionArn = await start(w, 'run-stopped-waiting');
    const register = await waitFor('the waiter to register', () => w.aws.calls.find((c) => c.service === 'lambda' && JSON.stringify(c.input).includes('taskToken')));
    const token = (register.input as { Payload: { taskToken: string } }).Payload.taskToken;

    await w.sfn.send(new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'The workflow run was cancelled.' }));
    const described = await w.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'The workflow run was cancelled.' });
    // Stopping a closed execution is a no-op that answers its stop date.
    const again = await w.sfn.send(new StopExecutionCommand({ executionArn }));
    expect(again.stopDate).toEqual(described.stopDate);

    await expect(w.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({ name: 'TaskTimedOut', $metadata: { httpStatusCode: 400 } });
    await expect(w.sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' }))).rejects.toMatchObject({ name: 'InvalidToken' });
    const history = await waitFor('the aborted event', async () => {
      const { events = [] } = await w.sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }));
      return events[0]?.type === 'ExecutionAborted' ? events[0] : undefined;
    });
    expect(history.executionAbortedEventDetails).toEqual({ error: 'Cancelled', cause: 'The workflow run was cancelled.' });
  });

  it('stops an execution while dbt runs: ABORTED, the dbt task aborted and STOPPED by StopTask', async () => {
    let dbtSignal: AbortSignal | undefined;
    const w = await startWorld([], {
      dbt: ({ signal }) =>
        new Promise((resolve) => {
          dbtSignal = signal;
          signal.addEventListener('abort', () => resolve({ exitCode: 143, logLines: ['Received SIGTERM, cancelling'] }));
        }),
    });
    const executionArn = await start(w, 'run-stopped-in-dbt', { skipSync: true });
    await waitFor('dbt to start', () => (w.aws.ecsTasks()[0]?.lastStatus === 'RUNNING' ? true : undefined));

    await w.sfn.send(new StopExecutionCommand({ executionArn }));

    expect((await w.sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('ABORTED');
    expect(dbtSignal?.aborted).toBe(true);
    expect(w.aws.ecsTasks()[0]).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedByStopTask: true });
    expect(w.aws.calls.filter((c) => c.service === 'ecs').map((c) => c.action)).toEqual(['RunTask', 'StopTask']);
  });

  it('completes a wait whose webhook was dropped when the reconciler runs', async () => {
    const w = await startWorld([{ id: 'orders', syncDurationMs: 50 }], {}, { webhooks: { dropRate: 1 } });
    const executionArn = await start(w, 'run-reconciled');
    await waitFor('the sync to end', () => (w.simulator.connection('orders').succeeded_at && w.simulator.stats.webhooksDropped > 0 ? true : undefined));
    expect((await w.sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');

    const summary = await w.aws.reconcileNow();

    expect(summary).toMatchObject({ open: 1, checked: 1, actions: { completed: 1 } });
    expect((await finished(w.sfn, executionArn)).status).toBe('SUCCEEDED');
  });

  it('answers an injected ThrottlingException as AWS does, which the SDK retries', async () => {
    const w = await startWorld([], { fault: ({ service, action, n }) => (service === 'sfn' && action === 'DescribeStateMachine' && n <= 2 ? { code: 'ThrottlingException', message: 'Rate exceeded' } : undefined) });
    const once = createAwsClient(SFNClient, 'sfn', w.aws.env, { maxAttempts: 1 });
    const { DescribeStateMachineCommand } = await import('@aws-sdk/client-sfn');
    await expect(once.send(new DescribeStateMachineCommand({ stateMachineArn: w.aws.stateMachineArn }))).rejects.toMatchObject({
      name: 'ThrottlingException',
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400 },
    });
    once.destroy();
    // The default client retries throttling: the second attempt is throttled too, the third answers.
    const described = await w.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: w.aws.stateMachineArn }));
    expect(JSON.parse(described.definition as string).States.AwaitSyncs.Type).toBe('Map');
    expect(w.aws.calls.filter((c) => c.action === 'DescribeStateMachine').map((c) => c.fault)).toEqual(['ThrottlingException', 'ThrottlingException', undefined]);
  });

  it('serves the stack outputs through CloudFormation DescribeStacks, and ValidationError for an unknown stack', async () => {
    const w = await startWorld([]);
    const describe = async (name: string) => {
      const response = await fetch(w.aws.env.AWS_ENDPOINT_URL_CLOUDFORMATION as string, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ Action: 'DescribeStacks', Version: '2010-05-15', StackName: name }).toString(),
      });
      return { status: response.status, text: await response.text() };
    };
    const found = await describe('FivetranDbt');
    expect(found.status).toBe(200);
    expect(found.text).toContain('<StackStatus>CREATE_COMPLETE</StackStatus>');
    expect(found.text).toContain(`<OutputKey>WebhookUrl</OutputKey><OutputValue>${w.aws.webhookUrl}</OutputValue>`);
    const missing = await describe('Nope');
    expect(missing.status).toBe(400);
    expect(missing.text).toMatch(/<Code>ValidationError<\/Code><Message>Stack with id Nope does not exist<\/Message>/);
  });
});
