/**
 * What the deployed stack and the code that runs in or against it must agree on: the Lambdas'
 * environment variable names and defaults, and the stack's output names. Plain constants, so the
 * CDK app, the Lambdas, the run API and the Action share them without importing one another.
 */

/** Environment variable names the construct sets and the Lambdas read. */
export const LambdaEnv = {
  /** The DynamoDB table of run records. */
  tableName: 'RUNS_TABLE_NAME',
  /** The Secrets Manager secret holding `{"apiKey": "...", "apiSecret": "..."}`. */
  fivetranSecretArn: 'FIVETRAN_SECRET_ARN',
  /** Optional Fivetran API base URL (default `https://api.fivetran.com/v1`). */
  fivetranApiUrl: 'FIVETRAN_API_URL',
  /** How long a read Fivetran secret is reused, in seconds (default 300). */
  fivetranSecretMaxAgeSeconds: 'FIVETRAN_SECRET_MAX_AGE_SECONDS',
  /** The reconciler looks only at records older than this many seconds (default 600). */
  reconcileAfterSeconds: 'RECONCILE_AFTER_SECONDS',
  /** The webhook Lambda's secret. */
  webhookSecretArn: 'WEBHOOK_SECRET_ARN',
  /** How long the webhook Lambda reuses a read secret, in seconds (default 60). */
  webhookSecretMaxAgeSeconds: 'WEBHOOK_SECRET_MAX_AGE_SECONDS',
  /** The CloudWatch namespace of the pipeline's own metrics (default `FivetranDbtOrchestrator`); the dbt container gets it too. */
  metricNamespace: 'METRIC_NAMESPACE',
} as const;

export const DEFAULT_FIVETRAN_SECRET_MAX_AGE_SECONDS = 300;
export const DEFAULT_WEBHOOK_SECRET_MAX_AGE_SECONDS = 60;
export const DEFAULT_RECONCILE_AFTER_SECONDS = 600;
export const DEFAULT_METRIC_NAMESPACE = 'FivetranDbtOrchestrator';

/**
 * Metrics the pipeline emits (CloudWatch embedded metric format, no dimensions: the namespace is
 * the stack's) and the stack alarms on and graphs. Run figures carry the run id as a plain
 * property, never as a dimension, so Logs Insights finds the run without one metric per run.
 */
export const PipelineMetrics = {
  /** Sync ends the reconciler found by reading the connection (no webhook had recorded them), per pass. */
  completedByReconciler: 'CompletedByReconciler',
  /** Webhook deliveries that completed a wait (a metric filter on the webhook Lambda's delivery lines). */
  completedByWebhook: 'CompletedByWebhook',
  /** SummarizeSyncs, per run: the longest sync, from its trigger to its end, in seconds (skips excluded). */
  slowestSyncSeconds: 'SlowestSyncSeconds',
  /** SummarizeSyncs, per run: connections whose sync did not end SUCCESSFUL (skips excluded), whose data is stale. */
  staleConnections: 'StaleConnections',
  /** The dbt container, per run: nodes that ended `error` or `fail` in run_results.json. */
  dbtFailedNodes: 'DbtFailedNodes',
  /** The dbt container, per run: how long dbt ran, in seconds. */
  dbtDurationSeconds: 'DbtDurationSeconds',
} as const;

/** Output names of the stack: the run API and the Action find the deployed pieces by them. */
export const StackOutputs = {
  webhookUrl: 'WebhookUrl',
  stateMachineArn: 'StateMachineArn',
  /** The state machine of pull-request (CI) runs: same definition, CI credentials. */
  ciStateMachineArn: 'CiStateMachineArn',
  repositoryUri: 'DbtRepositoryUri',
  tableName: 'RunsTableName',
  artifactsBucket: 'ArtifactsBucketName',
  fivetranSecretArn: 'FivetranSecretArn',
  webhookSecretArn: 'WebhookSecretArn',
  /** The dbt warehouse credentials: one JSON object of environment variables. */
  warehouseSecretArn: 'WarehouseSecretArn',
  /** The CI runs' warehouse credentials, in the same format. */
  ciWarehouseSecretArn: 'CiWarehouseSecretArn',
  dbtClusterArn: 'DbtClusterArn',
  dbtLogGroup: 'DbtLogGroupName',
  /** The state machine's execution logs (level ALL, without execution data). */
  stateMachineLogGroup: 'StateMachineLogGroupName',
  ciStateMachineLogGroup: 'CiStateMachineLogGroupName',
  /** One log group per Lambda: every line is JSON from the Powertools Logger. */
  prepareRunLogGroup: 'PrepareRunLogGroupName',
  startSyncsLogGroup: 'StartSyncsLogGroupName',
  registerWaiterLogGroup: 'RegisterWaiterLogGroupName',
  summarizeSyncsLogGroup: 'SummarizeSyncsLogGroupName',
  reconcileLogGroup: 'ReconcileLogGroupName',
  webhookLogGroup: 'WebhookLogGroupName',
} as const;

/**
 * Which of the stack's two state machines a run starts on: production's, or the one of
 * pull-request (CI) runs, whose dbt task gets the CI warehouse credentials and nothing of
 * production's. IAM on StartExecution decides who may use which.
 */
export const RunKinds = ['production', 'ci'] as const;
export type RunKind = (typeof RunKinds)[number];

/**
 * CI run ids start with this, production run ids never do. Run records are keyed by run id in
 * one table, so the two state machines' ids must not meet: otherwise whoever may start CI runs
 * could name one after a production run and share its records.
 */
export const CI_RUN_ID_PREFIX = 'ci-';

/** Why `runId` may not run on the state machine of `kind`, or undefined when it may. */
export function runIdProblem(runId: string, kind: RunKind): string | undefined {
  const isCi = runId.startsWith(CI_RUN_ID_PREFIX);
  if (kind === 'ci' && !isCi) return `CI run ids start with "${CI_RUN_ID_PREFIX}", got "${runId}": name the execution ${CI_RUN_ID_PREFIX}${runId}`;
  if (kind === 'production' && isCi) return `run ids starting with "${CI_RUN_ID_PREFIX}" belong to the CI state machine, got "${runId}" on production's: choose another id`;
  return undefined;
}

/** The output naming the state machine of `kind`. */
export function stateMachineOutputOf(kind: RunKind): string {
  return kind === 'ci' ? StackOutputs.ciStateMachineArn : StackOutputs.stateMachineArn;
}

/**
 * The dbt container's variable holding the warehouse secret (a JSON object of environment
 * variables), which docker/dbt/entrypoint.sh turns into one variable per field.
 */
export const WAREHOUSE_CREDENTIALS_ENV = 'DBT_WAREHOUSE_CREDENTIALS';

/** The dbt container's awslogs stream prefix: streams are `<prefix>/<container>/<task id>`. */
export const DBT_LOG_STREAM_PREFIX = 'dbt';

/** Where the dbt container stores a run's artifacts in the artifacts bucket. */
export function runArtifactKey(runId: string, file: 'run_results.json' | 'manifest.json'): string {
  return `runs/${runId}/${file}`;
}

/** Production's published manifest, which PR builds defer to. */
export const LATEST_MANIFEST_KEY = 'latest/manifest.json';
