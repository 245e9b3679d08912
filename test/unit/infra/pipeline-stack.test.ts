/**
 * The deployed stack, as CloudFormation sees it: least-privilege IAM, the Lambdas' runtime,
 * architecture and timeouts, the state machine built from the shared definition with logging
 * and tracing, the run-records table, the webhook route, log retention, alarms, outputs, and no
 * unacknowledged cdk-nag finding. The app is synthesized once for the whole file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PIPELINE_LAMBDAS, type LambdaSpec } from '../../../infra/lib/pipeline-construct.js';
import { createPipelineApp } from '../../../infra/lib/pipeline-app.js';
import { LAMBDA_LOG_GROUP_OUTPUTS, StackOutputs, type FivetranDbtStack } from '../../../infra/lib/pipeline-stack.js';
import { readDefinitionText, resolveDefinition, SUBSTITUTION_KEYS, type Substitutions } from '../../../src/core/pipeline/definition.js';
import { RUN_TABLE_SCHEMA } from '../../../src/core/runs/table.js';
import { createTableInput } from '../../../src/aws/dynamodb-run-store.js';

type AslValidation = { isValid: boolean; errorsText: (separator?: string) => string };
// asl-validator is CommonJS without type declarations.
const validateAsl = createRequire(import.meta.url)('asl-validator') as (definition: unknown) => AslValidation;

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

/** Actions that AWS offers only on `Resource: "*"`, each acknowledged next to its policy. */
const STAR_ONLY_ACTIONS = new Set([
  'states:SendTaskSuccess',
  'states:SendTaskFailure',
  'states:SendTaskHeartbeat',
  'ecr:GetAuthorizationToken',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
]);

const PSEUDO: Record<string, string> = {
  'AWS::Region': 'eu-west-1',
  'AWS::AccountId': '123456789012',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

/** Resolves CloudFormation intrinsics with fake, recognisable values (`fake-<LogicalId>.<Attr>`). */
function fake(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  if (typeof node.Ref === 'string') return PSEUDO[node.Ref] ?? `fake-${node.Ref}`;
  if (Array.isArray(node['Fn::GetAtt'])) return `fake-${(node['Fn::GetAtt'] as string[]).join('.')}`;
  if (Array.isArray(node['Fn::Join'])) {
    const [delimiter, items] = node['Fn::Join'] as [string, unknown[]];
    return items.map(fake).join(delimiter);
  }
  throw new Error(`No fake for ${JSON.stringify(value)}`);
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

let outdir: string;
let stack: FivetranDbtStack;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'fivetran-dbt-stack-'));
  // cdk-nag runs once, below, for a readable list of findings (the assembly test synthesizes
  // with it registered, as scripts/synth-assembly.ts does).
  const built = createPipelineApp({ outdir, nag: false, cloudFormationValidation: false });
  stack = built.stack;
  // Synthesizes the app, bundling the Lambdas with esbuild.
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const policyStatements = (): { policy: string; statement: Statement }[] =>
  ofType('AWS::IAM::Policy').flatMap(([policy, r]) =>
    ((r.Properties.PolicyDocument as { Statement: Statement[] }).Statement ?? []).map((statement) => ({ policy, statement })),
  );
