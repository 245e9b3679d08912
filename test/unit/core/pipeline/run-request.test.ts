/** The run request: one schema for every entry point, defaults applied, problems named by field. */
import { describe, expect, it } from '@jest/globals';
import { ConfigError, InvalidRunRequestError, RunTooLargeError } from '../../../../src/core/errors.js';
import {
  DEFAULT_SYNC_TIMEOUT_SECONDS,
  MAX_CONNECTIONS_PER_RUN,
  MAX_SYNC_TIMEOUT_SECONDS,
  newRunId,
  prepareRun,
  type RunRequestRules,
} from '../../../../src/core/pipeline/run-request.js';

const RUN_ID = 'run-20260522T000000-abc123';

/** The message of the InvalidRunRequestError that `request` must raise. */
function rejection(request: unknown, rules?: RunRequestRules): string {
  try {
    prepareRun(request, RUN_ID, rules);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRunRequestError);
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('prepareRun accepted a request it should reject');
}

describe('prepareRun: defaults', () => {
  it('fills every default for a request with only a group id', () => {
    expect(prepareRun({ groupId: 'group_1' }, RUN_ID)).toEqual({
      runId: RUN_ID,
      groupId: 'group_1',
      connectionIds: [],
      skipSync: false,
      skipDbt: false,
      force: false,
      policies: { paused: 'skip', notConnected: 'fail', syncFailure: 'fail' },
      syncTimeoutSeconds: DEFAULT_SYNC_TIMEOUT_SECONDS,
      dbt: { args: ['build'], environment: [{ Name: 'ORCHESTRATOR_RUN_ID', Value: RUN_ID }] },
      trigger: {},
    });
  });

  it('waits six hours for syncs by default', () => {
    expect(DEFAULT_SYNC_TIMEOUT_SECONDS).toBe(6 * 3600);
  });

  it('fills the policies not given and keeps the ones given', () => {
    expect(prepareRun({ groupId: 'g', policies: { syncFailure: 'continue' } }, RUN_ID).policies).toEqual({
      paused: 'skip',
      notConnected: 'fail',
      syncFailure: 'continue',
    });
  });

  it('keeps the trigger metadata for reports', () => {
    const trigger = { source: 'github', actor: 'octocat', sha: 'abc123', ref: 'refs/pull/7/merge', pullRequest: 7, url: 'https://github.com/o/r/actions/runs/1' };
    expect(prepareRun({ groupId: 'g', trigger }, RUN_ID).trigger).toEqual(trigger);
  });

  it('trims ids', () => {
    const run = prepareRun({ groupId: '  group_1 ', connectionIds: [' a ', 'b'] }, RUN_ID);
    expect(run.groupId).toBe('group_1');
    expect(run.connectionIds).toEqual(['a', 'b']);
  });
});

describe('prepareRun: groupId', () => {
  it.each([undefined, null, {}])('requires a group id in %p', (request) => {
    expect(rejection(request)).toBe('Invalid run request: groupId is required unless skipSync is true.');
  });

  it('does not need a group id when skipSync is true', () => {
    const run = prepareRun({ skipSync: true }, RUN_ID);
    expect(run.groupId).toBeNull();
    expect(run.skipSync).toBe(true);
  });

  it('takes skipDbt (sync only), but not together with skipSync', () => {
    expect(prepareRun({ groupId: 'g', skipDbt: true }, RUN_ID).skipDbt).toBe(true);
    expect(rejection({ skipSync: true, skipDbt: true })).toMatch(/skipSync and skipDbt together leave nothing to run/);
  });

  it('rejects a blank group id', () => {
    expect(rejection({ groupId: '   ' })).toMatch(/groupId/);
  });

  it('rejects a request that is not an object', () => {
    expect(rejection('group_1')).toMatch(/^Invalid run request: request .*expected object/);
  });
});

describe('prepareRun: unknown fields', () => {
  it('refuses a misspelt top-level field, naming it and the fields a request takes', () => {
    const message = rejection({ groupId: 'g', skipSyncs: true });
    expect(message).toMatch(/request has unknown field "skipSyncs": remove it or fix the spelling/);
    expect(message).toMatch(/a run request takes groupId, connectionIds, skipSync, skipDbt, force, policies, syncTimeoutSeconds, dbt, trigger/);
  });

  it('names every unknown field at once', () => {
    expect(rejection({ groupId: 'g', group: 'g', connections: ['c'] })).toMatch(/request has unknown fields "group", "connections": remove them/);
  });

  it.each([
    ['policies', { paused: 'skip', onPaused: 'skip' }, 'onPaused', /policies takes paused, notConnected, syncFailure/],
    ['dbt', { args: ['build'], target: 'prod' }, 'target', /dbt takes args, env/],
    ['trigger', { source: 'cli', pr: 7 }, 'pr', /trigger takes source, actor, sha, ref, pullRequest, url/],
  ])('refuses an unknown field in %s, with the path', (field, value, unknown, takes) => {
    const message = rejection({ groupId: 'g', [field]: value });
    expect(message).toContain(`${field} has unknown field "${unknown}"`);
    expect(message).toMatch(takes);
  });

  it('reports an unknown field alongside the other problems', () => {
    const message = rejection({ groupId: 'g', syncTimeoutSeconds: 0, extra: 1 });
    expect(message).toMatch(/syncTimeoutSeconds /);
    expect(message).toMatch(/unknown field "extra"/);
  });

  it('takes any name in dbt.env (variables, not fields)', () => {
    expect(prepareRun({ groupId: 'g', dbt: { env: { DBT_TARGET: 'prod' } } }, RUN_ID).dbt.environment).toContainEqual({ Name: 'DBT_TARGET', Value: 'prod' });
  });
});

