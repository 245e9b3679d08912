/**
 * The pipeline definition: one ASL file whose placeholders and substitution keys cannot drift,
 * valid ASL once resolved, and shaped as the design says (trigger up front, wait on task tokens
 * with deadlines and heartbeats, skip-sync straight to dbt).
 */
import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import {
  DEFINITION_PATH,
  LOCAL_SUBSTITUTIONS,
  SUBSTITUTION_KEYS,
  readDefinitionText,
  resolveDefinition,
  type Substitutions,
} from '../../../../src/core/pipeline/definition.js';
import { MAX_SYNC_TIMEOUT_SECONDS } from '../../../../src/core/pipeline/run-request.js';

type AslValidation = { isValid: boolean; errors: unknown[]; errorsText: (separator?: string) => string };
// asl-validator is CommonJS without type declarations.
const validateAsl = createRequire(import.meta.url)('asl-validator') as (definition: unknown) => AslValidation;

type State = {
  Type: string;
  Resource?: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Variable?: string; BooleanEquals?: boolean; Next: string }[];
  Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[];
  Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string | null }[];
  TimeoutSeconds?: number;
  HeartbeatSeconds?: number;
  Parameters?: Record<string, unknown>;
  MaxConcurrency?: number;
  ItemsPath?: string;
  ItemProcessor?: Machine & { ProcessorConfig?: { Mode?: string } };
  ResultSelector?: Record<string, string>;
  QueryLanguage?: string;
};
type Machine = { StartAt: string; States: Record<string, State>; QueryLanguage?: string };

const definition = () => resolveDefinition(LOCAL_SUBSTITUTIONS) as unknown as Machine;

/** Every state of the machine, nested ones (Map item processors) included, with the States object it lives in. */
function allStates(machine: Machine): { name: string; state: State; scope: Record<string, State> }[] {
  return Object.entries(machine.States).flatMap(([name, state]) => [
    { name, state, scope: machine.States },
    ...(state.ItemProcessor ? allStates(state.ItemProcessor) : []),
  ]);
}

describe('the definition file and its substitutions', () => {
  const text = readDefinitionText();
  const placeholders = new Set([...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]));

  it('is read from pipeline.asl.json next to the module', () => {
    expect(DEFINITION_PATH).toMatch(/pipeline\.asl\.json$/);
    expect(text).toContain('"StartAt"');
  });

  it('uses exactly the placeholders listed in SUBSTITUTION_KEYS', () => {
    // "${...}" in the Comment is prose, not a placeholder.
    placeholders.delete('...');
    expect([...placeholders].sort()).toEqual([...SUBSTITUTION_KEYS].sort());
  });

  it('has a local value for every substitution key and nothing else', () => {
    expect(Object.keys(LOCAL_SUBSTITUTIONS).sort()).toEqual([...SUBSTITUTION_KEYS].sort());
  });

  it('leaves no placeholder behind once resolved', () => {
    expect(JSON.stringify(definition())).not.toMatch(/\$\{[A-Za-z0-9_]+\}/);
  });

  it('throws naming the substitution that has no value', () => {
    const { DbtContainerName: _dropped, ...rest } = LOCAL_SUBSTITUTIONS;
    expect(() => resolveDefinition(rest as Substitutions)).toThrow(/No substitution for DbtContainerName in the pipeline definition/);
  });

  it('names every missing substitution at once', () => {
    expect(() => resolveDefinition(LOCAL_SUBSTITUTIONS, '{"a":"${First}","b":"${Second}","c":"${First}"}')).toThrow(
      'No substitution for First, Second in the pipeline definition.',
    );
  });

  it('JSON-escapes values, so quotes and backslashes cannot break the document', () => {
    const tricky = 'dbt "main" \\ container\n';
    const machine = resolveDefinition({ ...LOCAL_SUBSTITUTIONS, DbtContainerName: tricky }) as unknown as Machine;
    const overrides = machine.States.RunDbt?.Parameters?.Overrides as { ContainerOverrides: { Name: string }[] };
    expect(overrides.ContainerOverrides[0]?.Name).toBe(tricky);
  });

  it('substitutes inside intrinsic function strings (comma-separated subnet lists)', () => {
    const machine = resolveDefinition({ ...LOCAL_SUBSTITUTIONS, DbtSubnetIds: 'subnet-a,subnet-b' }) as unknown as Machine;
    const network = machine.States.RunDbt?.Parameters?.NetworkConfiguration as { AwsvpcConfiguration: Record<string, string> };
    expect(network.AwsvpcConfiguration['Subnets.$']).toBe("States.StringSplit('subnet-a,subnet-b', ',')");
  });
});

