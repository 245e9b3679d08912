/**
 * `FivetranDbtPipeline` beyond its defaults: props are validated up front with every problem in
 * one message, and a fully customised construct (existing VPC, secrets, image, bucket; another
 * Map concurrency, schedule and size) wires each choice through, still without an
 * unacknowledged cdk-nag finding. The customised stack is synthesized once for the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { App, CfnResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FivetranDbtPipeline, InvalidPipelinePropsError, type FivetranDbtPipelineProps } from '../../../infra/lib/pipeline-construct.js';
import { readDefinitionText } from '../../../src/core/pipeline/definition.js';

const COMPLETE_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/fivetran-AbC123';
const PARTIAL_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/fivetran-webhook';
const WAREHOUSE_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/warehouse-QrS456';
const CI_WAREHOUSE_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:ci/warehouse-TuV789';
const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/analytics/dbt:2026.05.1';

const build = (props: FivetranDbtPipelineProps) => {
  const stack = new Stack(new App(), 'Validation');
  return { stack, create: () => new FivetranDbtPipeline(stack, 'Pipeline', props) };
};

describe('prop validation', () => {
  it('lists every problem in one error, before creating anything', () => {
    const { stack, create } = build({
      fivetranSecret: 'fivetran-api-key',
      fivetranApiUrl: 'ftp://api.fivetran.com',
      dbtImageTag: 'v 1',
      dbtImageUri: 'ghcr.io/acme/dbt:1',
      dbtCpu: 1024,
      dbtMemoryMiB: 1000,
      dbtContainerName: 'dbt runner',
      dbtEnvironment: { ORCHESTRATOR_RUN_ID: 'x', 'bad-name': 'y' },
      mapMaxConcurrency: 41,
      reconcileInterval: Duration.seconds(90),
      reconcileAfter: Duration.minutes(30),
      assignPublicIp: false,
    });

    let error: unknown;
    try {
      create();
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(InvalidPipelinePropsError);
    const { problems, message } = error as InvalidPipelinePropsError;
    expect(problems).toEqual([
      expect.stringContaining('fivetranSecret must be a Secrets Manager secret ARN'),
      expect.stringContaining('fivetranApiUrl must be an http(s) URL'),
      expect.stringContaining('dbtImageTag (an image in the construct\'s repository) or dbtImageUri'),
      expect.stringContaining('dbtImageTag must be a Docker tag'),
      expect.stringContaining('dbtMemoryMiB 1000 does not suit dbtCpu 1024: Fargate takes 2048 to 8192 MiB'),
      expect.stringContaining('dbtContainerName must be'),
      expect.stringContaining('dbtEnvironment must not set ORCHESTRATOR_RUN_ID'),
      expect.stringContaining('"bad-name" is not a valid environment variable name'),
      expect.stringContaining('mapMaxConcurrency must be a whole number from 1 to 40'),
      expect.stringContaining('reconcileInterval must be whole minutes'),
      expect.stringContaining("must stay under the waits' heartbeat timeout"),
      expect.stringContaining('assignPublicIp false with the new VPC'),
    ]);
    for (const problem of problems) expect(message).toContain(problem);
    expect(message.startsWith('Invalid FivetranDbtPipeline props:\n  - ')).toBe(true);
    expect(stack.node.findAll().filter((c) => CfnResource.isCfnResource(c))).toEqual([]);
  });

  it.each([
    ['a CPU Fargate does not offer', { dbtCpu: 3000 }, /dbtCpu must be one of 256, 512, 1024/],
    ['an immutable "latest"', { immutableImageTags: true }, /immutableImageTags with the tag "latest"/],
    ['a reconciler threshold under a minute', { reconcileAfter: Duration.seconds(30) }, /reconcileAfter must be at least 1 minute/],
    ['a schedule that is neither cron nor rate', { schedule: { expression: 'every day', input: { groupId: 'g' } } }, /schedule.expression must be cron\(...\) or rate\(...\)/],
    ['a scheduled input that is not a run request', { schedule: { expression: 'rate(1 day)', input: { dbt: { args: ['build'] } } } }, /schedule.input is not a valid run request: .*groupId is required/],
    ['a warehouse secret that is no ARN', { warehouseSecret: 'snowflake' }, /warehouseSecret must be a Secrets Manager secret ARN/],
    ['a dbt secret under the name the warehouse secret takes', { dbtSecrets: { DBT_WAREHOUSE_CREDENTIALS: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbCdEf' } }, /dbtSecrets must not set DBT_WAREHOUSE_CREDENTIALS/],
    ['a retention for a bucket it does not own', { artifactsBucket: {} as never, artifactsRetention: Duration.days(7) }, /artifactsRetention applies to a new bucket only/],
  ] as const)('refuses %s', (_, props, message) => {
    expect(build(props as FivetranDbtPipelineProps).create).toThrow(message);
  });
});

describe('a customised pipeline', () => {
  let stack: Stack;
  let pipeline: FivetranDbtPipeline;
  let template: Template;
  let vpc: ec2.Vpc;
  let topic: Topic;
  let outdir: string;

  beforeAll(() => {
    outdir = mkdtempSync(path.join(tmpdir(), 'fivetran-dbt-custom-'));
    stack = new Stack(new App({ outdir }), 'Custom');
    topic = new Topic(stack, 'Alarms', { enforceSSL: true });
    vpc = new ec2.Vpc(stack, 'ExistingVpc', { maxAzs: 2, natGateways: 1, restrictDefaultSecurityGroup: false });
    const warehouseKey = Secret.fromSecretCompleteArn(stack, 'WarehouseKey', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:snowflake-key-XyZ987');
    pipeline = new FivetranDbtPipeline(stack, 'Pipeline', {
      fivetranSecret: COMPLETE_ARN,
      webhookSecret: PARTIAL_ARN,
      warehouseSecret: WAREHOUSE_ARN,
      ciWarehouseSecret: CI_WAREHOUSE_ARN,
      fivetranApiUrl: 'https://fivetran-proxy.internal.example.com/v1',
      dbtImageUri: IMAGE,
      vpc,
      dbtCpu: 2048,
      dbtMemoryMiB: 4096,
      dbtCpuArchitecture: ecs.CpuArchitecture.X86_64,
      dbtContainerName: 'transform',
      dbtEnvironment: { SNOWFLAKE_ACCOUNT: 'acme-prod' },
      secretsKey: Key.fromKeyArn(stack, 'SecretsKey', KEY_ARN),
      dbtSecrets: {
        SNOWFLAKE_PRIVATE_KEY: ecs.Secret.fromSecretsManager(warehouseKey),
        SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:snowflake-key-XyZ987#passphrase',
      },
      mapMaxConcurrency: 10,
      reconcileInterval: Duration.minutes(10),
      reconcileAfter: Duration.minutes(15),
      artifactsBucket: Bucket.fromBucketName(stack, 'Artifacts', 'acme-dbt-artifacts'),
      alarmTopic: topic,
      notificationTopic: topic,
      schedule: { expression: 'cron(15 5 * * ? *)', timezone: 'Europe/Paris', input: { groupId: 'warehouse_group', dbt: { args: ['build', '--target', 'prod'] } } },
      removalPolicy: RemovalPolicy.DESTROY,
      webhookThrottle: { rateLimit: 5, burstLimit: 10 },
      dashboard: false,
    });
    template = Template.fromStack(stack);
  });

  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  it('reads the given secrets at run time: the complete ARN exactly, the partial one by its suffix', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: COMPLETE_ARN }]) },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `${PARTIAL_ARN}-??????` }]) },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ FIVETRAN_SECRET_ARN: COMPLETE_ARN, FIVETRAN_API_URL: 'https://fivetran-proxy.internal.example.com/v1' }) },
    });
  });

  it('lets every reader of the imported secrets decrypt them with the customer-managed key, through Secrets Manager only', () => {
    const decrypt = {
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: KEY_ARN,
      Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] } } },
    };
    const holders = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.PolicyDocument.Statement as unknown[]).some((st) => isDeepStrictEqual(st, decrypt)))
      .map((p) => (p.Properties.Roles as { Ref: string }[]).map((r) => r.Ref).join());
    const roleOf = (fn: { role?: unknown }) => stack.getLogicalId((fn.role as Role).node.defaultChild as CfnResource);
    const { startSyncs, reconcile, webhook } = pipeline.functions;
    const executionRole = stack.getLogicalId(pipeline.taskDefinition.executionRole!.node.defaultChild as CfnResource);
    const ciExecutionRole = stack.getLogicalId(pipeline.ciTaskDefinition.executionRole!.node.defaultChild as CfnResource);
    expect(holders.sort()).toEqual([roleOf(startSyncs), roleOf(reconcile), roleOf(webhook), executionRole, ciExecutionRole].sort());
  });

  it('runs the given image, pulling it from its ECR repository, with no repository of its own', () => {
    expect(pipeline.repository).toBeUndefined();
    template.resourceCountIs('AWS::ECR::Repository', 0);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: '2048',
      Memory: '4096',
      RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' },
      ContainerDefinitions: [
        Match.objectLike({
          Name: 'transform',
          Image: IMAGE,
          Environment: [
            { Name: 'SNOWFLAKE_ACCOUNT', Value: 'acme-prod' },
            { Name: 'ARTIFACTS_BUCKET', Value: 'acme-dbt-artifacts' },
            { Name: 'METRIC_NAMESPACE', Value: Match.anyValue() },
          ],
          Secrets: Match.arrayWith([{ Name: 'SNOWFLAKE_PRIVATE_KEY', ValueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:snowflake-key-XyZ987' }]),
        }),
      ],
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ecr:eu-west-1:123456789012:repository/analytics/dbt']] },
          },
        ]),
      },
    });
  });

  it('runs dbt in the private subnets of the given VPC without a public IP', () => {
    const substitutions = template.findResources('AWS::StepFunctions::StateMachine');
    const props = Object.values(substitutions)[0]!.Properties as { DefinitionSubstitutions: Record<string, unknown> };
    expect(props.DefinitionSubstitutions).toMatchObject({
      DbtAssignPublicIp: 'DISABLED',
      DbtContainerName: 'transform',
      DbtSubnetIds: { 'Fn::Join': [',', vpc.privateSubnets.map((s) => ({ Ref: stack.getLogicalId(s.node.defaultChild as ec2.CfnSubnet) }))] },
    });
    template.resourceCountIs('AWS::EC2::VPC', 1);
  });

  it('changes only MaxConcurrency of the shared definition, edited as data', () => {
    const machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0]!.Properties as { DefinitionString: string };
    const expected = JSON.parse(readDefinitionText()) as { States: { AwaitSyncs: { MaxConcurrency: number } } };
    expected.States.AwaitSyncs.MaxConcurrency = 10;
    expect(JSON.parse(machine.DefinitionString)).toEqual(expected);
  });

  it('lets the dbt task write only the artifacts prefixes of the given bucket, and read only production\'s manifest', () => {
    const objects = (prefix: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::acme-dbt-artifacts/${prefix}/*`]] });
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: ['s3:PutObject', 's3:AbortMultipartUpload'],
            Resource: [objects('runs'), objects('latest')],
          },
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::acme-dbt-artifacts/latest/manifest.json']] },
          },
        ],
      },
    });
  });

  it('injects the given warehouse secret whole, beside dbtSecrets', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Secrets: Match.arrayWith([{ Name: 'DBT_WAREHOUSE_CREDENTIALS', ValueFrom: WAREHOUSE_ARN }]) })],
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: WAREHOUSE_ARN }]) },
    });
  });

  it('gives CI runs their own family with the CI warehouse secret alone, writing runs/ only, on the same image and size', () => {
    const definitions = template.findResources('AWS::ECS::TaskDefinition');
    const ci = definitions[stack.getLogicalId(pipeline.ciTaskDefinition.node.defaultChild as CfnResource)]!.Properties;
    expect(ci.Family).toBe(`${pipeline.taskDefinition.family}-ci`);
    expect(ci).toMatchObject({ Cpu: '2048', Memory: '4096', RuntimePlatform: { CpuArchitecture: 'X86_64' } });
    expect(ci.ContainerDefinitions).toEqual([
      expect.objectContaining({ Name: 'transform', Image: IMAGE, Secrets: [{ Name: 'DBT_WAREHOUSE_CREDENTIALS', ValueFrom: CI_WAREHOUSE_ARN }] }),
    ]);
    const taskRole = stack.getLogicalId(pipeline.ciTaskDefinition.taskRole.node.defaultChild as CfnResource);
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === taskRole))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as unknown[]);
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::acme-dbt-artifacts/runs/*']] } },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::acme-dbt-artifacts/latest/manifest.json']] } },
    ]);
    const machines = template.findResources('AWS::StepFunctions::StateMachine');
    const substitutions = machines[stack.getLogicalId(pipeline.ciStateMachine.node.defaultChild as CfnResource)]!.Properties.DefinitionSubstitutions as Record<string, unknown>;
    expect(substitutions).toMatchObject({ DbtTaskDefinitionFamily: `${pipeline.taskDefinition.family}-ci`, DbtContainerName: 'transform', DbtAssignPublicIp: 'DISABLED' });
  });

  it('injects dbt secrets given as ARNs, with a JSON field after #', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([
        Match.objectLike({
          Secrets: Match.arrayWith([
            { Name: 'SNOWFLAKE_PRIVATE_KEY_PASSPHRASE', ValueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:snowflake-key-XyZ987:passphrase::' },
          ]),
        }),
      ]),
    });
  });

  it('follows the schedule, threshold, throttling, alarm topic and removal policy it was given', () => {
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(10 minutes)' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ RECONCILE_AFTER_SECONDS: '900' }) },
      Timeout: 240,
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 } });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(3);
    for (const alarm of alarms) expect((alarm.Properties as { AlarmActions: unknown[] }).AlarmActions).toEqual([stack.resolve(topic.topicArn)]);
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete', Properties: Match.objectLike({ DeletionProtectionEnabled: false }) });
  });

  it('leaves the dashboard and its metric filter out when told to', () => {
    expect(pipeline.dashboard).toBeUndefined();
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    template.resourceCountIs('AWS::Logs::MetricFilter', 1);
  });

  it('sends failed, timed-out and aborted executions of its state machine to the notification topic, as readable text', () => {
    const machine = stack.resolve(pipeline.stateMachine.stateMachineArn) as unknown;
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        detail: { stateMachineArn: [machine], status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
      },
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: stack.resolve(topic.topicArn),
          InputTransformer: {
            InputPathsMap: {
              'detail-name': '$.detail.name',
              'detail-status': '$.detail.status',
              'detail-error': '$.detail.error',
              'detail-cause': '$.detail.cause',
              'detail-executionArn': '$.detail.executionArn',
              region: '$.region',
            },
            // The text, as a JSON string: EventBridge fills in each <variable>.
            InputTemplate: JSON.stringify(
              [
                'Fivetran-dbt run <detail-name> ended <detail-status>.',
                'Error: <detail-error>',
                'Cause: <detail-cause>',
                'Execution: https://<region>.console.aws.amazon.com/states/home?region=<region>#/v2/executions/details/<detail-executionArn>',
              ].join('\n'),
            ),
          },
        }),
      ],
    });
    // CDK lets EventBridge publish to a topic of the same app.
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sns:Publish', Principal: { Service: 'events.amazonaws.com' } })]) },
    });
  });

  it('starts scheduled runs with the configured input, through a role that may start only this state machine', () => {
    const machine = stack.resolve(pipeline.stateMachine.stateMachineArn) as unknown;
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(15 5 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: machine,
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        // No execution name: Step Functions gives each start a UUID, the run id.
        Input: JSON.stringify({ trigger: { source: 'schedule' }, groupId: 'warehouse_group', dbt: { args: ['build', '--target', 'prod'] } }),
      }),
    });
    const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule'))[0]!.Properties as { Target: { RoleArn: { 'Fn::GetAtt': [string, string] } } };
    const role = schedule.Target.RoleArn['Fn::GetAtt'][0];
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })] },
    });
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles).includes(role));
    expect(policies.map((p) => p.Properties.PolicyDocument.Statement)).toEqual([[{ Effect: 'Allow', Action: 'states:StartExecution', Resource: machine }]]);
  });

  it('has no unacknowledged cdk-nag AwsSolutions finding in its own resources', () => {
    const { violations } = new AwsSolutionsChecks(stack.node.root).validateScope(pipeline);
    expect(violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});
