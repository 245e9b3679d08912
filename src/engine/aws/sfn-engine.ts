/**
 * The Step Functions engine: the same run API as the local engine, over a deployed stack.
 * `start` is StartExecution named by the run id (a second start with the same id and input
 * attaches to that execution instead of starting another); following reads the execution's new
 * history events, the run-records table and, while dbt runs, its log; `cancel` is StopExecution,
 * which ends the Map's waits and stops the dbt task (syncs already triggered run on at Fivetran).
 * Polling backs off from 2 s to 30 s while nothing changes, about two Step Functions calls a
 * minute at rest, far inside the account's quotas; throttled calls are retried by the SDK and then
 * by the next poll.
 */
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeTasksCommand, ECSClient } from '@aws-sdk/client-ecs';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, SFNClient, type SFNClientConfig, StartExecutionCommand, StopExecutionCommand, type DescribeExecutionCommandOutput, type HistoryEvent } from '@aws-sdk/client-sfn';
import { createAwsClient } from '../../aws/clients.js';
import { DynamoRunStore } from '../../aws/dynamodb-run-store.js';
import { NO_RUN_RESULTS, readRunResults } from '../../core/dbt/run-results.js';
import { ConfigError, InvalidRunRequestError, messageOf } from '../../core/errors.js';
import { abortableSleep } from '../../core/fivetran/retry.js';
import { newRunId, prepareRun, type RunRequest } from '../../core/pipeline/run-request.js';
import { buildRunReport, type DbtReport, type RunReport } from '../../core/report/run-report.js';
import { progressFingerprint, type SyncRecord } from '../../core/runs/records.js';
import { CI_RUN_ID_PREFIX, DBT_LOG_STREAM_PREFIX, type RunKind, runArtifactKey, runIdProblem } from '../../core/stack-contract.js';
import { isoTime, roundedSeconds } from '../../core/text.js';
import { abortReason, RunStatus, type RunEngine, type RunEventListener, type RunHandle, type RunOptions } from '../run-api.js';
import { enteredState, parseEcsTask, PIPELINE_PHASES, readNewEvents, TERMINAL_EVENTS, type EcsTaskJson } from './execution-history.js';
import { consoleUrlOf, executionArnOf, resolveStackResources, type StackResources } from './stack-resources.js';

