/**
 * The synthesized stack (a CDK cloud assembly: `<stack>.template.json` and its assets) as the local
 * AWS deploys it: the state machine's definition with its substitutions resolved, the stack's
 * outputs and the Lambdas' environment. CloudFormation values (`Ref`, `Fn::GetAtt`, `Fn::Join`, ...)
 * resolve to stable made-up physical names and ARNs in account 000000000000, us-east-1.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDefinition, SUBSTITUTION_KEYS, type Substitutions } from '../../core/pipeline/definition.js';
import { StackOutputs } from '../../core/stack-contract.js';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT_ID = '000000000000';

/** The assembly the repository ships (`npm run bundle` writes it). */
export const DEFAULT_ASSEMBLY_DIR = fileURLToPath(new URL('../../../dist/stack', import.meta.url));

type Resource = { Type: string; Properties?: Record<string, unknown> };
export type Template = {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown; Description?: string }>;
  Parameters?: Record<string, { Default?: unknown }>;
};

/** The stack's template file in `assemblyDir` (the one holding a state machine when there are several). */
export function readTemplate(assemblyDir: string = DEFAULT_ASSEMBLY_DIR): { stackName: string; template: Template } {
  if (!existsSync(assemblyDir)) throw new Error(`No cloud assembly at ${assemblyDir}: run \`npm run bundle\` first.`);
  const files = readdirSync(assemblyDir).filter((f) => f.endsWith('.template.json'));
  for (const file of files) {
    const template = JSON.parse(readFileSync(join(assemblyDir, file), 'utf8')) as Template;
    if (Object.values(template.Resources ?? {}).some((r) => r.Type === 'AWS::StepFunctions::StateMachine')) {
      return { stackName: file.slice(0, -'.template.json'.length), template };
    }
  }
  throw new Error(`No template with a state machine in ${assemblyDir}: run \`npm run bundle\` first.`);
}

type SynthesizedMachine = { logicalId: string; text: string; substitutions: Record<string, unknown> };

/** Every state machine of the synthesized template: its definition text and its substitutions as CloudFormation values. */
function synthesizedMachines(template: Template, assemblyDir: string): SynthesizedMachine[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine')
    .map(([logicalId, machine]) => {
      const properties = machine.Properties ?? {};
      const location = properties.DefinitionS3Location as { Key: string } | undefined;
      const text = location ? readFileSync(join(assemblyDir, `asset.${location.Key}`), 'utf8') : String(properties.DefinitionString);
      return { logicalId, text, substitutions: (properties.DefinitionSubstitutions ?? {}) as Record<string, unknown> };
    });
}

/** The production state machine of the synthesized template (the CI one runs the same definition). */
export function readSynthesizedMachine(assemblyDir: string = DEFAULT_ASSEMBLY_DIR): SynthesizedMachine {
  const machines = synthesizedMachines(readTemplate(assemblyDir).template, assemblyDir);
  return machines.find((m) => m.substitutions.RunKind !== 'ci') ?? (machines[0] as SynthesizedMachine);
}

/** CDK's logical ids end in an 8-hex hash and start with the construct path: `PipelineRunsTable8C1DF296` → `RunsTable`. */
function shortName(logicalId: string): string {
  return logicalId.replace(/[0-9A-F]{8}$/, '').replace(/^Pipeline(?=[A-Z])/, '') || logicalId;
}

const kebab = (text: string): string => text.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const hex = (text: string, length: number): string => createHash('sha256').update(text).digest('hex').slice(0, length);

/** Resolves CloudFormation values of one template to made-up but stable physical names. */
export class FakeResolver {
  constructor(
    private readonly stackName: string,
    private readonly template: Template,
  ) {}

