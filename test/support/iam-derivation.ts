/**
 * The IAM a state machine needs, derived from its definition the way the Step Functions developer
 * guide documents each service integration ("IAM policies for calling ..."), and compared with
 * what the template grants its role. Both sides become `action on resource [condition]` strings
 * with CloudFormation intrinsics resolved to recognisable fakes, so the comparison is exact:
 * a grant the definition does not need is as much a finding as a missing one.
 */

type Resource = { Type: string; Properties: Record<string, unknown> };
export type TemplateJson = { Resources: Record<string, Resource> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
type State = Record<string, unknown> & { Type?: string; ItemProcessor?: { States: Record<string, State> }; Iterator?: { States: Record<string, State> } };

const PSEUDO: Record<string, string> = { 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '123456789012', 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' };
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** CloudFormation intrinsics as fake strings (`fake-<LogicalId>`, `fake-<LogicalId>.<Attr>`), pseudo parameters as fixed values. */
export function fake(value: unknown): string {
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

const fakeDeep = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(fakeDeep);
  const node = value as Record<string, unknown>;
  if ('Ref' in node || 'Fn::GetAtt' in node || 'Fn::Join' in node) return fake(node);
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fakeDeep(v)]));
};

const permission = (action: string, resource: string, condition?: unknown) => `${action} on ${resource}${condition ? ` if ${JSON.stringify(fakeDeep(condition))}` : ''}`;

/** Every Task state of a definition, Map iterations included. */
export function taskStates(states: Record<string, State>): [string, State][] {
  return Object.entries(states).flatMap(([name, state]) => {
    const inner = state.ItemProcessor?.States ?? state.Iterator?.States;
    return [...(state.Type === 'Task' ? [[name, state] as [string, State]] : []), ...(inner ? taskStates(inner) : [])];
  });
}

const arn = (service: string, resource: string) => `arn:aws:${service}:eu-west-1:123456789012:${resource}`;

/** What one Task state needs, per the service integration it calls. Unknown integrations throw, so a new one cannot go unchecked. */
function requiredFor(name: string, state: State, template: TemplateJson): string[] {
  const resource = String(state.Resource);
  const parameters = (state.Parameters ?? {}) as Record<string, unknown>;
  if (/^arn:aws:states:::lambda:invoke(\.waitForTaskToken)?$/.test(resource)) {
    return [permission('lambda:InvokeFunction', String(parameters.FunctionName))];
  }
  if (resource === 'arn:aws:states:::ecs:runTask.sync') {
    const cluster = String(parameters.Cluster);
    const family = String(parameters.TaskDefinition).replace(/:\d+$/, '');
    const definition = Object.values(template.Resources).find((r) => r.Type === 'AWS::ECS::TaskDefinition' && r.Properties.Family === family);
    if (!definition) throw new Error(`${name}: no task definition of family ${family} in the template`);
    const clusterName = fake({ Ref: cluster.replace(/^fake-/, '').replace(/\.Arn$/, '') });
    const tasks = arn('ecs', `task/${clusterName}/*`);
    const tagsPropagate = parameters.PropagateTags !== undefined || parameters.Tags !== undefined;
    return [
      permission('ecs:RunTask', arn('ecs', `task-definition/${family}:*`), { ArnEquals: { 'ecs:cluster': cluster } }),
      permission('ecs:StopTask', tasks),
      permission('ecs:DescribeTasks', tasks),
      ...(tagsPropagate ? [permission('ecs:TagResource', tasks, { StringEquals: { 'ecs:CreateAction': 'RunTask' } })] : []),
      ...['events:PutTargets', 'events:PutRule', 'events:DescribeRule'].map((a) => permission(a, arn('events', 'rule/StepFunctionsGetEventsForECSTaskRule'))),
      ...[definition.Properties.TaskRoleArn, definition.Properties.ExecutionRoleArn].map((role) =>
        permission('iam:PassRole', fake(role), { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } }),
      ),
    ];
  }
  throw new Error(`${name}: no documented IAM for the integration ${resource}`);
}

/** What the machine's logging and tracing configuration need (Step Functions developer guide, "IAM policies for logging/X-Ray"). */
function requiredForObservability(machine: Resource): string[] {
  const logging = machine.Properties.LoggingConfiguration ? ['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'] : [];
  const tracing = (machine.Properties.TracingConfiguration as { Enabled?: boolean } | undefined)?.Enabled ? ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'] : [];
  return [...logging, ...tracing].map((a) => permission(a, '*'));
}

/** Substitutes the template's DefinitionSubstitutions (as fakes) into the definition text. */
export function resolvedDefinition(text: string, substitutions: Record<string, unknown>): { States: Record<string, State> } {
  return JSON.parse(text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, key: string) => JSON.stringify(fake(substitutions[key])).slice(1, -1))) as { States: Record<string, State> };
}

/** What the template's policies grant `roleId`, as permission strings (Allow statements only). */
export function grantedTo(template: TemplateJson, roleId: string): string[] {
  const statements = Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === roleId))
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  return statements
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) => asArray(s.Action).flatMap((action) => asArray(s.Resource).map((resource) => permission(action, fake(resource), s.Condition))));
}

export type RoleFindings = { missing: string[]; extra: string[] };

/** The logical ids of every state machine in the template (production's and CI's). */
export function stateMachineIds(template: TemplateJson): string[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine')
    .map(([id]) => id);
}

/** The logical id of a state machine's role. */
export function roleOfStateMachine(template: TemplateJson, machineId: string): string {
  const machine = template.Resources[machineId];
  if (!machine) throw new Error(`The template has no state machine ${machineId}.`);
  return (machine.Properties.RoleArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
}

/**
 * Compares a state machine role's grants with what its definition needs. `definitionText` is the
 * deployed definition (with `${...}` placeholders); the machine's own substitutions fill them.
 * `machineId` picks the state machine; by default the template's first.
 */
export function checkStateMachineRole(template: TemplateJson, definitionText: string, machineId: string | undefined = stateMachineIds(template)[0]): RoleFindings {
  const machine = machineId ? template.Resources[machineId] : undefined;
  if (!machineId || !machine) throw new Error('The template has no state machine.');
  const roleId = roleOfStateMachine(template, machineId);
  const definition = resolvedDefinition(definitionText, (machine.Properties.DefinitionSubstitutions ?? {}) as Record<string, unknown>);
  const required = new Set([...taskStates(definition.States).flatMap(([name, state]) => requiredFor(name, state, template)), ...requiredForObservability(machine)]);
  const granted = new Set(grantedTo(template, roleId));
  return { missing: [...required].filter((p) => !granted.has(p)).sort(), extra: [...granted].filter((p) => !required.has(p)).sort() };
}