/** The one resource of `type` whose construct path in the pipeline starts with `pathPart` (`WarehouseSecret`, not `CiWarehouseSecret`). */
const logicalIdOf = (type: string, pathPart: string): string => {
  const found = ofType(type).filter(([id]) => id.startsWith(`Pipeline${pathPart}`));
  if (found.length !== 1) throw new Error(`Expected one ${type} matching ${pathPart}, found ${found.length}`);
  return found[0]![0];
};
const functionId = (name: string) => logicalIdOf('AWS::Lambda::Function', `${name}Function`);
const roleOfFunction = (name: string) => (resources[functionId(name)]!.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
const statementsOfRole = (roleId: string) =>
  ofType('AWS::IAM::Policy')
    .filter(([, r]) => (r.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === roleId))
    .flatMap(([, r]) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);

describe('IAM', () => {
  it('grants no wildcard action (`*` or `service:*`) anywhere', () => {
    const wildcards = policyStatements().flatMap(({ policy, statement }) =>
      asArray(statement.Action)
        .filter((action) => action === '*' || /^[a-z0-9-]+:\*$/.test(action))
        .map((action) => `${policy}: ${action}`),
    );
    expect(wildcards).toEqual([]);
  });

  it('uses Resource "*" only for actions that support nothing narrower', () => {
    const starred = policyStatements().filter(({ statement }) => asArray(statement.Resource as unknown).includes('*'));
    const notStarOnly = starred.flatMap(({ policy, statement }) =>
      asArray(statement.Action).filter((a) => !STAR_ONLY_ACTIONS.has(a)).map((a) => `${policy}: ${a}`),
    );
    expect(starred.length).toBeGreaterThan(0);
    expect(notStarOnly).toEqual([]);
  });

  it('attaches no managed policy to any role (no AWSLambdaBasicExecutionRole)', () => {
    for (const [, role] of ofType('AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('lets the state machine invoke exactly the four pipeline Lambdas, unqualified', () => {
    const roleId = logicalIdOf('AWS::IAM::Role', 'StateMachineRole');
    const invoke = statementsOfRole(roleId).filter((s) => asArray(s.Action).includes('lambda:InvokeFunction'));
    expect(invoke).toHaveLength(1);
    expect(invoke[0]!.Resource).toEqual(
      ['PrepareRun', 'StartSyncs', 'RegisterWaiter', 'SummarizeSyncs'].map((name) => ({ 'Fn::GetAtt': [functionId(name), 'Arn'] })),
    );
  });

  // What the state machine role may do on ECS, IAM and EventBridge: iam-derivation.test.ts derives it from the definition.

  it('lets the dbt task write its artifacts prefixes, read production\'s manifest, and nothing else', () => {
    const bucket = logicalIdOf('AWS::S3::Bucket', 'ArtifactsBucket');
    const object = (key: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, `/${key}`]] });
    expect(statementsOfRole(logicalIdOf('AWS::IAM::Role', 'DbtTaskDefinitionTaskRole'))).toEqual([
      { Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: [object('runs/*'), object('latest/*')] },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: object('latest/manifest.json') },
    ]);
  });

  it('gives each Lambda only the table calls and secrets its code uses', () => {
    const table = logicalIdOf('AWS::DynamoDB::Table', 'RunsTable');
    const tableArn = { 'Fn::GetAtt': [table, 'Arn'] };
    const index = (name: string) => ({ 'Fn::Join': ['', [tableArn, `/index/${name}`]] });
    const dynamo = (name: string) => statementsOfRole(roleOfFunction(name)).filter((s) => asArray(s.Action).some((a) => a.startsWith('dynamodb:')));
    const secrets = (name: string) =>
      statementsOfRole(roleOfFunction(name))
        .filter((s) => asArray(s.Action).some((a) => a.startsWith('secretsmanager:')))
        .map((s) => [s.Action, s.Resource]);
    const fivetranSecret = { Ref: logicalIdOf('AWS::SecretsManager::Secret', 'FivetranSecret') };
    const webhookSecret = { Ref: logicalIdOf('AWS::SecretsManager::Secret', 'WebhookSecret') };

    expect(dynamo('PrepareRun')).toEqual([]);
    expect(dynamo('SummarizeSyncs')).toEqual([{ Effect: 'Allow', Action: 'dynamodb:Query', Resource: tableArn }]);
    // Records are read and updated on the table, queried on the receiver's own index only.
    expect(dynamo('Reconcile').map((s) => s.Resource)).toEqual([tableArn, index(RUN_TABLE_SCHEMA.globalSecondaryIndexes[1]!.indexName)]);
    expect(dynamo('Webhook').map((s) => s.Resource)).toEqual([tableArn, index(RUN_TABLE_SCHEMA.globalSecondaryIndexes[0]!.indexName)]);
    expect(dynamo('Webhook').map((s) => s.Action)).toEqual([['dynamodb:GetItem', 'dynamodb:UpdateItem'], 'dynamodb:Query']);
    expect(secrets('StartSyncs')).toEqual([['secretsmanager:GetSecretValue', fivetranSecret]]);
    expect(secrets('Reconcile')).toEqual([['secretsmanager:GetSecretValue', fivetranSecret]]);
    expect(secrets('Webhook')).toEqual([['secretsmanager:GetSecretValue', webhookSecret]]);
    for (const name of ['PrepareRun', 'RegisterWaiter', 'SummarizeSyncs']) expect(secrets(name)).toEqual([]);
  });

  it('grants SendTask* to the three completers only', () => {
    const completers = ['PrepareRun', 'StartSyncs', 'RegisterWaiter', 'SummarizeSyncs', 'Reconcile', 'Webhook'].filter((name) =>
      statementsOfRole(roleOfFunction(name)).some((s) => asArray(s.Action).includes('states:SendTaskSuccess')),
    );
    expect(completers).toEqual(['RegisterWaiter', 'Reconcile', 'Webhook']);
  });
});

