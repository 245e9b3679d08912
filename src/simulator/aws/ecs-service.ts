/**
 * The dbt task on ECS: what Step Functions' `ecs:runTask.sync` starts and waits for, and the ECS API
 * (JSON 1.1, `AmazonEC2ContainerServiceV20141113.*`: DescribeTasks, StopTask) that callers use to
 * look at it. The container is `options.dbt`, a function; its lines go to CloudWatch Logs under
 * the awslogs stream `<prefix>/<container>/<task id>` and, on exit 0, its artifacts to S3.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { runArtifactKey } from '../../core/stack-contract.js';
import { AwsServiceError, statesError } from './aws-errors.js';
import { epochSeconds, requiredString, startJsonService } from './aws-json-server.js';
import type { CallLog } from './call-log.js';
import type { Listening } from './http-listen.js';
import type { LogStore } from './logs-service.js';
import type { ObjectStore } from './s3-service.js';

export type DbtTaskRequest = { runId: string; command: string[]; environment: Record<string, string>; signal: AbortSignal };
export type DbtTaskResult = { exitCode: number; logLines?: string[]; runResults?: object | null; stoppedReason?: string };
/** How the dbt container behaves. */
export type DbtBehaviour = (task: DbtTaskRequest) => Promise<DbtTaskResult>;

/** A task as the ECS API describes it (camelCase; dates as epoch milliseconds). */
export type EcsTaskView = {
  taskArn: string;
  clusterArn: string;
  taskDefinitionArn: string;
  runId: string;
  command: string[];
  lastStatus: 'RUNNING' | 'STOPPED';
  desiredStatus: 'RUNNING' | 'STOPPED';
  stopCode?: 'EssentialContainerExited' | 'UserInitiated';
  stoppedReason?: string;
  exitCode?: number;
  /** True when StopTask stopped it (a caller, or Step Functions stopping its execution). */
  stoppedByStopTask: boolean;
  createdAt: number;
  startedAt: number;
  stoppedAt?: number;
  logStreamName: string;
};

/** ECS's reason when StopTask is called without one, and the exit code of a container stopped by SIGTERM. */
export const USER_STOPPED_REASON = 'Task stopped by user';
const SIGTERM_EXIT_CODE = 143;

/** The default container: a short dbt build that passes. */
export const succeedingDbt: DbtBehaviour = async ({ signal }) => {
  await sleep(50, undefined, { signal }).catch(() => undefined);
  return {
    exitCode: 0,
    logLines: ['Running with dbt=1.9.0', 'Found 2 models, 0 tests', '1 of 2 OK created sql view model analytics.stg_orders', '2 of 2 OK created sql table model analytics.orders', 'Done. PASS=2 WARN=0 ERROR=0 SKIP=0 TOTAL=2'],
    runResults: {
      metadata: { dbt_version: '1.9.0', generated_at: new Date().toISOString() },
      results: [
        { unique_id: 'model.analytics.stg_orders', status: 'success', execution_time: 0.02, message: 'OK', failures: null },
        { unique_id: 'model.analytics.orders', status: 'success', execution_time: 0.03, message: 'OK', failures: null },
      ],
      elapsed_time: 0.05,
    },
  };
};

export type EcsOptions = {
  clusterArn: string;
  taskDefinitionArn: string;
  containerName: string;
  logGroup: string;
  streamPrefix: string;
  bucket: string;
  dbt: DbtBehaviour;
  logs: LogStore;
  objects: ObjectStore;
  log: CallLog;
};

type Running = { view: EcsTaskView; executionArn: string | undefined; controller: AbortController; finish: (view: EcsTaskView) => void };

/** `Overrides.ContainerOverrides[0]` of the state's parameters, as Step Functions passes them. */
type RunTaskParameters = { TaskDefinition?: string; Overrides?: { ContainerOverrides?: { Name?: string; Command?: string[]; Environment?: { Name: string; Value: string }[] }[] } };

/** The ARN of the revision RunTask runs: a family name runs its latest ACTIVE revision (here always 1). */
function taskDefinitionArnOf(given: string | undefined, fallback: string): string {
  if (!given) return fallback;
  if (given.startsWith('arn:')) return given;
  const [family, revision] = given.split(':');
  return `${fallback.slice(0, fallback.indexOf('task-definition/'))}task-definition/${family}:${revision ?? '1'}`;
}