describe('prepareRun: policies', () => {
  it.each([
    ['paused', 'ignore', /policies\.paused .*"skip"\|"fail"\|"unpause"/],
    ['notConnected', 'unpause', /policies\.notConnected .*"fail"\|"skip"/],
    ['syncFailure', 'ignore', /policies\.syncFailure .*"fail"\|"continue"/],
  ])('names policies.%s and the allowed values when it is %p', (field, value, message) => {
    expect(rejection({ groupId: 'g', policies: { [field]: value } })).toMatch(message);
  });

  it('names every invalid policy at once', () => {
    const message = rejection({ groupId: 'g', policies: { notConnected: 'unpause', syncFailure: 'ignore' } });
    expect(message).toMatch(/policies\.notConnected/);
    expect(message).toMatch(/policies\.syncFailure/);
  });

  it('names a missing group id together with an invalid policy', () => {
    const message = rejection({ policies: { paused: 'ignore' } });
    expect(message).toMatch(/policies\.paused/);
    expect(message).toMatch(/groupId is required unless skipSync is true/);
  });
});

describe('prepareRun: syncTimeoutSeconds', () => {
  it('stays under the state machine hard ceiling (86,400 s) with a margin', () => {
    expect(MAX_SYNC_TIMEOUT_SECONDS).toBe(86_400 - 600);
  });

  it.each([1, 3600, MAX_SYNC_TIMEOUT_SECONDS])('accepts %p', (seconds) => {
    expect(prepareRun({ groupId: 'g', syncTimeoutSeconds: seconds }, RUN_ID).syncTimeoutSeconds).toBe(seconds);
  });

  it.each([0, -5, MAX_SYNC_TIMEOUT_SECONDS + 1, 1.5, '3600'])('rejects %p naming the field', (seconds) => {
    expect(rejection({ groupId: 'g', syncTimeoutSeconds: seconds })).toMatch(/^Invalid run request: syncTimeoutSeconds /);
  });
});

describe('prepareRun: dbt', () => {
  it('passes the args through and turns env into ECS container environment, with the run id last', () => {
    const run = prepareRun({ groupId: 'g', dbt: { args: ['build', '--target', 'prod'], env: { DBT_TARGET_SCHEMA: 'pr_7', _X1: '' } } }, RUN_ID);
    expect(run.dbt).toEqual({
      args: ['build', '--target', 'prod'],
      environment: [
        { Name: 'DBT_TARGET_SCHEMA', Value: 'pr_7' },
        { Name: '_X1', Value: '' },
        { Name: 'ORCHESTRATOR_RUN_ID', Value: RUN_ID },
      ],
    });
  });

  it('always includes ORCHESTRATOR_RUN_ID, also for a dbt-only run', () => {
    const run = prepareRun({ skipSync: true, dbt: { args: ['test'] } }, 'run-x');
    expect(run.dbt.environment).toContainEqual({ Name: 'ORCHESTRATOR_RUN_ID', Value: 'run-x' });
  });

  it('rejects an empty args list', () => {
    expect(rejection({ groupId: 'g', dbt: { args: [] } })).toMatch(/dbt\.args/);
  });

  it.each(['1BAD', 'A-B', 'WITH SPACE', ''])('rejects the environment name %p, naming it and the rule', (name) => {
    const message = rejection({ groupId: 'g', dbt: { env: { [name]: 'x' } } });
    expect(message).toContain(`dbt.env.${name}`);
    expect(message).toMatch(/must be a valid environment variable name/);
  });

  it('rejects an environment value that is not a string', () => {
    expect(rejection({ groupId: 'g', dbt: { env: { PORT: 5432 } } })).toMatch(/dbt\.env\.PORT/);
  });
});

describe('prepareRun: connections', () => {
  it('removes duplicate connection ids, keeping the first order', () => {
    expect(prepareRun({ groupId: 'g', connectionIds: ['b', 'a', 'b', 'c', 'a'] }, RUN_ID).connectionIds).toEqual(['b', 'a', 'c']);
  });

  it('treats ids that differ only by surrounding spaces as duplicates', () => {
    expect(prepareRun({ groupId: 'g', connectionIds: ['a', ' a'] }, RUN_ID).connectionIds).toEqual(['a']);
  });

  it('names the position of a blank connection id', () => {
    expect(rejection({ groupId: 'g', connectionIds: ['a', ''] })).toMatch(/connectionIds\.1 /);
  });
});

