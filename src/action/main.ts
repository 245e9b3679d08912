/**
 * The Action: `run()` is the main step and, run again with the saved state, the post step. It
 * reads the inputs once, then runs one command: run, status, deploy, deploy-and-run or
 * cleanup-pr. Every failure ends as `core.setFailed` with a message that names what to change.
 */
import * as core from '@actions/core';
import { messageOf } from '../core/errors.js';
import { deployCommand } from './deploy-command.js';
import { awsEnv } from './engine-setup.js';
import { readGitHubContext } from './github-context.js';
import { readInputs } from './inputs.js';
import { post } from './post.js';
import { cleanupPrCommand, runCommand, statusCommand } from './run-command.js';
import { StepState } from './step-state.js';

export async function run(): Promise<void> {
  try {
    if (core.getState(StepState.isPost) === 'true') return await post();
    core.saveState(StepState.isPost, 'true');
    const inputs = readInputs();
    const context = readGitHubContext();
    const env = awsEnv(inputs);
    switch (inputs.command) {
      case 'run':
        return await runCommand(inputs, context, env);
      case 'status':
        return await statusCommand(inputs, context, env);
      case 'cleanup-pr':
        return await cleanupPrCommand(inputs, context, env);
      case 'deploy':
        await deployCommand(inputs, context, env);
        return;
      case 'deploy-and-run':
        await deployCommand(inputs, context, env);
        return await runCommand(inputs, context, env, inputs.stackName);
    }
  } catch (error) {
    core.setFailed(messageOf(error));
  }
}