export type SfnEngineOptions = {
  /** The deployed stack (its outputs name the state machine, table, bucket, cluster, log group). */
  stackName?: string;
  /** Or the state machine itself (its stack is found through its tags). */
  stateMachineArn?: string;
  /**
   * With `stackName`: which of its state machines runs start on, production's or the CI one
   * (pull-request runs: CI warehouse credentials only). Ignored with `stateMachineArn`.
   * @default 'production'
   */
  runKind?: RunKind;
  /** Region, credentials and endpoint overrides (`AWS_ENDPOINT_URL_<SERVICE>`). @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Credentials that refresh themselves (the Action's OIDC role) instead of the environment's. */
  credentials?: SFNClientConfig['credentials'];
  /**
   * Follow-up polling: first and longest pause, growth while nothing changes.
   * @default { initialMs: 2000, maxMs: 30000, factor: 1.5 }, or `FIVETRAN_DBT_POLL_INITIAL_MS` and `FIVETRAN_DBT_POLL_MAX_MS` from `env`
   */
  poll?: { initialMs?: number; maxMs?: number; factor?: number };
  /** Lines of the dbt log shown when dbt fails. @default 30 */
  logTailLines?: number;
  /** Injected for tests: the pause between polls, and the wall clock. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  now?: () => number;
};

type Clients = { sfn: SFNClient; dynamodb: DynamoDBClient; ecs: ECSClient; s3: S3Client; logs: CloudWatchLogsClient };

const TERMINAL_STATUS: Record<string, RunStatus> = {
  SUCCEEDED: RunStatus.succeeded,
  FAILED: RunStatus.failed,
  TIMED_OUT: RunStatus.timedOut,
  ABORTED: RunStatus.cancelled,
};

const isMissing = (error: unknown, name: string) => error instanceof Error && error.name === name;

export class SfnEngine implements RunEngine {
  readonly kind = 'aws' as const;
  private readonly env: NodeJS.ProcessEnv;
  private clientSet: Clients | null = null;
  private resourcesPromise: Promise<StackResources> | null = null;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly options: SfnEngineOptions) {
    this.env = options.env ?? process.env;
    this.sleep = options.sleep ?? ((ms, signal) => abortableSleep(ms, signal).catch(() => undefined));
    this.now = options.now ?? Date.now;
  }

  /** The stack's resources (resolved once). */
  resources(onWarning?: (message: string) => void): Promise<StackResources> {
    this.resourcesPromise ??= resolveStackResources(this.options, this.env, this.clients().sfn, onWarning).catch((error: unknown) => {
      this.resourcesPromise = null;
      throw error;
    });
    return this.resourcesPromise;
  }

  async start(request: RunRequest, options: RunOptions = {}): Promise<RunHandle> {
    const kind = this.options.runKind;
    const runId = options.runId ?? `${kind === 'ci' ? CI_RUN_ID_PREFIX : ''}${newRunId(new Date(this.now()))}`;
    // PrepareRun's own rules, before the request becomes the execution's input (a refused credential stays out of the history).
    const kindProblem = kind ? runIdProblem(runId, kind) : undefined;
    if (kindProblem) throw new InvalidRunRequestError(`Invalid run request: ${kindProblem}.`);
    prepareRun(request, runId, {});
    const warn = (message: string) => options.onEvent?.({ type: 'warning', runId, message });
    const resources = await this.resources(warn);
    const input = JSON.stringify(request);
    const executionArn = executionArnOf(resources.stateMachineArn, runId);
    const existing = await this.describe(executionArn).catch((error: unknown) => {
      if (isMissing(error, 'ExecutionDoesNotExist')) return null;
      throw error;
    });
    if (existing) {
      if (!sameJson(existing.input, input)) {
        throw new ConfigError(`A run named "${runId}" already exists with a different input (${existing.status}): pick another run id, or follow it with \`status ${runId}\`.`);
      }
      return this.follow(resources, executionArn, runId, options, true);
    }
    try {
      const started = await this.clients().sfn.send(new StartExecutionCommand({ stateMachineArn: resources.stateMachineArn, name: runId, input }));
      return this.follow(resources, started.executionArn ?? executionArn, runId, options, false);
    } catch (error) {
      if (isMissing(error, 'ExecutionAlreadyExists')) {
        throw new ConfigError(`A run named "${runId}" already exists with a different input: pick another run id.`, { cause: error });
      }
      if (isMissing(error, 'StateMachineDoesNotExist')) {
        throw new ConfigError(`State machine ${resources.stateMachineArn} does not exist: deploy the stack, or check the ARN and AWS_REGION.`, { cause: error });
      }
      throw error;
    }
  }

  async attach(runId: string, options: Omit<RunOptions, 'runId'> = {}): Promise<RunHandle> {
    const resources = await this.resources((message) => options.onEvent?.({ type: 'warning', runId, message }));
    const executionArn = runId.startsWith('arn:') ? runId : executionArnOf(resources.stateMachineArn, runId);
    try {
      await this.describe(executionArn);
    } catch (error) {
      if (isMissing(error, 'ExecutionDoesNotExist')) throw new ConfigError(`No run "${runId}" on ${resources.stateMachineArn}.`, { cause: error });
      throw error;
    }
    return this.follow(resources, executionArn, executionArn.split(':').pop() ?? runId, options, true);
  }

  async close(): Promise<void> {
    if (!this.clientSet) return;
    for (const client of Object.values(this.clientSet)) client.destroy();
    this.clientSet = null;
  }

  private clients(): Clients {
    if (!this.clientSet) {
      const extra = { maxAttempts: 5, ...(this.options.credentials ? { credentials: this.options.credentials } : {}) };
      this.clientSet = {
        sfn: createAwsClient(SFNClient, 'sfn', this.env, extra),
        dynamodb: createAwsClient(DynamoDBClient, 'dynamodb', this.env, extra),
        ecs: createAwsClient(ECSClient, 'ecs', this.env, extra),
        s3: createAwsClient(S3Client, 's3', this.env, extra),
        logs: createAwsClient(CloudWatchLogsClient, 'cloudwatchLogs', this.env, extra),
      };
    }
    return this.clientSet;
  }

  private describe(executionArn: string): Promise<DescribeExecutionCommandOutput> {
    return this.clients().sfn.send(new DescribeExecutionCommand({ executionArn }));
  }

  private follow(resources: StackResources, executionArn: string, runId: string, options: Omit<RunOptions, 'runId'>, attached: boolean): RunHandle {
    const stop = new AbortController();
    let detached = false;
    const emit: RunEventListener = (event) => options.onEvent?.(event);
    const store = resources.tableName ? new DynamoRunStore({ tableName: resources.tableName, client: this.clients().dynamodb }) : null;
    const records = async () => (store ? store.listRunRecords(runId) : []);
    const consoleUrl = consoleUrlOf(executionArn);
    // A stop wakes the follower from its pause, so the report comes at once rather than after up to `poll.maxMs`.
    let nap: AbortController | null = null;
    let woken = false;
    const wake = () => {
      woken = true;
      nap?.abort();
    };
    const pause = async (ms: number) => {
      if (woken) {
        woken = false;
        return;
      }
      nap = new AbortController();
      const onStop = () => nap?.abort();
      stop.signal.addEventListener('abort', onStop, { once: true });
      try {
        await this.sleep(ms, nap.signal);
      } finally {
        stop.signal.removeEventListener('abort', onStop);
        nap = null;
      }
    };
    let stopping: Promise<void> | null = null;
    const cancel = async (reason = 'cancelled') => {
      stopping ??= this.clients()
        .sfn.send(new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: `Run cancelled: ${reason}`.slice(0, 32768) }))
        .then(wake);
      await stopping;
      await result;
    };
    const onAbort = () => void cancel(abortReason(options.signal)).catch((error: unknown) => emit({ type: 'warning', runId, message: `Could not stop ${executionArn}: ${messageOf(error)}` }));
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    emit({ type: 'started', runId, attached, executionArn, consoleUrl });
    const result = this.watch({ resources, executionArn, runId, emit, records, pause, detached: () => detached }).finally(() =>
      options.signal?.removeEventListener('abort', onAbort),
    );
    return {
      runId,
      executionArn,
      consoleUrl,
      attached,
      result,
      records,
      cancel,
      detach: () => {
        detached = true;
        stop.abort();
      },
    };
  }

  /** Polls until the execution ends (or the follower detaches), then builds the report. */
  private async watch(run: {
    resources: StackResources;
    executionArn: string;
    runId: string;
    emit: RunEventListener;
    records: () => Promise<SyncRecord[]>;
    pause: (ms: number) => Promise<void>;
    detached: () => boolean;
  }): Promise<RunReport> {
    const fromEnv = (name: string) => (Number(this.env[name]) > 0 ? Number(this.env[name]) : undefined);
    const { initialMs = fromEnv('FIVETRAN_DBT_POLL_INITIAL_MS') ?? 2000, maxMs = fromEnv('FIVETRAN_DBT_POLL_MAX_MS') ?? 30_000, factor = 1.5 } = this.options.poll ?? {};
    const { sfn } = this.clients();
    let lastEventId = 0;
    let lastRecords = '';
    let pause = initialMs;
    let ended = false;
    const dbt: DbtWatch = { enteredAt: null, exitedAt: null, taskArn: null, logToken: undefined };
    const warn = (message: string) => run.emit({ type: 'warning', runId: run.runId, message });
    while (!ended && !run.detached()) {
      let changed = false;
      try {
        const events = await readNewEvents(sfn, run.executionArn, lastEventId);
        for (const event of events) {
          lastEventId = Math.max(lastEventId, event.id ?? 0);
          changed = true;
          this.noteEvent(event, dbt, run.emit, run.runId);
          if (TERMINAL_EVENTS.has(event.type ?? '')) ended = true;
        }
        const records = await run.records();
        const print = progressFingerprint(records);
        if (print !== lastRecords) {
          lastRecords = print;
          changed = true;
          run.emit({ type: 'connections', runId: run.runId, records });
        }
        if (dbt.taskArn && !dbt.exitedAt) await this.streamDbtLog(run.resources, dbt, (line) => run.emit({ type: 'dbt-line', runId: run.runId, line }));
        pause = changed ? initialMs : Math.min(maxMs, pause * factor);
      } catch (error) {
        if (isMissing(error, 'ExecutionDoesNotExist')) throw new ConfigError(`Execution ${run.executionArn} does not exist.`, { cause: error });
        warn(`Following ${run.runId}: ${messageOf(error)} (trying again)`);
        pause = Math.min(maxMs, Math.max(pause, initialMs) * 2);
      }
      if (!ended && !run.detached()) await run.pause(pause);
    }
    return this.report(run, dbt);
  }

  private noteEvent(event: HistoryEvent, dbt: DbtWatch, emit: RunEventListener, runId: string): void {
    const state = enteredState(event);
    if (state && PIPELINE_PHASES.has(state)) emit({ type: 'phase', runId, phase: state });
    if (state === 'RunDbt') dbt.enteredAt = event.timestamp?.getTime() ?? this.now();
    if (dbt.enteredAt === null || dbt.exitedAt !== null) return;
    if (event.type === 'TaskSubmitted') dbt.taskArn ??= parseEcsTask(event.taskSubmittedEventDetails?.output)?.TaskArn ?? null;
    if (event.type === 'TaskSucceeded') {
      dbt.taskArn ??= parseEcsTask(event.taskSucceededEventDetails?.output)?.TaskArn ?? null;
      dbt.exitedAt = event.timestamp?.getTime() ?? this.now();
    }
    if (event.type === 'TaskFailed' || event.type === 'TaskTimedOut') {
      dbt.taskArn ??= parseEcsTask(event.taskFailedEventDetails?.cause ?? event.taskTimedOutEventDetails?.cause)?.TaskArn ?? null;
      dbt.exitedAt = event.timestamp?.getTime() ?? this.now();
    }
  }

  private async report(
    run: { resources: StackResources; executionArn: string; runId: string; records: () => Promise<SyncRecord[]>; detached: () => boolean; emit: RunEventListener },
    dbt: DbtWatch,
  ): Promise<RunReport> {
    const execution = await this.describe(run.executionArn);
    const records = await run.records().catch(() => []);
    const status = run.detached() && execution.status === 'RUNNING' ? RunStatus.running : (TERMINAL_STATUS[execution.status ?? ''] ?? RunStatus.running);
    const dbtReport = dbt.enteredAt === null ? null : await this.dbtReport(run.resources, run.runId, execution, dbt, run.emit);
    return buildRunReport({
      runId: run.runId,
      status,
      error: status === RunStatus.succeeded || status === RunStatus.running ? null : (execution.error ?? null),
      cause: status === RunStatus.succeeded || status === RunStatus.running ? null : (execution.cause ?? null),
      startedAt: isoTime(execution.startDate?.getTime() ?? this.now()),
      finishedAt: isoTime(execution.stopDate?.getTime() ?? this.now()),
      records,
      dbt: dbtReport,
      executionArn: run.executionArn,
      consoleUrl: consoleUrlOf(run.executionArn),
    });
  }

  /** dbt's part of the report: exit code, stopped reason and log tail from ECS, nodes from run_results.json in S3. */
  private async dbtReport(resources: StackResources, runId: string, execution: DescribeExecutionCommandOutput, dbt: DbtWatch, emit: RunEventListener): Promise<DbtReport> {
    const warn = (message: string) => emit({ type: 'warning', runId, message });
    const failedTask: EcsTaskJson | null = execution.error === 'DbtFailed' ? parseEcsTask(execution.cause) : null;
    const taskArn = dbt.taskArn ?? failedTask?.TaskArn ?? null;
    let exitCode: number | null = execution.status === 'SUCCEEDED' ? 0 : (failedTask?.Containers?.[0]?.ExitCode ?? null);
    let stoppedReason: string | null = failedTask?.StoppedReason ?? null;
    if (taskArn && resources.dbtClusterArn && execution.status !== 'SUCCEEDED') {
      try {
        const { tasks } = await this.clients().ecs.send(new DescribeTasksCommand({ cluster: resources.dbtClusterArn, tasks: [taskArn] }));
        const task = tasks?.[0];
        if (task) {
          stoppedReason = task.stoppedReason ?? stoppedReason;
          exitCode = task.containers?.[0]?.exitCode ?? exitCode;
        }
      } catch (error) {
        warn(`Could not describe the dbt task ${taskArn}: ${messageOf(error)}`);
      }
    }
    let logTail: string[] = [];
    if (taskArn && execution.status !== 'SUCCEEDED') logTail = await this.logTail(resources, taskArn).catch((error: unknown) => {
      warn(`Could not read the dbt log: ${messageOf(error)}`);
      return [];
    });
    let summary = null;
    let summaryNote: string | null = null;
    if (resources.artifactsBucket) {
      const location = `s3://${resources.artifactsBucket}/${runArtifactKey(runId, 'run_results.json')}`;
      try {
        const object = await this.clients().s3.send(new GetObjectCommand({ Bucket: resources.artifactsBucket, Key: runArtifactKey(runId, 'run_results.json') }));
        const read = readRunResults((await object.Body?.transformToString('utf8')) ?? '');
        if ('summary' in read) summary = read.summary;
        else {
          summaryNote = read.note;
          warn(`${location}: ${read.note}`);
        }
      } catch (error) {
        if (isMissing(error, 'NoSuchKey')) summaryNote = `${NO_RUN_RESULTS} (nothing at ${location})`;
        else {
          summaryNote = `run_results.json unreadable: ${messageOf(error)}`;
          warn(`Could not read dbt's run_results.json: ${messageOf(error)}`);
        }
      }
    }
    const end = dbt.exitedAt ?? execution.stopDate?.getTime() ?? null;
    return {
      exitCode,
      durationSeconds: dbt.enteredAt !== null && end !== null ? roundedSeconds(end - dbt.enteredAt) : null,
      summary,
      summaryNote,
      taskArn,
      stoppedReason,
      logTail,
    };
  }

  private logStream(resources: StackResources, taskArn: string): { logGroupName: string; logStreamName: string } | null {
    if (!resources.dbtLogGroup) return null;
    const taskId = taskArn.split('/').pop() ?? taskArn;
    return { logGroupName: resources.dbtLogGroup, logStreamName: `${DBT_LOG_STREAM_PREFIX}/dbt/${taskId}` };
  }

  private async logTail(resources: StackResources, taskArn: string): Promise<string[]> {
    const stream = this.logStream(resources, taskArn);
    if (!stream) return [];
    const { events } = await this.clients().logs.send(new GetLogEventsCommand({ ...stream, limit: this.options.logTailLines ?? 30, startFromHead: false }));
    return (events ?? []).map((e) => e.message ?? '');
  }

  /** New dbt log lines since the last read (the task's stream appears once the container starts). */
  private async streamDbtLog(resources: StackResources, dbt: DbtWatch, onLine: (line: string) => void): Promise<void> {
    const stream = dbt.taskArn ? this.logStream(resources, dbt.taskArn) : null;
    if (!stream) return;
    try {
      const page = await this.clients().logs.send(new GetLogEventsCommand({ ...stream, startFromHead: true, ...(dbt.logToken ? { nextToken: dbt.logToken } : {}) }));
      for (const event of page.events ?? []) onLine(event.message ?? '');
      dbt.logToken = page.nextForwardToken ?? dbt.logToken;
    } catch (error) {
      if (!isMissing(error, 'ResourceNotFoundException')) throw error;
    }
  }
}

type DbtWatch = { enteredAt: number | null; exitedAt: number | null; taskArn: string | null; logToken: string | undefined };

function sameJson(a: string | undefined, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a ?? 'null')) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}

export function createSfnEngine(options: SfnEngineOptions): SfnEngine {
  return new SfnEngine(options);
}
