/**
 * The pipeline's Lambdas: one function per handler, each with its own role and log group, and
 * the grants its code needs (table calls, secret reads, task-token responses).
 */
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { RunTableIndexes } from '../../src/core/runs/table.js';
import { LambdaEnv } from '../../src/core/stack-contract.js';
import { acknowledgeWildcardResources } from './nag.js';
import type { PipelineSecrets } from './pipeline-secrets.js';
import type { RunRecords } from './run-records.js';

/** The repository root: Lambda entries are resolved against it, and its lock file anchors bundling. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What the construct needs to know about one Lambda handler. Entries are relative to the repository root. */
export type LambdaSpec = {
  readonly entry: string;
  /** The export the runtime calls. */
  readonly handler: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  /** `POWERTOOLS_SERVICE_NAME`. */
  readonly serviceName: string;
};

/**
 * Every Lambda the construct deploys (the reconciler's timeout shown is its ceiling: it is cut to
 * fit the schedule). A test imports each entry and checks it exports `handler`.
 */
export const PIPELINE_LAMBDAS = {
  prepareRun: {
    entry: 'src/lambdas/prepare-run.ts',
    handler: 'handler',
    description: 'PrepareRun: validates the run request and applies defaults',
    memorySize: 256,
    timeoutSeconds: 30,
    serviceName: 'prepare-run',
  },
  startSyncs: {
    entry: 'src/lambdas/start-syncs.ts',
    handler: 'handler',
    description: "StartSyncs: lists the group's connections, writes the run records, triggers every sync",
    memorySize: 512,
    // Under the state's TimeoutSeconds (900) so the function's own error reaches the execution.
    timeoutSeconds: 840,
    serviceName: 'start-syncs',
  },
  registerWaiter: {
    entry: 'src/lambdas/register-waiter.ts',
    handler: 'handler',
    description: 'WaitForSync: stores the task token on the run record, completes it if the outcome is in',
    memorySize: 256,
    timeoutSeconds: 30,
    serviceName: 'register-waiter',
  },
  summarizeSyncs: {
    entry: 'src/lambdas/summarize-syncs.ts',
    handler: 'handler',
    description: 'SummarizeSyncs: reads the run records and applies the failure policy',
    memorySize: 512,
    timeoutSeconds: 60,
    serviceName: 'summarize-syncs',
  },
  reconcile: {
    entry: 'src/lambdas/reconcile.ts',
    handler: 'handler',
    description: 'Reconciler: completes waits whose webhook is late or lost by reading the connections',
    memorySize: 512,
    timeoutSeconds: 240,
    serviceName: 'reconcile',
  },
  webhook: {
    entry: 'src/lambdas/webhook.ts',
    handler: 'handler',
    description: 'Fivetran webhook receiver: verifies the signature, records sync outcomes, completes waits',
    memorySize: 512,
    // Fivetran gives a delivery about 10 s.
    timeoutSeconds: 10,
    serviceName: 'fivetran-webhook',
  },
} as const satisfies Record<string, LambdaSpec>;

export type PipelineLambdaName = keyof typeof PIPELINE_LAMBDAS;

/** The Lambda runtime of every function. */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

export type PipelineFunctionsProps = {
  /** Creates one of the pipeline's log groups. */
  readonly logGroup: (id: string) => LogGroup;
  readonly runRecords: RunRecords;
  readonly secrets: PipelineSecrets;
  readonly fivetranApiUrl?: string;
  readonly reconcileInterval: Duration;
  readonly reconcileAfter: Duration;
  readonly metricNamespace: string;
};

/** Adds its resources to the pipeline's own scope, so logical ids stay those of a deployed stack. */
export class PipelineFunctions {
  /** Every Lambda, by name. */
  public readonly functions: Record<PipelineLambdaName, NodejsFunction>;
  /** Every Lambda's log group, by name. */
  public readonly logGroups: Record<PipelineLambdaName, LogGroup>;

