/**
 * `FivetranDbtPipeline`: the AWS side of the pipeline as one reusable construct. The state machine
 * is the shared definition (src/core/pipeline/pipeline.asl.json) with its `${...}` substitutions;
 * around it: the pipeline Lambdas, the run-records table, the webhook behind an HttpApi, the
 * reconciler on a schedule, the dbt task on ECS Fargate, its image repository, the artifacts
 * bucket, alarms, and least-privilege IAM with every cdk-nag exception acknowledged in place.
 *
 * Each part lives in its own module and owns its grants. The parts add their resources to this
 * construct's scope rather than to child constructs, so every construct path, and so every
 * logical id, is the one a deployed stack already has: an update never replaces a resource.
 */
import { Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type { Rule } from 'aws-cdk-lib/aws-events';
import type { HttpApi, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Schedule as SchedulerSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { readDefinitionText, type Substitutions } from '../../src/core/pipeline/definition.js';
import { DEFAULT_METRIC_NAMESPACE } from '../../src/core/stack-contract.js';
import { createArtifactsBucket } from './artifacts-bucket.js';
import { CiRuns } from './ci-runs.js';
import { PipelineDashboard } from './dashboard.js';
import { DbtCluster } from './dbt-cluster.js';
import { DbtTask } from './dbt-task.js';
import { PipelineAlarms } from './pipeline-alarms.js';
import { PipelineFunctions, type PipelineLambdaName } from './pipeline-lambdas.js';
import { type Definition, type FivetranDbtPipelineProps, InvalidPipelinePropsError, validatePipelineProps, withDefaults } from './pipeline-props.js';
import { PipelineSchedules } from './pipeline-schedules.js';
import { PipelineSecrets } from './pipeline-secrets.js';
import { PipelineStateMachine } from './pipeline-state-machine.js';
import { RunRecords } from './run-records.js';
import { WebhookApi } from './webhook-api.js';

export { ARTIFACT_PREFIXES } from './dbt-task.js';
export { NOTIFIED_EXECUTION_STATUSES } from './pipeline-alarms.js';
export { LAMBDA_RUNTIME, type LambdaSpec, PIPELINE_LAMBDAS, type PipelineLambdaName, REPO_ROOT } from './pipeline-lambdas.js';
export {
  type FivetranDbtPipelineProps,
  InvalidPipelinePropsError,
  type PipelineSchedule,
  RESERVED_DBT_ENVIRONMENT,
  validatePipelineProps,
} from './pipeline-props.js';

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
  /** dbt's warehouse credentials: one JSON object of environment variables (`DBT_WAREHOUSE_CREDENTIALS` in the container). */
  public readonly warehouseSecret: ISecret;
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
  /** The pipeline's dashboard; undefined with `dashboard: false`. */
  public readonly dashboard: PipelineDashboard | undefined;
  /** Starts scheduled runs; undefined without `schedule`. */
  public readonly schedule: SchedulerSchedule | undefined;
  /** Sends failed, timed-out and aborted executions to `notificationTopic`; undefined without one. */
  public readonly executionStatusRule: Rule | undefined;
  /** The values the definition's `${...}` placeholders take (tokens until deployment). */
  public readonly substitutions: Substitutions;
  /**
   * The state machine of pull-request (CI) runs: the same definition, its own role, which may run
   * only `ciTaskDefinition`. Let CI workflows start this one only.
   */
  public readonly ciStateMachine: StateMachine;
  /** The CI state machine's execution logs. */
  public readonly ciStateMachineLogGroup: LogGroup;
  /** The dbt task definition of CI runs (family `<production family>-ci`): the CI warehouse secret, writes to `runs/` only. */
  public readonly ciTaskDefinition: ecs.FargateTaskDefinition;
  /** The CI runs' warehouse credentials (same format as `warehouseSecret`). */
  public readonly ciWarehouseSecret: ISecret;

  constructor(scope: Construct, id: string, given: FivetranDbtPipelineProps = {}) {
    super(scope, id);
    const definition = JSON.parse(readDefinitionText()) as Definition;
    const problems = validatePipelineProps(given, definition);
    if (problems.length > 0) throw new InvalidPipelinePropsError(problems);
    const props = withDefaults(given);

    const { removalPolicy } = props;
    const retention = props.logRetention ?? RetentionDays.ONE_MONTH;
    const logGroup = (logId: string) => new LogGroup(this, logId, { retention, removalPolicy });
    const metricNamespace = props.metricNamespace ?? `${DEFAULT_METRIC_NAMESPACE}/${Stack.of(this).stackName}`;

    const secrets = new PipelineSecrets(this, props);
    this.fivetranSecret = secrets.fivetranSecret;
    this.webhookSecret = secrets.webhookSecret;
    this.warehouseSecret = secrets.warehouseSecret;

    const runRecords = new RunRecords(this, props);
    this.table = runRecords.table;

    const lambdas = new PipelineFunctions(this, { ...props, logGroup, runRecords, secrets, metricNamespace });
    this.functions = lambdas.functions;
    this.functionLogGroups = lambdas.logGroups;

    const dbt = new DbtCluster(this, { ...props, logGroup });
    this.repository = dbt.repository;
    this.vpc = dbt.vpc;
    this.dbtSecurityGroup = dbt.securityGroup;
    this.cluster = dbt.cluster;

    this.artifactsBucket = props.artifactsBucket ?? createArtifactsBucket(this, props);

    this.dbtLogGroup = logGroup('DbtLogs');
    const taskSettings = {
      cpu: props.dbtCpu,
      memoryMiB: props.dbtMemoryMiB,
      cpuArchitecture: props.dbtCpuArchitecture ?? ecs.CpuArchitecture.ARM64,
      containerName: props.dbtContainerName,
      image: dbt.image,
      ...(dbt.ecrRepositoryArn ? { ecrRepositoryArn: dbt.ecrRepositoryArn } : {}),
      logGroup: this.dbtLogGroup,
      environment: { ...props.dbtEnvironment },
    };
    const dbtTask = new DbtTask(this, {
      ...taskSettings,
      id: 'DbtTaskDefinition',
      metricNamespace,
      ...(props.dbtSecrets ? { secrets: this.resolveDbtSecrets(props.dbtSecrets) } : {}),
      warehouseSecret: this.warehouseSecret,
      artifactsBucket: this.artifactsBucket,
      pipelineSecrets: secrets,
    });
    this.taskDefinition = dbtTask.taskDefinition;
    this.dbtContainer = dbtTask.container;

    const machineSettings = {
      definition,
      mapMaxConcurrency: props.mapMaxConcurrency,
      functions: this.functions,
      cluster: this.cluster,
      vpc: this.vpc,
      subnets: dbt.subnets,
      assignPublicIp: dbt.assignPublicIp,
      securityGroup: this.dbtSecurityGroup,
      containerName: props.dbtContainerName,
      logGroup,
    };
    const machine = new PipelineStateMachine(this, { ...machineSettings, id: 'StateMachine', runKind: 'production', taskDefinition: this.taskDefinition });
    this.stateMachine = machine.stateMachine;
    this.stateMachineLogGroup = machine.logGroup;
    this.substitutions = machine.substitutions;

    const webhookApi = new WebhookApi(this, { handler: this.functions.webhook, throttle: props.webhookThrottle, logGroup });
    this.httpApi = webhookApi.httpApi;
    this.httpStage = webhookApi.httpStage;
    this.webhookUrl = webhookApi.webhookUrl;

    const schedules = new PipelineSchedules(this, { reconcile: this.functions.reconcile, reconcileInterval: props.reconcileInterval, stateMachine: this.stateMachine, schedule: props.schedule });
    this.reconcileRule = schedules.reconcileRule;
    this.schedule = schedules.runSchedule;

    const alarms = new PipelineAlarms(this, { ...props, stateMachine: this.stateMachine, webhookLogGroup: this.functionLogGroups.webhook, metricNamespace });
    this.executionsFailedAlarm = alarms.executionsFailedAlarm;
    this.signatureFailuresAlarm = alarms.signatureFailuresAlarm;
    this.completedByReconcilerAlarm = alarms.completedByReconcilerAlarm;
    this.executionStatusRule = alarms.executionStatusRule;
    this.dashboard =
      props.dashboard === false
        ? undefined
        : new PipelineDashboard(this, 'Dashboard', {
            stateMachine: this.stateMachine,
            metricNamespace,
            functions: this.functions,
            webhookLogGroup: this.functionLogGroups.webhook,
            webhookApi: this.httpApi,
            alarms: [this.executionsFailedAlarm, this.signatureFailuresAlarm, this.completedByReconcilerAlarm],
          });

    const ci = new CiRuns(this, {
      warehouseSecret: props.ciWarehouseSecret,
      removalPolicy,
      secrets,
      productionTaskDefinition: this.taskDefinition,
      task: taskSettings,
      artifactsBucket: this.artifactsBucket,
      stateMachine: machineSettings,
    });
    this.ciWarehouseSecret = ci.warehouseSecret;
    this.ciTaskDefinition = ci.taskDefinition;
    this.ciStateMachine = ci.stateMachine;
    this.ciStateMachineLogGroup = ci.stateMachineLogGroup;
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