const upperFirst = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);

/** The task in the form Step Functions returns from `runTask.sync` (and puts in a failure's cause): PascalCase keys. */
export function pascalTask(view: EcsTaskView, containerName: string): Record<string, unknown> {
  const task = describeTask(view, containerName, (ms) => ms);
  const pascal = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(pascal) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [upperFirst(k), pascal(v)])) : value;
  return pascal(task) as Record<string, unknown>;
}

function describeTask(view: EcsTaskView, containerName: string, date: (ms: number) => number): Record<string, unknown> {
  const taskId = view.taskArn.split('/').pop() as string;
  return {
    taskArn: view.taskArn,
    clusterArn: view.clusterArn,
    taskDefinitionArn: view.taskDefinitionArn,
    launchType: 'FARGATE',
    lastStatus: view.lastStatus,
    desiredStatus: view.desiredStatus,
    createdAt: date(view.createdAt),
    startedAt: date(view.startedAt),
    ...(view.stoppedAt !== undefined ? { stoppingAt: date(view.stoppedAt), stoppedAt: date(view.stoppedAt), executionStoppedAt: date(view.stoppedAt) } : {}),
    ...(view.stopCode ? { stopCode: view.stopCode } : {}),
    ...(view.stoppedReason ? { stoppedReason: view.stoppedReason } : {}),
    group: `family:${view.taskDefinitionArn.split('/').pop()?.split(':')[0] ?? 'dbt'}`,
    containers: [
      {
        containerArn: `${view.clusterArn.replace(':cluster/', ':container/')}/${taskId}/${containerName}`,
        taskArn: view.taskArn,
        name: containerName,
        lastStatus: view.lastStatus,
        ...(view.exitCode !== undefined ? { exitCode: view.exitCode } : {}),
      },
    ],
    overrides: { containerOverrides: [{ name: containerName, command: view.command }] },
  };
}

export class EcsTasks {
  private readonly tasks = new Map<string, EcsTaskView>();
  private readonly running = new Map<string, Running>();

  constructor(private readonly options: EcsOptions) {}

  views(): EcsTaskView[] {
    return [...this.tasks.values()].map((v) => ({ ...v }));
  }

  /** `ecs:runTask.sync`: starts the task and settles when it stops, as Step Functions does. */
  async runTaskSync(parameters: RunTaskParameters, executionArn?: string): Promise<Record<string, unknown>> {
    const { options } = this;
    try {
      options.log.record('ecs', 'RunTask', parameters);
    } catch (error) {
      // An ECS API error reaches the state as `ECS.<code>`, which the definition retries.
      const code = error instanceof AwsServiceError ? error.code : 'AmazonECSException';
      throw statesError(`ECS.${code}`, error instanceof Error ? error.message : String(error));
    }
    const override = parameters.Overrides?.ContainerOverrides?.[0] ?? {};
    const environment = Object.fromEntries((override.Environment ?? []).map((e) => [e.Name, e.Value]));
    const clusterName = options.clusterArn.split('/').pop() as string;
    const taskId = randomBytes(16).toString('hex');
    const now = Date.now();
    const view: EcsTaskView = {
      taskArn: `arn:aws:ecs:us-east-1:000000000000:task/${clusterName}/${taskId}`,
      clusterArn: options.clusterArn,
      taskDefinitionArn: taskDefinitionArnOf(parameters.TaskDefinition, options.taskDefinitionArn),
      runId: environment.ORCHESTRATOR_RUN_ID ?? '',
      command: override.Command ?? [],
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      stoppedByStopTask: false,
      createdAt: now,
      startedAt: now,
      logStreamName: `${options.streamPrefix}/${options.containerName}/${taskId}`,
    };
    this.tasks.set(view.taskArn, view);
    options.logs.put(options.logGroup, view.logStreamName, []);
    const controller = new AbortController();
    const stopped = new Promise<EcsTaskView>((finish) => this.running.set(view.taskArn, { view, executionArn, controller, finish }));
    // The container sees the task definition's environment, then the override's.
    const exited = this.runContainer(view, controller.signal, { ARTIFACTS_BUCKET: options.bucket, ...environment });
    const final = await Promise.race([exited, stopped]);
    this.running.delete(view.taskArn);
    const task = pascalTask(final, options.containerName);
    if (final.exitCode === 0) return task;
    throw statesError('States.TaskFailed', JSON.stringify(task));
  }

