/**
 * The props of `FivetranDbtPipeline`, their defaults and their validation: every problem is
 * reported at once, before any resource is created.
 */
import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { messageOf } from '../../src/core/errors.js';
import { prepareRun, type RunRequest } from '../../src/core/pipeline/run-request.js';
import { DEFAULT_RECONCILE_AFTER_SECONDS, LambdaEnv, WAREHOUSE_CREDENTIALS_ENV } from '../../src/core/stack-contract.js';

/** Environment names the construct refuses in `dbtEnvironment` and `dbtSecrets`: the pipeline sets them. */
export const RESERVED_DBT_ENVIRONMENT = ['ARTIFACTS_BUCKET', 'ORCHESTRATOR_RUN_ID', LambdaEnv.metricNamespace, WAREHOUSE_CREDENTIALS_ENV] as const;

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
   * `webhookSecret`, `warehouseSecret`, `ciWarehouseSecret`, `dbtSecrets`). Every reader of those secrets (the Lambdas that read them, the
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
   * execution role may read exactly these. Production's task definition only: CI runs get
   * `ciWarehouseSecret` alone.
   * @default none
   */
  readonly dbtSecrets?: Record<string, ecs.Secret | string>;
  /**
   * The warehouse credentials of dbt: a Secrets Manager secret holding one JSON object of
   * environment variables, e.g. `{"SNOWFLAKE_ACCOUNT": "...", "SNOWFLAKE_PASSWORD": "..."}` (a
   * secret, or its ARN). ECS injects the whole object as `DBT_WAREHOUSE_CREDENTIALS` when the task
   * starts; the image's entrypoint exports each field as a variable of that name before dbt
   * runs, and never prints a value. The credentials never pass through the run input or the template.
   * @default a new secret holding `{}` and a description saying how to fill it
   */
  readonly warehouseSecret?: ISecret | string;
  /**
   * The warehouse credentials of pull-request (CI) runs, in the same format as
   * `warehouseSecret`. Only the CI state machine's dbt task definition receives them, and it
   * receives no other credentials (neither `warehouseSecret` nor `dbtSecrets`): give it a warehouse
   * user that cannot write production.
   * @default a new secret holding `{}` and a description saying how to fill it
   */
  readonly ciWarehouseSecret?: ISecret | string;
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
  /**
   * A CloudWatch dashboard of the runs, their figures, the webhook and the Lambdas (CloudWatch
   * charges $3 a month per dashboard beyond the account's first 3).
   * @default true
   */
  readonly dashboard?: boolean;
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
export const COMPLETE_SECRET_ARN = /-[A-Za-z0-9]{6}$/;
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const CONTAINER_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9._/-]+)(?::[\w.-]+)?(?:@sha256:[a-f0-9]{64})?$/;
const INLINE_MAP_MAX_CONCURRENCY = 40;

/** The pipeline definition, parsed. */
export type Definition = { States: Record<string, Record<string, unknown>> };

/** The definition's AwaitSyncs Map state. */
export function mapState(definition: Definition): Record<string, unknown> {
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

/** The props with every default applied. */
export type ResolvedPipelineProps = FivetranDbtPipelineProps & Required<Pick<FivetranDbtPipelineProps, DefaultedProps>>;

export function withDefaults(props: FivetranDbtPipelineProps): ResolvedPipelineProps {
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
    ['warehouseSecret', props.warehouseSecret],
    ['ciWarehouseSecret', props.ciWarehouseSecret],
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
    if ((RESERVED_DBT_ENVIRONMENT as readonly string[]).includes(name)) problems.push(`dbtSecrets must not set ${name}: the pipeline sets it`);
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
