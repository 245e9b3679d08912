/**
 * `command: deploy` (and the first half of deploy-and-run): optionally build and push the dbt
 * image from the user's repository, deploy the bundled stack (assets, change set, events; an
 * empty change set is success), register or update the Fivetran group webhook to the stack's URL
 * and secret, and set every stack output as a step output.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@actions/core';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createAwsClient } from '../aws/clients.js';
import { createSecretsManagerSource } from '../aws/webhook-secret-source.js';
import { ConfigError, messageOf } from '../core/errors.js';
import { fivetranClientFromEnv } from '../core/fivetran/client.js';
import { StackOutputs } from '../core/stack-contract.js';
import { readStackOutputs } from '../engine/aws/stack-resources.js';
import { deployStack } from './deploy-stack-port.js';
import { buildAndPushImage, imageReference } from './docker-image.js';
import type { GitHubContext } from './github-context.js';
import type { ActionInputs } from './inputs.js';
import { awsCredentials } from './engine-setup.js';
import { registerGroupWebhook } from './webhook-registration.js';

/** The CDK assembly shipped with the Action: next to the bundle (dist/stack), or dist/stack from the sources. */
export function bundledAssemblyDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [here, resolve(here, '..', '..', 'dist')].map((dir) => join(dir, 'stack'));
  const found = candidates.find((dir) => existsSync(join(dir, 'manifest.json')));
  if (!found) throw new ConfigError(`The Action's stack assembly was not found (looked in ${candidates.join(', ')}).`);
  return found;
}

/** Deploys; returns the stack's outputs. */
export async function deployCommand(inputs: ActionInputs, context: GitHubContext, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const stackName = inputs.stackName as string;
  const credentials = awsCredentials(inputs, env, `fivetran-dbt-deploy-${context.runId}`);
  const parameters = { ...inputs.stackParameters };
  let pushed: string | null = null;
  const deploy = async (label: string) =>
    core.group(label, () =>
      deployStack({ assemblyDir: bundledAssemblyDir(), stackName, parameters, env, ...(credentials ? { credentials } : {}), recreateFailedStack: inputs.recreateFailedStack, ...(inputs.pollIntervalMs ? { pollIntervalMs: inputs.pollIntervalMs } : {}), onEvent: (line) => core.info(line) }),
    );
  const push = async (repositoryUri: string | undefined) => {
    const image = imageReference(repositoryUri, inputs.dbtImageTag, context.sha);
    await core.group(`Build and push ${image}`, () => buildAndPushImage({ context: resolve(inputs.dbtImageContext as string), image, onLine: (line) => core.info(line) }));
    pushed = image;
    parameters.DbtImageTag = image.slice(image.lastIndexOf(':') + 1);
  };
  let result;
  if (inputs.dbtImageContext) {
    // The repository is the stack's: an existing stack names it; a new one is deployed first.
    const existing = await readStackOutputs(stackName, env).catch(() => null);
    if (existing?.[StackOutputs.repositoryUri]) {
      await push(existing[StackOutputs.repositoryUri]);
      result = await deploy(`Deploy ${stackName}`);
    } else {
      const first = await deploy(`Deploy ${stackName} (creates the image repository)`);
      await push(first.outputs[StackOutputs.repositoryUri]);
      result = await deploy(`Deploy ${stackName} with image tag ${parameters.DbtImageTag}`);
    }
  } else {
    result = await deploy(`Deploy ${stackName}`);
  }
  core.info(`Stack ${stackName}: ${result.status === 'NO_CHANGES' ? 'no changes' : result.status.toLowerCase()}${pushed ? `, dbt image ${pushed}` : ''}.`);
  for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value);
  core.setOutput('webhook-url', result.outputs[StackOutputs.webhookUrl] ?? '');
  core.setOutput('state-machine-arn', result.outputs[StackOutputs.stateMachineArn] ?? '');
  await registerWebhook(inputs, env, credentials, result.outputs);
  return result.outputs;
}

async function registerWebhook(inputs: ActionInputs, env: NodeJS.ProcessEnv, credentials: ReturnType<typeof awsCredentials>, outputs: Record<string, string>): Promise<void> {
  if (!inputs.registerWebhook) return;
  if (!inputs.fivetranApiKey || !inputs.fivetranApiSecret || !inputs.groupId) {
    core.info('Webhook not registered: set fivetran-api-key, fivetran-api-secret and group-id to register the group webhook to the stack (or register-webhook: false).');
    return;
  }
  const url = outputs[StackOutputs.webhookUrl];
  const secretArn = outputs[StackOutputs.webhookSecretArn];
  if (!url || !secretArn) throw new ConfigError(`The stack has no ${StackOutputs.webhookUrl} or ${StackOutputs.webhookSecretArn} output: cannot register the webhook.`);
  const client = createAwsClient(SecretsManagerClient, 'secretsManager', env, credentials ? { credentials } : {});
  try {
    const [secret] = await createSecretsManagerSource({ secretId: secretArn, client, maxAgeSeconds: 0 })();
    if (!secret) throw new ConfigError(`${secretArn} holds no webhook secret.`);
    core.setSecret(secret);
    const fivetran = fivetranClientFromEnv(env, { apiKey: inputs.fivetranApiKey, apiSecret: inputs.fivetranApiSecret });
    const done = await registerGroupWebhook(fivetran, inputs.groupId, url, secret);
    core.info(`Fivetran webhook ${done.webhookId} of group ${inputs.groupId} ${done.action}: ${url}`);
  } catch (error) {
    throw new ConfigError(`Registering the Fivetran webhook of group-id ${inputs.groupId} failed: ${messageOf(error)}`, { cause: error });
  } finally {
    client.destroy();
  }
}
