/**
 * The post step (`runs.post`, which runs even when the job is cancelled): stops the execution the
 * main step started when the main step did not see it end, e.g. it was killed after SIGINT and
 * SIGTERM before its own StopExecution was done.
 */
import * as core from '@actions/core';
import { DescribeExecutionCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { createAwsClient } from '../aws/clients.js';
import { messageOf } from '../core/errors.js';
import { awsCredentials } from './engine-setup.js';
import { awsEnv, readInputs, type ActionInputs } from './inputs.js';
import { StepState } from './step-state.js';

export async function post(): Promise<void> {
  const executionArn = core.getState(StepState.executionArn);
  const outcome = core.getState(StepState.outcome);
  if (!executionArn) return core.info('Post step: no execution was started; nothing to stop.');
  if (outcome) return core.info(`Post step: run ${core.getState(StepState.runId)} ${outcome === 'detached' ? 'was left running on purpose' : 'has ended'}; nothing to stop.`);
  let inputs: ActionInputs | null = null;
  try {
    inputs = readInputs();
  } catch (error) {
    core.info(`Post step: inputs unreadable (${messageOf(error)}); using the environment's AWS credentials.`);
  }
  const region = executionArn.split(':')[3];
  const base = inputs ? awsEnv(inputs) : process.env;
  const env = base.AWS_REGION || !region ? base : { ...base, AWS_REGION: region };
  const credentials = inputs ? awsCredentials(inputs, env, `fivetran-dbt-post-${core.getState(StepState.runId)}`) : undefined;
  const sfn = createAwsClient(SFNClient, 'sfn', env, { maxAttempts: 3, ...(credentials ? { credentials } : {}) });
  try {
    const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (status !== 'RUNNING') return core.info(`Post step: ${executionArn} is ${status}; nothing to stop.`);
    await sfn.send(new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'Run cancelled: the workflow step ended before the run did (cancelled or killed); stopped by the post step.' }));
    core.warning(`Stopped ${executionArn}: the main step ended before the run did.`, { title: 'Run stopped by the post step' });
  } catch (error) {
    core.setFailed(`Post step: could not stop ${executionArn}: ${messageOf(error)}. Stop it in the console or with \`fivetran-dbt cancel\`.`);
  } finally {
    sfn.destroy();
  }
}