describe('the resolved definition is valid ASL', () => {
  it('passes asl-validator (schema, transitions, reachability, terminal states, paths)', () => {
    const result = validateAsl(structuredClone(definition()));
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('is caught by asl-validator when a transition points nowhere (the check is live)', () => {
    const broken = structuredClone(definition());
    (broken.States.RunDbt as State).Next = 'Nowhere';
    expect(validateAsl(broken).isValid).toBe(false);
  });

  it('is JSONPath only, since the local engine cannot run JSONata', () => {
    const machine = definition();
    expect(machine.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    for (const { state } of allStates(machine)) expect(state.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
  });
});

describe('the shape of the pipeline', () => {
  const machine = definition();
  const states = machine.States;

  it('starts by preparing the run, then asks whether to skip the syncs', () => {
    expect(machine.StartAt).toBe('PrepareRun');
    expect(states.PrepareRun?.Next).toBe('SkipSync?');
  });

  it('goes straight to RunDbt when skipSync is true, and to StartSyncs otherwise', () => {
    const choice = states['SkipSync?'];
    expect(choice?.Type).toBe('Choice');
    expect(choice?.Choices).toEqual([{ Variable: '$.skipSync', BooleanEquals: true, Next: 'RunDbt' }]);
    expect(choice?.Default).toBe('StartSyncs');
  });

  it('triggers every sync before the Map, which iterates over the started connection ids', () => {
    expect(states.StartSyncs?.Next).toBe('AllSyncsStarted?');
    expect(states.StartSyncs?.ResultSelector).toEqual({ 'done.$': '$.Payload.done', 'connectionIds.$': '$.Payload.connectionIds' });
    expect(states['AllSyncsStarted?']?.Default).toBe('AwaitSyncs');
    expect(states.AwaitSyncs?.ItemsPath).toBe('$.started.connectionIds');
  });

  it('runs StartSyncs again, with its last answer in the input, while it answers done=false', () => {
    const choice = states['AllSyncsStarted?'];
    expect(choice?.Type).toBe('Choice');
    expect(choice?.Choices).toEqual([{ Variable: '$.started.done', BooleanEquals: false, Next: 'StartSyncs' }]);
    expect((states.StartSyncs as { ResultPath?: string } | undefined)?.ResultPath).toBe('$.started');
    expect(states.StartSyncs?.Parameters).toMatchObject({ 'Payload.$': '$' });
  });

  it('waits in an inline Map of at most 40 concurrent iterations', () => {
    const map = states.AwaitSyncs;
    expect(map?.Type).toBe('Map');
    expect(map?.MaxConcurrency).toBe(40);
    expect(map?.ItemProcessor?.ProcessorConfig?.Mode).toBe('INLINE');
    expect(map?.ItemProcessor?.StartAt).toBe('WaitForSync');
  });

  it('waits on a task token with a hard timeout above the longest run timeout and a heartbeat', () => {
    const wait = states.AwaitSyncs?.ItemProcessor?.States.WaitForSync;
    expect(wait?.Type).toBe('Task');
    expect(wait?.Resource).toMatch(/\.waitForTaskToken$/);
    expect((wait?.Parameters?.Payload as Record<string, string>)['taskToken.$']).toBe('$$.Task.Token');
    expect(wait?.TimeoutSeconds).toBeGreaterThan(MAX_SYNC_TIMEOUT_SECONDS);
    expect(wait?.TimeoutSeconds).toBeLessThanOrEqual(86_400);
    expect(wait?.HeartbeatSeconds).toBeGreaterThan(0);
    expect(wait?.HeartbeatSeconds).toBeLessThan(wait?.TimeoutSeconds ?? 0);
  });

  it('lets a failed wait end its iteration without failing the Map, so SummarizeSyncs applies the policy', () => {
    const processor = states.AwaitSyncs?.ItemProcessor;
    const wait = processor?.States.WaitForSync;
    expect(wait?.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'SyncDidNotSucceed' })]);
    expect(processor?.States.SyncDidNotSucceed).toMatchObject({ Type: 'Pass', End: true });
    expect(states.AwaitSyncs?.Next).toBe('SummarizeSyncs');
  });

  it('runs dbt only when SummarizeSyncs says so, and fails with SyncsFailed otherwise; a skipDbt run ends without dbt', () => {
    const choice = states['RunDbt?'];
    expect(choice?.Choices).toEqual([
      { Variable: '$.syncs.runDbt', BooleanEquals: false, Next: 'SyncsFailed' },
      { Variable: '$.skipDbt', BooleanEquals: true, Next: 'RunSucceeded' },
      { Variable: '$.syncs.runDbt', BooleanEquals: true, Next: 'RunDbt' },
    ]);
    expect(choice?.Default).toBe('SyncsFailed');
    expect(states.SyncsFailed).toMatchObject({ Type: 'Fail', Error: 'SyncsFailed', CausePath: '$.syncs.message' });
  });

  it('runs dbt as an ECS task that waits for the container and fails the run as DbtFailed', () => {
    expect(states.RunDbt?.Resource).toBe('arn:aws:states:::ecs:runTask.sync');
    expect(states.RunDbt?.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'DbtFailed' })]);
    expect(states.DbtFailed?.Type).toBe('Fail');
    expect(states.RunDbt?.Next).toBe('RunSucceeded');
    expect(states.RunSucceeded?.Type).toBe('Succeed');
  });

  it('fails as SyncsNotStarted when StartSyncs throws (a broken connection, an unknown id)', () => {
    expect(states.StartSyncs?.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'SyncsNotStarted' })]);
    expect(states.SyncsNotStarted?.Type).toBe('Fail');
  });
});

