/**
 * What one run costs on AWS, computed from the pipeline definition itself. State transitions and
 * execution-history events come from walking pipeline.asl.json for a given number of connections;
 * Lambda, DynamoDB, Fargate and HttpApi usage come from the run's shape and the assumptions below.
 * Every price and assumption is a parameter; the defaults are us-east-1 list prices.
 */
import { RUN_TABLE_SCHEMA } from '../src/core/runs/table.js';
import { LOCAL_SUBSTITUTIONS, resolveDefinition } from '../src/core/pipeline/definition.js';
import type { SyncFailurePolicy } from '../src/core/pipeline/run-request.js';
import { DEFAULT_TRIGGER_CONCURRENCY } from '../src/core/pipeline/start-syncs.js';

// ---------------------------------------------------------------------------------------------
// Prices

/** Unit prices in USD. Free tiers are not applied: an estimate per run should not depend on the month. */
export type Prices = {
  /** Step Functions Standard, per state transition ($0.025 per 1,000). */
  stepFunctionsPerTransition: number;
  /** Lambda, per request ($0.20 per million). */
  lambdaPerRequest: number;
  /** Lambda arm64, per GB-second of billed duration (first tier). */
  lambdaPerGbSecond: number;
  /** DynamoDB on-demand, per write request unit ($0.625 per million). */
  dynamoPerWriteUnit: number;
  /** DynamoDB on-demand, per read request unit ($0.125 per million). */
  dynamoPerReadUnit: number;
  /** Fargate Linux, per vCPU-hour, by CPU architecture. */
  fargatePerVcpuHour: { arm64: number; x86_64: number };
  /** Fargate Linux, per GB-hour of memory, by CPU architecture. */
  fargatePerGbHour: { arm64: number; x86_64: number };
  /** API Gateway HttpApi, per request ($1.00 per million, first 300 million a month). */
  httpApiPerRequest: number;
  /** A public IPv4 address, per hour (the dbt task's, in the stack's default public subnets). */
  publicIpv4PerHour: number;
};

/**
 * us-east-1 on-demand list prices, checked on 2026-11-25 against public price listings (AWS
 * pricing pages as quoted by third-party summaries; no live AWS page could be read here).
 * Other regions are usually 10-30% higher: pass `prices` for yours.
 */
export const US_EAST_1_PRICES: Prices = {
  stepFunctionsPerTransition: 0.025 / 1000,
  lambdaPerRequest: 0.2 / 1_000_000,
  lambdaPerGbSecond: 0.0000133334,
  dynamoPerWriteUnit: 0.625 / 1_000_000,
  dynamoPerReadUnit: 0.125 / 1_000_000,
  fargatePerVcpuHour: { arm64: 0.03238, x86_64: 0.04048 },
  fargatePerGbHour: { arm64: 0.00356, x86_64: 0.004445 },
  httpApiPerRequest: 1 / 1_000_000,
  publicIpv4PerHour: 0.005,
};

/** Step Functions' hard limit on one execution's history (inline Map iterations count toward it). */
export const HISTORY_EVENT_LIMIT = 25_000;

// ---------------------------------------------------------------------------------------------
// Walking the definition

type AslRetrier = { ErrorEquals: string[]; MaxAttempts?: number };
type AslCatcher = { ErrorEquals: string[]; Next: string };
type AslChoiceRule = { Variable?: string; BooleanEquals?: boolean; StringEquals?: string; NumericEquals?: number; Next: string };

/** The part of an ASL state the walk reads. */
export type AslState = {
  Type: string;
  Resource?: string;
  Next?: string;
  End?: boolean;
  Choices?: AslChoiceRule[];
  Default?: string;
  Retry?: AslRetrier[];
  Catch?: AslCatcher[];
  ItemsPath?: string;
  ItemProcessor?: AslMachine;
  Iterator?: AslMachine;
};

export type AslMachine = { StartAt: string; States: Record<string, AslState> };

