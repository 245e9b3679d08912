/**
 * A local AWS on loopback that runs the synthesized stack: its state machine in the local engine,
 * its Lambdas' real handlers in-process, and stand-ins on the wire for every service they and the
 * project's callers use (Step Functions, ECS, CloudWatch Logs, S3, CloudFormation, Secrets
 * Manager, DynamoDB through dynalite, the webhook's HTTP API). Real SDK clients built from `env`
 * talk to it; nothing is mocked above the wire protocol.
 */
import { Console } from 'node:console';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Logger } from '@aws-lambda-powertools/logger';
import type { AwsService } from '../../aws/clients.js';
import { AwsServices } from '../../aws/clients.js';
import { createPrepareRunHandler } from '../../lambdas/prepare-run.js';
import { createReconcileHandler, reconcileDepsFromEnv } from '../../lambdas/reconcile.js';
import { createRegisterWaiterHandler, registerWaiterDepsFromEnv } from '../../lambdas/register-waiter.js';
import { createStartSyncsHandler, startSyncsDepsFromEnv } from '../../lambdas/start-syncs.js';
import { createSummarizeSyncsHandler, summarizeSyncsDepsFromEnv } from '../../lambdas/summarize-syncs.js';
import { createReceiverFromEnv, createWebhookHandler } from '../../lambdas/webhook.js';
import { LambdaEnv, StackOutputs } from '../../core/stack-contract.js';
import type { PreparedRun } from '../../core/pipeline/run-request.js';
import type { PrepareRunEvent } from '../../lambdas/prepare-run.js';
import type { RegisterWaiterEvent } from '../../lambdas/register-waiter.js';
import type { SummarizeSyncsEvent } from '../../lambdas/summarize-syncs.js';
import { CallLog, type AwsCallRecord, type FaultInjector } from './call-log.js';
import { deployedStack, startCloudFormationService } from './cloudformation-service.js';
import { startDynamoDb, type DynamoDbFault } from './dynamodb-service.js';
import { EcsTasks, startEcsService, succeedingDbt, type DbtBehaviour, type EcsTaskView } from './ecs-service.js';
import type { Listening } from './http-listen.js';
import type { LocalLambda } from './lambda-tasks.js';
import { LogStore, startLogsService } from './logs-service.js';
import { ObjectStore, startS3Service } from './s3-service.js';
import { startSecretsService } from './secrets-service.js';
import { Executions, type ExecutionView } from './sfn-executions.js';
import { type LocalStateMachine, startSfnService } from './sfn-service.js';
import { TaskTokens } from './sfn-task-tokens.js';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, readLocalStack } from './stack-assembly.js';
import { startWebhookApi } from './webhook-api.js';
import { statesError } from './aws-errors.js';

export type { AwsCallRecord, FaultInjector } from './call-log.js';
export type { DbtBehaviour, EcsTaskView } from './ecs-service.js';
export type { ExecutionView } from './sfn-executions.js';
export type { DynamoDbFault } from './dynamodb-service.js';

export type LocalAwsOptions = {
  /** The Fivetran API (the bundled simulator: `startSimulator()` from src/simulator/simulator.ts). */
  fivetran: { url: string; apiKey: string; apiSecret: string };
  /** Webhook signing secret stored in the webhook secret. @default random */
  webhookSecret?: string;
  /** The cloud assembly to run. @default <repo>/dist/stack */
  assemblyDir?: string;
  /** How the dbt ECS task behaves. @default succeeds after ~50 ms, printing a few lines and writing a small run_results.json */
  dbt?: DbtBehaviour;
  /** Run the real reconcile Lambda every N ms; null: never (call `reconcileNow()`). @default null */
  reconcileIntervalMs?: number | null;
  /** RECONCILE_AFTER_SECONDS for the reconciler. @default 0 */
  reconcileAfterSeconds?: number;
  /** Per call: an AWS error to answer instead (e.g. `{ code: 'ThrottlingException', status: 400 }`). */
  fault?: FaultInjector;
  /** Per DynamoDB call: true to answer it `ProvisionedThroughputExceededException` (table throttling), whoever calls. */
  dynamoDbFault?: DynamoDbFault;
};

export type LocalAws = {
  /** For a client or a child process: region, dummy credentials and `AWS_ENDPOINT_URL_<SERVICE>` of every service. */
  env: Record<string, string>;
  region: 'us-east-1';
  accountId: '000000000000';
  stackName: string;
  stateMachineArn: string;
  /** The stack's outputs by the names of `StackOutputs`. */
  outputs: Record<string, string>;
  /** `http://127.0.0.1:<port>/webhook`: the HTTP API in front of the real webhook Lambda. */
  webhookUrl: string;
  /** Every AWS call received, in order (and the Lambda invocations Step Functions made, as service `lambda`). DynamoDB calls are not logged. */
  calls: AwsCallRecord[];
  executions(): ExecutionView[];
  ecsTasks(): EcsTaskView[];
  /** Objects in the artifacts bucket (key → text). */
  objects(): Map<string, string>;
  /** Every log line written, by log group: the dbt tasks' and each Lambda's (`/aws/lambda/<service>`). */
  logLines(): Map<string, string[]>;
  /** The scheduled reconciler's passes so far, in order (`endedAt` null while one runs). */
  reconcilePasses: ReconcilePass[];
  /** Runs the real reconcile Lambda handler once; returns its summary. */
  reconcileNow(): Promise<unknown>;
  close(): Promise<void>;
};

