/**
 * The one place the Action reaches the deploy path (src/aws/deploy/deploy-stack.ts): publish
 * the assets, create and execute a change set, wait with stack events (an empty change set is
 * success), report ROLLBACK_COMPLETE clearly or re-create the stack, return the outputs.
 */
import { deployStack as deploy, DeployError, type DeployOptions, type DeployResult } from '../aws/deploy/deploy-stack.js';
import { ConfigError } from '../core/errors.js';

export type DeployStackOptions = Omit<DeployOptions, 'sleep'>;

/** Deploys; a `DeployError` becomes a message that names the stack, its status and the first failing event, and the input that re-creates a failed stack. */
export async function deployStack(options: DeployStackOptions): Promise<DeployResult> {
  try {
    return await deploy(options);
  } catch (error) {
    if (error instanceof DeployError && /ROLLBACK_(COMPLETE|FAILED)/.test(error.stackStatus ?? '') && !options.recreateFailedStack) {
      throw new ConfigError(`${error.message} Set input recreate-failed-stack: true to delete it and create it again.`, { cause: error });
    }
    throw error;
  }
}
