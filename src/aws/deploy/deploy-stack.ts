/**
 * Deploys the prebuilt cloud assembly (`dist/stack`) the way the CDK CLI does, without the CDK
 * command line or aws-cdk-lib at runtime: publish the file assets to the bootstrap bucket, then a
 * CloudFormation change set from the template asset, executed and followed event by event.
 */
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type DescribeChangeSetCommandOutput,
  type Parameter,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ConfigError, messageOf, OrchestratorError } from '../../core/errors.js';
import { createAwsClient, endpointFor } from '../clients.js';
import { readStackArtifact, type AssetDestination, type StackArtifact } from './cloud-assembly.js';
import { checkBootstrapBucket, publishAssets } from './publish-assets.js';

/** What every SDK client takes as `credentials`: an identity or a provider of one. */
export type AwsCredentials = NonNullable<S3ClientConfig['credentials']>;

export type DeployOptions = {
  /** The cloud assembly directory, e.g. `<action>/dist/stack`. */
  assemblyDir: string;
  /** The CloudFormation stack to create or update; the assembly's own stack is `FivetranDbt`, any name may be used. */
  stackName: string;
  /**
   * Template parameters, e.g. `{ DbtImageTag: 'abc123' }`. A parameter not given keeps its previous
   * value on update (UsePreviousValue) or takes the template default on create. A name the template
   * does not declare is a `ConfigError`.
   */
  parameters?: Record<string, string>;
  /** Region, credentials and `AWS_ENDPOINT_URL_*` overrides, read through `createAwsClient`. */
  env: NodeJS.ProcessEnv;
  /** Credentials (or a provider) for every client, instead of the SDK's default chain. */
  credentials?: AwsCredentials;
  /** A stack whose first create failed (ROLLBACK_COMPLETE/ROLLBACK_FAILED): delete it and create it again. Default false: report it. */
  recreateFailedStack?: boolean;
  /** Progress lines: assets published, the change set, each new stack event (oldest first, each once). */
  onEvent?: (line: string) => void;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Between two polls of the change set or the stack. Default 5 s. */
  pollIntervalMs?: number;
  /** Give up waiting for CloudFormation after this long (the operation goes on there). Default 60 min. */
  timeoutMs?: number;
};

export type DeployResult = { status: 'CREATED' | 'UPDATED' | 'NO_CHANGES'; outputs: Record<string, string>; changeSetId?: string };

/** The earliest failing event of a stack operation. */
export type FailedStackEvent = { logicalResourceId: string; resourceType: string; status: string; reason: string };

/**
 * The stack did not reach CREATE_COMPLETE/UPDATE_COMPLETE, its change set failed, or it is in a
 * state that cannot be updated. The message names the stack, its status and the first failing
 * event (resource, status, reason). CLI exit 1.
 */
export class DeployError extends OrchestratorError {
  override readonly name: string = 'DeployError';
  readonly stackName: string;
  readonly stackStatus: string | undefined;
  readonly firstFailure: FailedStackEvent | undefined;
  constructor(message: string, details: { stackName: string; stackStatus?: string; firstFailure?: FailedStackEvent; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.stackName = details.stackName;
    this.stackStatus = details.stackStatus;
    this.firstFailure = details.firstFailure;
  }
}

/** CloudFormation's limits on a template passed inline and by S3 URL. */
const TEMPLATE_INLINE_LIMIT = 51_200;
const TEMPLATE_URL_LIMIT = 460_800;
const DEFAULT_POLL_INTERVAL_MS = 5_000;
const DEFAULT_TIMEOUT_MS = 60 * 60_000;
const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;
const SUCCESS = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE']);
const FIRST_CREATE_FAILED = new Set(['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED']);
const NO_CHANGES = /didn't contain changes|No updates are to be performed/i;
const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);

const isInProgress = (status: string | undefined) => status !== undefined && status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS';

/** Polls with a deadline: the longer of wall-clock time and the time asked of `sleep` (so an instant fake sleep still ends). */
class PollClock {
  private readonly started = Date.now();
  private slept = 0;
  constructor(
    private readonly sleep: (ms: number) => Promise<void>,
    readonly intervalMs: number,
    readonly timeoutMs: number,
  ) {}