describe('Lambdas', () => {
  const specs = Object.entries(PIPELINE_LAMBDAS) as [string, LambdaSpec][];

  it('deploys every handler on nodejs24.x, ARM64, with its timeout, memory and own log group', () => {
    expect(ofType('AWS::Lambda::Function')).toHaveLength(specs.length);
    for (const [name, spec] of specs) {
      const id = functionId(name.charAt(0).toUpperCase() + name.slice(1));
      const props = resources[id]!.Properties;
      expect(props).toMatchObject({
        Handler: `index.${spec.handler}`,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: spec.memorySize,
        Description: spec.description,
        LoggingConfig: { LogGroup: { Ref: expect.stringContaining('Logs') } },
      });
      expect(props.Timeout).toBeLessThanOrEqual(spec.timeoutSeconds);
    }
    expect(resources[functionId('StartSyncs')]!.Properties.Timeout).toBeLessThan(900);
    expect(resources[functionId('Webhook')]!.Properties.Timeout).toBeLessThanOrEqual(10);
  });

  it.each(specs)('the entry of %s exports the handler the stack names', async (_, spec) => {
    const mod = (await import(`../../../${spec.entry.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
    expect(typeof mod[spec.handler]).toBe('function');
  });

  it('carries ARNs and names in the environment, never secret values', () => {
    const fivetranSecret = { Ref: logicalIdOf('AWS::SecretsManager::Secret', 'FivetranSecret') };
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: PIPELINE_LAMBDAS.reconcile.description,
      Environment: {
        Variables: {
          RUNS_TABLE_NAME: { Ref: logicalIdOf('AWS::DynamoDB::Table', 'RunsTable') },
          FIVETRAN_SECRET_ARN: fivetranSecret,
          RECONCILE_AFTER_SECONDS: '600',
          POWERTOOLS_SERVICE_NAME: 'reconcile',
        },
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: PIPELINE_LAMBDAS.webhook.description,
      Environment: { Variables: Match.objectLike({ WEBHOOK_SECRET_ARN: { Ref: logicalIdOf('AWS::SecretsManager::Secret', 'WebhookSecret') } }) },
    });
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      for (const [name] of Object.entries(variables)) expect(name).not.toMatch(/API_KEY|API_SECRET|WEBHOOK_SECRET$/);
    }
  });

  it('runs the reconciler every 5 minutes, within its timeout, without retries', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId('Reconcile'), 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } })],
    });
    expect(resources[functionId('Reconcile')]!.Properties.Timeout).toBeLessThan(300);
  });
});

describe('state machine', () => {
  const stateMachine = () => ofType('AWS::StepFunctions::StateMachine')[0]![1].Properties;

  it('is STANDARD, logs ALL without execution data (no inputs or outputs in the logs), and traces with X-Ray', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logicalIdOf('AWS::Logs::LogGroup', 'StateMachineLogs'), 'Arn'] } } }],
      },
      TracingConfiguration: { Enabled: true },
    });
  });

  it('substitutes exactly the keys the definition uses', () => {
    expect(Object.keys(stateMachine().DefinitionSubstitutions as object).sort()).toEqual([...SUBSTITUTION_KEYS].sort());
    expect(stateMachine().DefinitionSubstitutions).toMatchObject({ DbtAssignPublicIp: 'ENABLED', DbtContainerName: 'dbt' });
  });

  it('deploys the shared definition file unchanged, which resolves to resolveDefinition() of the same values and is valid ASL', () => {
    const location = stateMachine().DefinitionS3Location as { Key: string };
    const manifest = JSON.parse(readFileSync(path.join(outdir, `${stack.artifactId}.assets.json`), 'utf8')) as {
      files: Record<string, { source: { path: string }; destinations: Record<string, { objectKey: string }> }>;
    };
    const asset = Object.values(manifest.files).find((f) => Object.values(f.destinations).some((d) => d.objectKey === location.Key));
    const deployed = readFileSync(path.join(outdir, asset!.source.path), 'utf8');
    expect(deployed).toBe(readDefinitionText());

    const substitutions = Object.fromEntries(
      Object.entries(stateMachine().DefinitionSubstitutions as Record<string, unknown>).map(([key, value]) => [key, fake(value)]),
    ) as Substitutions;
    // What Step Functions does with DefinitionSubstitutions: plain text replacement, then parse.
    const resolvedByAws = JSON.parse(deployed.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, key: string) => substitutions[key as keyof Substitutions])) as unknown;
    expect(resolvedByAws).toEqual(resolveDefinition(substitutions));
    expect(substitutions.DbtSubnetIds).toMatch(/^fake-\w+,fake-\w+$/);

    const validation = validateAsl(resolvedByAws);
    expect(validation.errorsText('\n')).toBe('');
    expect(validation.isValid).toBe(true);
  });

  it('alarms on failed executions', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/States',
      MetricName: 'ExecutionsFailed',
      Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: logicalIdOf('AWS::StepFunctions::StateMachine', 'StateMachine') } }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });
});

describe('run records table', () => {
  it('is on-demand with TTL on expiresAt, point-in-time recovery and the shared indexes', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      // The same keys and indexes the store's tests create in dynalite.
      KeySchema: createTableInput('runs').KeySchema,
      GlobalSecondaryIndexes: createTableInput('runs').GlobalSecondaryIndexes,
    });
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('webhook API', () => {
  it('routes POST /webhook to the webhook Lambda (payload 2.0)', () => {
    const integration = logicalIdOf('AWS::ApiGatewayV2::Integration', 'Webhook');
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'POST /webhook',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: integration }]] },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [functionId('Webhook'), 'Arn'] },
      PayloadFormatVersion: '2.0',
    });
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
  });

  it('gives SummarizeSyncs the metric namespace of the run figures it emits', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^SummarizeSyncs'),
      Environment: { Variables: Match.objectLike({ METRIC_NAMESPACE: 'FivetranDbtOrchestrator/FivetranDbt' }) },
    });
  });

  it('alarms when the reconciler completes waits, which a working webhook leaves it none of', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Reconciler'),
      Environment: { Variables: Match.objectLike({ METRIC_NAMESPACE: 'FivetranDbtOrchestrator/FivetranDbt' }) },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'FivetranDbtOrchestrator/FivetranDbt',
      MetricName: 'CompletedByReconciler',
      Statistic: 'Sum',
      Period: 3600,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('throttles the default stage and writes JSON access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [logicalIdOf('AWS::Logs::LogGroup', 'WebhookApiAccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
    });
  });

  it('counts refused signatures from the webhook logs and alarms on them', () => {
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: logicalIdOf('AWS::Logs::LogGroup', 'WebhookLogs') },
      FilterPattern: '{ $.signature = "invalid" }',
      MetricTransformations: [{ MetricNamespace: 'FivetranDbtOrchestrator/FivetranDbt', MetricName: 'WebhookSignatureFailures', MetricValue: '1' }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'FivetranDbtOrchestrator/FivetranDbt',
      MetricName: 'WebhookSignatureFailures',
      Threshold: 1,
    });
  });
});

describe('dbt on ECS Fargate', () => {
  it('runs the image from the stack repository, tag from the DbtImageTag parameter, logging to CloudWatch', () => {
    const repository = logicalIdOf('AWS::ECR::Repository', 'DbtRepository');
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: '1024',
      Memory: '2048',
      RequiresCompatibilities: ['FARGATE'],
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
      ContainerDefinitions: [
        Match.objectLike({
          Name: 'dbt',
          Essential: true,
          StopTimeout: 60,
          Image: { 'Fn::Join': ['', Match.arrayWith([{ Ref: repository }, ':', { Ref: 'DbtImageTag' }])] },
          // METRIC_NAMESPACE: the entrypoint prints the run's dbt figures as an embedded-metric line in it.
          Environment: [
            { Name: 'ARTIFACTS_BUCKET', Value: { Ref: logicalIdOf('AWS::S3::Bucket', 'ArtifactsBucket') } },
            { Name: 'METRIC_NAMESPACE', Value: 'FivetranDbtOrchestrator/FivetranDbt' },
          ],
          LogConfiguration: Match.objectLike({ LogDriver: 'awslogs' }),
        }),
      ],
    });
    template.hasParameter('DbtImageTag', { Type: 'String', Default: 'latest' });
    template.hasResourceProperties('AWS::ECR::Repository', {
      ImageScanningConfiguration: { ScanOnPush: true },
      LifecyclePolicy: { LifecyclePolicyText: Match.stringLikeRegexp('untagged') },
    });
    // Only untagged images expire: no rule can remove the tag the task definition names.
    const rules = JSON.parse((ofType('AWS::ECR::Repository')[0]![1].Properties.LifecyclePolicy as { LifecyclePolicyText: string }).LifecyclePolicyText) as { rules: { selection: { tagStatus: string } }[] };
    expect(rules.rules.map((r) => r.selection.tagStatus)).toEqual(['untagged']);
    template.hasResourceProperties('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] });
  });

  it('gives dbt the warehouse secret as one ECS secret, readable by the execution role alone, never its value', () => {
    const secret = logicalIdOf('AWS::SecretsManager::Secret', 'WarehouseSecret');
    // The stack creates it holding an empty object, with a description saying how to fill it.
    expect(resources[secret]!.Properties).toMatchObject({
      Description: expect.stringContaining('one JSON object of environment variables for dbt'),
      SecretString: '{}',
    });
    const [[, definition]] = ofType('AWS::ECS::TaskDefinition') as [[string, Resource]];
    const [container] = definition.Properties.ContainerDefinitions as { Secrets: unknown[] }[];
    expect(container!.Secrets).toEqual([{ Name: 'DBT_WAREHOUSE_CREDENTIALS', ValueFrom: { Ref: secret } }]);
    const readers = policyStatements()
      .filter(({ statement }) => JSON.stringify(statement.Resource).includes(`"${secret}"`))
      .map(({ policy, statement }) => ({ roles: resources[policy]!.Properties.Roles, actions: statement.Action }));
    const executionRole = (definition.Properties.ExecutionRoleArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    expect(readers).toEqual([{ roles: [{ Ref: executionRole }], actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'] }]);
    expect(template.toJSON().Outputs.WarehouseSecretArn.Value).toEqual({ Ref: secret });
  });

  it('keeps artifacts in an encrypted, private, SSL-only bucket with a lifecycle', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Prefix: 'runs/', ExpirationInDays: 90 })]) },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});

describe('dashboard', () => {
  type Widget = { type: string; properties: { title?: string; metrics?: unknown[][]; alarms?: string[] } };
  let widgets: Widget[];

  beforeAll(() => {
    const [[, dashboard]] = ofType('AWS::CloudWatch::Dashboard') as [[string, Resource]];
    widgets = (JSON.parse(fake(dashboard.Properties.DashboardBody)) as { widgets: Widget[] }).widgets;
  });

  /** The metrics a graph shows, as `namespace/name` (a metric row is [namespace, name, dimension name, value, ..., options]). */
  const graphed = (title: string): string[] => {
    const widget = widgets.find((w) => w.properties.title === title);
    if (!widget) throw new Error(`No widget "${title}" in ${widgets.map((w) => w.properties.title).join(', ')}`);
    return (widget.properties.metrics ?? []).filter((row) => typeof row[0] === 'string' && typeof row[1] === 'string').map((row) => `${row[0] as string}/${row[1] as string}`);
  };
  const ours = (name: string) => `FivetranDbtOrchestrator/FivetranDbt/${name}`;

  it('is one dashboard, with the three alarms at the top (and still exactly three alarms)', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    expect(widgets[0]).toMatchObject({ type: 'alarm', properties: { title: 'Alarms' } });
    expect(widgets[0]!.properties.alarms).toHaveLength(3);
  });

  it('shows executions started, succeeded and failed, and how long runs, the slowest sync and dbt take', () => {
    expect(graphed('Runs')).toEqual(
      expect.arrayContaining(['AWS/States/ExecutionsStarted', 'AWS/States/ExecutionsSucceeded', 'AWS/States/ExecutionsFailed', 'AWS/States/ExecutionsTimedOut', 'AWS/States/ExecutionsAborted']),
    );
    expect(graphed('Run duration')).toEqual(['AWS/States/ExecutionTime', ours('SlowestSyncSeconds'), ours('DbtDurationSeconds')]);
  });

  it('shows the stale connections and failed dbt nodes the runs emit', () => {
    expect(graphed('Stale data and dbt failures')).toEqual([ours('StaleConnections'), ours('DbtFailedNodes')]);
  });

  it('compares waits completed by the webhook with those the reconciler had to complete, counting the webhook\'s from its delivery lines', () => {
    expect(graphed('Waits completed by')).toEqual([ours('CompletedByWebhook'), ours('CompletedByReconciler')]);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: logicalIdOf('AWS::Logs::LogGroup', 'WebhookLogs') },
      FilterPattern: '{ ($.message = "delivery") && ($.outcome = "completed") }',
      MetricTransformations: [{ MetricNamespace: 'FivetranDbtOrchestrator/FivetranDbt', MetricName: 'CompletedByWebhook', MetricValue: '1' }],
    });
  });

  it('shows the webhook API\'s 4xx and 5xx answers and every Lambda\'s errors', () => {
    expect(graphed('Webhook answers')).toEqual(['AWS/ApiGateway/4xx', 'AWS/ApiGateway/5xx']);
    expect(graphed('Lambda errors')).toEqual(Object.keys(PIPELINE_LAMBDAS).map(() => 'AWS/Lambda/Errors'));
  });
});

describe('stack-wide', () => {
  it('keeps every log group for a month', () => {
    const groups = ofType('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(10);
    for (const [, group] of groups) expect(group.Properties.RetentionInDays).toBe(30);
  });

  it('outputs what people and the Action need', () => {
    expect(Object.keys(template.toJSON().Outputs as object).sort()).toEqual(Object.values(StackOutputs).sort());
    const url = fake(template.toJSON().Outputs.WebhookUrl.Value);
    expect(url).toBe(`https://fake-${logicalIdOf('AWS::ApiGatewayV2::Api', 'WebhookApi')}.execute-api.eu-west-1.amazonaws.com/webhook`);
  });

  it('names every log group in an output: dbt, the state machine and each Lambda', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const ref = (pathPart: string) => ({ Ref: logicalIdOf('AWS::Logs::LogGroup', pathPart) });
    expect(outputs[StackOutputs.dbtLogGroup]!.Value).toEqual(ref('DbtLogs'));
    expect(outputs[StackOutputs.stateMachineLogGroup]!.Value).toEqual(ref('StateMachineLogs'));
    expect(Object.keys(LAMBDA_LOG_GROUP_OUTPUTS).sort()).toEqual(Object.keys(PIPELINE_LAMBDAS).sort());
    for (const [name, output] of Object.entries(LAMBDA_LOG_GROUP_OUTPUTS)) {
      const id = name.charAt(0).toUpperCase() + name.slice(1);
      expect(outputs[output]!.Value).toEqual(ref(`${id}Logs`));
    }
  });

  it('is environment-agnostic: no account, region or availability zone baked in', () => {
    const text = JSON.stringify(template.toJSON());
    expect(text.match(/(?<![0-9A-Za-z])\d{12}(?![0-9A-Za-z])/g)).toBeNull();
    expect(text.match(/\b(us|eu|ap|sa|ca|me|af)-(east|west|north|south|central|northeast|southeast)-\d\b/g)).toBeNull();
    expect(stack.resolve(stack.account)).toEqual({ Ref: 'AWS::AccountId' });
  });

  it('has no unacknowledged cdk-nag AwsSolutions finding', () => {
    const { violations } = new AwsSolutionsChecks(stack.node.root).validateScope(stack);
    expect(violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});