  constructor(scope: Construct, props: PipelineFunctionsProps) {
    const { runRecords, secrets } = props;
    const intervalMinutes = props.reconcileInterval.toMinutes();
    const tableEnv = { [LambdaEnv.tableName]: runRecords.table.tableName };
    const fivetranEnv = {
      [LambdaEnv.fivetranSecretArn]: secrets.fivetranSecret.secretArn,
      ...(props.fivetranApiUrl ? { [LambdaEnv.fivetranApiUrl]: props.fivetranApiUrl } : {}),
    };
    const logGroups = {} as Record<PipelineLambdaName, LogGroup>;
    const fn = (name: PipelineLambdaName, environment: Record<string, string>, timeoutSeconds?: number): NodejsFunction => {
      const spec: LambdaSpec = PIPELINE_LAMBDAS[name];
      const id = name.charAt(0).toUpperCase() + name.slice(1);
      const logs = props.logGroup(`${id}Logs`);
      logGroups[name] = logs;
      // An explicit role: log writes scoped to the function's own group instead of the managed
      // AWSLambdaBasicExecutionRole (AwsSolutions-IAM4).
      const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: spec.description });
      logs.grantWrite(role);
      return new NodejsFunction(scope, `${id}Function`, {
        entry: path.join(REPO_ROOT, spec.entry),
        handler: spec.handler,
        description: spec.description,
        runtime: LAMBDA_RUNTIME,
        architecture: Architecture.ARM_64,
        memorySize: spec.memorySize,
        timeout: Duration.seconds(timeoutSeconds ?? spec.timeoutSeconds),
        role,
        logGroup: logs,
        projectRoot: REPO_ROOT,
        depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
        environment: { POWERTOOLS_SERVICE_NAME: spec.serviceName, POWERTOOLS_LOG_LEVEL: 'INFO', ...environment },
        bundling: {
          format: OutputFormat.ESM,
          mainFields: ['module', 'main'],
          // The runtime ships the AWS SDK v3.
          externalModules: ['@aws-sdk/*'],
          // CommonJS dependencies bundled into ESM still call require().
          banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
          minify: true,
          keepNames: true,
          // No source maps: they would embed build paths and break byte-identical assemblies.
          sourceMap: false,
          forceDockerBundling: false,
        },
      });
    };
    this.functions = {
      prepareRun: fn('prepareRun', {}),
      startSyncs: fn('startSyncs', { ...tableEnv, ...fivetranEnv }),
      registerWaiter: fn('registerWaiter', tableEnv),
      summarizeSyncs: fn('summarizeSyncs', { ...tableEnv, [LambdaEnv.metricNamespace]: props.metricNamespace }),
      reconcile: fn(
        'reconcile',
        {
          ...tableEnv,
          ...fivetranEnv,
          [LambdaEnv.reconcileAfterSeconds]: String(props.reconcileAfter.toSeconds()),
          [LambdaEnv.metricNamespace]: props.metricNamespace,
        },
        Math.min(PIPELINE_LAMBDAS.reconcile.timeoutSeconds, intervalMinutes * 60 - 30),
      ),
      webhook: fn('webhook', { ...tableEnv, [LambdaEnv.webhookSecretArn]: secrets.webhookSecret.secretArn }),
    };
    this.logGroups = logGroups;

    // Table access per function: only the calls its code makes, only the indexes it queries.
    const { startSyncs, registerWaiter, summarizeSyncs, reconcile, webhook } = this.functions;
    runRecords.grant(startSyncs, ['dynamodb:GetItem', 'dynamodb:BatchWriteItem', 'dynamodb:UpdateItem', 'dynamodb:Query'], []);
    runRecords.grant(registerWaiter, ['dynamodb:GetItem', 'dynamodb:UpdateItem'], []);
    runRecords.grant(summarizeSyncs, ['dynamodb:Query'], []);
    runRecords.grant(reconcile, ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'], [RunTableIndexes.open]);
    runRecords.grant(webhook, ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'], [RunTableIndexes.openByConnection]);
    secrets.grantRead(startSyncs, secrets.fivetranSecret);
    secrets.grantRead(reconcile, secrets.fivetranSecret);
    secrets.grantRead(webhook, secrets.webhookSecret);
    // RegisterWaiter only delivers an outcome already recorded; the receivers also send heartbeats.
    grantTaskResponse(registerWaiter, ['states:SendTaskSuccess', 'states:SendTaskFailure']);
    for (const completer of [reconcile, webhook]) grantTaskResponse(completer);
  }
}

function grantTaskResponse(grantee: NodejsFunction, actions = ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat']): void {
  grantee.addToRolePolicy(new PolicyStatement({ actions, resources: ['*'] }));
  if (grantee.role) {
    acknowledgeWildcardResources(
      grantee.role,
      ['*'],
      'states:SendTaskSuccess/Failure/Heartbeat support no resource-level permissions (AWS Service Authorization Reference: no resource types); the task token is the capability.',
    );
  }
}