/**
 * A Lambda's logger writing its JSON lines to the function's log group (`/aws/lambda/<service>`),
 * as the Lambda runtime does with stdout, instead of this process's stdout.
 */
function lambdaLogger(serviceName: string, logs: LogStore): Logger {
  const logger = new Logger({ serviceName, logLevel: 'INFO' });
  const group = `/aws/lambda/${serviceName}`;
  logs.createGroup(group);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.put(group, 'local', chunk.toString('utf8').split('\n').filter((line) => line !== ''));
      done();
    },
  });
  // Powertools prints through its own Console (a private field): point it at the log group.
  Object.assign(logger, { console: new Console({ stdout: sink, stderr: sink }) });
  return logger;
}

/** One scheduled pass of the reconciler (wall clock, epoch ms). */
export type ReconcilePass = { startedAt: number; endedAt: number | null };

/** The `AWS_ENDPOINT_URL_<SERVICE>` variable of each service the local AWS serves. */
const endpointVariable = (service: AwsService) => AwsServices[service].endpointVariable;

export async function startLocalAws(options: LocalAwsOptions): Promise<LocalAws> {
  const stack = readLocalStack(options.assemblyDir);
  const log = new CallLog(options.fault);
  const outputs = { ...stack.outputs };
  const tableName = outputs[StackOutputs.tableName] as string;
  const bucket = outputs[StackOutputs.artifactsBucket] as string;
  const fivetranSecretArn = outputs[StackOutputs.fivetranSecretArn] as string;
  const webhookSecretArn = outputs[StackOutputs.webhookSecretArn] as string;
  const roleArn = `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${stack.stackName}-StateMachineRole`;

  const started: Listening[] = [];
  const track = async (listening: Promise<Listening>) => {
    const value = await listening;
    started.push(value);
    return value;
  };
  const tokens = new TaskTokens();
  let ecs: EcsTasks | undefined;
  let machines: LocalStateMachine[] = [];
  let timer: NodeJS.Timeout | undefined;
  let dynamodb: Listening | undefined;
  let tick: Promise<unknown> | undefined;
  const passes: ReconcilePass[] = [];
  // DynamoDB closes last: the other services' handlers in flight (the webhook Lambda's, a task's
  // SendTaskSuccess) still write to it while they drain.
  const close = async () => {
    clearInterval(timer);
    await tick;
    ecs?.stopAll();
    await Promise.all(machines.map((m) => m.executions.stopAll()));
    tokens.closeAll(statesError('States.Runtime', 'The local AWS closed.'));
    await Promise.all(started.splice(0).map((s) => s.close()));
    await dynamodb?.close();
  };

  try {
    const secrets = new Map([
      [fivetranSecretArn, JSON.stringify({ apiKey: options.fivetran.apiKey, apiSecret: options.fivetran.apiSecret })],
      [webhookSecretArn, options.webhookSecret ?? randomBytes(32).toString('hex')],
    ]);
    const logs = new LogStore();
    logs.createGroup(stack.dbt.logGroup);
    const objects = new ObjectStore();
    objects.createBucket(bucket);

    dynamodb = await startDynamoDb(tableName, options.dynamoDbFault);
    const secretsService = await track(startSecretsService(secrets, log));
    const logsService = await track(startLogsService(logs, log));
    const s3 = await track(startS3Service(objects, log));
    ecs = new EcsTasks({
      clusterArn: stack.dbt.clusterArn,
      // RunDbt names the family; ECS runs its latest ACTIVE revision.
      taskDefinitionArn: `arn:aws:ecs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:task-definition/${stack.substitutions.DbtTaskDefinitionFamily}:1`,
      containerName: stack.dbt.containerName,
      logGroup: stack.dbt.logGroup,
      streamPrefix: stack.dbt.streamPrefix,
      bucket,
      dbt: options.dbt ?? succeedingDbt,
      logs,
      objects,
      log,
    });
    const ecsService = await track(startEcsService(ecs, log));

    // The SFN endpoint must be known before the Lambdas are built (they complete tasks through it),
    // and the executions need the Lambdas: the service starts over a late-bound executions object.
    const lambdas = new Map<string, LocalLambda>();
    const dbtTasks = ecs;
    machines = stack.machines.map((machine) => ({
      info: { arn: machine.arn, name: machine.name, definitionText: JSON.stringify(machine.definition, null, 2), roleArn, createdAt: new Date(), tags: machine.tags },
      executions: new Executions({ definition: machine.definition, stateMachineArn: machine.arn, roleArn, deps: { lambdas, tokens, ecs: dbtTasks, log } }),
    }));
    const sfn = await track(startSfnService({ machines, tokens, log }));

    const env: Record<string, string> = {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      [endpointVariable('sfn')]: sfn.url,
      [endpointVariable('dynamodb')]: dynamodb.url,
      [endpointVariable('ecs')]: ecsService.url,
      [endpointVariable('s3')]: s3.url,
      [endpointVariable('cloudwatchLogs')]: logsService.url,
      [endpointVariable('secretsManager')]: secretsService.url,
    };

    // Each function's environment as the template sets it, completed with what the local AWS knows.
    const lambdaEnv = (logicalId: string | undefined): NodeJS.ProcessEnv => ({
      ...env,
      [LambdaEnv.tableName]: tableName,
      [LambdaEnv.fivetranSecretArn]: fivetranSecretArn,
      [LambdaEnv.webhookSecretArn]: webhookSecretArn,
      ...(logicalId ? stack.lambdaEnvironments[logicalId] : {}),
      [LambdaEnv.fivetranApiUrl]: options.fivetran.url,
      [LambdaEnv.reconcileAfterSeconds]: String(options.reconcileAfterSeconds ?? 0),
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    const functionId = (arn: string) => arn.split(':').pop() as string;
    const byVariable = (name: string) => Object.keys(stack.lambdaEnvironments).find((id) => name in (stack.lambdaEnvironments[id] ?? {}));
    const { substitutions: s } = stack;
    const prepareRun = createPrepareRunHandler({ logger: lambdaLogger('prepare-run', logs) });
    const startSyncs = createStartSyncsHandler(startSyncsDepsFromEnv(lambdaEnv(functionId(s.StartSyncsFunctionArn))), { logger: lambdaLogger('start-syncs', logs) });
    const registerWaiter = createRegisterWaiterHandler(registerWaiterDepsFromEnv(lambdaEnv(functionId(s.RegisterWaiterFunctionArn))), {
      logger: lambdaLogger('register-waiter', logs),
    });
    const summarizeSyncs = createSummarizeSyncsHandler(summarizeSyncsDepsFromEnv(lambdaEnv(functionId(s.SummarizeSyncsFunctionArn))), {
      logger: lambdaLogger('summarize-syncs', logs),
    });
    lambdas.set(s.PrepareRunFunctionArn, (payload) => prepareRun(payload as PrepareRunEvent));
    lambdas.set(s.StartSyncsFunctionArn, (payload) => startSyncs(payload as PreparedRun));
    lambdas.set(s.RegisterWaiterFunctionArn, (payload) => registerWaiter(payload as RegisterWaiterEvent));
    lambdas.set(s.SummarizeSyncsFunctionArn, (payload) => summarizeSyncs(payload as SummarizeSyncsEvent));

    const reconcile = createReconcileHandler(reconcileDepsFromEnv(lambdaEnv(byVariable(LambdaEnv.reconcileAfterSeconds))), { logger: lambdaLogger('reconcile', logs) });
    const webhookLogger = lambdaLogger('fivetran-webhook', logs);
    const webhook = createWebhookHandler({ receiver: createReceiverFromEnv(lambdaEnv(byVariable(LambdaEnv.webhookSecretArn)), webhookLogger), logger: webhookLogger });
    const webhookApi = await track(startWebhookApi(webhook));
    const webhookUrl = `${webhookApi.url}/webhook`;
    outputs[StackOutputs.webhookUrl] = webhookUrl;

    const cloudformation = await track(startCloudFormationService([deployedStack(stack.stackName, outputs, {}, { project: stack.tags.project ?? 'fivetran-dbt-orchestrator' })], log));
    env[endpointVariable('cloudformation')] = cloudformation.url;

    if (options.reconcileIntervalMs) {
      // A failing tick is the reconciler's business (it logs); the schedule keeps going like EventBridge's.
      // One pass at a time, as with the deployed schedule, whose interval (minutes) far exceeds a
      // pass: a tick that finds the previous pass still running is skipped.
      timer = setInterval(() => {
        if (tick) return;
        const pass = { startedAt: Date.now(), endedAt: null as number | null };
        passes.push(pass);
        tick = reconcile()
          .catch(() => undefined)
          .finally(() => {
            pass.endedAt = Date.now();
            tick = undefined;
          });
      }, options.reconcileIntervalMs);
    }

    const tasks = ecs;
    const runs = machines;
    return {
      env,
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT_ID,
      stackName: stack.stackName,
      stateMachineArn: stack.stateMachineArn,
      outputs,
      webhookUrl,
      calls: log.calls,
      executions: () => runs.flatMap((m) => m.executions.list()).map((v) => ({ ...v })),
      ecsTasks: () => tasks.views(),
      objects: () => new Map([...objects.bucket(bucket)].map(([key, object]) => [key, object.body.toString('utf8')])),
      logLines: () => new Map([...logs.groups].map(([group, streams]) => [group, [...streams.values()].flat().map((e) => e.message)])),
      reconcilePasses: passes,
      reconcileNow: () => reconcile(),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
