/**
 * `fivetran-dbt deploy` through main(): flags reach deployStack, outputs go to stdout, progress to
 * stderr, and the exit codes (0, 1 for DeployError, 2 for ConfigError) against the loopback stubs.
 */
import { main } from '../../../src/cli/main.js';
import type { CliIO } from '../../../src/cli/cli-io.js';
import { startDeployStubs, STUB_BOOTSTRAP_BUCKET, type DeployStubs } from '../../support/deploy-stubs.js';

let stubs: DeployStubs;
beforeEach(async () => {
  stubs = await startDeployStubs();
  stubs.buckets.set(STUB_BOOTSTRAP_BUCKET, new Map());
});
afterEach(() => stubs.close());

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: stubs.env, cwd: process.cwd() };
  const code = await main(['deploy', '--poll-interval', '1ms', ...args], io);
  return { code, stdout, stderr };
}

describe('fivetran-dbt deploy', () => {
  it('deploys with the given name and parameters, prints the outputs and exits 0', async () => {
    const result = await cli(['--stack-name', 'Analytics', '--assembly', 'dist/stack', '--parameter', 'DbtImageTag=abc123']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^StateMachineArn = arn:aws:states:.*:stateMachine:Pipeline\n$/);
    expect(result.stderr).toContain('Stack Analytics: CREATED');
    expect(stubs.cfnCalls('CreateChangeSet')[0]?.params).toMatchObject({ StackName: 'Analytics', 'Parameters.member.1.ParameterValue': 'abc123' });
  });

  it('prints the result as JSON with --json', async () => {
    const result = await cli(['--json']);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'CREATED', outputs: { StateMachineArn: expect.any(String) } });
  });

  it('exits 1 with the first failing event when the stack fails', async () => {
    stubs.nextExecution = { outcome: 'fail', logicalResourceId: 'RunsTable', resourceType: 'AWS::DynamoDB::Table', reason: 'Table already exists' };
    const result = await cli([]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: Stack FivetranDbt failed to create: ROLLBACK_COMPLETE .*First failure: RunsTable \(AWS::DynamoDB::Table\) CREATE_FAILED: Table already exists\n$/);
  });

  it('recreates a ROLLBACK_COMPLETE stack with --recreate-failed-stack', async () => {
    stubs.putStack({ stackName: 'FivetranDbt', status: 'ROLLBACK_COMPLETE', events: [{ logicalResourceId: 'RunsTable', resourceType: 'AWS::DynamoDB::Table', status: 'CREATE_FAILED', reason: 'denied' }] });
    expect((await cli([])).code).toBe(1);
    expect((await cli(['--recreate-failed-stack'])).code).toBe(0);
    expect(stubs.cfnCalls('DeleteStack')).toHaveLength(1);
  });

  it.each([
    [['--parameter', 'DbtImageTag'], '--parameter takes KEY=VALUE (got "DbtImageTag").'],
    [['--parameter', 'Nope=1'], 'Unknown stack parameter Nope: the template declares DbtImageTag.'],
    [['--poll-interval', 'soon'], '--poll-interval must be a duration like 90s, 15m or 2h (got "soon").'],
  ])('exits 2 for %j', async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: ${message}\n`);
  });

  it('exits 2 and says to bootstrap when the bootstrap bucket is missing', async () => {
    stubs.buckets.clear();
    const result = await cli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/does not exist in eu-west-1: account 123456789012 is not bootstrapped there\. .*bootstrap aws:\/\/123456789012\/eu-west-1/);
  });
});