describe('error handling of every Task', () => {
  const tasks = allStates(definition()).filter(({ state }) => state.Type === 'Task');

  it('covers the five tasks of the pipeline', () => {
    expect(tasks.map((t) => t.name).sort()).toEqual(['PrepareRun', 'RunDbt', 'StartSyncs', 'SummarizeSyncs', 'WaitForSync']);
  });

  it.each(['PrepareRun', 'StartSyncs', 'WaitForSync', 'SummarizeSyncs'])('%s retries Lambda service errors a bounded number of times', (name) => {
    const task = tasks.find((t) => t.name === name)?.state;
    expect(task?.Resource).toMatch(/^arn:aws:states:::lambda:invoke/);
    const retry = task?.Retry?.find((r) => r.ErrorEquals.includes('Lambda.ServiceException'));
    expect(retry?.ErrorEquals).toEqual(expect.arrayContaining(['Lambda.TooManyRequestsException', 'Lambda.SdkClientException']));
    expect(retry?.MaxAttempts).toBeGreaterThan(0);
    expect(retry?.MaxAttempts).toBeLessThanOrEqual(5);
  });

  it('RunDbt retries ECS service errors but never a dbt failure (States.TaskFailed)', () => {
    const retries = tasks.find((t) => t.name === 'RunDbt')?.state.Retry ?? [];
    expect(retries.flatMap((r) => r.ErrorEquals)).toEqual(expect.arrayContaining(['ECS.AmazonECSException']));
    expect(retries.flatMap((r) => r.ErrorEquals)).not.toEqual(expect.arrayContaining(['States.TaskFailed']));
    expect(retries.flatMap((r) => r.ErrorEquals)).not.toContain('States.ALL');
  });

  it('sets a timeout on every task that can wait long (callbacks and .sync integrations)', () => {
    for (const { name, state } of tasks.filter((t) => /\.(waitForTaskToken|sync)$/.test(t.state.Resource ?? ''))) {
      expect({ name, timeout: state.TimeoutSeconds }).toEqual({ name, timeout: expect.any(Number) });
    }
  });

  it('catches only into states that exist in the same scope', () => {
    for (const { state, scope } of tasks) for (const c of state.Catch ?? []) expect(Object.keys(scope)).toContain(c.Next);
  });
});