  /** Sleeps one interval, or returns false when the deadline has passed. */
  async pause(): Promise<boolean> {
    if (Math.max(Date.now() - this.started, this.slept) >= this.timeoutMs) return false;
    await this.sleep(this.intervalMs);
    this.slept += this.intervalMs;
    return true;
  }
}

function isThrottling(error: unknown): boolean {
  const e = error as { name?: string; $retryable?: { throttling?: boolean } } | undefined;
  return THROTTLING.has(e?.name ?? '') || e?.$retryable?.throttling === true;
}

function describeEvent(event: StackEvent): string {
  const time = event.Timestamp ? event.Timestamp.toISOString() : '';
  const reason = event.ResourceStatusReason ? `: ${event.ResourceStatusReason}` : '';
  return `${time} ${event.LogicalResourceId ?? '?'} (${event.ResourceType ?? '?'}) ${event.ResourceStatus ?? '?'}${reason}`;
}

function firstFailureOf(events: readonly StackEvent[]): FailedStackEvent | undefined {
  const failed = events.find((event) => event.ResourceStatus?.endsWith('_FAILED'));
  if (!failed) return undefined;
  return {
    logicalResourceId: failed.LogicalResourceId ?? '?',
    resourceType: failed.ResourceType ?? '?',
    status: failed.ResourceStatus ?? '?',
    reason: failed.ResourceStatusReason ?? '(no reason given)',
  };
}

function failureText(failure: FailedStackEvent | undefined): string {
  return failure ? ` First failure: ${failure.logicalResourceId} (${failure.resourceType}) ${failure.status}: ${failure.reason}` : ' No resource reported a failure.';
}

/** One CloudFormation conversation about one stack: describe, events, waits. */
class StackSession {
  private readonly seen = new Set<string>();
  /** Events of the current operation, oldest first. */
  operationEvents: StackEvent[] = [];

  constructor(
    private readonly cfn: CloudFormationClient,
    readonly stackName: string,
    private readonly clock: PollClock,
    private readonly onEvent: (line: string) => void,
  ) {}

  /** Calls `fn`, pausing and calling again while CloudFormation throttles past the SDK's own retries. */
  async unthrottled<T>(fn: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await fn();
      } catch (error) {
        if (!isThrottling(error) || !(await this.clock.pause())) throw error;
      }
    }
  }

  /** The stack (by name or id), or undefined when it does not exist or is deleted. */
  async describe(stackNameOrId: string): Promise<Stack | undefined> {
    try {
      const { Stacks } = await this.unthrottled(() => this.cfn.send(new DescribeStacksCommand({ StackName: stackNameOrId })));
      const stack = Stacks?.[0];
      return stack?.StackStatus === 'DELETE_COMPLETE' ? undefined : stack;
    } catch (error) {
      if ((error as { name?: string }).name === 'ValidationError' && /does not exist/.test(messageOf(error))) return undefined;
      throw error;
    }
  }

  /** Events newer than those already seen, oldest first (pages read newest first until a seen one). */
  private async newEvents(stackId: string, maxPages = 20): Promise<StackEvent[]> {
    const fresh: StackEvent[] = [];
    let token: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const result = await this.unthrottled(() => this.cfn.send(new DescribeStackEventsCommand({ StackName: stackId, ...(token ? { NextToken: token } : {}) })));
      const events = result.StackEvents ?? [];
      const stop = events.findIndex((event) => this.seen.has(event.EventId ?? ''));
      fresh.push(...(stop < 0 ? events : events.slice(0, stop)));
      token = result.NextToken;
      if (stop >= 0 || !token) break;
    }
    for (const event of fresh) this.seen.add(event.EventId ?? '');
    return fresh.reverse();
  }

  /** Starts a new operation: every event so far counts as before it. */
  async beginOperation(stackId: string): Promise<void> {
    await this.newEvents(stackId, 1);
    this.operationEvents = [];
  }

  /** Prints the operation's new events and keeps them. */
  async followEvents(stackId: string): Promise<void> {
    for (const event of await this.newEvents(stackId)) {
      this.onEvent(describeEvent(event));
      this.operationEvents.push(event);
    }
  }

  /** The first failure among the stack's events, all of them read afresh (for a stack found already failed). */
  async firstFailureSoFar(stackId: string, maxPages = 20): Promise<FailedStackEvent | undefined> {
    const events: StackEvent[] = [];
    let token: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const result = await this.unthrottled(() => this.cfn.send(new DescribeStackEventsCommand({ StackName: stackId, ...(token ? { NextToken: token } : {}) })));
      events.push(...(result.StackEvents ?? []));
      token = result.NextToken;
      if (!token) break;
    }
    return firstFailureOf(events.reverse());
  }

  /** Polls until the stack leaves every *_IN_PROGRESS status, printing its events; undefined once deleted. */
  async waitForSettled(stackId: string, initial?: Stack): Promise<Stack | undefined> {
    let stack = initial;
    for (;;) {
      await this.followEvents(stackId);
      if (!isInProgress(stack?.StackStatus)) return stack;
      if (!(await this.clock.pause())) {
        throw new DeployError(
          `Timed out after ${Math.round(this.clock.timeoutMs / 1000)} s waiting for stack ${this.stackName} (${stack?.StackStatus}); CloudFormation goes on with it.`,
          { stackName: this.stackName, ...(stack?.StackStatus ? { stackStatus: stack.StackStatus } : {}) },
        );
      }
      stack = await this.describe(stackId);
    }
  }

  firstFailure(): FailedStackEvent | undefined {
    return firstFailureOf(this.operationEvents);
  }
}

