/**
 * The pipeline's state machine: the shared definition (src/core/pipeline/pipeline.asl.json) with
 * its `${...}` placeholders substituted, its execution logs, and a role that may call exactly
 * what the definition calls: the pipeline Lambdas, and RunTask on its own dbt task definition.
 */
import { Fn, Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, FileDefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { DEFINITION_PATH, type Substitutions } from '../../src/core/pipeline/definition.js';
import type { RunKind } from '../../src/core/stack-contract.js';
import { acknowledge, acknowledgeWildcardResources } from './nag.js';
import type { PipelineLambdaName } from './pipeline-lambdas.js';
import { type Definition, mapState } from './pipeline-props.js';

export type PipelineStateMachineProps = {
  /** The state machine's construct id; its log group's is `<id>Logs`. */
  readonly id: string;
  /** The definition, parsed (only read). */
  readonly definition: Definition;
  readonly mapMaxConcurrency: number;
  readonly functions: Record<PipelineLambdaName, NodejsFunction>;
  readonly cluster: ecs.ICluster;
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  readonly assignPublicIp: boolean;
  readonly securityGroup: ec2.ISecurityGroup;
  /** Which runs this state machine takes; PrepareRun keeps the two kinds' run ids apart. */
  readonly runKind: RunKind;
  /** The dbt task definition RunDbt starts: the only one this state machine may run. */
  readonly taskDefinition: ecs.TaskDefinition;
  readonly containerName: string;
  /** Creates one of the pipeline's log groups. */
  readonly logGroup: (id: string) => LogGroup;
};

/** Adds its resources to the pipeline's own scope, so logical ids stay those of a deployed stack. */
export class PipelineStateMachine {
  public readonly stateMachine: StateMachine;
  /** The execution logs (no execution data). */
  public readonly logGroup: LogGroup;
  /** The values the definition's `${...}` placeholders take (tokens until deployment). */
  public readonly substitutions: Substitutions;

  constructor(scope: Construct, private readonly props: PipelineStateMachineProps) {
    const { functions, taskDefinition } = props;
    this.substitutions = {
      PrepareRunFunctionArn: functions.prepareRun.functionArn,
      StartSyncsFunctionArn: functions.startSyncs.functionArn,
      RegisterWaiterFunctionArn: functions.registerWaiter.functionArn,
      SummarizeSyncsFunctionArn: functions.summarizeSyncs.functionArn,
      DbtClusterArn: props.cluster.clusterArn,
      DbtTaskDefinitionFamily: taskDefinition.family,
      DbtSubnetIds: Fn.join(',', props.vpc.selectSubnets(props.subnets).subnetIds),
      DbtSecurityGroupIds: props.securityGroup.securityGroupId,
      DbtAssignPublicIp: props.assignPublicIp ? 'ENABLED' : 'DISABLED',
      DbtContainerName: props.containerName,
      RunKind: props.runKind,
    };
    let definitionBody: DefinitionBody;
    if (props.mapMaxConcurrency === mapState(props.definition).MaxConcurrency) {
      definitionBody = DefinitionBody.fromFile(DEFINITION_PATH);
    } else {
      // The same definition with one field changed: edited as data, never a second copy of the file.
      const definition = structuredClone(props.definition);
      mapState(definition).MaxConcurrency = props.mapMaxConcurrency;
      definitionBody = DefinitionBody.fromString(JSON.stringify(definition, null, 2));
    }
    this.logGroup = props.logGroup(`${props.id}Logs`);
    this.stateMachine = new StateMachine(scope, props.id, {
      comment: 'Sync a Fivetran group, wait for every sync, then run dbt',
      definitionBody,
      definitionSubstitutions: { ...this.substitutions },
      stateMachineType: StateMachineType.STANDARD,
      // No execution data: inputs and outputs stay out of the logs (the execution history keeps them for 90 days).
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
    });
    if (!(definitionBody instanceof FileDefinitionBody)) {
      acknowledge(
        this.stateMachine,
        'CloudFormation-Validate::E1029',
        'The ${...} in DefinitionString are Step Functions definition substitutions (DefinitionSubstitutions), not Fn::Sub parameters.',
      );
    }
    this.grantDefinitionCalls();
  }

  private grantDefinitionCalls(): void {
    const { functions, taskDefinition, cluster } = this.props;
    const stack = Stack.of(this.stateMachine);
    const role = this.stateMachine.role;
    const pipelineFunctions = [functions.prepareRun, functions.startSyncs, functions.registerWaiter, functions.summarizeSyncs];
    // The definition invokes unqualified ARNs only, so no `:*` version wildcard.
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: pipelineFunctions.map((f) => f.functionArn) }));
    // The family, any revision: a deploy registers a new revision, and a run started before it
    // still runs dbt (the definition names the family, so RunTask takes the latest ACTIVE revision).
    const family = stack.formatArn({ service: 'ecs', resource: 'task-definition', resourceName: `${taskDefinition.family}:*` });
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['ecs:RunTask'], resources: [family], conditions: { ArnEquals: { 'ecs:cluster': cluster.clusterArn } } }),
    );
    const tasks = stack.formatArn({ service: 'ecs', resource: 'task', resourceName: `${cluster.clusterName}/*` });
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['ecs:StopTask', 'ecs:DescribeTasks'], resources: [tasks] }));
    // PropagateTags tags the task at creation, which ECS authorizes as TagResource on the new task.
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['ecs:TagResource'], resources: [tasks], conditions: { StringEquals: { 'ecs:CreateAction': 'RunTask' } } }),
    );
    const passRoles = [taskDefinition.taskRole.roleArn, taskDefinition.obtainExecutionRole().roleArn];
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
}