describe('newRunId', () => {
  it('is run-<UTC stamp to the second>-<6 base-36 characters>', () => {
    expect(newRunId(new Date('2026-05-22T00:06:08.638Z'), () => 0)).toBe('run-20260522T000608-000000');
    expect(newRunId(new Date('2026-05-22T00:06:08.638Z'), () => 0.9999999999)).toBe('run-20260522T000608-zzzzzz');
    expect(newRunId()).toMatch(/^run-\d{8}T\d{6}-[0-9a-z]{6}$/);
  });

  it('is a valid Step Functions execution name (at most 80 of [A-Za-z0-9-_])', () => {
    const id = newRunId(new Date('2026-05-22T00:06:08Z'), () => 0.5);
    expect(id.length).toBeLessThanOrEqual(80);
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('sorts by time as plain strings', () => {
    const times = ['2026-01-02T03:04:05Z', '2026-01-02T03:04:06Z', '2026-01-02T13:00:00Z', '2026-11-30T00:00:00Z', '2027-01-01T00:00:00Z'];
    const ids = times.map((t, i) => newRunId(new Date(t), () => 1 - (i + 1) / 10));
    expect([...ids].sort()).toEqual(ids);
  });

  it('differs for two runs started in the same second', () => {
    const at = new Date('2026-05-22T00:06:08Z');
    expect(newRunId(at, () => 0.1)).not.toBe(newRunId(at, () => 0.2));
  });
});

describe('what a run may ask dbt to do', () => {
  it.each([['build'], ['run', '--select', 'orders'], ['test'], ['seed'], ['snapshot'], ['source', 'freshness']])('accepts dbt %s', (...args) => {
    expect(prepareRun({ skipSync: true, dbt: { args } }, RUN_ID, {}).dbt.args).toEqual(args);
  });

  it.each([['debug'], ['source', 'snapshot-freshness'], ['deps'], ['--version']])('refuses dbt %s (not in the allow-list)', (...args) => {
    expect(rejection({ skipSync: true, dbt: { args } }, {})).toMatch(/dbt\.args must start with one of "build", "run", "test", "seed", "snapshot", "source freshness", "run-operation"/);
  });

  it('runs run-operation only with a configured macro', () => {
    expect(rejection({ skipSync: true, dbt: { args: ['run-operation', 'drop_schema'] } }, {})).toMatch(/run-operation may call only configured macros \(none are\), got "drop_schema"/);
    expect(prepareRun({ skipSync: true, dbt: { args: ['run-operation', 'grant_select'] } }, RUN_ID, { allowedMacros: ['grant_select'] }).dbt.args[1]).toBe('grant_select');
  });

  it('refuses environment that would override credentials or pipeline settings', () => {
    const message = rejection({ skipSync: true, dbt: { env: { SNOWFLAKE_PASSWORD: 'x', AWS_ACCESS_KEY_ID: 'y', ORCHESTRATOR_RUN_ID: 'z', METRIC_NAMESPACE: 'n', DBT_WAREHOUSE_CREDENTIALS: '{}', DBT_TARGET: 'prod' } } }, {});
    expect(message).toMatch(/dbt\.env\.SNOWFLAKE_PASSWORD is reserved/);
    expect(message).toMatch(/dbt\.env\.METRIC_NAMESPACE is reserved/);
    expect(message).toMatch(/dbt\.env\.DBT_WAREHOUSE_CREDENTIALS is reserved/);
    expect(message).toMatch(/dbt\.env\.AWS_ACCESS_KEY_ID is reserved/);
    expect(message).toMatch(/dbt\.env\.ORCHESTRATOR_RUN_ID is reserved/);
    expect(message).not.toMatch(/DBT_TARGET/);
    expect(() => prepareRun({ skipSync: true, dbt: { env: { SNOWFLAKE_USER: 'ci' } } }, RUN_ID, { reservedEnv: ['SNOWFLAKE_USER'] })).toThrow(/SNOWFLAKE_USER is reserved/);
  });
});

describe('the history limit', () => {
  it(`refuses more than ${MAX_CONNECTIONS_PER_RUN} connection ids, naming the limit and the way around it`, () => {
    const connectionIds = Array.from({ length: MAX_CONNECTIONS_PER_RUN + 1 }, (_, i) => `conn_${i}`);
    expect(() => prepareRun({ groupId: 'g', connectionIds }, RUN_ID)).toThrow(RunTooLargeError);
    expect(() => prepareRun({ groupId: 'g', connectionIds }, RUN_ID)).toThrow(/at most 3000 \(Step Functions keeps 25,000 events per execution.*subset in connectionIds/);
  });
});