  private async runContainer(view: EcsTaskView, signal: AbortSignal, environment: Record<string, string>): Promise<EcsTaskView> {
    const { options } = this;
    let result: DbtTaskResult;
    try {
      result = await options.dbt({ runId: view.runId, command: [...view.command], environment, signal });
    } catch (error) {
      result = { exitCode: 1, logLines: [`dbt crashed: ${error instanceof Error ? error.message : String(error)}`] };
    }
    options.logs.put(options.logGroup, view.logStreamName, result.logLines ?? []);
    if (view.lastStatus === 'STOPPED') return view;
    if (result.exitCode === 0 && result.runResults !== null) {
      options.objects.put(options.bucket, runArtifactKey(view.runId, 'run_results.json'), JSON.stringify(result.runResults ?? {}), 'application/json');
      options.objects.put(options.bucket, runArtifactKey(view.runId, 'manifest.json'), JSON.stringify({ metadata: { dbt_version: '1.9.0' }, nodes: {} }), 'application/json');
    }
    Object.assign(view, {
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: result.stoppedReason ?? 'Essential container in task exited',
      exitCode: result.exitCode,
      stoppedAt: Date.now(),
    } satisfies Partial<EcsTaskView>);
    return view;
  }

  /** StopTask: the container gets SIGTERM (its signal aborts) and the task is STOPPED at once. */
  stop(taskArn: string, reason: string = USER_STOPPED_REASON): EcsTaskView {
    const view = this.tasks.get(taskArn);
    if (!view) throw new AwsServiceError('InvalidParameterException', 'The referenced task was not found.');
    const running = this.running.get(taskArn);
    if (!running || view.lastStatus === 'STOPPED') return view;
    Object.assign(view, {
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stopCode: 'UserInitiated',
      stoppedReason: reason,
      exitCode: SIGTERM_EXIT_CODE,
      stoppedAt: Date.now(),
      stoppedByStopTask: true,
    } satisfies Partial<EcsTaskView>);
    running.controller.abort();
    running.finish(view);
    return view;
  }

  /** Stops the tasks an execution started, as Step Functions does when the execution stops (StopTask without a reason). */
  stopForExecution(executionArn: string): void {
    for (const running of [...this.running.values()]) {
      if (running.executionArn !== executionArn) continue;
      this.options.log.record('ecs', 'StopTask', { cluster: running.view.clusterArn, task: running.view.taskArn }, { internal: true });
      this.stop(running.view.taskArn);
    }
  }

  /** Stops every running task (the local AWS closes). */
  stopAll(): void {
    for (const arn of [...this.running.keys()]) this.stop(arn);
  }

  describe(arns: string[]): { tasks: Record<string, unknown>[]; failures: { arn: string; reason: string }[] } {
    const tasks: Record<string, unknown>[] = [];
    const failures: { arn: string; reason: string }[] = [];
    for (const arn of arns) {
      const view = this.tasks.get(arn) ?? [...this.tasks.values()].find((v) => v.taskArn.endsWith(`/${arn}`));
      if (view) tasks.push(describeTask(view, this.options.containerName, epochSeconds));
      else failures.push({ arn, reason: 'MISSING' });
    }
    return { tasks, failures };
  }

  describeOne(arn: string): Record<string, unknown> {
    return this.describe([arn]).tasks[0] ?? {};
  }
}

export async function startEcsService(ecs: EcsTasks, log: CallLog): Promise<Listening> {
  return startJsonService({
    service: 'ecs',
    targetPrefix: 'AmazonEC2ContainerServiceV20141113',
    jsonVersion: '1.1',
    log,
    actions: {
      DescribeTasks(input) {
        if (!Array.isArray(input.tasks)) requiredString(input, 'tasks');
        return ecs.describe(input.tasks as string[]);
      },
      StopTask(input) {
        const arn = requiredString(input, 'task');
        const view = ecs.stop(arn, typeof input.reason === 'string' && input.reason ? input.reason : USER_STOPPED_REASON);
        return { task: ecs.describeOne(view.taskArn) };
      },
    },
  });
}
