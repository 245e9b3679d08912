/**
 * What a pull-request build needs from the deployed stack: whether production's manifest exists
 * (slim CI defers to it; without it the build is a full one), and stopping the runs of older
 * commits of the same PR, found by their run id's `pr-<number>-` prefix.
 */
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ListExecutionsCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { createAwsClient } from '../aws/clients.js';
import { messageOf } from '../core/errors.js';
import { LATEST_MANIFEST_KEY, type RunKind } from '../core/stack-contract.js';
import type { SfnEngineOptions } from '../engine/aws/sfn-engine.js';
import type { StackResources } from '../engine/aws/stack-resources.js';
import { pullRequestRunPrefix } from './github-context.js';

type Aws = { env: NodeJS.ProcessEnv; credentials: SfnEngineOptions['credentials'] };

const extra = (aws: Aws) => ({ maxAttempts: 3, ...(aws.credentials ? { credentials: aws.credentials } : {}) });

/** True when s3://<artifacts>/latest/manifest.json exists; false when it does not or the stack has no bucket; warnings for other errors (then false). */
export async function productionManifestExists(resources: StackResources, aws: Aws, warn: (message: string) => void): Promise<boolean> {
  if (!resources.artifactsBucket) return false;
  const s3 = createAwsClient(S3Client, 's3', aws.env, extra(aws));
  try {
    await s3.send(new HeadObjectCommand({ Bucket: resources.artifactsBucket, Key: LATEST_MANIFEST_KEY }));
    return true;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name !== 'NotFound' && name !== 'NoSuchKey') warn(`Could not check s3://${resources.artifactsBucket}/${LATEST_MANIFEST_KEY} (${messageOf(error)}): building everything.`);
    return false;
  } finally {
    s3.destroy();
  }
}

/** Stops every running execution of pull request `number` except `keepRunId`; returns the names stopped. */
export async function stopOlderPullRequestRuns(stateMachineArn: string, kind: RunKind, number: number, keepRunId: string, reason: string, aws: Aws): Promise<string[]> {
  const sfn = createAwsClient(SFNClient, 'sfn', aws.env, extra(aws));
  const prefix = pullRequestRunPrefix(number, kind);
  const stopped: string[] = [];
  try {
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING', maxResults: 100, ...(nextToken ? { nextToken } : {}) }));
      for (const execution of page.executions ?? []) {
        if (!execution.name?.startsWith(prefix) || execution.name === keepRunId || !execution.executionArn) continue;
        await sfn.send(new StopExecutionCommand({ executionArn: execution.executionArn, error: 'Superseded', cause: reason }));
        stopped.push(execution.name);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return stopped;
  } finally {
    sfn.destroy();
  }
}