async function resolveRegion(client: CloudFormationClient): Promise<string> {
  try {
    return await client.config.region();
  } catch (error) {
    throw new ConfigError('No AWS region: set AWS_REGION (or AWS_DEFAULT_REGION, or a region in the AWS profile).', { cause: error });
  }
}

/** Where CloudFormation fetches the template: the S3 endpoint override (path style) or the bucket's regional virtual-host URL. */
export function templateUrlOf(object: AssetDestination, region: string, env: NodeJS.ProcessEnv): string {
  const key = object.objectKey.split('/').map(encodeURIComponent).join('/');
  const endpoint = endpointFor('s3', env);
  if (endpoint) return `${endpoint.replace(/\/+$/, '')}/${object.bucketName}/${key}`;
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://${object.bucketName}.s3.${region}.${domain}/${key}`;
}

function templateSource(artifact: StackArtifact, region: string, env: NodeJS.ProcessEnv): { TemplateURL: string } | { TemplateBody: string } {
  if (artifact.templateBytes > TEMPLATE_URL_LIMIT) {
    throw new ConfigError(`The template ${artifact.templateFile} is ${artifact.templateBytes} bytes, over CloudFormation's ${TEMPLATE_URL_LIMIT}-byte limit.`);
  }
  if (artifact.templateObject) return { TemplateURL: templateUrlOf(artifact.templateObject, region, env) };
  if (artifact.templateBytes > TEMPLATE_INLINE_LIMIT) {
    throw new ConfigError(`The template ${artifact.templateFile} is ${artifact.templateBytes} bytes, over the ${TEMPLATE_INLINE_LIMIT}-byte inline limit, and the assembly publishes no template asset (stackTemplateAssetObjectUrl).`);
  }
  return { TemplateBody: JSON.stringify(artifact.template) };
}

function changeSetParameters(artifact: StackArtifact, given: Record<string, string>, previous: Stack | undefined): Parameter[] {
  const declared = Object.keys(artifact.template.Parameters ?? {});
  const unknown = Object.keys(given).filter((key) => !declared.includes(key));
  if (unknown.length > 0) {
    throw new ConfigError(`Unknown stack parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: the template declares ${declared.join(', ') || 'none'}.`);
  }
  const before = new Set((previous?.Parameters ?? []).map((parameter) => parameter.ParameterKey));
  return declared.flatMap((key): Parameter[] => {
    if (given[key] !== undefined) return [{ ParameterKey: key, ParameterValue: given[key] }];
    return before.has(key) ? [{ ParameterKey: key, UsePreviousValue: true }] : [];
  });
}

function outputsOf(stack: Stack | undefined): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const output of stack?.Outputs ?? []) if (output.OutputKey) outputs[output.OutputKey] = output.OutputValue ?? '';
  return outputs;
}

