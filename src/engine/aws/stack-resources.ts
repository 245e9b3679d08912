/**
 * Finds what a run on AWS needs from the deployed stack: the state machine (production's or the
 * CI one, by the run's kind), the run-records table,
 * the artifacts bucket, the dbt cluster and log group. From a stack name (its outputs), or from a
 * state machine ARN (its `aws:cloudformation:stack-name` tag leads to the outputs; without it only
 * the execution itself can be followed).
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { ListTagsForResourceCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { ConfigError, messageOf } from '../../core/errors.js';
import { type RunKind, StackOutputs, stateMachineOutputOf } from '../../core/stack-contract.js';
import { createAwsClient } from '../../aws/clients.js';

export type StackResources = {
  stateMachineArn: string;
  stackName: string | null;
  tableName: string | null;
  artifactsBucket: string | null;
  dbtClusterArn: string | null;
  dbtLogGroup: string | null;
  /** Every output of the stack by name (empty when only an ARN was given and no stack was found). */
  outputs: Record<string, string>;
};

/** The outputs of `stackName`. Throws `ConfigError` when the stack does not exist. */
export async function readStackOutputs(stackName: string, env: NodeJS.ProcessEnv, client?: CloudFormationClient): Promise<Record<string, string>> {
  const cloudformation = client ?? createAwsClient(CloudFormationClient, 'cloudformation', env);
  try {
    const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = Stacks?.[0];
    if (!stack) throw new ConfigError(`Stack "${stackName}" was not found: check the stack name and the region (AWS_REGION).`);
    return Object.fromEntries((stack.Outputs ?? []).filter((o) => o.OutputKey && o.OutputValue !== undefined).map((o) => [o.OutputKey as string, o.OutputValue as string]));
  } catch (error) {
    if (error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message)) {
      throw new ConfigError(`Stack "${stackName}" does not exist in ${env.AWS_REGION ?? 'this region'}: deploy it first, or check the name and AWS_REGION.`, { cause: error });
    }
    throw error;
  } finally {
    if (!client) cloudformation.destroy();
  }
}

function fromOutputs(outputs: Record<string, string>, stackName: string | null, stateMachineArn: string): StackResources {
  return {
    stateMachineArn,
    stackName,
    tableName: outputs[StackOutputs.tableName] ?? null,
    artifactsBucket: outputs[StackOutputs.artifactsBucket] ?? null,
    dbtClusterArn: outputs[StackOutputs.dbtClusterArn] ?? null,
    dbtLogGroup: outputs[StackOutputs.dbtLogGroup] ?? null,
    outputs,
  };
}

/**
 * Resolves the stack's resources from `stackName` or `stateMachineArn` (one of them is required).
 * With a stack name, `runKind` picks its state machine (default production); a given ARN is used as is.
 */
export async function resolveStackResources(
  target: { stackName?: string; stateMachineArn?: string; runKind?: RunKind },
  env: NodeJS.ProcessEnv,
  sfn: SFNClient,
  onWarning: (message: string) => void = () => undefined,
): Promise<StackResources> {
  if (target.stackName) {
    const outputs = await readStackOutputs(target.stackName, env);
    const output = stateMachineOutputOf(target.runKind ?? 'production');
    const arn = target.stateMachineArn ?? outputs[output];
    if (!arn && output === StackOutputs.ciStateMachineArn && outputs[StackOutputs.stateMachineArn]) {
      throw new ConfigError(
        `Stack "${target.stackName}" has no ${output} output: it predates the CI state machine. Update the stack (deploy) to run CI runs with the CI credentials.`,
      );
    }
    if (!arn) throw new ConfigError(`Stack "${target.stackName}" has no ${output} output: is it a fivetran-dbt-orchestrator stack?`);
    return fromOutputs(outputs, target.stackName, arn);
  }
  const arn = target.stateMachineArn;
  if (!arn) throw new ConfigError('Name the deployed pipeline: a stack name (--stack, stack-name) or a state machine ARN (--state-machine-arn, state-machine-arn).');
  if (!/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/.test(arn)) {
    throw new ConfigError(`"${arn}" is not a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>).`);
  }
  try {
    const { tags } = await sfn.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    const stackName = tags?.find((t) => t.key === 'aws:cloudformation:stack-name')?.value;
    if (stackName) return fromOutputs(await readStackOutputs(stackName, env), stackName, arn);
  } catch (error) {
    onWarning(`Could not find the stack of ${arn} (${messageOf(error)}): following the execution only, without per-connection progress or dbt details.`);
  }
  return fromOutputs({}, null, arn);
}

/** The execution ARN of run `name` on `stateMachineArn` (Step Functions derives it this way). */
export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

/** The AWS console page of an execution. */
export function consoleUrlOf(executionArn: string): string {
  const region = executionArn.split(':')[3] ?? 'us-east-1';
  return `https://${region}.console.aws.amazon.com/states/home?region=${region}#/v2/executions/details/${executionArn}`;
}
