/** The run request the CLI's flags describe: what the strict request schema accepts, whatever flags are given. */
import { describe, expect, it } from '@jest/globals';
import { prepareRun } from '../../../src/core/pipeline/run-request.js';
import { buildRequest, type RunCommandOptions } from '../../../src/cli/run-command.js';

const flags = (overrides: Partial<RunCommandOptions> = {}): RunCommandOptions => ({
  engine: 'local', onPaused: 'skip', onNotConnected: 'fail', onSyncFailure: 'fail', completion: 'auto', progress: false, ...overrides,
});

describe('buildRequest', () => {
  it('describes every run flag with fields the request schema takes', () => {
    const request = buildRequest(
      flags({ connection: ['a,b'], skipDbt: true, force: true, onPaused: 'unpause', onNotConnected: 'skip', onSyncFailure: 'continue', syncTimeout: '2h', dbtEnv: ['DBT_TARGET=ci'] }),
      'group_1',
      ['run', '--select', 'x'],
      { USER: 'ana' },
    );
    expect(prepareRun(request, 'run-1')).toMatchObject({
      groupId: 'group_1', connectionIds: ['a', 'b'], skipDbt: true, force: true, syncTimeoutSeconds: 7200,
      policies: { paused: 'unpause', notConnected: 'skip', syncFailure: 'continue' },
      dbt: { args: ['run', '--select', 'x'] },
      trigger: { source: 'cli', actor: 'ana' },
    });
  });

  it('describes a dbt-only run without a group', () => {
    expect(prepareRun(buildRequest(flags({ skipSync: true }), undefined, [], {}), 'run-1')).toMatchObject({ groupId: null, skipSync: true, dbt: { args: ['build'] } });
  });
});
