/**
 * One dbt task definition on Fargate: the container, its environment and secrets, and the grants
 * of its two roles (the execution role pulls the image and reads the secrets; the task role
 * writes the artifacts).
 */
import { Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { DBT_LOG_STREAM_PREFIX, LambdaEnv, WAREHOUSE_CREDENTIALS_ENV } from '../../src/core/stack-contract.js';
import { acknowledge, acknowledgeWildcardResources } from './nag.js';
import type { PipelineSecrets } from './pipeline-secrets.js';

/** S3 prefixes the dbt container writes (docker/dbt/entrypoint.sh): per run, and the published production manifest. */
export const ARTIFACT_PREFIXES = ['runs/', 'latest/'] as const;

export type DbtTaskProps = {
  /** The task definition's construct id. */
  readonly id: string;
  /** The task definition family. @default CDK's name from the construct path */
  readonly family?: string;
  /** The artifact prefixes the task may write. @default ARTIFACT_PREFIXES (its runs, and the published production manifest) */
  readonly writePrefixes?: readonly string[];
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly cpuArchitecture: ecs.CpuArchitecture;
  readonly containerName: string;
  readonly image: ecs.ContainerImage;
  /** An ECR repository the execution role must be allowed to pull from (an image given by URI). */
  readonly ecrRepositoryArn?: string;
  readonly logGroup: LogGroup;
  readonly environment: Record<string, string>;
  /** Where the container's run figures go (`METRIC_NAMESPACE`); none: it prints no metrics line. */
  readonly metricNamespace?: string;
  readonly secrets?: Record<string, ecs.Secret>;
  /** The warehouse credentials, injected whole as `DBT_WAREHOUSE_CREDENTIALS`. */
  readonly warehouseSecret: ISecret;
  readonly artifactsBucket: IBucket;
  readonly pipelineSecrets: PipelineSecrets;
};

/** Adds its resources to the pipeline's own scope, so logical ids stay those of a deployed stack. */
export class DbtTask {
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  public readonly container: ecs.ContainerDefinition;

  constructor(scope: Construct, props: DbtTaskProps) {
    this.taskDefinition = new ecs.FargateTaskDefinition(scope, props.id, {
      ...(props.family ? { family: props.family } : {}),
      cpu: props.cpu,
      memoryLimitMiB: props.memoryMiB,
      runtimePlatform: { cpuArchitecture: props.cpuArchitecture, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });
    this.container = this.taskDefinition.addContainer('Dbt', {
      containerName: props.containerName,
      image: props.image,
      essential: true,
      // The entrypoint uploads the artifacts after a stop too (SIGTERM): give it time before SIGKILL.
      stopTimeout: Duration.seconds(60),
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: DBT_LOG_STREAM_PREFIX, logGroup: props.logGroup }),
      environment: {
        ...props.environment,
        ARTIFACTS_BUCKET: props.artifactsBucket.bucketName,
        ...(props.metricNamespace ? { [LambdaEnv.metricNamespace]: props.metricNamespace } : {}),
      },
      // The entrypoint exports each field of the warehouse secret as its own variable.
      secrets: { ...props.secrets, [WAREHOUSE_CREDENTIALS_ENV]: ecs.Secret.fromSecretsManager(props.warehouseSecret) },
    });
    acknowledge(this.taskDefinition, 'AwsSolutions-ECS2', 'Only non-secret settings are plain environment (the artifacts bucket name, dbtEnvironment); secrets come from Secrets Manager (the warehouse secret, dbtSecrets).');
    if (props.ecrRepositoryArn) this.grantEcrPull(props.ecrRepositoryArn);
    props.pipelineSecrets.grantKeyDecrypt(this.taskDefinition.obtainExecutionRole());
    if (this.taskDefinition.executionRole) {
      acknowledgeWildcardResources(this.taskDefinition.executionRole, ['*'], 'ecr:GetAuthorizationToken has no resource-level permissions; image pulls are scoped to the repository.');
    }
    // The container writes its artifacts (docker/dbt/entrypoint.sh) and reads only production's
    // manifest (PR builds defer to it with --state).
    const bucket = props.artifactsBucket;
    const writePrefixes = props.writePrefixes ?? ARTIFACT_PREFIXES;
    const artifactObjects = writePrefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`));
    this.taskDefinition.addToTaskRolePolicy(new PolicyStatement({ actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resources: artifactObjects }));
    this.taskDefinition.addToTaskRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('latest/manifest.json')] }));
    acknowledgeWildcardResources(this.taskDefinition.taskRole, artifactObjects, `Object keys hold the run id, unknown until a run; writes are limited to the ${writePrefixes.join(' and ')} prefix${writePrefixes.length > 1 ? 'es' : ''}.`);
  }

  private grantEcrPull(repositoryArn: string): void {
    const role = this.taskDefinition.obtainExecutionRole();
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], resources: [repositoryArn] }),
    );
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }));
  }
}