function describeChanges(result: DescribeChangeSetCommandOutput): string[] {
  return (result.Changes ?? []).map(({ ResourceChange: change }) => {
    const replacement = change?.Replacement === 'True' ? ' (replacement)' : change?.Replacement === 'Conditional' ? ' (may replace)' : '';
    return `  ${change?.Action ?? '?'} ${change?.LogicalResourceId ?? '?'} (${change?.ResourceType ?? '?'})${replacement}`;
  });
}

/** Deletes a stack whose first create failed and waits until it is gone. */
async function deleteFailedStack(cfn: CloudFormationClient, session: StackSession, stack: Stack, onEvent: (line: string) => void): Promise<void> {
  const stackId = stack.StackId ?? session.stackName;
  onEvent(`Stack ${session.stackName} is ${stack.StackStatus}: deleting it to create it again`);
  await session.beginOperation(stackId);
  await session.unthrottled(() => cfn.send(new DeleteStackCommand({ StackName: stackId })));
  const after = await session.waitForSettled(stackId, await session.describe(stackId));
  if (after) {
    throw new DeployError(`Stack ${session.stackName} could not be deleted: ${after.StackStatus}.${failureText(session.firstFailure())}`, {
      stackName: session.stackName,
      ...(after.StackStatus ? { stackStatus: after.StackStatus } : {}),
      ...(session.firstFailure() ? { firstFailure: session.firstFailure() } : {}),
    });
  }
  onEvent(`Stack ${session.stackName} deleted`);
}

/**
 * Deploys the assembly's stack: publishes its file assets to the CDK bootstrap bucket (skipping
 * those already there), creates a change set from the published template (TemplateURL), executes
 * it and follows the stack's events to the end. Resolves to the stack's outputs; an empty change
 * set is `NO_CHANGES`. Throws `ConfigError` for a problem the caller must fix first (no region, an
 * unbootstrapped environment, an unknown parameter, an unreadable assembly) and `DeployError` when
 * CloudFormation fails or the stack is in a state that cannot be updated.
 */
