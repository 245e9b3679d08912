/**
 * The cost model walks the real pipeline.asl.json; these counts are checked against a hand count of
 * that definition, so a change to the state machine that changes what a run is billed shows here.
 */
import {
  DEFAULT_LAMBDA,
  HISTORY_EVENT_LIMIT,
  US_EAST_1_PRICES,
  estimateHistoryEvents,
  estimateRunCost,
  loadPipelineDefinition,
  maxConnectionsWithinHistory,
  walkDefinition,
  walkRun,
  type AslMachine,
} from '../../../bench/cost-model.js';

/*
 * Hand count of a successful run with N connections (Standard workflows bill one transition per
 * state entered; an inline Map iteration itself is not billed, the states inside it are):
 *
 *   PrepareRun 1, SkipSync? 1, StartSyncs 1, AllSyncsStarted? 1, AwaitSyncs 1, WaitForSync N
 *   (one per iteration), SummarizeSyncs 1, RunDbt? 1, RunDbt 1, RunSucceeded 1   => 9 + N transitions.
 *
 * History events of the same run:
 *   execution (Started + Succeeded)                                           2
 *   Lambda tasks PrepareRun, StartSyncs, SummarizeSyncs: Entered, Scheduled,
 *     Started, Succeeded, Exited                                              3 x 5 = 15
 *   RunDbt (runTask.sync): the same plus TaskSubmitted                        6
 *   Choice SkipSync?, AllSyncsStarted?, RunDbt? and Succeed RunSucceeded:
 *     Entered + Exited                                                        4 x 2 = 8
 *   Map AwaitSyncs: Entered, Started, Succeeded, Exited                       4
 *   per iteration: MapIterationStarted + Succeeded 2, WaitForSync
 *     (waitForTaskToken, with TaskSubmitted) 6                                8 N
 *                                                                             => 35 + 8 N events.
 */
const handTransitions = (n: number) => 9 + n;
const handEvents = (n: number) => 35 + 8 * n;

describe('walkRun on pipeline.asl.json', () => {
  it.each([1, 10, 500])('counts %i connections as 9 + N transitions and 35 + 8N events', (n) => {
    const walk = walkRun({ connections: n });
    expect(walk.transitions).toBe(handTransitions(n));
    expect(walk.historyEvents).toBe(handEvents(n));
    expect(walk.outcome).toBe('succeeded');
    expect(walk.entered).toEqual({
      PrepareRun: 1,
      'SkipSync?': 1,
      StartSyncs: 1,
      'AllSyncsStarted?': 1,
      AwaitSyncs: 1,
      WaitForSync: n,
      SummarizeSyncs: 1,
      'RunDbt?': 1,
      RunDbt: 1,
      RunSucceeded: 1,
    });
  });

  it('gives exact figures for 1, 10 and 500 connections', () => {
    expect([1, 10, 500].map((n) => walkRun({ connections: n }).transitions)).toEqual([10, 19, 509]);
  });

  it('walks a dbt-only run (skipSync) straight to RunDbt', () => {
    const walk = walkRun({ connections: 0, skipSync: true });
    expect(walk.entered).toEqual({ PrepareRun: 1, 'SkipSync?': 1, RunDbt: 1, RunSucceeded: 1 });
    expect(walk.transitions).toBe(4);
  });

  it('takes the Catch inside the Map for failed syncs and stops before dbt under policy fail', () => {
    const walk = walkRun({ connections: 10, failedSyncs: 3 });
    // Each failed iteration enters WaitForSync and then SyncDidNotSucceed: 3 more transitions.
    expect(walk.entered.SyncDidNotSucceed).toBe(3);
    expect(walk.entered.RunDbt).toBeUndefined();
    expect(walk.entered.SyncsFailed).toBe(1);
    expect(walk.outcome).toBe('failed');
    // 8 + 10 - RunDbt - RunSucceeded + SyncsFailed + 3 Pass states.
    expect(walk.transitions).toBe(9 + 10 - 2 + 1 + 3);
  });

  it('runs dbt on stale data under policy continue', () => {
    const walk = walkRun({ connections: 10, failedSyncs: 3, syncFailurePolicy: 'continue' });
    expect(walk.entered.RunDbt).toBe(1);
    expect(walk.outcome).toBe('succeeded');
  });

  it('bills every retry as a transition (retries max uses up each retrier)', () => {
    // PrepareRun, StartSyncs, WaitForSync and SummarizeSyncs retry Lambda errors 3 times, RunDbt
    // retries transient ECS errors 5 times: 3 x 4 + 5 = 17 more transitions for one connection.
    expect(walkRun({ connections: 1, retries: 'max' }).transitions).toBe(handTransitions(1) + 17);
  });

  it('rejects a failedSyncs count above the connections', () => {
    expect(() => walkRun({ connections: 2, failedSyncs: 3 })).toThrow(/failedSyncs must be/);
  });
});

describe('execution history', () => {
  it('keeps 1,000 connections well below the 25,000-event limit', () => {
    const typical = estimateHistoryEvents(1000);
    const worst = estimateHistoryEvents(1000, { worstCase: true });
    expect(typical).toBe(handEvents(1000)); // 8,035: a margin of 16,965 events (68%)
    expect(HISTORY_EVENT_LIMIT - typical).toBe(16_965);
    // Worst case: every wait retried 3 times (3 events each) then failed into the Pass state
    // (2 events), every other task retried, dbt still run: 19 events per connection.
    expect(worst).toBe(19_077); // a margin of 5,923 events (24%)
    expect(worst).toBeLessThan(HISTORY_EVENT_LIMIT);
  });

  it('says how many connections one execution can wait for', () => {
    expect(maxConnectionsWithinHistory()).toBe(Math.floor((HISTORY_EVENT_LIMIT - 35) / 8)); // 3,120
    expect(maxConnectionsWithinHistory({ worstCase: true })).toBe(1311);
  });
});

