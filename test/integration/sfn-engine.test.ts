/**
 * The Step Functions engine against the local AWS: the synthesized state machine running with the
 * real Lambda handlers, every AWS call on the wire. What a follower of a deployed run sees: the
 * report, the progress, cancellation, idempotent starts, throttling, and completion by webhook or
 * by the reconciler through SendTaskSuccess.
 */
import { createFivetranClient } from '../../src/core/fivetran/client.js';
import type { RunEvent } from '../../src/engine/run-api.js';
import { createSfnEngine, type SfnEngine } from '../../src/engine/aws/sfn-engine.js';
import { startLocalAws, type DbtBehaviour, type FaultInjector, type LocalAws } from '../../src/simulator/aws/local-aws.js';
import { startSimulator, type SimulatedConnection, type Simulator, type SimulatorOptions } from '../../src/simulator/simulator.js';

const GROUP = 'warehouse';
const WEBHOOK_SECRET = 'sfn-engine-test-secret';

type World = { simulator: Simulator; aws: LocalAws; engine: SfnEngine; events: RunEvent[] };
const worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) {
    await w.engine.close();
    await w.aws.close();
    await w.simulator.close();
  }
});

async function world(
  connections: SimulatedConnection[],
  options: { dbt?: DbtBehaviour; fault?: FaultInjector; webhooks?: boolean; simulator?: Omit<SimulatorOptions, 'groups'> } = {},
): Promise<World> {
  const simulator = await startSimulator({ groups: [{ id: GROUP, connections }], ...options.simulator });
  const aws = await startLocalAws({
    fivetran: { url: simulator.url, apiKey: simulator.apiKey, apiSecret: simulator.apiSecret },
    webhookSecret: WEBHOOK_SECRET,
    ...(options.dbt ? { dbt: options.dbt } : {}),
    ...(options.fault ? { fault: options.fault } : {}),
  });
  if (options.webhooks ?? true) {
    const fivetran = createFivetranClient({ apiKey: simulator.apiKey, apiSecret: simulator.apiSecret, baseUrl: simulator.url });
    await fivetran.createGroupWebhook(GROUP, { url: aws.webhookUrl, events: ['sync_start', 'sync_end'], secret: WEBHOOK_SECRET, active: true });
  }
  const engine = createSfnEngine({ stackName: aws.stackName, env: aws.env, poll: { initialMs: 20, maxMs: 100 } });
  const w = { simulator, aws, engine, events: [] as RunEvent[] };
  worlds.push(w);
  return w;
}

const syncs = (n: number, ms = 40): SimulatedConnection[] => Array.from({ length: n }, (_, i) => ({ id: `conn_${i + 1}`, syncDurationMs: ms }));
const sfnActions = (aws: LocalAws) => aws.calls.filter((c) => c.service === 'sfn').map((c) => c.action);

/** Resolves at the first event matching `predicate`. */
function waitForEvent(events: RunEvent[], predicate: (e: RunEvent) => boolean): Promise<RunEvent> {
  return new Promise((resolve) => {
    const check = () => {
      const found = events.find(predicate);
      if (found) resolve(found);
      else setTimeout(check, 10);
    };
    check();
  });
}

