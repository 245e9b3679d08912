/**
 * `FivetranDbtPipeline`: the AWS side of the pipeline as one reusable construct. The state machine
 * is the shared definition (src/core/pipeline/pipeline.asl.json) with its `${...}` substitutions;
 * around it: the pipeline Lambdas, the run-records table, the webhook behind an HttpApi, the
 * reconciler on a schedule, the dbt task on ECS Fargate, its image repository, the artifacts
 * bucket, alarms, and least-privilege IAM with every cdk-nag exception acknowledged in place.
 */
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { Duration, Fn, RemovalPolicy, SecretValue, Stack, TimeZone, Token } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { EventField, Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { type IGrantable, type IRole, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { FilterPattern, LogGroup, MetricFilter, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule as SchedulerSchedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { DefinitionBody, FileDefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { messageOf } from '../../src/core/errors.js';
import { DEFINITION_PATH, readDefinitionText, type Substitutions } from '../../src/core/pipeline/definition.js';
import { prepareRun, type RunRequest } from '../../src/core/pipeline/run-request.js';
import { RUN_TABLE_SCHEMA, RunTableIndexes } from '../../src/core/runs/table.js';
import { DBT_LOG_STREAM_PREFIX, DEFAULT_METRIC_NAMESPACE, DEFAULT_RECONCILE_AFTER_SECONDS, LambdaEnv, PipelineMetrics } from '../../src/core/stack-contract.js';
import { acknowledge, acknowledgeWildcardResources } from './nag.js';

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

/** Environment names the construct refuses in `dbtEnvironment`: the pipeline sets them. */
export const RESERVED_DBT_ENVIRONMENT = ['ARTIFACTS_BUCKET', 'ORCHESTRATOR_RUN_ID'] as const;

/** The execution statuses `notificationTopic` hears about: every way a run ends without success. */
export const NOTIFIED_EXECUTION_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;

/** S3 prefixes the dbt container writes (docker/dbt/entrypoint.sh): per run, and the published production manifest. */
export const ARTIFACT_PREFIXES = ['runs/', 'latest/'] as const;

/** The Lambda runtime of every function. */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

/** A run the construct starts on a schedule. */
export interface PipelineSchedule {
  /** An EventBridge Scheduler expression: `cron(15 5 * * ? *)` or `rate(6 hours)`. */
  readonly expression: string;
  /**
   * The run request every scheduled execution starts with (the same fields as any execution's
   * input), checked at synthesis.
   */
  readonly input: RunRequest;
  /**
   * The IANA time zone of a cron expression, e.g. `Europe/Paris` (daylight saving handled).
   * @default UTC
   */
  readonly timezone?: string;
}

export interface FivetranDbtPipelineProps {
  /**
   * The Secrets Manager secret with the Fivetran API credentials, `{"apiKey": "...", "apiSecret": "..."}`:
   * a secret, or its complete ARN. Only its ARN reaches the Lambdas, which read it at run time.
   * @default a new secret with empty `apiKey`/`apiSecret` and a description saying how to fill it
   */
  readonly fivetranSecret?: ISecret | string;
  /**
   * The Secrets Manager secret with the webhook signing secret (the plain secret, or
   * `{"current": "...", "previous": "..."}` while rotating): a secret, or its complete ARN.
   * @default a new secret holding a generated 64-character value; register the webhook with it
   */
  readonly webhookSecret?: ISecret | string;
  /**
   * The Fivetran API base URL (`FIVETRAN_API_URL`).
   * @default Fivetran's public API, https://api.fivetran.com/v1
   */
  readonly fivetranApiUrl?: string;
  /**
   * The tag of the dbt image in the construct's ECR repository. Ignored with `dbtImageUri`.
   * @default 'latest'
   */
  readonly dbtImageTag?: string;
  /**
   * An existing dbt image (e.g. `123456789012.dkr.ecr.eu-west-1.amazonaws.com/dbt:1.4` or
   * `ghcr.io/acme/dbt:1.4`) instead of the construct's repository; then no repository is created.
   * An ECR image in this account and region gets pull permissions.
   * @default the construct's ECR repository with `dbtImageTag`
   */
  readonly dbtImageUri?: string;
  /**
   * Whether the construct's ECR repository refuses to overwrite a tag (then do not use `latest`).
   * @default false
   */
  readonly immutableImageTags?: boolean;
  /**
   * The VPC the dbt task runs in.
   * @default a new VPC over two availability zones with public subnets only (no NAT gateway), flow logs of rejected traffic
   */
  readonly vpc?: ec2.IVpc;
  /**
   * Where dbt tasks run.
   * @default the public subnets of the new VPC; the private subnets with egress of a given `vpc`
   */
  readonly dbtSubnets?: ec2.SubnetSelection;
  /**
   * Whether dbt tasks get a public IP (needed in public subnets to reach ECR and the warehouse).
   * @default true with the new VPC, false with a given `vpc`
   */
  readonly assignPublicIp?: boolean;
  /**
   * Fargate CPU units of the dbt task (256, 512, 1024, 2048, 4096, 8192 or 16384).
   * @default 1024
   */
  readonly dbtCpu?: number;
  /**
   * Fargate memory of the dbt task in MiB; must suit `dbtCpu`.
   * @default 2048
   */
  readonly dbtMemoryMiB?: number;
  /**
   * The dbt image's CPU architecture.
   * @default ecs.CpuArchitecture.ARM64
   */
  readonly dbtCpuArchitecture?: ecs.CpuArchitecture;
  /**
   * The dbt container's name (the definition's `ContainerOverrides` target it).
   * @default 'dbt'
   */
  readonly dbtContainerName?: string;
  /**
   * The customer-managed KMS key that encrypts secrets given by ARN (`fivetranSecret`,
   * `webhookSecret`, `dbtSecrets`). Every reader of those secrets (the Lambdas that read them, the
   * dbt task's execution role) may `kms:Decrypt` with it, only through Secrets Manager
   * (`kms:ViaService`). The key's policy must also allow the account's IAM policies (the default
   * key policy does).
   * @default none: such secrets use the AWS-managed key `aws/secretsmanager`, or an `ISecret`'s own `encryptionKey`
   */
  readonly secretsKey?: IKey;
  /**
   * Plain environment of the dbt container (warehouse account, role ...). Not for secrets.
   * @default none
   */
  readonly dbtEnvironment?: Record<string, string>;
  /**
   * Secret environment of the dbt container, e.g. `{ SNOWFLAKE_PRIVATE_KEY: ecs.Secret.fromSecretsManager(key) }`,
   * or a Secrets Manager secret's complete ARN, with `#field` to take one JSON field
   * (`"arn:aws:secretsmanager:...:secret:snowflake-AbCdEf#private_key"`). ECS injects the values
   * at start, so they never land in the image, the template or the execution input; the
   * execution role may read exactly these.
   * @default none
   */
  readonly dbtSecrets?: Record<string, ecs.Secret | string>;
  /**
   * How many waits the AwaitSyncs Map runs at once (1 to 40, Step Functions' inline Map cap). Every
   * sync is triggered up front, so this never delays a sync; a lower value only delays waiter registration.
   * @default 40 (the definition's own value)
   */
  readonly mapMaxConcurrency?: number;
  /**
   * How often the reconciler runs, in whole minutes.
   * @default Duration.minutes(5)
   */
  readonly reconcileInterval?: Duration;
  /**
   * The reconciler only looks at records older than this (younger ones are the webhook's); with
   * `reconcileInterval` it must stay under the waits' heartbeat timeout.
   * @default Duration.minutes(10)
   */
  readonly reconcileAfter?: Duration;
  /**
   * Retention of every log group the construct creates.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * Where dbt artifacts go (`runs/<runId>/`, `latest/manifest.json`).
   * @default a new encrypted, private, SSL-only bucket
   */
  readonly artifactsBucket?: IBucket;
  /**
   * How long the new artifacts bucket keeps `runs/` objects.
   * @default Duration.days(90)
   */
  readonly artifactsRetention?: Duration;
  /**
   * Server access logs of the new artifacts bucket go here, if given.
   * @default no access logs (acknowledged: only the task role writes; CloudTrail data events can audit reads)
   */
  readonly artifactsAccessLogsBucket?: IBucket;
  /**
   * Start a run on a schedule: an EventBridge Scheduler schedule whose target starts the state
   * machine with `input` (a `trigger.source` of `schedule` unless the input has a trigger). Each
   * execution gets a name generated by Step Functions (a UUID), which is its run id. A scheduled
   * run that overlaps a running one follows the overlapping-run rules (docs/scheduling.md).
   * @default no schedule
   */
  readonly schedule?: PipelineSchedule;
  /**
   * Alarms notify this topic.
   * @default alarms without actions
   */
  readonly alarmTopic?: ITopic;
  /**
   * Every execution that ends FAILED, TIMED_OUT or ABORTED sends one readable message here
   * (run id, status, error, cause and a console link), through an EventBridge rule. The topic's
   * policy must let `events.amazonaws.com` publish (CDK adds that to a topic of the same app; add it
   * yourself to an imported one), and a KMS-encrypted topic's key must let EventBridge use it.
   * @default no notifications (the ExecutionsFailed alarm still goes to `alarmTopic`)
   */
  readonly notificationTopic?: ITopic;
  /**
   * Applies to the table, bucket, repository, secrets and log groups the construct creates. With
   * RETAIN the table also gets deletion protection.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Default-stage throttling of the webhook API.
   * @default { rateLimit: 50, burstLimit: 100 }
   */
  readonly webhookThrottle?: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * CloudWatch namespace of the pipeline's own metrics (webhook signature failures, waits completed by the reconciler).
   * @default 'FivetranDbtOrchestrator/<stack name>'
   */
  readonly metricNamespace?: string;
}

/** The props were invalid; `problems` lists each, and the message lists them all. */
export class InvalidPipelinePropsError extends Error {
  override readonly name = 'InvalidPipelinePropsError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid FivetranDbtPipeline props:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Memory (MiB) Fargate accepts for each CPU value. */
const FARGATE_MEMORY: Record<number, { min: number; max: number; step: number }> = {
  256: { min: 512, max: 2048, step: 512 },
  512: { min: 1024, max: 4096, step: 1024 },
  1024: { min: 2048, max: 8192, step: 1024 },
  2048: { min: 4096, max: 16384, step: 1024 },
  4096: { min: 8192, max: 30720, step: 1024 },
  8192: { min: 16384, max: 61440, step: 4096 },
  16384: { min: 32768, max: 122880, step: 8192 },
};

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
/** A complete secret ARN ends with the 6 characters Secrets Manager appends to the name. */
const COMPLETE_SECRET_ARN = /-[A-Za-z0-9]{6}$/;
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const CONTAINER_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9._/-]+)(?::[\w.-]+)?(?:@sha256:[a-f0-9]{64})?$/;
const INLINE_MAP_MAX_CONCURRENCY = 40;

/** JSON access logs of the webhook API (HTTP API context variables). */
const WEBHOOK_ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    integrationStatus: '$context.integrationStatus',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

type Definition = { States: Record<string, Record<string, unknown>> };

/**
 * The notification for an execution status change, filled in by EventBridge's input transformer:
 * plain text, readable in an e-mail or a chat message. The execution name is the run id.
 */
function executionStatusMessage(): RuleTargetInput {
  const detail = (field: string) => EventField.fromPath(`$.detail.${field}`);
  const region = EventField.region;
  return RuleTargetInput.fromText(
    [
      `Fivetran-dbt run ${detail('name')} ended ${detail('status')}.`,
      `Error: ${detail('error')}`,
      `Cause: ${detail('cause')}`,
      `Execution: https://${region}.console.aws.amazon.com/states/home?region=${region}#/v2/executions/details/${detail('executionArn')}`,
    ].join('\n'),
  );
}

function mapState(definition: Definition): Record<string, unknown> {
  const state = definition.States.AwaitSyncs;
  if (!state || state.Type !== 'Map') throw new Error('The pipeline definition has no AwaitSyncs Map state.');
  return state;
}

/** The WaitForSync heartbeat timeout: the reconciler must heartbeat more often than this. */
function waitHeartbeatSeconds(definition: Definition): number {
  const processor = mapState(definition).ItemProcessor as Definition;
  const heartbeat = processor.States.WaitForSync?.HeartbeatSeconds;
  if (typeof heartbeat !== 'number') throw new Error('The pipeline definition has no WaitForSync.HeartbeatSeconds.');
  return heartbeat;
}

const known = (value: unknown): boolean => !Token.isUnresolved(value);

/** The props that have a default, with it: one place for validation and construction. */
type DefaultedProps = 'dbtCpu' | 'dbtMemoryMiB' | 'dbtContainerName' | 'mapMaxConcurrency' | 'reconcileInterval' | 'reconcileAfter' | 'artifactsRetention' | 'removalPolicy';

function withDefaults(props: FivetranDbtPipelineProps): FivetranDbtPipelineProps & Required<Pick<FivetranDbtPipelineProps, DefaultedProps>> {
  return {
    ...props,
    dbtCpu: props.dbtCpu ?? 1024,
    dbtMemoryMiB: props.dbtMemoryMiB ?? 2048,
    dbtContainerName: props.dbtContainerName ?? 'dbt',
    mapMaxConcurrency: props.mapMaxConcurrency ?? INLINE_MAP_MAX_CONCURRENCY,
    reconcileInterval: props.reconcileInterval ?? Duration.minutes(5),
    reconcileAfter: props.reconcileAfter ?? Duration.seconds(DEFAULT_RECONCILE_AFTER_SECONDS),
    artifactsRetention: props.artifactsRetention ?? Duration.days(90),
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
  };
}

/** Checks every prop up front; returns the problems (empty when valid). Tokens are not checked. */
export function validatePipelineProps(props: FivetranDbtPipelineProps, definition: Definition): string[] {
  const problems: string[] = [];
  const resolved = withDefaults(props);
  for (const [name, secret] of [
    ['fivetranSecret', props.fivetranSecret],
    ['webhookSecret', props.webhookSecret],
  ] as const) {
    if (typeof secret === 'string' && known(secret) && !SECRET_ARN.test(secret)) {
      problems.push(`${name} must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<suffix>), got "${secret}"`);
    }
  }
  if (props.fivetranApiUrl !== undefined && known(props.fivetranApiUrl)) {
    let url: URL | null = null;
    try {
      url = new URL(props.fivetranApiUrl);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
      problems.push(`fivetranApiUrl must be an http(s) URL without credentials, got "${props.fivetranApiUrl}"`);
    }
  }
  if (props.dbtImageUri !== undefined && props.dbtImageTag !== undefined) {
    problems.push('give dbtImageTag (an image in the construct\'s repository) or dbtImageUri (an existing image), not both');
  }
  if (props.dbtImageTag !== undefined && known(props.dbtImageTag) && !IMAGE_TAG.test(props.dbtImageTag)) {
    problems.push(`dbtImageTag must be a Docker tag (letters, digits, _ . -, at most 128), got "${props.dbtImageTag}"`);
  }
  if (props.dbtImageUri !== undefined && known(props.dbtImageUri) && (props.dbtImageUri.trim() === '' || /\s/.test(props.dbtImageUri))) {
    problems.push(`dbtImageUri must be an image reference without spaces, got "${props.dbtImageUri}"`);
  }
  if (props.immutableImageTags && props.dbtImageUri === undefined && (props.dbtImageTag ?? 'latest') === 'latest') {
    problems.push('immutableImageTags with the tag "latest" cannot be updated: set dbtImageTag to a version');
  }
  const { dbtCpu: cpu, dbtMemoryMiB: memory, dbtContainerName: containerName, mapMaxConcurrency: concurrency } = resolved;
  const range = FARGATE_MEMORY[cpu];
  if (!range) {
    problems.push(`dbtCpu must be one of ${Object.keys(FARGATE_MEMORY).join(', ')}, got ${cpu}`);
  } else if (!Number.isInteger(memory) || memory < range.min || memory > range.max || (memory - range.min) % range.step !== 0) {
    problems.push(`dbtMemoryMiB ${memory} does not suit dbtCpu ${cpu}: Fargate takes ${range.min} to ${range.max} MiB in steps of ${range.step}`);
  }
  if (!CONTAINER_NAME.test(containerName)) {
    problems.push(`dbtContainerName must be 1-255 letters, digits, hyphens or underscores, got "${containerName}"`);
  }
  for (const name of Object.keys(props.dbtEnvironment ?? {})) {
    if (!ENV_NAME.test(name)) problems.push(`dbtEnvironment name "${name}" is not a valid environment variable name`);
    if ((RESERVED_DBT_ENVIRONMENT as readonly string[]).includes(name)) problems.push(`dbtEnvironment must not set ${name}: the pipeline sets it`);
  }
  for (const name of Object.keys(props.dbtSecrets ?? {})) {
    if (!ENV_NAME.test(name)) problems.push(`dbtSecrets name "${name}" is not a valid environment variable name`);
    if (name in (props.dbtEnvironment ?? {})) problems.push(`${name} is in both dbtEnvironment and dbtSecrets`);
  }
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > INLINE_MAP_MAX_CONCURRENCY) {
    problems.push(`mapMaxConcurrency must be a whole number from 1 to ${INLINE_MAP_MAX_CONCURRENCY} (the inline Map's cap), got ${concurrency}`);
  }
  const intervalSeconds = resolved.reconcileInterval.toSeconds();
  const afterSeconds = resolved.reconcileAfter.toSeconds();
  const heartbeat = waitHeartbeatSeconds(definition);
  if (intervalSeconds < 60 || intervalSeconds % 60 !== 0) {
    problems.push(`reconcileInterval must be whole minutes, at least 1, got ${intervalSeconds} s`);
  }
  if (afterSeconds < 60) problems.push(`reconcileAfter must be at least 1 minute (leave young records to the webhook), got ${afterSeconds} s`);
  if (intervalSeconds + afterSeconds >= heartbeat - 60) {
    problems.push(
      `reconcileInterval + reconcileAfter (${intervalSeconds + afterSeconds} s) must stay under the waits' heartbeat timeout ` +
        `less a minute (${heartbeat - 60} s), or waits time out between heartbeats`,
    );
  }
  const retentionDays = resolved.artifactsRetention.toDays({ integral: false });
  if (!Number.isInteger(retentionDays) || retentionDays < 1) problems.push(`artifactsRetention must be whole days, at least 1, got ${retentionDays}`);
  if (props.artifactsBucket && props.artifactsRetention) problems.push('artifactsRetention applies to a new bucket only: set the lifecycle of your artifactsBucket yourself');
  if (props.artifactsBucket && props.artifactsAccessLogsBucket) problems.push('artifactsAccessLogsBucket applies to a new bucket only');
  if (!props.vpc && props.dbtSubnets === undefined && props.assignPublicIp === false) {
    problems.push('assignPublicIp false with the new VPC (public subnets, no NAT gateway) leaves dbt no route to ECR or the warehouse: give a vpc with private subnets and egress');
  }
  if (props.schedule) {
    const { expression, input, timezone } = props.schedule;
    if (known(expression) && !/^(cron|rate)\(.+\)$/.test(expression)) {
      problems.push(`schedule.expression must be cron(...) or rate(...), got "${expression}"`);
    }
    if (timezone !== undefined && known(timezone) && !/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(timezone)) {
      problems.push(`schedule.timezone must be an IANA time zone such as Europe/Paris, got "${timezone}"`);
    }
    try {
      prepareRun(input, 'schedule-validation');
    } catch (error) {
      problems.push(`schedule.input is not a valid run request: ${messageOf(error)}`);
    }
  }
  const throttle = props.webhookThrottle;
  if (throttle && (!(throttle.rateLimit > 0) || !Number.isInteger(throttle.burstLimit) || throttle.burstLimit < 1)) {
    problems.push(`webhookThrottle needs a positive rateLimit and a whole positive burstLimit, got ${JSON.stringify(throttle)}`);
  }
  return problems;
}

/**
 * The pipeline on AWS: Step Functions (the shared definition), Lambda, DynamoDB, an HttpApi for
 * Fivetran's webhook, ECS Fargate for dbt, with logs, tracing and alarms. Throws
 * `InvalidPipelinePropsError` listing every problem with the props.
 */
export class FivetranDbtPipeline extends Construct {
  /** The run records (one item per run and connection). */
  public readonly table: Table;
  /** The pipeline's state machine (STANDARD, logs ALL, X-Ray). */
  public readonly stateMachine: StateMachine;
  /** Every Lambda, by name. */
  public readonly functions: Record<PipelineLambdaName, NodejsFunction>;
  /** Every Lambda's log group, by name. */
  public readonly functionLogGroups: Record<PipelineLambdaName, LogGroup>;
  public readonly httpApi: HttpApi;
  public readonly httpStage: HttpStage;
  /** The URL to register with Fivetran: `https://<api>.execute-api.<region>.amazonaws.com/webhook`. */
  public readonly webhookUrl: string;
  public readonly fivetranSecret: ISecret;
  public readonly webhookSecret: ISecret;
  /** The dbt image repository; undefined with `dbtImageUri`. */
  public readonly repository: ecr.Repository | undefined;
  public readonly vpc: ec2.IVpc;
  public readonly cluster: ecs.Cluster;
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  public readonly dbtContainer: ecs.ContainerDefinition;
  /** The dbt container's logs (streams `dbt/<container>/<task id>`). */
  public readonly dbtLogGroup: LogGroup;
  /** The state machine's execution logs. */
  public readonly stateMachineLogGroup: LogGroup;
  public readonly dbtSecurityGroup: ec2.SecurityGroup;
  public readonly artifactsBucket: IBucket;
  public readonly reconcileRule: Rule;
  public readonly executionsFailedAlarm: Alarm;
  public readonly signatureFailuresAlarm: Alarm;
  /** Waits completed by the reconciler instead of the webhook: the webhook is failing or disabled. */
  public readonly completedByReconcilerAlarm: Alarm;
  /** Starts scheduled runs; undefined without `schedule`. */
  public readonly schedule: SchedulerSchedule | undefined;
  /** Sends failed, timed-out and aborted executions to `notificationTopic`; undefined without one. */
  public readonly executionStatusRule: Rule | undefined;
  /** The values the definition's `${...}` placeholders take (tokens until deployment). */
  public readonly substitutions: Substitutions;
  private readonly secretsKey: IKey | undefined;
  private readonly secretsKeyReaders = new Set<IRole>();

  constructor(scope: Construct, id: string, given: FivetranDbtPipelineProps = {}) {
    super(scope, id);
    const definition = JSON.parse(readDefinitionText()) as Definition;
    const problems = validatePipelineProps(given, definition);
    if (problems.length > 0) throw new InvalidPipelinePropsError(problems);
    const props = withDefaults(given);
    this.secretsKey = props.secretsKey;

    const stack = Stack.of(this);
    const { removalPolicy } = props;
    const retention = props.logRetention ?? RetentionDays.ONE_MONTH;
    const logGroup = (logId: string) => new LogGroup(this, logId, { retention, removalPolicy });
    const namespace = props.metricNamespace ?? `${DEFAULT_METRIC_NAMESPACE}/${stack.stackName}`;

    // --- Secrets: only ARNs leave this block; the Lambdas read the values at run time.
    this.fivetranSecret = this.importOrCreateSecret('FivetranSecret', props.fivetranSecret, () => {
      const secret = new Secret(this, 'FivetranSecret', {
        description:
          'Fivetran API credentials for the fivetran-dbt pipeline. Fill in the JSON {"apiKey": "...", "apiSecret": "..."} ' +
          '(Fivetran: Account settings > API key), e.g. aws secretsmanager put-secret-value --secret-id <this ARN> --secret-string file://fivetran.json',
        // Empty placeholders, not a secret: the pipeline refuses them with a message saying how to fill the secret.
        secretObjectValue: { apiKey: SecretValue.unsafePlainText(''), apiSecret: SecretValue.unsafePlainText('') },
        removalPolicy,
      });
      acknowledge(secret, 'AwsSolutions-SMG4', 'Fivetran issues the API key; it is rotated in Fivetran and then stored here, not by a rotation Lambda.');
      return secret;
    });
    this.webhookSecret = this.importOrCreateSecret('WebhookSecret', props.webhookSecret, () => {
      const secret = new Secret(this, 'WebhookSecret', {
        description:
          'Signing secret of the Fivetran webhook (HMAC-SHA256). Generated at deployment: register the webhook with this value. ' +
          'To rotate, store {"current": "<new>", "previous": "<old>"}, update the webhook in Fivetran, then drop "previous".',
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
        removalPolicy,
      });
      acknowledge(secret, 'AwsSolutions-SMG4', 'The webhook secret is shared with Fivetran, which cannot follow an automatic rotation; the receiver accepts current and previous secrets for a manual one.');
      return secret;
    });

    // --- Run records.
    this.table = new Table(this, 'RunsTable', {
      partitionKey: { name: RUN_TABLE_SCHEMA.partitionKey.name, type: AttributeType.STRING },
      sortKey: { name: RUN_TABLE_SCHEMA.sortKey.name, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: RUN_TABLE_SCHEMA.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });
    for (const index of RUN_TABLE_SCHEMA.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey.name, type: AttributeType.STRING },
        sortKey: { name: index.sortKey.name, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    // --- Lambdas.
    const intervalMinutes = props.reconcileInterval.toMinutes();
    const tableEnv = { [LambdaEnv.tableName]: this.table.tableName };
    const fivetranEnv = {
      [LambdaEnv.fivetranSecretArn]: this.fivetranSecret.secretArn,
      ...(props.fivetranApiUrl ? { [LambdaEnv.fivetranApiUrl]: props.fivetranApiUrl } : {}),
    };
    const functionLogGroups = {} as Record<PipelineLambdaName, LogGroup>;
    const fn = (name: PipelineLambdaName, environment: Record<string, string>, timeoutSeconds?: number): NodejsFunction => {
      const spec: LambdaSpec = PIPELINE_LAMBDAS[name];
      const id = name.charAt(0).toUpperCase() + name.slice(1);
      const logs = logGroup(`${id}Logs`);
      functionLogGroups[name] = logs;
      // An explicit role: log writes scoped to the function's own group instead of the managed
      // AWSLambdaBasicExecutionRole (AwsSolutions-IAM4).
      const role = new Role(this, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: spec.description });
      logs.grantWrite(role);
      return new NodejsFunction(this, `${id}Function`, {
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
      summarizeSyncs: fn('summarizeSyncs', tableEnv),
      reconcile: fn(
        'reconcile',
        {
          ...tableEnv,
          ...fivetranEnv,
          [LambdaEnv.reconcileAfterSeconds]: String(props.reconcileAfter.toSeconds()),
          [LambdaEnv.metricNamespace]: namespace,
        },
        Math.min(PIPELINE_LAMBDAS.reconcile.timeoutSeconds, intervalMinutes * 60 - 30),
      ),
      webhook: fn('webhook', { ...tableEnv, [LambdaEnv.webhookSecretArn]: this.webhookSecret.secretArn }),
    };
    this.functionLogGroups = functionLogGroups;

    // Table access per function: only the calls its code makes, only the indexes it queries.
    const { startSyncs, registerWaiter, summarizeSyncs, reconcile, webhook } = this.functions;
    this.grantTable(startSyncs, ['dynamodb:GetItem', 'dynamodb:BatchWriteItem', 'dynamodb:UpdateItem', 'dynamodb:Query'], []);
    this.grantTable(registerWaiter, ['dynamodb:GetItem', 'dynamodb:UpdateItem'], []);
    this.grantTable(summarizeSyncs, ['dynamodb:Query'], []);
    this.grantTable(reconcile, ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'], [RunTableIndexes.open]);
    this.grantTable(webhook, ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'], [RunTableIndexes.openByConnection]);
    this.grantSecretRead(startSyncs, this.fivetranSecret);
    this.grantSecretRead(reconcile, this.fivetranSecret);
    this.grantSecretRead(webhook, this.webhookSecret);
    // RegisterWaiter only delivers an outcome already recorded; the receivers also send heartbeats.
    this.grantTaskResponse(registerWaiter, ['states:SendTaskSuccess', 'states:SendTaskFailure']);
    for (const completer of [reconcile, webhook]) this.grantTaskResponse(completer);

    // --- dbt on ECS Fargate.
    const image = this.dbtImage(props, removalPolicy);
    this.repository = image.repository;
    if (props.vpc) {
      this.vpc = props.vpc;
    } else {
      const vpc = new ec2.Vpc(this, 'Vpc', {
        maxAzs: 2,
        natGateways: 0,
        subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }],
        // A custom resource Lambda otherwise; nothing here uses the default security group.
        restrictDefaultSecurityGroup: false,
      });
      vpc.addFlowLog('RejectedTraffic', {
        destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup('VpcFlowLogs')),
        trafficType: ec2.FlowLogTrafficType.REJECT,
      });
      this.vpc = vpc;
    }
    const subnets = props.dbtSubnets ?? { subnetType: props.vpc ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PUBLIC };
    const assignPublicIp = props.assignPublicIp ?? !props.vpc;
    this.dbtSecurityGroup = new ec2.SecurityGroup(this, 'DbtSecurityGroup', {
      vpc: this.vpc,
      description: 'dbt tasks: no inbound; outbound to the warehouse, ECR and S3',
      allowAllOutbound: true,
    });
    this.cluster = new ecs.Cluster(this, 'DbtCluster', { vpc: this.vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });

    this.artifactsBucket = props.artifactsBucket ?? this.createArtifactsBucket(props, removalPolicy);

    const cpuArchitecture = props.dbtCpuArchitecture ?? ecs.CpuArchitecture.ARM64;
    this.dbtLogGroup = logGroup('DbtLogs');
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'DbtTaskDefinition', {
      cpu: props.dbtCpu,
      memoryLimitMiB: props.dbtMemoryMiB,
      runtimePlatform: { cpuArchitecture, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });
    const containerName = props.dbtContainerName;
    this.dbtContainer = this.taskDefinition.addContainer('Dbt', {
      containerName,
      image: image.image,
      essential: true,
      // The entrypoint uploads the artifacts after a stop too (SIGTERM): give it time before SIGKILL.
      stopTimeout: Duration.seconds(60),
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: DBT_LOG_STREAM_PREFIX, logGroup: this.dbtLogGroup }),
      environment: { ...props.dbtEnvironment, ARTIFACTS_BUCKET: this.artifactsBucket.bucketName },
      ...(props.dbtSecrets ? { secrets: this.resolveDbtSecrets(props.dbtSecrets) } : {}),
    });
    acknowledge(this.taskDefinition, 'AwsSolutions-ECS2', 'Only non-secret settings are plain environment (the artifacts bucket name, dbtEnvironment); secrets go through dbtSecrets from Secrets Manager.');
    if (image.ecrRepositoryArn) this.grantEcrPull(image.ecrRepositoryArn);
    if (props.dbtSecrets) this.grantSecretsKeyDecrypt(this.taskDefinition.obtainExecutionRole());
    if (this.taskDefinition.executionRole) {
      acknowledgeWildcardResources(this.taskDefinition.executionRole, ['*'], 'ecr:GetAuthorizationToken has no resource-level permissions; image pulls are scoped to the repository.');
    }
    // The container writes its artifacts (docker/dbt/entrypoint.sh) and reads only production's
    // manifest (PR builds defer to it with --state).
    const artifactObjects = ARTIFACT_PREFIXES.map((prefix) => this.artifactsBucket.arnForObjects(`${prefix}*`));
    this.taskDefinition.addToTaskRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resources: artifactObjects }),
    );
    this.taskDefinition.addToTaskRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.artifactsBucket.arnForObjects('latest/manifest.json')] }),
    );
    acknowledgeWildcardResources(this.taskDefinition.taskRole, artifactObjects, 'Object keys hold the run id, unknown until a run; writes are limited to the runs/ and latest/ prefixes.');

    // --- The state machine: the shared definition with its placeholders substituted.
    this.substitutions = {
      PrepareRunFunctionArn: this.functions.prepareRun.functionArn,
      StartSyncsFunctionArn: startSyncs.functionArn,
      RegisterWaiterFunctionArn: registerWaiter.functionArn,
      SummarizeSyncsFunctionArn: summarizeSyncs.functionArn,
      DbtClusterArn: this.cluster.clusterArn,
      DbtTaskDefinitionFamily: this.taskDefinition.family,
      DbtSubnetIds: Fn.join(',', this.vpc.selectSubnets(subnets).subnetIds),
      DbtSecurityGroupIds: this.dbtSecurityGroup.securityGroupId,
      DbtAssignPublicIp: assignPublicIp ? 'ENABLED' : 'DISABLED',
      DbtContainerName: containerName,
    };
    const concurrency = props.mapMaxConcurrency;
    let definitionBody: DefinitionBody;
    if (concurrency === mapState(definition).MaxConcurrency) {
      definitionBody = DefinitionBody.fromFile(DEFINITION_PATH);
    } else {
      // The same definition with one field changed: edited as data, never a second copy of the file.
      mapState(definition).MaxConcurrency = concurrency;
      definitionBody = DefinitionBody.fromString(JSON.stringify(definition, null, 2));
    }
    const stateMachineLogs = logGroup('StateMachineLogs');
    this.stateMachineLogGroup = stateMachineLogs;
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      comment: 'Sync a Fivetran group, wait for every sync, then run dbt',
      definitionBody,
      definitionSubstitutions: { ...this.substitutions },
      stateMachineType: StateMachineType.STANDARD,
      // No execution data: inputs and outputs stay out of the logs (the execution history keeps them for 90 days).
      logs: { destination: stateMachineLogs, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
    });
    if (!(definitionBody instanceof FileDefinitionBody)) {
      acknowledge(
        this.stateMachine,
        'CloudFormation-Validate::E1029',
        'The ${...} in DefinitionString are Step Functions definition substitutions (DefinitionSubstitutions), not Fn::Sub parameters.',
      );
    }
    this.grantStateMachine();

    // --- Webhook API.
    this.httpApi = new HttpApi(this, 'WebhookApi', {
      description: 'Receives Fivetran webhooks (POST /webhook)',
      createDefaultStage: false,
    });
    const throttle = props.webhookThrottle ?? { rateLimit: 50, burstLimit: 100 };
    this.httpStage = new HttpStage(this, 'WebhookApiStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: throttle.rateLimit, burstLimit: throttle.burstLimit },
      accessLogSettings: { destination: new LogGroupLogDestination(logGroup('WebhookApiAccessLogs')), format: WEBHOOK_ACCESS_LOG_FORMAT },
    });
    const routes = this.httpApi.addRoutes({
      path: '/webhook',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('WebhookIntegration', webhook),
    });
    for (const route of routes) {
      acknowledge(route, 'AwsSolutions-APIG4', 'Fivetran authenticates deliveries only with the HMAC-SHA256 signature, which the Lambda verifies in constant time before reading the body.');
    }
    this.webhookUrl = `${this.httpStage.url}webhook`;

    // --- Reconciler schedule.
    this.reconcileRule = new Rule(this, 'ReconcileSchedule', {
      description: 'Runs the reconciler: completes waits whose webhook is late or lost, heartbeats the rest',
      schedule: Schedule.rate(Duration.minutes(intervalMinutes)),
      // The next tick retries; overlapping runs would only duplicate reads.
      targets: [new LambdaFunction(reconcile, { retryAttempts: 0 })],
    });

    // --- Scheduled runs. No execution name is given: Step Functions names each one with a UUID,
    // unique per start, and that name is the run id.
    this.schedule = props.schedule
      ? new SchedulerSchedule(this, 'RunSchedule', {
          description: 'Starts a fivetran-dbt run with the configured input',
          schedule: ScheduleExpression.expression(props.schedule.expression, props.schedule.timezone ? TimeZone.of(props.schedule.timezone) : undefined),
          target: new StepFunctionsStartExecution(this.stateMachine, {
            input: ScheduleTargetInput.fromObject({ trigger: { source: 'schedule' }, ...props.schedule.input }),
            // A start that fails is retried a few times within the hour; a run hours late is worse than the next one.
            retryAttempts: 3,
            maxEventAge: Duration.hours(1),
          }),
        })
      : undefined;

    // --- Alarms.
    this.executionsFailedAlarm = new Alarm(this, 'ExecutionsFailedAlarm', {
      alarmDescription: 'A pipeline run failed (sync failure, dbt failure, invalid request or timeout); see the execution in Step Functions.',
      metric: this.stateMachine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const signatureFailures = new MetricFilter(this, 'WebhookSignatureFailures', {
      logGroup: this.functionLogGroups.webhook,
      // The webhook Lambda logs `"signature": "invalid"` on every refused signature.
      filterPattern: FilterPattern.stringValue('$.signature', '=', 'invalid'),
      metricNamespace: namespace,
      metricName: 'WebhookSignatureFailures',
      metricValue: '1',
    });
    this.signatureFailuresAlarm = new Alarm(this, 'WebhookSignatureFailuresAlarm', {
      alarmDescription: 'Webhook deliveries were refused for a bad signature: the secret in Fivetran and in Secrets Manager differ, or someone else is calling the URL.',
      metric: new Metric({
        namespace: signatureFailures.metric().namespace,
        metricName: signatureFailures.metric().metricName,
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    // A working webhook completes a wait seconds after the sync ends, long before the reconciler
    // looks (reconcileAfter). A sync end the reconciler finds means a lost or late webhook; if
    // Fivetran disabled the webhook, every run still finishes, reconcileAfter or more late, and
    // nothing else would say so. One in an hour is enough to look: deliveries are retried, so
    // one loss is already unusual, and the count returns to 0 once the webhook works again.
    this.completedByReconcilerAlarm = new Alarm(this, 'CompletedByReconcilerAlarm', {
      alarmDescription:
        'The reconciler completed waits by reading the connections: sync_end webhooks were lost or late. Check the webhook in Fivetran (disabled? wrong URL?) and the webhook Lambda logs.',
      metric: new Metric({ namespace, metricName: PipelineMetrics.completedByReconciler, statistic: 'Sum', period: Duration.hours(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmTopic) {
      for (const alarm of [this.executionsFailedAlarm, this.signatureFailuresAlarm, this.completedByReconcilerAlarm]) alarm.addAlarmAction(new SnsAction(props.alarmTopic));
    }

    // --- Execution status changes: one message per run that ended without success.
    this.executionStatusRule = props.notificationTopic
      ? new Rule(this, 'ExecutionStatusRule', {
          description: 'Sends failed, timed-out and aborted pipeline executions to the notification topic',
          eventPattern: {
            source: ['aws.states'],
            detailType: ['Step Functions Execution Status Change'],
            detail: { stateMachineArn: [this.stateMachine.stateMachineArn], status: [...NOTIFIED_EXECUTION_STATUSES] },
          },
          targets: [new SnsTopic(props.notificationTopic, { message: executionStatusMessage() })],
        })
      : undefined;
  }

  private importOrCreateSecret(id: string, given: ISecret | string | undefined, create: () => Secret): ISecret {
    if (given === undefined) return create();
    if (typeof given !== 'string') return given;
    if (Token.isUnresolved(given) || COMPLETE_SECRET_ARN.test(given)) return Secret.fromSecretCompleteArn(this, id, given);
    return Secret.fromSecretPartialArn(this, id, given);
  }

  private dbtImage(props: FivetranDbtPipelineProps, removalPolicy: RemovalPolicy): { image: ecs.ContainerImage; repository?: ecr.Repository; ecrRepositoryArn?: string } {
    if (props.dbtImageUri !== undefined) {
      const stack = Stack.of(this);
      const ecrImage = Token.isUnresolved(props.dbtImageUri) ? null : ECR_IMAGE.exec(props.dbtImageUri);
      const ecrRepositoryArn = ecrImage
        ? `arn:${stack.partition}:ecr:${ecrImage[2]}:${ecrImage[1]}:repository/${ecrImage[3]}`
        : undefined;
      return { image: ecs.ContainerImage.fromRegistry(props.dbtImageUri), ...(ecrRepositoryArn ? { ecrRepositoryArn } : {}) };
    }
    const repository = new ecr.Repository(this, 'DbtRepository', {
      imageScanOnPush: true,
      imageTagMutability: props.immutableImageTags ? ecr.TagMutability.IMMUTABLE : ecr.TagMutability.MUTABLE,
      removalPolicy,
      lifecycleRules: [
        // Untagged images only: a count rule over tagged images could expire the tag the task
        // definition names. A moved tag leaves its old image untagged, so it goes here.
        { description: 'Drop untagged images after 14 days', tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: Duration.days(14), rulePriority: 1 },
      ],
    });
    return { image: ecs.ContainerImage.fromEcrRepository(repository, props.dbtImageTag ?? 'latest'), repository };
  }

  private grantEcrPull(repositoryArn: string): void {
    const role = this.taskDefinition.obtainExecutionRole();
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], resources: [repositoryArn] }),
    );
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }));
  }

  private createArtifactsBucket(props: FivetranDbtPipelineProps & { artifactsRetention: Duration }, removalPolicy: RemovalPolicy): Bucket {
    const bucket = new Bucket(this, 'ArtifactsBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy,
      lifecycleRules: [
        { id: 'expire-run-artifacts', prefix: 'runs/', expiration: props.artifactsRetention },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      ...(props.artifactsAccessLogsBucket
        ? { serverAccessLogsBucket: props.artifactsAccessLogsBucket, serverAccessLogsPrefix: 'fivetran-dbt-artifacts/' }
        : {}),
    });
    if (!props.artifactsAccessLogsBucket) {
      acknowledge(bucket, 'AwsSolutions-S1', 'Holds dbt artifacts only, written by the dbt task role alone; give artifactsAccessLogsBucket for access logs, or audit with CloudTrail data events.');
    }
    return bucket;
  }

  /** `actions` on the table; with `indexes`, dynamodb:Query on those indexes instead of the table. */
  private grantTable(grantee: IGrantable, actions: string[], indexes: string[]): void {
    const queriesIndexes = indexes.length > 0 && actions.includes('dynamodb:Query');
    const onTable = queriesIndexes ? actions.filter((action) => action !== 'dynamodb:Query') : actions;
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: onTable, resources: [this.table.tableArn] }));
    if (queriesIndexes) {
      const resources = indexes.map((index) => `${this.table.tableArn}/index/${index}`);
      grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources }));
    }
  }

  private grantSecretRead(grantee: NodejsFunction, secret: ISecret): void {
    // GetSecretValue only (no DescribeSecret): Powertools Parameters makes no other call.
    const resource = secret.secretFullArn ?? `${secret.secretArn}-??????`;
    grantee.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [resource] }));
    secret.encryptionKey?.grantDecrypt(grantee);
    if (grantee.role) this.grantSecretsKeyDecrypt(grantee.role);
    if (grantee.role) {
      acknowledgeWildcardResources(grantee.role, [resource], 'A secret given by partial ARN is matched with the 6-character suffix Secrets Manager appends.');
    }
  }

  /** `kms:Decrypt` with `secretsKey`, through Secrets Manager only; once per role. */
  private grantSecretsKeyDecrypt(role: IRole): void {
    const key = this.secretsKey;
    if (!key || this.secretsKeyReaders.has(role)) return;
    this.secretsKeyReaders.add(role);
    const { region, urlSuffix } = Stack.of(this);
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${region}.${urlSuffix}` } },
      }),
    );
  }

  private grantTaskResponse(grantee: NodejsFunction, actions = ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat']): void {
    grantee.addToRolePolicy(new PolicyStatement({ actions, resources: ['*'] }));
    if (grantee.role) {
      acknowledgeWildcardResources(
        grantee.role,
        ['*'],
        'states:SendTaskSuccess/Failure/Heartbeat support no resource-level permissions (AWS Service Authorization Reference: no resource types); the task token is the capability.',
      );
    }
  }

  private grantStateMachine(): void {
    const stack = Stack.of(this);
    const role = this.stateMachine.role;
    const pipelineFunctions = [this.functions.prepareRun, this.functions.startSyncs, this.functions.registerWaiter, this.functions.summarizeSyncs];
    // The definition invokes unqualified ARNs only, so no `:*` version wildcard.
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: pipelineFunctions.map((f) => f.functionArn) }));
    // The family, any revision: a deploy registers a new revision, and a run started before it
    // still runs dbt (the definition names the family, so RunTask takes the latest ACTIVE revision).
    const family = stack.formatArn({ service: 'ecs', resource: 'task-definition', resourceName: `${this.taskDefinition.family}:*` });
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['ecs:RunTask'], resources: [family], conditions: { ArnEquals: { 'ecs:cluster': this.cluster.clusterArn } } }),
    );
    const tasks = stack.formatArn({ service: 'ecs', resource: 'task', resourceName: `${this.cluster.clusterName}/*` });
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['ecs:StopTask', 'ecs:DescribeTasks'], resources: [tasks] }));
    // PropagateTags tags the task at creation, which ECS authorizes as TagResource on the new task.
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['ecs:TagResource'], resources: [tasks], conditions: { StringEquals: { 'ecs:CreateAction': 'RunTask' } } }),
    );
    const passRoles = [this.taskDefinition.taskRole.roleArn, this.taskDefinition.obtainExecutionRole().roleArn];
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: passRoles,
        conditions: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      }),
    );
    // runTask.sync waits on ECS task events through this managed rule (AWS Step Functions documentation).
    const eventsRule = stack.formatArn({ service: 'events', resource: 'rule', resourceName: 'StepFunctionsGetEventsForECSTaskRule' });
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'], resources: [eventsRule] }));
    acknowledgeWildcardResources(this.stateMachine, [tasks], 'Task ids are unknown until RunTask; StopTask/DescribeTasks/TagResource are limited to tasks of the dbt cluster.');
    acknowledgeWildcardResources(this.stateMachine, [family], 'Any revision of the dbt family: runs started before a deploy must still start dbt after it.');
    acknowledgeWildcardResources(
      this.stateMachine,
      ['*'],
      'CDK grants X-Ray writes and CloudWatch Logs delivery for logging; those actions support no resource-level permissions.',
    );
  }

  /** `dbtSecrets` as ECS secrets; ARNs (with an optional `#field`) become Secrets Manager references. */
  private resolveDbtSecrets(secrets: Record<string, ecs.Secret | string>): Record<string, ecs.Secret> {
    return Object.fromEntries(
      Object.entries(secrets).map(([name, value]) => {
        if (typeof value !== 'string') return [name, value];
        const [arn = '', field] = value.split('#');
        const secret = Secret.fromSecretCompleteArn(this, `DbtSecret${name}`, arn);
        return [name, ecs.Secret.fromSecretsManager(secret, field || undefined)];
      }),
    );
  }
}