describe('walkDefinition', () => {
  const machine: AslMachine = {
    StartAt: 'Pick',
    States: {
      Pick: { Type: 'Choice', Choices: [{ Variable: '$.flag', BooleanEquals: true, Next: 'Done' }], Default: 'Done' },
      Done: { Type: 'Succeed' },
    },
  };

  it('throws when the scenario has no value a Choice reads, naming the path and the state', () => {
    expect(() => walkDefinition(machine, { data: {} })).toThrow('The cost walk has no value for $.flag, read by state Pick');
  });

  it('throws on a state type it cannot cost', () => {
    expect(() => walkDefinition({ StartAt: 'P', States: { P: { Type: 'Parallel', End: true } } }, { data: {} })).toThrow(/state type Parallel/);
  });
});

describe('estimateRunCost', () => {
  it('prices each service from the walk and the assumptions', () => {
    const e = estimateRunCost({ connections: 10 });
    expect(e.stepFunctions.transitions).toBe(19);
    expect(e.stepFunctions.cost).toBeCloseTo(19 * 0.000025, 12);
    // State Lambdas: PrepareRun 1, StartSyncs 1, RegisterWaiter 10, SummarizeSyncs 1; webhook
    // 2 deliveries x 10; reconciler ceil(30 / 5) = 6 passes.
    expect(e.lambda.byFunction.registerWaiter.invocations).toBe(10);
    expect(e.lambda.byFunction.webhook.invocations).toBe(20);
    expect(e.lambda.byFunction.reconciler.invocations).toBe(6);
    expect(e.lambda.invocations).toBe(1 + 1 + 10 + 1 + 20 + 6);
    expect(e.httpApi.requests).toBe(20);
    // 6 writes per connection of a 2 KB record (2 WRU), each also written to the 2 open-record
    // indexes: 6 x 10 x 2 x 3.
    expect(e.dynamodb.writeUnits).toBe(360);
    // 10 minutes of 1 vCPU and 2 GB on arm64, and the task's public IPv4 address.
    expect(e.fargate.cost).toBeCloseTo((10 / 60) * (0.03238 + 2 * 0.00356 + 0.005), 10);
    expect(estimateRunCost({ connections: 10, fargatePublicIp: false }).fargate.cost).toBeCloseTo((10 / 60) * (0.03238 + 2 * 0.00356), 10);
    const sum = e.stepFunctions.cost + e.lambda.cost + e.dynamodb.cost + e.fargate.cost + e.httpApi.cost;
    expect(e.total).toBeCloseTo(sum, 12);
  });

  it('takes prices and sizes as parameters', () => {
    const base = estimateRunCost({ connections: 500 });
    const x86 = estimateRunCost({ connections: 500, fargateArchitecture: 'x86_64' });
    expect(x86.fargate.cost).toBeGreaterThan(base.fargate.cost);
    const doubled = estimateRunCost({ connections: 500, prices: { stepFunctionsPerTransition: 2 * US_EAST_1_PRICES.stepFunctionsPerTransition } });
    expect(doubled.stepFunctions.cost).toBeCloseTo(2 * base.stepFunctions.cost, 12);
    expect(estimateRunCost({ connections: 500, dbtMinutes: 0.1 }).fargate.vcpuHours).toBeCloseTo(1 / 60, 12); // one-minute minimum
  });

  it('grows with connections, and Step Functions stays the largest variable part', () => {
    const small = estimateRunCost({ connections: 10 });
    const large = estimateRunCost({ connections: 500 });
    expect(large.total).toBeGreaterThan(small.total);
    expect(large.stepFunctions.cost).toBeGreaterThan(large.lambda.cost);
    expect(large.stepFunctions.cost).toBeGreaterThan(large.dynamodb.cost);
  });

  it('rejects nonsense inputs with the offending name', () => {
    expect(() => estimateRunCost({ connections: -1 })).toThrow(/connections/);
    expect(() => estimateRunCost({ connections: 1, fargateVcpu: 0 })).toThrow(/fargateVcpu/);
  });

  it('assumes the memory sizes the stack gives its Lambdas', async () => {
    const { PIPELINE_LAMBDAS } = await import('../../../infra/lib/pipeline-construct.js');
    expect(DEFAULT_LAMBDA.memoryMb).toEqual({
      prepareRun: PIPELINE_LAMBDAS.prepareRun.memorySize,
      startSyncs: PIPELINE_LAMBDAS.startSyncs.memorySize,
      registerWaiter: PIPELINE_LAMBDAS.registerWaiter.memorySize,
      summarizeSyncs: PIPELINE_LAMBDAS.summarizeSyncs.memorySize,
      webhook: PIPELINE_LAMBDAS.webhook.memorySize,
      reconciler: PIPELINE_LAMBDAS.reconcile.memorySize,
    });
  });

  it('walks the same definition the stack deploys', () => {
    const definition = loadPipelineDefinition();
    expect(Object.keys(definition.States)).toContain('AwaitSyncs');
    expect(estimateRunCost({ connections: 3, definition }).stepFunctions.transitions).toBe(handTransitions(3));
  });
});
