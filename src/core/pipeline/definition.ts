/**
 * The pipeline's one definition (pipeline.asl.json) and its substitutions. The CDK stack passes
 * the same file to `DefinitionBody.fromFile` with real ARNs; the local engine resolves it with
 * placeholders, since its task handlers are chosen by state name.
 */
import { readFileSync } from 'node:fs';
import { assetPath } from '../asset-path.js';

/** Absolute path of the ASL file. */
export const DEFINITION_PATH = assetPath(new URL('./pipeline.asl.json', import.meta.url));

/** Every `${Name}` the definition uses. */
export const SUBSTITUTION_KEYS = [
  'PrepareRunFunctionArn',
  'StartSyncsFunctionArn',
  'RegisterWaiterFunctionArn',
  'SummarizeSyncsFunctionArn',
  'DbtClusterArn',
  'DbtTaskDefinitionFamily',
  'DbtSubnetIds',
  'DbtSecurityGroupIds',
  'DbtAssignPublicIp',
  'DbtContainerName',
  'RunKind',
] as const;

export type SubstitutionKey = (typeof SUBSTITUTION_KEYS)[number];
export type Substitutions = Record<SubstitutionKey, string>;

/** Values for the local engine: state names pick the handlers, so ARNs are only labels. */
export const LOCAL_SUBSTITUTIONS: Substitutions = {
  PrepareRunFunctionArn: 'arn:aws:lambda:local:000000000000:function:prepare-run',
  StartSyncsFunctionArn: 'arn:aws:lambda:local:000000000000:function:start-syncs',
  RegisterWaiterFunctionArn: 'arn:aws:lambda:local:000000000000:function:register-waiter',
  SummarizeSyncsFunctionArn: 'arn:aws:lambda:local:000000000000:function:summarize-syncs',
  DbtClusterArn: 'arn:aws:ecs:local:000000000000:cluster/local',
  DbtTaskDefinitionFamily: 'dbt',
  DbtSubnetIds: 'subnet-local',
  DbtSecurityGroupIds: 'sg-local',
  DbtAssignPublicIp: 'DISABLED',
  DbtContainerName: 'dbt',
  RunKind: 'production',
};

/** The definition text with its placeholders. */
export function readDefinitionText(path: string = DEFINITION_PATH): string {
  return readFileSync(path, 'utf8');
}

/**
 * Replaces every `${Name}` the way Step Functions' definition substitutions do and parses the
 * result. Throws when a placeholder has no value, so a stack and its definition cannot drift.
 */
export function resolveDefinition(substitutions: Substitutions, text: string = readDefinitionText()): Record<string, unknown> {
  const missing = new Set<string>();
  const resolved = text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = (substitutions as Record<string, string | undefined>)[name];
    if (value === undefined) {
      missing.add(name);
      return '';
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size > 0) throw new Error(`No substitution for ${[...missing].join(', ')} in the pipeline definition.`);
  return JSON.parse(resolved) as Record<string, unknown>;
}