describe('the Step Functions engine', () => {
  it('starts production runs on the production state machine, and CI runs (runKind ci, ids ci-…) on the CI one with the CI dbt task, from the stack outputs', async () => {
    const w = await world([], { webhooks: false });
    const ci = createSfnEngine({ stackName: w.aws.stackName, env: w.aws.env, runKind: 'ci' });
    try {
      expect((await w.engine.resources()).stateMachineArn).toBe(w.aws.outputs.StateMachineArn);
      expect((await ci.resources()).stateMachineArn).toBe(w.aws.outputs.CiStateMachineArn);
      expect(w.aws.outputs.CiStateMachineArn).not.toBe(w.aws.outputs.StateMachineArn);
      // The kinds' run ids never meet in the shared run-records table.
      await expect(ci.start({ skipSync: true }, { runId: 'run-1' })).rejects.toThrow(/CI run ids start with "ci-", got "run-1"/);
      const production = createSfnEngine({ stackName: w.aws.stackName, env: w.aws.env, runKind: 'production' });
      await expect(production.start({ skipSync: true }, { runId: 'ci-run-1' })).rejects.toThrow(/belong to the CI state machine/);
      await production.close();

      const run = await ci.start({ skipSync: true });
      expect(run.runId).toMatch(/^ci-run-/);
      expect(run.executionArn).toBe(`${w.aws.outputs.CiStateMachineArn?.replace(':stateMachine:', ':execution:')}:${run.runId}`);
      expect((await run.result).status).toBe('SUCCEEDED');
      const task = w.aws.ecsTasks().find((t) => t.runId === run.runId);
      expect(task?.taskDefinitionArn).toMatch(/task-definition\/[^:]+-ci:\d+$/);
    } finally {
      await ci.close();
    }
  });

  it('runs a pipeline to SUCCEEDED and reports every connection and dbt nodes from run_results.json in S3', async () => {
    const w = await world(syncs(3));
    const handle = await w.engine.start({ groupId: GROUP }, { runId: 'run-success', onEvent: (e) => w.events.push(e) });
    expect(handle.executionArn).toBe(`${w.aws.stateMachineArn.replace(':stateMachine:', ':execution:')}:run-success`);
    expect(handle.consoleUrl).toContain('#/v2/executions/details/');
    const report = await handle.result;
    expect(report).toMatchObject({ runId: 'run-success', status: 'SUCCEEDED', error: null, counts: { total: 3, succeeded: 3, failed: 0, skipped: 0 } });
    expect(report.connections.map((c) => c.source)).toEqual(['webhook', 'webhook', 'webhook']);
    expect(report.dbt).toMatchObject({ exitCode: 0, summary: { nodes: expect.any(Number) } });
    expect(w.events.filter((e) => e.type === 'phase').map((e) => (e as { phase: string }).phase)).toEqual(['PrepareRun', 'StartSyncs', 'AwaitSyncs', 'SummarizeSyncs', 'RunDbt']);
    expect(sfnActions(w.aws).filter((a) => a === 'SendTaskSuccess')).toHaveLength(3);
  });

  it('fails naming the connection and Fivetran\'s reason under policy fail, and runs dbt on stale data under continue', async () => {
    const failing: SimulatedConnection = { id: 'crm', syncDurationMs: 40, outcome: 'failure', taskType: 'reconnect_warehouse', failureReason: 'java.lang.RuntimeException: token expired' };
    const w = await world([...syncs(1), failing]);
    const failed = await (await w.engine.start({ groupId: GROUP }, { runId: 'run-fail' })).result;
    expect(failed).toMatchObject({ status: 'FAILED', error: 'SyncsFailed', dbt: null });
    expect(failed.cause).toContain('crm');
    expect(failed.cause).toContain('token expired');
    // A fresh account: a second run right after the first would see its syncs end within the
    // webhook's stale tolerance of the first run's (RELIABILITY.md) and wait for the reconciler.
    const fresh = await world([...syncs(1), failing]);
    const stale = await (await fresh.engine.start({ groupId: GROUP, policies: { syncFailure: 'continue' } }, { runId: 'run-continue' })).result;
    expect(stale).toMatchObject({ status: 'SUCCEEDED', stale: ['crm'], dbt: { exitCode: 0 } });
  });

  it('reports a dbt failure with the ECS task\'s stopped reason, exit code and the tail of its log', async () => {
    const dbt: DbtBehaviour = async () => ({ exitCode: 1, logLines: ['1 of 2 START sql table model shop.orders', '1 of 2 ERROR creating sql table model shop.orders', 'Database Error: relation "raw.orders" does not exist'] });
    const w = await world(syncs(1), { dbt });
    const report = await (await w.engine.start({ groupId: GROUP }, { runId: 'run-dbt-fails' })).result;
    expect(report).toMatchObject({ status: 'FAILED', error: 'DbtFailed' });
    expect(report.dbt).toMatchObject({ exitCode: 1, stoppedReason: expect.stringContaining('Essential container in task exited'), taskArn: expect.stringContaining(':task/') });
    expect(report.dbt?.logTail?.at(-1)).toBe('Database Error: relation "raw.orders" does not exist');
  });

  it('says so in the report when dbt wrote no run_results.json, or one that is not a run_results file', async () => {
    const none = await world(syncs(1), { dbt: async () => ({ exitCode: 0, runResults: null }) });
    const missing = await (await none.engine.start({ groupId: GROUP }, { runId: 'run-no-results' })).result;
    expect(missing.dbt).toMatchObject({ exitCode: 0, summary: null, summaryNote: expect.stringMatching(/^dbt wrote no run_results\.json \(nothing at s3:\/\/.+\/run-no-results\/run_results\.json\)$/) });

    const broken = await world(syncs(1), { dbt: async () => ({ exitCode: 0, runResults: { results: 'none' } }) });
    const unreadable = await (await broken.engine.start({ groupId: GROUP }, { runId: 'run-broken-results' })).result;
    expect(unreadable.dbt).toMatchObject({ summary: null, summaryNote: expect.stringMatching(/^run_results\.json unreadable: not a dbt run_results file \(.* at results\)$/) });
  });

  it('cancels a run waiting for syncs: StopExecution, the execution ABORTED, the report CANCELLED', async () => {
    const w = await world(syncs(2, 60_000));
    const handle = await w.engine.start({ groupId: GROUP }, { runId: 'run-cancel-wait', onEvent: (e) => w.events.push(e) });
    await waitForEvent(w.events, (e) => e.type === 'phase' && e.phase === 'AwaitSyncs');
    await handle.cancel('test over');
    const report = await handle.result;
    expect(report.status).toBe('CANCELLED');
    expect(report.cause).toContain('test over');
    expect(sfnActions(w.aws)).toContain('StopExecution');
    expect(w.aws.executions().find((e) => e.name === 'run-cancel-wait')?.status).toBe('ABORTED');
  });

  it('cancels a run while dbt runs: the ECS task is stopped too', async () => {
    const dbt: DbtBehaviour = ({ signal }) => new Promise((resolve) => signal.addEventListener('abort', () => resolve({ exitCode: 143 })));
    const w = await world(syncs(1), { dbt });
    const stop = new AbortController();
    const handle = await w.engine.start({ groupId: GROUP }, { runId: 'run-cancel-dbt', signal: stop.signal, onEvent: (e) => w.events.push(e) });
    await waitForEvent(w.events, (e) => e.type === 'phase' && e.phase === 'RunDbt');
    stop.abort('the workflow was cancelled');
    const report = await handle.result;
    expect(report.status).toBe('CANCELLED');
    expect(w.aws.ecsTasks()[0]).toMatchObject({ lastStatus: 'STOPPED', stoppedByStopTask: true });
  });

  it('attaches to the execution going under the same run id instead of starting a second one', async () => {
    const w = await world(syncs(1, 300));
    const first = await w.engine.start({ groupId: GROUP }, { runId: 'run-twice' });
    const second = await w.engine.start({ groupId: GROUP }, { runId: 'run-twice' });
    expect(first.attached).toBe(false);
    expect(second.attached).toBe(true);
    expect(second.executionArn).toBe(first.executionArn);
    expect((await second.result).status).toBe('SUCCEEDED');
    expect(w.aws.executions().filter((e) => e.name === 'run-twice')).toHaveLength(1);
    await expect(w.engine.start({ groupId: GROUP, force: true }, { runId: 'run-twice' })).rejects.toThrow(/already exists with a different input/);
  });

  it('retries throttled Step Functions answers with back-off and still follows the run to its end', async () => {
    const fault: FaultInjector = ({ service, action, n }) =>
      service === 'sfn' && (action === 'GetExecutionHistory' || action === 'DescribeExecution') && n % 3 !== 0 ? { code: 'ThrottlingException', message: 'Rate exceeded', status: 400 } : undefined;
    const w = await world(syncs(1), { fault });
    const report = await (await w.engine.start({ groupId: GROUP }, { runId: 'run-throttled' })).result;
    expect(report.status).toBe('SUCCEEDED');
    expect(w.aws.calls.filter((c) => c.service === 'sfn' && c.action === 'GetExecutionHistory').length).toBeGreaterThan(2);
  });

  it('completes waits whose webhooks were lost through the reconciler, with SendTaskSuccess on the wire', async () => {
    const w = await world(syncs(2), { simulator: { webhooks: { dropRate: 1 } } });
    const handle = await w.engine.start({ groupId: GROUP }, { runId: 'run-reconciled', onEvent: (e) => w.events.push(e) });
    await waitForEvent(w.events, (e) => e.type === 'phase' && e.phase === 'AwaitSyncs');
    await w.simulator.idle();
    await w.aws.reconcileNow();
    const report = await handle.result;
    expect(report.status).toBe('SUCCEEDED');
    expect(report.connections.map((c) => c.source)).toEqual(['poll', 'poll']);
    expect(sfnActions(w.aws).filter((a) => a === 'SendTaskSuccess')).toHaveLength(2);
  });

  it('follows a 60-minute run with about two Step Functions calls a minute (simulated clock)', async () => {
    const w = await world(syncs(1, 3_600_000));
    let clock = Date.now();
    const started = clock;
    let anHourPassed!: () => void;
    const hourPassed = new Promise<void>((resolve) => (anHourPassed = resolve));
    const engine = createSfnEngine({
      stackName: w.aws.stackName,
      env: w.aws.env,
      now: () => clock,
      // Each poll between sleeps is a real HTTP call: the follower never spins without I/O.
      sleep: async (ms) => {
        clock += ms;
        if (clock - started >= 3_600_000) anHourPassed();
      },
    });
    const handle = await engine.start({ groupId: GROUP }, { runId: 'run-an-hour' });
    const before = w.aws.calls.length;
    await hourPassed;
    handle.detach();
    const report = await handle.result;
    await engine.close();
    const calls = w.aws.calls.slice(before).filter((c) => c.service === 'sfn').length;
    expect(report.status).toBe('RUNNING');
    expect(calls / 60).toBeLessThanOrEqual(3);
    await (await w.engine.attach('run-an-hour')).cancel('done measuring');
  });
});