export async function deployStack(options: DeployOptions): Promise<DeployResult> {
  const { env, stackName } = options;
  const onEvent = options.onEvent ?? (() => {});
  const clock = new PollClock(
    options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  const extra = { maxAttempts: 5, ...(options.credentials ? { credentials: options.credentials } : {}) };
  const sts = createAwsClient(STSClient, 'sts', env, extra);
  const s3 = createAwsClient(S3Client, 's3', env, extra);
  const cfn = createAwsClient(CloudFormationClient, 'cloudformation', env, extra);
  try {
    const region = await resolveRegion(cfn);
    const { Account: account } = await sts.send(new GetCallerIdentityCommand({}));
    if (!account) throw new ConfigError('STS GetCallerIdentity named no account.');
    const artifact = await readStackArtifact(options.assemblyDir, stackName, { account, region });
    const given = options.parameters ?? {};
    changeSetParameters(artifact, given, undefined); // reject unknown parameters before anything is uploaded
    const template = templateSource(artifact, region, env);

    const buckets = new Set([...artifact.assets.flatMap((asset) => asset.destinations.map((d) => d.bucketName)), ...(artifact.templateObject ? [artifact.templateObject.bucketName] : [])]);
    for (const bucket of buckets) await checkBootstrapBucket(s3, bucket, account, region);
    const published = await publishAssets(s3, artifact.assets, account, onEvent);
    onEvent(`Assets: ${published.filter((p) => p.uploaded).length} published, ${published.filter((p) => !p.uploaded).length} already there`);

    const session = new StackSession(cfn, stackName, clock, onEvent);
    let stack = await session.describe(stackName);
    if (stack && isInProgress(stack.StackStatus)) {
      onEvent(`Stack ${stackName} is ${stack.StackStatus}: waiting for it to finish first`);
      await session.beginOperation(stack.StackId ?? stackName);
      stack = await session.waitForSettled(stack.StackId ?? stackName, stack);
    }
    if (stack && FIRST_CREATE_FAILED.has(stack.StackStatus ?? '')) {
      if (!options.recreateFailedStack) {
        const firstFailure = await session.firstFailureSoFar(stack.StackId ?? stackName);
        throw new DeployError(
          `Stack ${stackName} is ${stack.StackStatus}: its first create failed and was rolled back, and CloudFormation cannot update such a stack. Delete it (aws cloudformation delete-stack --stack-name ${stackName}) or deploy with --recreate-failed-stack (recreateFailedStack) to delete and create it again.${failureText(firstFailure)}`,
          { stackName, ...(stack.StackStatus ? { stackStatus: stack.StackStatus } : {}), ...(firstFailure ? { firstFailure } : {}) },
        );
      }
      await deleteFailedStack(cfn, session, stack, onEvent);
      stack = undefined;
    }
    if (stack?.StackStatus === 'UPDATE_ROLLBACK_FAILED') {
      throw new DeployError(`Stack ${stackName} is UPDATE_ROLLBACK_FAILED: finish its rollback first (aws cloudformation continue-update-rollback --stack-name ${stackName}), then deploy again.`, {
        stackName,
        stackStatus: 'UPDATE_ROLLBACK_FAILED',
      });
    }

    const type = !stack || stack.StackStatus === 'REVIEW_IN_PROGRESS' ? 'CREATE' : 'UPDATE';
    const changeSetName = `fivetran-dbt-deploy-${Date.now()}`;
    const created = await session.unthrottled(() =>
      cfn.send(
        new CreateChangeSetCommand({
          StackName: stackName,
          ChangeSetName: changeSetName,
          ChangeSetType: type,
          ...template,
          Parameters: changeSetParameters(artifact, given, type === 'UPDATE' ? stack : undefined),
          Capabilities: [...CAPABILITIES],
          Tags: artifact.tags,
          Description: 'fivetran-dbt deploy',
        }),
      ),
    );
    const changeSetId = created.Id ?? changeSetName;
    const stackId = created.StackId ?? stackName;
    onEvent(`Change set ${changeSetName} (${type}) created for stack ${stackName}`);

    let described: DescribeChangeSetCommandOutput;
    for (;;) {
      described = await session.unthrottled(() => cfn.send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackId })));
      if (described.Status === 'CREATE_COMPLETE' || described.Status === 'FAILED' || described.Status?.startsWith('DELETE_')) break;
      if (!(await clock.pause())) throw new DeployError(`Timed out waiting for change set ${changeSetName} of stack ${stackName} (${described.Status}).`, { stackName, ...(stack?.StackStatus ? { stackStatus: stack.StackStatus } : {}) });
    }
    if (described.Status !== 'CREATE_COMPLETE') {
      const reason = described.StatusReason ?? '(no reason given)';
      if (described.Status === 'FAILED' && NO_CHANGES.test(reason)) {
        await session.unthrottled(() => cfn.send(new DeleteChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackId })));
        onEvent(`Stack ${stackName}: no changes`);
        return { status: 'NO_CHANGES', outputs: outputsOf(await session.describe(stackId)) };
      }
      throw new DeployError(`The change set for stack ${stackName} is ${described.Status}: ${reason}`, { stackName, ...(stack?.StackStatus ? { stackStatus: stack.StackStatus } : {}) });
    }
    for (const line of describeChanges(described)) onEvent(line);

    await session.beginOperation(stackId);
    await session.unthrottled(() => cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackId })));
    onEvent(`Executing change set ${changeSetName}`);
    const final = await session.waitForSettled(stackId, await session.describe(stackId));
    const status = final?.StackStatus ?? 'DELETE_COMPLETE';
    if (!SUCCESS.has(status)) {
      const firstFailure = session.firstFailure();
      const why = final?.StackStatusReason ? ` (${final.StackStatusReason})` : '';
      throw new DeployError(`Stack ${stackName} failed to ${type === 'CREATE' ? 'create' : 'update'}: ${status}${why}.${failureText(firstFailure)}`, {
        stackName,
        stackStatus: status,
        ...(firstFailure ? { firstFailure } : {}),
      });
    }
    onEvent(`Stack ${stackName}: ${status}`);
    return { status: type === 'CREATE' ? 'CREATED' : 'UPDATED', outputs: outputsOf(final), changeSetId };
  } finally {
    sts.destroy();
    s3.destroy();
    cfn.destroy();
  }
}
