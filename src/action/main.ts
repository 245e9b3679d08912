/**
 * The Action: `run()` is the main step and, run again with the saved state, the post step. It
 * reads the inputs once, then runs one command: run, status, deploy, deploy-and-run or
 * cleanup-pr. Every failure ends as `core.setFailed` with a message that names what to change.
 */
import * as core from '@actions/core';
import { messageOf } from '../core/errors.js';
import { readGitHubContext } from './github-context.js';
import { awsEnv, readInputs } from './inputs.js';
import { StepState } from './step-state.js';

// Each command loads its own modules (the AWS SDK clients, the local engine), so a step starts
// with only what it needs and a bad input fails before any of them loads.
const commands = () => import('./run-command.js');
const deploying = () => import('./deploy-command.js');

export async function run(): Promise<void> {
  try {
    if (core.getState(StepState.isPost) === 'true') return await (await import('./post.js')).post();
    core.saveState(StepState.isPost, 'true');
    const inputs = readInputs();
    const context = readGitHubContext();
    const env = awsEnv(inputs);
    switch (inputs.command) {
      case 'run':
        return await (await commands()).runCommand(inputs, context, env);
      case 'status':
        return await (await commands()).statusCommand(inputs, context, env);
      case 'cleanup-pr':
        return await (await commands()).cleanupPrCommand(inputs, context, env);
      case 'deploy':
        await (await deploying()).deployCommand(inputs, context, env);
        return;
      case 'deploy-and-run':
        await (await deploying()).deployCommand(inputs, context, env);
        return await (await commands()).runCommand(inputs, context, env, inputs.stackName);
    }
  } catch (error) {
    core.setFailed(messageOf(error));
  }
}
