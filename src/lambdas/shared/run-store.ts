/**
 * The DynamoDB run store every pipeline Lambda but PrepareRun reads and writes. Each AWS client
 * has its own module so a handler imports only the SDK packages it calls: loading one is a large
 * part of a cold start (BENCHMARKS.md, section 5).
 */
import { dynamoRunStoreFromEnv } from '../../aws/dynamodb-run-store.js';
import type { RunStore } from '../../core/runs/records.js';
import type { PipelineLambdaConfig } from './config.js';

/** The run store on `tableName`; `env` supplies the SDK's region (and `DYNAMODB_ENDPOINT` for local use). */
export function createRunStore(config: Pick<PipelineLambdaConfig, 'tableName'>, env: NodeJS.ProcessEnv = process.env): RunStore {
  return dynamoRunStoreFromEnv(env, { tableName: config.tableName });
}
