/**
 * Pull-request (CI) runs, kept apart from production by IAM: a second state machine with the same
 * definition and its own role, whose RunDbt step may start only a second dbt task definition
 * family (`<production family>-ci`). That family gets the CI warehouse secret, never
 * production's, and its task role writes `runs/` only, so it cannot replace the production
 * manifest. Whoever may start only the CI state machine (e.g. the pull-request workflow's role)
 * cannot run dbt with production's credentials.
 */
import type { RemovalPolicy } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { DbtTask, type DbtTaskProps } from './dbt-task.js';
import type { PipelineSecrets } from './pipeline-secrets.js';
import { PipelineStateMachine, type PipelineStateMachineProps } from './pipeline-state-machine.js';

/** The artifact prefix CI runs may write: their own runs, never the published production manifest. */
export const CI_ARTIFACT_PREFIXES = ['runs/'] as const;

export type CiRunsProps = {
  /** The CI warehouse secret: given (an `ISecret` or ARN), or created holding `{}`. */
  readonly warehouseSecret?: ISecret | string;
  readonly removalPolicy: RemovalPolicy;
  readonly secrets: PipelineSecrets;
  /** The production task definition, whose family the CI one is named after. */
  readonly productionTaskDefinition: ecs.TaskDefinition;
  /**
   * The production task's settings, shared (its own id, family, secrets and write prefixes aside;
   * no metric namespace: the dashboard's dbt figures stay production's).
   */
  readonly task: Omit<DbtTaskProps, 'id' | 'family' | 'secrets' | 'warehouseSecret' | 'writePrefixes' | 'pipelineSecrets' | 'artifactsBucket' | 'metricNamespace'>;
  readonly artifactsBucket: IBucket;
  /** The production state machine's settings, shared (its own id and task definition aside). */
  readonly stateMachine: Omit<PipelineStateMachineProps, 'id' | 'runKind' | 'taskDefinition'>;
};

/** Adds its resources to the pipeline's own scope, like every part of the pipeline. */
export class CiRuns {
  public readonly warehouseSecret: ISecret;
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  public readonly stateMachine: StateMachine;
  public readonly stateMachineLogGroup: LogGroup;

  constructor(scope: Construct, props: CiRunsProps) {
    const { secrets } = props;
    this.warehouseSecret = secrets.importOrCreate('CiWarehouseSecret', props.warehouseSecret, () =>
      secrets.createWarehouseSecret('CiWarehouseSecret', 'pull-request (CI)', props.removalPolicy),
    );
    const task = new DbtTask(scope, {
      ...props.task,
      id: 'CiDbtTaskDefinition',
      family: `${props.productionTaskDefinition.family}-ci`,
      warehouseSecret: this.warehouseSecret,
      writePrefixes: CI_ARTIFACT_PREFIXES,
      artifactsBucket: props.artifactsBucket,
      pipelineSecrets: secrets,
    });
    this.taskDefinition = task.taskDefinition;
    const machine = new PipelineStateMachine(scope, { ...props.stateMachine, id: 'CiStateMachine', runKind: 'ci', taskDefinition: this.taskDefinition });
    this.stateMachine = machine.stateMachine;
    this.stateMachineLogGroup = machine.logGroup;
  }
}
