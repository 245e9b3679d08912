/**
 * The engine a step runs on: a deployed stack (`engine: aws`, with the Action's own refreshing
 * credentials when `role-to-assume` is set; its production or CI state machine by the run's kind), or this runner (`engine: local`: real Fivetran with
 * credentials, the bundled demo without). Always `await setup.close()`.
 */
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { fivetranClientFromEnv } from '../core/fivetran/client.js';
import type { RunKind } from '../core/stack-contract.js';
import { createSfnEngine, type SfnEngine, type SfnEngineOptions } from '../engine/aws/sfn-engine.js';
import { prepareLocalRun } from '../engine/local/local-setup.js';
import type { RunEngine } from '../engine/run-api.js';
import { createEngine } from '../engine/run-pipeline.js';
import { createOidcCredentials } from './aws-credentials.js';
import type { ActionInputs } from './inputs.js';

export type EngineSetup = {
  engine: RunEngine;
  /** The Step Functions engine (aws), for the stack's resources. */
  sfn: SfnEngine | null;
  /** The demo group (local demo only). */
  demoGroupId: string | null;
  close(): Promise<void>;
};

/** Credentials for AWS clients: OIDC with `role-to-assume`, else undefined (the SDK's default chain). */
export function awsCredentials(inputs: ActionInputs, env: NodeJS.ProcessEnv, sessionName: string): SfnEngineOptions['credentials'] {
  if (!inputs.roleToAssume) return undefined;
  return createOidcCredentials({ roleArn: inputs.roleToAssume, durationSeconds: inputs.roleDurationSeconds, sessionName, env, getIdToken: (audience) => core.getIDToken(audience) });
}

export async function openEngine(
  inputs: ActionInputs,
  options: { stackName?: string; runKind: RunKind; env: NodeJS.ProcessEnv; credentials: SfnEngineOptions['credentials'] },
): Promise<EngineSetup> {
  if (inputs.engine === 'aws' || inputs.command !== 'run') {
    const poll = inputs.pollIntervalMs ? { initialMs: inputs.pollIntervalMs, maxMs: inputs.pollIntervalMs * 4 } : undefined;
    const sfn = createSfnEngine({
      ...((options.stackName ?? inputs.stackName) ? { stackName: options.stackName ?? inputs.stackName } : {}),
      ...(inputs.stateMachineArn ? { stateMachineArn: inputs.stateMachineArn } : {}),
      runKind: options.runKind,
      env: options.env,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(poll ? { poll } : {}),
    });
    return { engine: sfn, sfn, demoGroupId: null, close: () => sfn.close() };
  }
  const pollIntervalMs = inputs.pollIntervalMs;
  if (!inputs.fivetranApiKey || !inputs.fivetranApiSecret) {
    core.info('Demo run: fivetran-api-key and fivetran-api-secret are not set, so engine local uses the bundled Fivetran simulator and a stand-in dbt. Set them and group-id to sync real connections.');
    const setup = await prepareLocalRun({ ...(pollIntervalMs ? { pollIntervalMs } : {}) });
    const engine = await createEngine({ kind: 'local', options: setup.engineOptions });
    return { engine, sfn: null, demoGroupId: setup.demoGroupId, close: async () => (await engine.close(), await setup.close()) };
  }
  const fivetran = fivetranClientFromEnv(options.env, { apiKey: inputs.fivetranApiKey, apiSecret: inputs.fivetranApiSecret });
  if (inputs.groupId) await fivetranClientFromEnv(options.env, { apiKey: inputs.fivetranApiKey, apiSecret: inputs.fivetranApiSecret, maxRetries: 2 }).getGroup(inputs.groupId);
  const setup = await prepareLocalRun({ fivetran, ...(pollIntervalMs ? { pollIntervalMs } : {}), dbt: { command: inputs.dbtCommand, cwd: resolve(inputs.dbtProjectDir) } });
  const engine = await createEngine({ kind: 'local', options: setup.engineOptions });
  return { engine, sfn: null, demoGroupId: null, close: async () => (await engine.close(), await setup.close()) };
}