/** One path through the definition. */
export type WalkScenario = {
  /**
   * The values Choice states read and Map states iterate, at the paths the definition names
   * (`$.skipSync`, `$.started.connectionIds`, ...). The walk throws on a path it has no value for,
   * so a changed definition cannot be costed silently wrong.
   */
  data: Record<string, unknown>;
  /** Whether a Task ends in an error (and takes its Catch). `iteration` is the Map item's index, null outside a Map. */
  fails?: (stateName: string, iteration: number | null) => boolean;
  /** `none`: every Task succeeds at its first attempt. `max`: every retrier's MaxAttempts is used up first. */
  retries?: 'none' | 'max';
};

export type WalkResult = {
  /** Billed state transitions: one per state entered (inside Map iterations too) plus one per retry. */
  transitions: number;
  /** Execution-history events the path writes (see `historyEventsOf` for the per-state counts). */
  historyEvents: number;
  /** How many times each state was entered, by name. */
  entered: Record<string, number>;
  outcome: 'succeeded' | 'failed';
};

/** ASL's default MaxAttempts when a retrier omits it. */
const DEFAULT_MAX_ATTEMPTS = 3;

/** Resolves `$.a.b` in `data`; anything fancier is not used by the pipeline's Choice and Map states. */
function readPath(data: Record<string, unknown>, path: string, reader: string): unknown {
  if (path === '$') return data;
  if (!/^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(path)) throw new Error(`The cost walk cannot read ${path} (state ${reader}): only $.a.b paths are supported.`);
  let value: unknown = data;
  for (const key of path.slice(2).split('.')) {
    if (value === null || typeof value !== 'object' || !(key in value)) {
      throw new Error(`The cost walk has no value for ${path}, read by state ${reader}: add it to the scenario's data.`);
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function chooseNext(name: string, state: AslState, data: Record<string, unknown>): string {
  for (const rule of state.Choices ?? []) {
    if (rule.Variable === undefined) throw new Error(`The cost walk supports only simple Choice rules (state ${name}).`);
    const value = readPath(data, rule.Variable, name);
    if (rule.BooleanEquals !== undefined && value === rule.BooleanEquals) return rule.Next;
    if (rule.StringEquals !== undefined && value === rule.StringEquals) return rule.Next;
    if (rule.NumericEquals !== undefined && value === rule.NumericEquals) return rule.Next;
    if (rule.BooleanEquals === undefined && rule.StringEquals === undefined && rule.NumericEquals === undefined) {
      throw new Error(`The cost walk supports BooleanEquals, StringEquals and NumericEquals rules only (state ${name}).`);
    }
  }
  if (state.Default === undefined) throw new Error(`No Choice rule of state ${name} matches the scenario and it has no Default.`);
  return state.Default;
}

/** True for integrations that wait after starting (callback or `.sync`): their history has a TaskSubmitted event. */
function waitsAfterSubmit(resource: string | undefined): boolean {
  return resource !== undefined && /\.(waitForTaskToken|sync(:2)?)$/.test(resource);
}

/**
 * History events per state, as Step Functions writes them:
 * - Task: TaskStateEntered, TaskScheduled, TaskStarted, [TaskSubmitted for callback and `.sync`],
 *   TaskSucceeded or TaskFailed, TaskStateExited; every retried attempt adds TaskScheduled,
 *   TaskStarted and TaskFailed. (SendTaskHeartbeat writes no event.)
 * - Choice, Pass, Wait, Succeed: <Type>StateEntered and <Type>StateExited.
 * - Fail: FailStateEntered (the execution's end event follows).
 * - Map (inline): MapStateEntered, MapStateStarted, MapStateSucceeded, MapStateExited, and per
 *   iteration MapIterationStarted and MapIterationSucceeded plus its own states' events.
 * - The execution: ExecutionStarted and ExecutionSucceeded (or ExecutionFailed).
 */
export const historyEventsOf = {
  execution: 2,
  task: (resource: string | undefined, retries: number) => 2 + (waitsAfterSubmit(resource) ? 4 : 3) + retries * 3,
  flow: 2,
  fail: 1,
  map: 4,
  mapIteration: 2,
} as const;

type Tally = { transitions: number; historyEvents: number; entered: Record<string, number> };

function walkMachine(machine: AslMachine, scenario: WalkScenario, iteration: number | null, tally: Tally): 'succeeded' | 'failed' {
  let name = machine.StartAt;
  for (let step = 0; ; step++) {
    if (step > 10_000) throw new Error(`The cost walk loops at state ${name}: the scenario never reaches an end.`);
    const state = machine.States[name];
    if (!state) throw new Error(`The definition has no state named ${name}.`);
    tally.transitions += 1;
    tally.entered[name] = (tally.entered[name] ?? 0) + 1;

    // Where an error caught by a Catch (or a Choice) leads; otherwise the state's Next or End.
    let redirect: string | undefined;
    switch (state.Type) {
      case 'Task': {
        const retries = scenario.retries === 'max' ? (state.Retry ?? []).reduce((sum, r) => sum + (r.MaxAttempts ?? DEFAULT_MAX_ATTEMPTS), 0) : 0;
        tally.transitions += retries;
        tally.historyEvents += historyEventsOf.task(state.Resource, retries);
        if (scenario.fails?.(name, iteration)) {
          const catcher = state.Catch?.[0];
          if (!catcher) return 'failed';
          redirect = catcher.Next;
        }
        break;
      }
      case 'Choice':
        tally.historyEvents += historyEventsOf.flow;
        redirect = chooseNext(name, state, scenario.data);
        break;
      case 'Pass':
      case 'Wait':
        tally.historyEvents += historyEventsOf.flow;
        break;
      case 'Succeed':
        tally.historyEvents += historyEventsOf.flow;
        return 'succeeded';
      case 'Fail':
        tally.historyEvents += historyEventsOf.fail;
        return 'failed';
      case 'Map': {
        const items = readPath(scenario.data, state.ItemsPath ?? '$', name);
        if (!Array.isArray(items)) throw new Error(`The scenario's value for ${state.ItemsPath ?? '$'} (state ${name}) is not an array.`);
        const processor = state.ItemProcessor ?? state.Iterator;
        if (!processor) throw new Error(`Map state ${name} has no ItemProcessor.`);
        tally.historyEvents += historyEventsOf.map;
        let failed = false;
        for (let i = 0; i < items.length; i++) {
          tally.historyEvents += historyEventsOf.mapIteration;
          if (walkMachine(processor, scenario, i, tally) === 'failed') failed = true;
        }
        if (failed) {
          const catcher = state.Catch?.[0];
          if (!catcher) return 'failed';
          redirect = catcher.Next;
        }
        break;
      }
      default:
        throw new Error(`The cost walk does not know state type ${state.Type} (state ${name}).`);
    }
    if (redirect !== undefined) name = redirect;
    else if (state.End) return 'succeeded';
    else if (state.Next !== undefined) name = state.Next;
    else throw new Error(`State ${name} has neither Next nor End.`);
  }
}

/** Walks one path through `definition` and counts what Step Functions bills and records. */
export function walkDefinition(definition: AslMachine, scenario: WalkScenario): WalkResult {
  const tally: Tally = { transitions: 0, historyEvents: historyEventsOf.execution, entered: {} };
  const outcome = walkMachine(definition, scenario, null, tally);
  return { ...tally, outcome };
}

/** The pipeline's definition (placeholders resolved with the local engine's labels: ARNs do not change the walk). */
export function loadPipelineDefinition(): AslMachine {
  return resolveDefinition(LOCAL_SUBSTITUTIONS) as unknown as AslMachine;
}

/** What a run looks like to the walk. */
export type RunShape = {
  /** Connections whose sync the run triggers and waits for. */
  connections: number;
  /** Of those, how many do not succeed (their wait ends in an error, caught inside the Map). Default 0. */
  failedSyncs?: number;
  /** Default `fail`: no dbt when any sync did not succeed. */
  syncFailurePolicy?: SyncFailurePolicy;
  /** dbt only (PR builds). Default false. */
  skipSync?: boolean;
  /** Whether dbt exits non-zero (the RunDbt state fails). Default false. */
  dbtFails?: boolean;
  retries?: 'none' | 'max';
};

/** The pipeline's walk for a run of this shape. */
export function walkRun(shape: RunShape, definition: AslMachine = loadPipelineDefinition()): WalkResult {
  const failedSyncs = shape.failedSyncs ?? 0;
  if (!Number.isInteger(shape.connections) || shape.connections < 0) throw new RangeError(`connections must be a whole number >= 0, got ${shape.connections}.`);
  if (!Number.isInteger(failedSyncs) || failedSyncs < 0 || failedSyncs > shape.connections) {
    throw new RangeError(`failedSyncs must be a whole number between 0 and connections (${shape.connections}), got ${failedSyncs}.`);
  }
  const runDbt = failedSyncs === 0 || shape.syncFailurePolicy === 'continue';
  return walkDefinition(definition, {
    data: {
      skipSync: shape.skipSync ?? false,
      skipDbt: false,
      started: { done: true, connectionIds: Array.from({ length: shape.connections }, (_, i) => `connection_${i}`) },
      syncs: { runDbt },
    },
    // The first `failedSyncs` iterations fail; which ones does not change the counts.
    fails: (state, iteration) =>
      (state === 'WaitForSync' && iteration !== null && iteration < failedSyncs) || (state === 'RunDbt' && (shape.dbtFails ?? false)),
    retries: shape.retries ?? 'none',
  });
}

/**
 * History events of a run with `connections` connections. `worstCase`: every wait uses up its
 * Lambda retries and then fails, every other Task uses up its retries, and dbt still runs
 * (policy `continue`): the longest history the definition can write for that many connections.
 */
export function estimateHistoryEvents(connections: number, options: { worstCase?: boolean; definition?: AslMachine } = {}): number {
  const shape: RunShape = options.worstCase
    ? { connections, failedSyncs: connections, syncFailurePolicy: 'continue', retries: 'max' }
    : { connections };
  return walkRun(shape, options.definition).historyEvents;
}

/** The most connections one execution can wait for before its history reaches HISTORY_EVENT_LIMIT. */
export function maxConnectionsWithinHistory(options: { worstCase?: boolean; definition?: AslMachine } = {}): number {
  // Loaded once for both walks.
  const resolved = { ...options, definition: options.definition ?? loadPipelineDefinition() };
  const base = estimateHistoryEvents(0, resolved);
  const perConnection = estimateHistoryEvents(1, resolved) - base;
  return Math.floor((HISTORY_EVENT_LIMIT - base) / perConnection);
}

// ---------------------------------------------------------------------------------------------
// The run's cost

/** The pipeline's Lambda functions. */
export type LambdaFunctionName = 'prepareRun' | 'startSyncs' | 'registerWaiter' | 'summarizeSyncs' | 'webhook' | 'reconciler';

/** Billed Lambda durations (arm64). Defaults are plausible figures, not measurements; pass yours. */
export type LambdaAssumptions = {
  /** Memory of each function, MB. Defaults: the stack's (infra/lib/pipeline-construct.ts PIPELINE_LAMBDAS). */
  memoryMb: Record<LambdaFunctionName, number>;
  /** PrepareRun: validation only. Default 50 ms. */
  prepareRunMs: number;
  /** StartSyncs, fixed part: list the group (one page per 1,000 connections), write the records. Default 1,500 ms. */
  startSyncsBaseMs: number;
  /** StartSyncs, one trigger (POST /sync and the record update). Default 400 ms. */
  triggerMs: number;
  /** StartSyncs' triggers in flight at once. Default 8 (start-syncs.ts). */
  triggerConcurrency: number;
  /** RegisterWaiter, one invocation per connection. Default 80 ms. */
  registerWaiterMs: number;
  /** SummarizeSyncs: fixed part plus a little per record. Defaults 200 ms and 1 ms. */
  summarizeBaseMs: number;
  summarizePerConnectionMs: number;
  /** The webhook receiver, per delivery (verify, query, update, SendTask*). Default 100 ms. */
  webhookMs: number;
  /** The reconciler, per pass: list the group, then per open record. Defaults 1,000 ms and 10 ms. */
  reconcileBaseMs: number;
  reconcilePerConnectionMs: number;
  /** Billed INIT per cold start (billed since August 2025); counted once per function per run. Default 400 ms. */
  coldStartMs: number;
};

export const DEFAULT_LAMBDA: LambdaAssumptions = {
  memoryMb: { prepareRun: 256, startSyncs: 512, registerWaiter: 256, summarizeSyncs: 512, webhook: 512, reconciler: 512 },
  prepareRunMs: 50,
  startSyncsBaseMs: 1500,
  triggerMs: 400,
  triggerConcurrency: DEFAULT_TRIGGER_CONCURRENCY,
  registerWaiterMs: 80,
  summarizeBaseMs: 200,
  summarizePerConnectionMs: 1,
  webhookMs: 100,
  reconcileBaseMs: 1000,
  reconcilePerConnectionMs: 10,
  coldStartMs: 400,
};

/** How the run records use DynamoDB (on-demand). */
export type DynamoAssumptions = {
  /** Size of one run record with its task token (tokens run up to 2 KB). Default 2 KB. */
  recordKb: number;
  /**
   * Writes per connection: create, triggered, waiter registered, sync_start, outcome, completed.
   * Default 6.
   */
  writesPerConnection: number;
  /**
   * Secondary indexes each write also updates. table.ts has two sparse GSIs projecting the whole
   * item (`openByConnection`, `open`) whose keys exist while the record is open, so every write up
   * to and including the one that completes it (which removes the keys) touches both. Default 2.
   */
  indexesPerWrite: number;
};

export const DEFAULT_DYNAMO: DynamoAssumptions = {
  recordKb: 2,
  writesPerConnection: 6,
  indexesPerWrite: RUN_TABLE_SCHEMA.globalSecondaryIndexes.length,
};

export type RunCostOptions = {
  /** Connections the run syncs. */
  connections: number;
  /** How long the run waits for its syncs (the slowest one), minutes. Default 30. */
  syncMinutes?: number;
  /** How long the dbt task runs, start-up included, minutes. Default 10. Fargate bills at least one minute. */
  dbtMinutes?: number;
  /** The dbt task's vCPU. Default 1. */
  fargateVcpu?: number;
  /** The dbt task's memory, GB. Default 2. */
  fargateMemoryGb?: number;
  /** Default arm64 (Graviton), about 20% cheaper than x86_64. */
  fargateArchitecture?: 'arm64' | 'x86_64';
  /** The reconciler's schedule, minutes. Default 5. */
  reconcileIntervalMinutes?: number;
  /** Webhook deliveries per connection: sync_start and sync_end. Default 2 (retried deliveries add more). */
  webhookDeliveriesPerConnection?: number;
  /** Whether the dbt task has a public IPv4 address (the stack's default VPC: public subnets, no NAT). Default true. */
  fargatePublicIp?: boolean;
  lambda?: Partial<Omit<LambdaAssumptions, 'memoryMb'>> & { memoryMb?: Partial<LambdaAssumptions['memoryMb']> };
  dynamodb?: Partial<DynamoAssumptions>;
  prices?: Partial<Prices>;
  definition?: AslMachine;
};

export type LambdaUsage = { invocations: number; gbSeconds: number };

export type RunCostEstimate = {
  connections: number;
  /** The assumptions the estimate used, defaults filled in. */
  assumptions: {
    syncMinutes: number;
    dbtMinutes: number;
    fargateVcpu: number;
    fargateMemoryGb: number;
    fargateArchitecture: 'arm64' | 'x86_64';
    reconcileIntervalMinutes: number;
    webhookDeliveriesPerConnection: number;
    fargatePublicIp: boolean;
    lambda: LambdaAssumptions;
    dynamodb: DynamoAssumptions;
    prices: Prices;
  };
  stepFunctions: { transitions: number; historyEvents: number; cost: number };
  lambda: { invocations: number; gbSeconds: number; byFunction: Record<LambdaFunctionName, LambdaUsage>; cost: number };
  dynamodb: { writeUnits: number; readUnits: number; cost: number };
  /** vCPU and memory, plus the task's public IPv4 address while it runs. */
  fargate: { vcpuHours: number; gbHours: number; publicIpHours: number; cost: number };
  httpApi: { requests: number; cost: number };
  /** Sum of the above, USD. */
  total: number;
};

function positive(name: string, value: number, allowZero = false): number {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) throw new RangeError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${value}.`);
  return value;
}

/**
 * Estimates one successful run's AWS cost: every connection triggered, waited for (a webhook per
 * `sync_start` and `sync_end`, the reconciler passing over the wait) and succeeded, then dbt on
 * Fargate. Fixed monthly costs (NAT gateway, secrets, logs, the reconciler's idle passes) are not
 * per run and are left out; docs/cost.md lists them.
 */
export function estimateRunCost(options: RunCostOptions): RunCostEstimate {
  const n = options.connections;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`connections must be a whole number >= 0, got ${n}.`);
  const syncMinutes = positive('syncMinutes', options.syncMinutes ?? 30, true);
  const dbtMinutes = positive('dbtMinutes', options.dbtMinutes ?? 10, true);
  const fargateVcpu = positive('fargateVcpu', options.fargateVcpu ?? 1);
  const fargateMemoryGb = positive('fargateMemoryGb', options.fargateMemoryGb ?? 2);
  const fargateArchitecture = options.fargateArchitecture ?? 'arm64';
  const reconcileIntervalMinutes = positive('reconcileIntervalMinutes', options.reconcileIntervalMinutes ?? 5);
  const webhookDeliveriesPerConnection = positive('webhookDeliveriesPerConnection', options.webhookDeliveriesPerConnection ?? 2, true);
  const fargatePublicIp = options.fargatePublicIp ?? true;
  const lambda: LambdaAssumptions = { ...DEFAULT_LAMBDA, ...options.lambda, memoryMb: { ...DEFAULT_LAMBDA.memoryMb, ...options.lambda?.memoryMb } };
  const dynamodb: DynamoAssumptions = { ...DEFAULT_DYNAMO, ...options.dynamodb };
  const prices: Prices = { ...US_EAST_1_PRICES, ...options.prices };

  // Step Functions: from the definition.
  const walk = walkRun({ connections: n }, options.definition);
  const stepFunctions = {
    transitions: walk.transitions,
    historyEvents: walk.historyEvents,
    cost: walk.transitions * prices.stepFunctionsPerTransition,
  };

  // Lambda: the state Lambdas as often as the walk entered their states, the webhook per delivery,
  // the reconciler per pass during the wait.
  const gb = (name: LambdaFunctionName) => lambda.memoryMb[name] / 1024;
  const usage = (name: LambdaFunctionName, invocations: number, totalMs: number): LambdaUsage => ({ invocations, gbSeconds: (gb(name) * totalMs) / 1000 });
  const entered = (state: string) => walk.entered[state] ?? 0;
  const deliveries = n * webhookDeliveriesPerConnection;
  const reconcilerPasses = n > 0 ? Math.ceil(syncMinutes / reconcileIntervalMinutes) : 0;
  const startSyncsMs = lambda.startSyncsBaseMs + Math.ceil(n / lambda.triggerConcurrency) * lambda.triggerMs;
  const byFunction: Record<LambdaFunctionName, LambdaUsage> = {
    prepareRun: usage('prepareRun', entered('PrepareRun'), entered('PrepareRun') * lambda.prepareRunMs),
    startSyncs: usage('startSyncs', entered('StartSyncs'), entered('StartSyncs') * startSyncsMs),
    registerWaiter: usage('registerWaiter', entered('WaitForSync'), entered('WaitForSync') * lambda.registerWaiterMs),
    summarizeSyncs: usage('summarizeSyncs', entered('SummarizeSyncs'), entered('SummarizeSyncs') * (lambda.summarizeBaseMs + n * lambda.summarizePerConnectionMs)),
    webhook: usage('webhook', deliveries, deliveries * lambda.webhookMs),
    reconciler: usage('reconciler', reconcilerPasses, reconcilerPasses * (lambda.reconcileBaseMs + n * lambda.reconcilePerConnectionMs)),
  };
  const functions = Object.entries(byFunction) as [LambdaFunctionName, LambdaUsage][];
  // One billed INIT per function that ran.
  const coldStartGbSeconds = functions.filter(([, f]) => f.invocations > 0).reduce((sum, [name]) => sum + (gb(name) * lambda.coldStartMs) / 1000, 0);
  const invocations = functions.reduce((sum, [, f]) => sum + f.invocations, 0);
  const gbSeconds = functions.reduce((sum, [, f]) => sum + f.gbSeconds, 0) + coldStartGbSeconds;
  const lambdaCost = invocations * prices.lambdaPerRequest + gbSeconds * prices.lambdaPerGbSecond;

  // DynamoDB on-demand: a write of an item up to 1 KB is one WRU, and every index it updates costs
  // the same again; a strongly consistent read of up to 4 KB is one RRU, an eventually consistent
  // one (every index read) half of that. Queries are charged on the total size they return.
  const writeUnitsPerWrite = Math.ceil(dynamodb.recordKb) * (1 + dynamodb.indexesPerWrite);
  const writeUnits = n * dynamodb.writesPerConnection * writeUnitsPerWrite;
  const queryUnits = (items: number, consistent: boolean) => (items === 0 ? 0 : Math.ceil((items * dynamodb.recordKb) / 4) * (consistent ? 1 : 0.5));
  const readUnits =
    deliveries * queryUnits(1, false) + // the webhook finds the connection's open records
    byFunction.summarizeSyncs.invocations * queryUnits(n, true) + // SummarizeSyncs reads the run's records
    reconcilerPasses * queryUnits(n, false); // each reconciler pass lists the open records
  const dynamoCost = writeUnits * prices.dynamoPerWriteUnit + readUnits * prices.dynamoPerReadUnit;

  // Fargate: per second, one-minute minimum, for as often as the walk ran dbt.
  const dbtRuns = entered('RunDbt');
  const hours = (dbtRuns * Math.max(1, dbtMinutes)) / 60;
  const vcpuHours = hours * fargateVcpu;
  const gbHours = hours * fargateMemoryGb;
  const publicIpHours = fargatePublicIp ? hours : 0;
  const fargateCost =
    vcpuHours * prices.fargatePerVcpuHour[fargateArchitecture] + gbHours * prices.fargatePerGbHour[fargateArchitecture] + publicIpHours * prices.publicIpv4PerHour;

  const httpApi = { requests: deliveries, cost: deliveries * prices.httpApiPerRequest };

  const total = stepFunctions.cost + lambdaCost + dynamoCost + fargateCost + httpApi.cost;
  return {
    connections: n,
    assumptions: {
      syncMinutes,
      dbtMinutes,
      fargateVcpu,
      fargateMemoryGb,
      fargateArchitecture,
      reconcileIntervalMinutes,
      webhookDeliveriesPerConnection,
      fargatePublicIp,
      lambda,
      dynamodb,
      prices,
    },
    stepFunctions,
    lambda: { invocations, gbSeconds, byFunction, cost: lambdaCost },
    dynamodb: { writeUnits, readUnits, cost: dynamoCost },
    fargate: { vcpuHours, gbHours, publicIpHours, cost: fargateCost },
    httpApi,
    total,
  };
}
