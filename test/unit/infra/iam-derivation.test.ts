/**
 * Each state machine role (production's and CI's) grants exactly what its definition's service integrations need, as AWS
 * documents them, scoped to the resources the definition names: checked on the assembly that is
 * deployed (dist/stack, itself checked against the sources by synth-assembly.test.ts).
 */
import { readSynthesizedMachine } from '../../../src/simulator/aws/stack-assembly.js';
import { checkStateMachineRole, grantedTo, roleOfStateMachine, stateMachineIds, type TemplateJson } from '../../support/iam-derivation.js';
import { readFileSync } from 'node:fs';
import { DEFAULT_ASSEMBLY_DIR } from '../../../scripts/synth-assembly.js';
import * as path from 'node:path';

const template = (): TemplateJson => JSON.parse(readFileSync(path.join(DEFAULT_ASSEMBLY_DIR, 'FivetranDbt.template.json'), 'utf8')) as TemplateJson;
const definitionText = readSynthesizedMachine().text;

/** A copy of the template without the statements granting `action`. */
function without(action: string): TemplateJson {
  const copy = template();
  for (const resource of Object.values(copy.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const document = resource.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] };
    document.Statement = document.Statement.filter((s) => ![s.Action].flat().includes(action));
  }
  return copy;
}

/** The state machine whose logical id starts with `Pipeline<name>` (its construct path). */
const machine = (name: 'StateMachine' | 'CiStateMachine'): string => {
  const found = stateMachineIds(template()).filter((id) => new RegExp(`^Pipeline${name}[0-9A-F]{8}$`).test(id));
  if (found.length !== 1) throw new Error(`Expected one ${name}, found ${found.length}`);
  return found[0]!;
};
const familyOf = (machineId: string) => (template().Resources[machineId]!.Properties.DefinitionSubstitutions as Record<string, string>).DbtTaskDefinitionFamily!;

describe('the state machine roles, derived from the definition', () => {
  it('deploys two state machines of the same definition: production and CI', () => {
    expect(stateMachineIds(template()).sort()).toEqual([machine('CiStateMachine'), machine('StateMachine')].sort());
  });

  it.each(['StateMachine', 'CiStateMachine'] as const)('%s: grants exactly what every Task state needs, no more', (name) => {
    expect(checkStateMachineRole(template(), definitionText, machine(name))).toEqual({ missing: [], extra: [] });
  });

  it('lets each role run and pass roles to its own dbt task definition family only', () => {
    const production = familyOf(machine('StateMachine'));
    const ci = familyOf(machine('CiStateMachine'));
    expect(ci).toBe(`${production}-ci`);
    const runTask = (name: 'StateMachine' | 'CiStateMachine') =>
      grantedTo(template(), roleOfStateMachine(template(), machine(name)))
        .filter((p) => p.startsWith('ecs:RunTask'))
        .map((p) => p.replace(/ if .*/, ''));
    expect(runTask('StateMachine')).toEqual([`ecs:RunTask on arn:aws:ecs:eu-west-1:123456789012:task-definition/${production}:*`]);
    expect(runTask('CiStateMachine')).toEqual([`ecs:RunTask on arn:aws:ecs:eu-west-1:123456789012:task-definition/${ci}:*`]);
    const passed = (name: 'StateMachine' | 'CiStateMachine') =>
      grantedTo(template(), roleOfStateMachine(template(), machine(name)))
        .filter((p) => p.startsWith('iam:PassRole'))
        .map((p) => p.replace(/^iam:PassRole on fake-(\w+)\.Arn if .*$/, '$1'));
    expect(passed('StateMachine')).toEqual([expect.stringMatching(/^PipelineDbtTaskDefinitionTaskRole/), expect.stringMatching(/^PipelineDbtTaskDefinitionExecutionRole/)]);
    expect(passed('CiStateMachine')).toEqual([expect.stringMatching(/^PipelineCiDbtTaskDefinitionTaskRole/), expect.stringMatching(/^PipelineCiDbtTaskDefinitionExecutionRole/)]);
  });

  it('reports a CI role that may also run the production family as extra', () => {
    const copy = template();
    const ciRole = roleOfStateMachine(copy, machine('CiStateMachine'));
    const policy = Object.values(copy.Resources).find((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === ciRole))!;
    const production = `arn:aws:ecs:eu-west-1:123456789012:task-definition/${familyOf(machine('StateMachine'))}:*`;
    (policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement.push({ Effect: 'Allow', Action: 'ecs:RunTask', Resource: production });
    expect(checkStateMachineRole(copy, definitionText, machine('CiStateMachine')).extra).toEqual([`ecs:RunTask on ${production}`]);
  });

  it('lets RunDbt tag the task it creates (PropagateTags), only through RunTask', () => {
    const machineRole = Object.entries(template().Resources).find(([id, r]) => r.Type === 'AWS::IAM::Role' && id.includes('StateMachineRole'))![0];
    expect(grantedTo(template(), machineRole).filter((p) => p.startsWith('ecs:TagResource'))).toEqual([
      expect.stringMatching(/^ecs:TagResource on arn:aws:ecs:eu-west-1:123456789012:task\/fake-\w+\/\* if \{"StringEquals":\{"ecs:CreateAction":"RunTask"\}\}$/),
    ]);
  });

  it('grants RunTask on the task definition family, so a deploy leaves runs in flight able to start dbt', () => {
    expect(definitionText).toContain('"TaskDefinition": "${DbtTaskDefinitionFamily}"');
    expect(checkStateMachineRole(without('ecs:RunTask'), definitionText).missing).toEqual([
      expect.stringMatching(/^ecs:RunTask on arn:aws:ecs:eu-west-1:123456789012:task-definition\/\w+:\* if /),
    ]);
  });

  it.each(['ecs:TagResource', 'lambda:InvokeFunction', 'iam:PassRole', 'events:PutRule'])('reports a removed %s grant as missing', (action) => {
    const { missing } = checkStateMachineRole(without(action), definitionText);
    expect(missing).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${action} on `))]));
  });

  it('reports a grant the definition does not need as extra', () => {
    const copy = template();
    const policy = Object.values(copy.Resources).find((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties).includes('ecs:RunTask'))!;
    (policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement.push({ Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*' });
    expect(checkStateMachineRole(copy, definitionText).extra).toEqual(['ecs:RunTask on *']);
  });
});
