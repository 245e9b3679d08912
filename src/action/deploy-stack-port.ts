/**
 * The one place the Action reaches the deploy path (src/aws/deploy/deploy-stack.ts): publish
 * the assets, create and execute a change set, wait with stack events, emit the outputs.
 */
import { ConfigError } from '../core/errors.js';

export type DeployStackOptions = {
  assemblyDir: string;
  stackName: string;
  parameters?: Record<string, string>;
  env: NodeJS.ProcessEnv;
  credentials?: unknown;
  recreateFailedStack?: boolean;
  onEvent?: (line: string) => void;
};

export type DeployStackResult = { status: 'CREATED' | 'UPDATED' | 'NO_CHANGES'; outputs: Record<string, string> };

type DeployModule = { deployStack(options: DeployStackOptions): Promise<DeployStackResult> };

// Until the deploy path lands in this tree, it is loaded by a specifier the bundler does not
// follow; a build without it says so instead of failing to bundle.
const DEPLOY_MODULE = '../aws/deploy/deploy-stack.js';

export async function deployStack(options: DeployStackOptions): Promise<DeployStackResult> {
  let module: DeployModule;
  try {
    module = (await import(/* webpackIgnore: true */ DEPLOY_MODULE)) as DeployModule;
  } catch (error) {
    throw new ConfigError('Input command deploy is not available in this build of the Action (the deploy path is not bundled).', { cause: error });
  }
  return module.deployStack(options);
}
