/**
 * Where dbt runs: its image (the construct's ECR repository, or an existing image), the VPC and
 * subnets, the tasks' security group and the ECS cluster. Task definitions are `DbtTask`s.
 */
import { Duration, type RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ECR_IMAGE, type FivetranDbtPipelineProps } from './pipeline-props.js';

export type DbtClusterProps = Pick<FivetranDbtPipelineProps, 'dbtImageUri' | 'dbtImageTag' | 'immutableImageTags' | 'vpc' | 'dbtSubnets' | 'assignPublicIp'> & {
  readonly removalPolicy: RemovalPolicy;
  /** Creates one of the pipeline's log groups (the new VPC's flow logs). */
  readonly logGroup: (id: string) => LogGroup;
};

/** Adds its resources to the pipeline's own scope, so logical ids stay those of a deployed stack. */
export class DbtCluster {
  public readonly image: ecs.ContainerImage;
  /** The dbt image repository; undefined with `dbtImageUri`. */
  public readonly repository: ecr.Repository | undefined;
  /** The ECR repository of a `dbtImageUri` in ECR, which task execution roles need pulls on (the construct's repository grants its own). */
  public readonly ecrRepositoryArn: string | undefined;
  public readonly vpc: ec2.IVpc;
  public readonly subnets: ec2.SubnetSelection;
  public readonly assignPublicIp: boolean;
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly cluster: ecs.Cluster;

  constructor(scope: Construct, props: DbtClusterProps) {
    if (props.dbtImageUri !== undefined) {
      const stack = Stack.of(scope);
      const ecrImage = Token.isUnresolved(props.dbtImageUri) ? null : ECR_IMAGE.exec(props.dbtImageUri);
      this.ecrRepositoryArn = ecrImage ? `arn:${stack.partition}:ecr:${ecrImage[2]}:${ecrImage[1]}:repository/${ecrImage[3]}` : undefined;
      this.image = ecs.ContainerImage.fromRegistry(props.dbtImageUri);
    } else {
      this.repository = new ecr.Repository(scope, 'DbtRepository', {
        imageScanOnPush: true,
        imageTagMutability: props.immutableImageTags ? ecr.TagMutability.IMMUTABLE : ecr.TagMutability.MUTABLE,
        removalPolicy: props.removalPolicy,
        lifecycleRules: [
          // Untagged images only: a count rule over tagged images could expire the tag the task
          // definition names. A moved tag leaves its old image untagged, so it goes here.
          { description: 'Drop untagged images after 14 days', tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: Duration.days(14), rulePriority: 1 },
        ],
      });
      this.image = ecs.ContainerImage.fromEcrRepository(this.repository, props.dbtImageTag ?? 'latest');
    }
    if (props.vpc) {
      this.vpc = props.vpc;
    } else {
      const vpc = new ec2.Vpc(scope, 'Vpc', {
        maxAzs: 2,
        natGateways: 0,
        subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }],
        // A custom resource Lambda otherwise; nothing here uses the default security group.
        restrictDefaultSecurityGroup: false,
      });
      vpc.addFlowLog('RejectedTraffic', {
        destination: ec2.FlowLogDestination.toCloudWatchLogs(props.logGroup('VpcFlowLogs')),
        trafficType: ec2.FlowLogTrafficType.REJECT,
      });
      this.vpc = vpc;
    }
    this.subnets = props.dbtSubnets ?? { subnetType: props.vpc ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PUBLIC };
    this.assignPublicIp = props.assignPublicIp ?? !props.vpc;
    this.securityGroup = new ec2.SecurityGroup(scope, 'DbtSecurityGroup', {
      vpc: this.vpc,
      description: 'dbt tasks: no inbound; outbound to the warehouse, ECR and S3',
      allowAllOutbound: true,
    });
    this.cluster = new ecs.Cluster(scope, 'DbtCluster', { vpc: this.vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  }
}