  /** The physical id `Ref` gives for a resource. */
  ref(logicalId: string): string {
    const pseudo: Record<string, string> = {
      'AWS::Region': LOCAL_REGION,
      'AWS::AccountId': LOCAL_ACCOUNT_ID,
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::Partition': 'aws',
      'AWS::StackName': this.stackName,
    };
    if (pseudo[logicalId]) return pseudo[logicalId];
    const parameter = this.template.Parameters?.[logicalId];
    if (parameter) return String(parameter.Default ?? 'latest');
    const type = this.template.Resources[logicalId]?.Type ?? '';
    const short = shortName(logicalId);
    const prefix = `${this.stackName}-${short}`;
    switch (type) {
      case 'AWS::Lambda::Function':
        return logicalId;
      case 'AWS::S3::Bucket':
        return `${this.stackName.toLowerCase()}-${kebab(short.replace(/Bucket$/, ''))}`;
      case 'AWS::Logs::LogGroup':
        return `/${kebab(this.stackName)}/${kebab(short.replace(/Logs$/, ''))}`;
      case 'AWS::SecretsManager::Secret':
        return `arn:aws:secretsmanager:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:secret:${short}-${hex(logicalId, 6)}`;
      case 'AWS::ECR::Repository':
        return `${this.stackName.toLowerCase()}-${kebab(short)}`;
      case 'AWS::ECS::TaskDefinition':
        return `arn:aws:ecs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:task-definition/${this.stackName}${short}:1`;
      case 'AWS::StepFunctions::StateMachine':
        return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:stateMachine:${String(this.template.Resources[logicalId]?.Properties?.StateMachineName ?? prefix)}`;
      case 'AWS::EC2::Subnet':
        return `subnet-${hex(logicalId, 17)}`;
      case 'AWS::EC2::SecurityGroup':
        return `sg-${hex(logicalId, 17)}`;
      case 'AWS::EC2::VPC':
        return `vpc-${hex(logicalId, 17)}`;
      case 'AWS::ApiGatewayV2::Api':
        return hex(logicalId, 10);
      default:
        return prefix;
    }
  }

  /** What `Fn::GetAtt` gives: ARNs for `Arn`, the id for `GroupId`. */
  getAtt(logicalId: string, attribute: string): string {
    const type = this.template.Resources[logicalId]?.Type ?? '';
    const ref = this.ref(logicalId);
    if (attribute !== 'Arn') return ref;
    const arn = (service: string, resource: string) => `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${resource}`;
    switch (type) {
      case 'AWS::Lambda::Function':
        return arn('lambda', `function:${ref}`);
      case 'AWS::ECS::Cluster':
        return arn('ecs', `cluster/${ref}`);
      case 'AWS::DynamoDB::Table':
        return arn('dynamodb', `table/${ref}`);
      case 'AWS::Logs::LogGroup':
        return arn('logs', `log-group:${ref}:*`);
      case 'AWS::ECR::Repository':
        return arn('ecr', `repository/${ref}`);
      case 'AWS::IAM::Role':
        return `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${ref}`;
      case 'AWS::S3::Bucket':
        return `arn:aws:s3:::${ref}`;
      default:
        return ref.startsWith('arn:') ? ref : arn(type.split('::')[1]?.toLowerCase() ?? 'local', ref);
    }
  }

  /** A CloudFormation value as a string (lists joined with commas, as a `CommaDelimitedList` would be). */
  resolve(value: unknown): string {
    const resolved = this.value(value);
    return Array.isArray(resolved) ? resolved.join(',') : String(resolved);
  }

  private value(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => this.value(v));
    const [fn, arg] = Object.entries(value as Record<string, unknown>)[0] ?? [];
    switch (fn) {
      case 'Ref':
        return this.ref(String(arg));
      case 'Fn::GetAtt': {
        const [id, attribute] = Array.isArray(arg) ? arg : String(arg).split('.');
        return this.getAtt(String(id), String(attribute));
      }
      case 'Fn::Join': {
        const [separator, parts] = arg as [string, unknown[]];
        return (this.value(parts) as unknown[]).join(separator);
      }
      case 'Fn::Select': {
        const [index, list] = arg as [number, unknown];
        return (this.value(list) as unknown[])[Number(index)];
      }
      case 'Fn::Split': {
        const [separator, text] = arg as [string, unknown];
        return String(this.value(text)).split(separator);
      }
      case 'Fn::Sub': {
        const text = Array.isArray(arg) ? String(arg[0]) : String(arg);
        const vars = Array.isArray(arg) ? ((arg[1] ?? {}) as Record<string, unknown>) : {};
        return text.replace(/\$\{([^}]+)\}/g, (_, name: string) =>
          name in vars ? String(this.value(vars[name])) : name.includes('.') ? this.getAtt(...(name.split('.') as [string, string])) : this.ref(name),
        );
      }
      default:
        return JSON.stringify(value);
    }
  }
}

/** The deployed definition: the template's definition asset with its substitutions resolved to stand-in values. */
export function synthesizedDefinition(assemblyDir: string = DEFAULT_ASSEMBLY_DIR): Record<string, unknown> {
  const { stackName, template } = readTemplate(assemblyDir);
  const { text, substitutions } = readSynthesizedMachine(assemblyDir);
  const resolver = new FakeResolver(stackName, template);
  const resolved = Object.fromEntries(SUBSTITUTION_KEYS.map((key) => [key, resolver.resolve(substitutions[key])])) as Substitutions;
  return resolveDefinition(resolved, text);
}

/** One state machine of the stack, resolved. */
export type LocalMachine = {
  arn: string;
  name: string;
  /** The definition as synthesized, placeholders and all. */
  text: string;
  definition: Record<string, unknown>;
  substitutions: Substitutions;
  tags: Record<string, string>;
};

/** Everything the local AWS needs to know about the stack. */
export type LocalStack = {
  stackName: string;
  /** Every state machine: production's first, then the CI one. */
  machines: LocalMachine[];
  stateMachineArn: string;
  stateMachineName: string;
  definitionText: string;
  definition: Record<string, unknown>;
  substitutions: Substitutions;
  /** By the names of `StackOutputs` (WebhookUrl is filled in by the caller, who knows the loopback URL). */
  outputs: Record<string, string>;
  tags: Record<string, string>;
  /** Each Lambda's environment variables as the template sets them, by logical id. */
  lambdaEnvironments: Record<string, Record<string, string>>;
  /** Of the dbt task definition's container: its name and awslogs settings. */
  dbt: { clusterArn: string; containerName: string; logGroup: string; streamPrefix: string };
};

function findByType(template: Template, type: string): [string, Resource] | undefined {
  return Object.entries(template.Resources).find(([, r]) => r.Type === type);
}

/** Reads the assembly and resolves every value the local AWS serves. */
export function readLocalStack(assemblyDir: string = DEFAULT_ASSEMBLY_DIR): LocalStack {
  const { stackName, template } = readTemplate(assemblyDir);
  const resolver = new FakeResolver(stackName, template);
  const machines = synthesizedMachines(template, assemblyDir)
    .map((machine): LocalMachine => {
      const resolved = Object.fromEntries(SUBSTITUTION_KEYS.map((key) => [key, resolver.resolve(machine.substitutions[key])])) as Substitutions;
      const arn = resolver.ref(machine.logicalId);
      const machineTags = ((template.Resources[machine.logicalId]?.Properties?.Tags ?? []) as { Key: string; Value: unknown }[]).map((t) => [t.Key, resolver.resolve(t.Value)]);
      return {
        arn,
        name: arn.split(':').pop() as string,
        text: machine.text,
        definition: resolveDefinition(resolved, machine.text),
        substitutions: resolved,
        tags: { ...Object.fromEntries(machineTags), 'aws:cloudformation:stack-name': stackName, 'aws:cloudformation:logical-id': machine.logicalId },
      };
    })
    .sort((a, b) => Number(a.substitutions.RunKind === 'ci') - Number(b.substitutions.RunKind === 'ci'));
  const production = machines[0];
  if (!production) throw new Error(`No state machine in the template of ${stackName}.`);
  const { substitutions, arn: stateMachineArn } = production;

  const outputs: Record<string, string> = {};
  for (const [name, output] of Object.entries(template.Outputs ?? {})) outputs[name] = resolver.resolve(output.Value);
  // Outputs a newer or older template may lack, derived from its resources so callers find them all.
  const taskDefinition = findByType(template, 'AWS::ECS::TaskDefinition')?.[1];
  const container = ((taskDefinition?.Properties?.ContainerDefinitions ?? []) as Record<string, unknown>[])[0] ?? {};
  const logOptions = ((container.LogConfiguration as { Options?: Record<string, unknown> } | undefined)?.Options ?? {}) as Record<string, unknown>;
  const cluster = findByType(template, 'AWS::ECS::Cluster');
  const fallback: Record<string, string | undefined> = {
    [StackOutputs.stateMachineArn]: stateMachineArn,
    [StackOutputs.dbtClusterArn]: cluster ? resolver.getAtt(cluster[0], 'Arn') : substitutions.DbtClusterArn,
    [StackOutputs.dbtLogGroup]: logOptions['awslogs-group'] ? resolver.resolve(logOptions['awslogs-group']) : `/${kebab(stackName)}/dbt`,
    [StackOutputs.tableName]: ref(template, resolver, 'AWS::DynamoDB::Table'),
    [StackOutputs.artifactsBucket]: ref(template, resolver, 'AWS::S3::Bucket'),
    [StackOutputs.repositoryUri]: undefined,
  };
  for (const [name, value] of Object.entries(fallback)) if (value !== undefined) outputs[name] ??= value;

  const lambdaEnvironments: Record<string, Record<string, string>> = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const variables = ((resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
    lambdaEnvironments[id] = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, resolver.resolve(v)]));
  }

  return {
    stackName,
    machines,
    stateMachineArn,
    stateMachineName: production.name,
    definitionText: production.text,
    definition: production.definition,
    substitutions,
    outputs,
    tags: production.tags,
    lambdaEnvironments,
    dbt: {
      clusterArn: substitutions.DbtClusterArn,
      containerName: substitutions.DbtContainerName,
      logGroup: outputs[StackOutputs.dbtLogGroup] as string,
      streamPrefix: logOptions['awslogs-stream-prefix'] ? resolver.resolve(logOptions['awslogs-stream-prefix']) : 'dbt',
    },
  };
}

function ref(template: Template, resolver: FakeResolver, type: string): string | undefined {
  const found = findByType(template, type);
  return found ? resolver.ref(found[0]) : undefined;
}
