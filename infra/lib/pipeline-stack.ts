/**
 * `FivetranDbtStack`: one `FivetranDbtPipeline` plus the stack-level concerns: the `DbtImageTag`
 * parameter (so a pre-synthesized template deploys any image tag), tags and the outputs people
 * and the GitHub Action read.
 */
import { CfnOutput, CfnParameter, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { StackOutputs } from '../../src/core/stack-contract.js';
import { FivetranDbtPipeline, type FivetranDbtPipelineProps, type PipelineLambdaName } from './pipeline-construct.js';

export { StackOutputs };

/** The output that names each Lambda's log group. */
export const LAMBDA_LOG_GROUP_OUTPUTS = {
  prepareRun: StackOutputs.prepareRunLogGroup,
  startSyncs: StackOutputs.startSyncsLogGroup,
  registerWaiter: StackOutputs.registerWaiterLogGroup,
  summarizeSyncs: StackOutputs.summarizeSyncsLogGroup,
  reconcile: StackOutputs.reconcileLogGroup,
  webhook: StackOutputs.webhookLogGroup,
} as const satisfies Record<PipelineLambdaName, string>;

export interface FivetranDbtStackProps extends StackProps {
  /**
   * Props of the pipeline. Without `dbtImageTag` or `dbtImageUri`, the image tag is the stack
   * parameter `DbtImageTag`.
   * @default all the construct's defaults
   */
  readonly pipeline?: FivetranDbtPipelineProps;
  /**
   * An existing SNS topic the alarms notify (overrides `pipeline.alarmTopic`).
   * @default `pipeline.alarmTopic`, if any
   */
  readonly alarmTopicArn?: string;
  /**
   * An existing SNS topic that hears of every failed, timed-out or aborted execution (overrides
   * `pipeline.notificationTopic`). Its policy must let `events.amazonaws.com` publish.
   * @default `pipeline.notificationTopic`, if any
   */
  readonly notificationTopicArn?: string;
}

export class FivetranDbtStack extends Stack {
  public readonly pipeline: FivetranDbtPipeline;
  /** The `DbtImageTag` parameter; undefined when the props fix the image. */
  public readonly dbtImageTag: CfnParameter | undefined;

  constructor(scope: Construct, id: string, props: FivetranDbtStackProps = {}) {
    super(scope, id, {
      description: 'Fivetran syncs, then dbt: Step Functions, Lambda, DynamoDB, an HttpApi webhook and ECS Fargate (fivetran-dbt-orchestrator)',
      ...props,
    });
    let pipelineProps: FivetranDbtPipelineProps = { ...props.pipeline };
    if (pipelineProps.dbtImageTag === undefined && pipelineProps.dbtImageUri === undefined) {
      this.dbtImageTag = new CfnParameter(this, 'DbtImageTag', {
        type: 'String',
        default: 'latest',
        description: 'Tag of the dbt image in the stack\'s ECR repository (output DbtRepositoryUri) that the RunDbt state runs',
        allowedPattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$',
        constraintDescription: 'a Docker tag: letters, digits, _ . -, at most 128 characters',
      });
      pipelineProps = { ...pipelineProps, dbtImageTag: this.dbtImageTag.valueAsString };
    }
    if (props.alarmTopicArn) pipelineProps = { ...pipelineProps, alarmTopic: Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn) };
    if (props.notificationTopicArn) {
      pipelineProps = { ...pipelineProps, notificationTopic: Topic.fromTopicArn(this, 'NotificationTopic', props.notificationTopicArn) };
    }
    this.pipeline = new FivetranDbtPipeline(this, 'Pipeline', pipelineProps);
    Tags.of(this).add('project', 'fivetran-dbt-orchestrator');

    const output = (name: string, value: string, description: string) => new CfnOutput(this, name, { value, description });
    output(StackOutputs.webhookUrl, this.pipeline.webhookUrl, 'Register this URL as the Fivetran webhook (events sync_start, sync_end)');
    output(StackOutputs.stateMachineArn, this.pipeline.stateMachine.stateMachineArn, 'The pipeline state machine of production runs; start an execution to run');
    output(StackOutputs.ciStateMachineArn, this.pipeline.ciStateMachine.stateMachineArn, 'The pipeline state machine of pull-request (CI) runs: CI warehouse credentials only');
    if (this.pipeline.repository) {
      output(StackOutputs.repositoryUri, this.pipeline.repository.repositoryUri, 'Push the dbt image here (tag = parameter DbtImageTag)');
    }
    output(StackOutputs.tableName, this.pipeline.table.tableName, 'DynamoDB table of run records');
    output(StackOutputs.artifactsBucket, this.pipeline.artifactsBucket.bucketName, 'dbt artifacts: runs/<runId>/, latest/manifest.json');
    output(StackOutputs.fivetranSecretArn, this.pipeline.fivetranSecret.secretArn, 'Put {"apiKey","apiSecret"} here');
    output(StackOutputs.dbtClusterArn, this.pipeline.cluster.clusterArn, 'The ECS cluster dbt tasks run in');
    output(StackOutputs.dbtLogGroup, this.pipeline.dbtLogGroup.logGroupName, 'The dbt container logs (streams dbt/<container>/<task id>)');
    output(StackOutputs.stateMachineLogGroup, this.pipeline.stateMachineLogGroup.logGroupName, 'The state machine execution logs (no execution data)');
    output(StackOutputs.ciStateMachineLogGroup, this.pipeline.ciStateMachineLogGroup.logGroupName, 'The CI state machine execution logs (no execution data)');
    for (const [name, outputName] of Object.entries(LAMBDA_LOG_GROUP_OUTPUTS) as [PipelineLambdaName, string][]) {
      output(outputName, this.pipeline.functionLogGroups[name].logGroupName, `The ${name} Lambda's JSON logs`);
    }
    output(StackOutputs.webhookSecretArn, this.pipeline.webhookSecret.secretArn, 'The webhook signing secret to register with Fivetran');
    output(StackOutputs.warehouseSecretArn, this.pipeline.warehouseSecret.secretArn, 'Put dbt\'s warehouse credentials here: one JSON object of environment variables');
    output(StackOutputs.ciWarehouseSecretArn, this.pipeline.ciWarehouseSecret.secretArn, 'Put the warehouse credentials of pull-request (CI) runs here, in the same format');
  }
}
