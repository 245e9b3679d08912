/**
 * Every pipeline Lambda's role grants exactly what its code calls, scoped to the table, index and
 * secret it is given: derived from the handler's code (test/support/lambda-iam.ts) and checked on
 * the assembly that is deployed (dist/stack, itself checked against the sources by
 * synth-assembly.test.ts).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_ASSEMBLY_DIR } from '../../../scripts/synth-assembly.js';
import type { TemplateJson } from '../../support/iam-derivation.js';
import { checkLambdaRole, lambdaFunctions, requiredByCode, type LambdaFunction } from '../../support/lambda-iam.js';

const template = (): TemplateJson => JSON.parse(readFileSync(path.join(DEFAULT_ASSEMBLY_DIR, 'FivetranDbt.template.json'), 'utf8')) as TemplateJson;

/** The handler source of each function, by its log service name. */
const HANDLERS: Record<string, string> = {
  'prepare-run': 'src/lambdas/prepare-run.ts',
  'start-syncs': 'src/lambdas/start-syncs.ts',
  'register-waiter': 'src/lambdas/register-waiter.ts',
  'summarize-syncs': 'src/lambdas/summarize-syncs.ts',
  reconcile: 'src/lambdas/reconcile.ts',
  'fivetran-webhook': 'src/lambdas/webhook.ts',
};

const functions = lambdaFunctions(template(), HANDLERS);
const byHandler = (file: string) => functions.find((f) => f.handlerFile === file) as LambdaFunction;

/** What the code needs with the template's fakes shortened to readable names. */
const readable = (fn: LambdaFunction) => requiredByCode(template(), fn).map((p) => p.replace(/fake-Pipeline(\w+?)[0-9A-F]{8}/g, '$1'));

/** A copy of the template without `action` in the policies of `roleId`. */
function without(roleId: string, action: string): TemplateJson {
  const copy = template();
  for (const resource of Object.values(copy.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy' || !JSON.stringify(resource.Properties.Roles).includes(roleId)) continue;
    const document = resource.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] };
    document.Statement = document.Statement.map((s) => ({ ...s, Action: [s.Action].flat().filter((a) => a !== action) })).filter((s) => s.Action.length > 0);
  }
  return copy;
}

describe('each Lambda role, derived from its code', () => {
  it('covers every function of the stack', () => {
    expect(functions.map((f) => f.handlerFile).sort()).toEqual(Object.values(HANDLERS).sort());
  });

  it.each(Object.values(HANDLERS))('%s: the role grants exactly what the code calls', (file) => {
    expect(checkLambdaRole(template(), byHandler(file))).toEqual({ missing: [], extra: [] });
  });

  it('derives the calls from the code: StartSyncs writes, reads and updates records and reads the Fivetran secret', () => {
    expect(readable(byHandler('src/lambdas/start-syncs.ts'))).toEqual([
      'dynamodb:BatchWriteItem on RunsTable.Arn',
      'dynamodb:GetItem on RunsTable.Arn',
      'dynamodb:Query on RunsTable.Arn',
      'dynamodb:UpdateItem on RunsTable.Arn',
      'logs:CreateLogStream on StartSyncsLogs.Arn',
      'logs:PutLogEvents on StartSyncsLogs.Arn',
      'secretsmanager:GetSecretValue on FivetranSecret',
    ]);
  });

  it('scopes queries on an index to that index: the webhook finds open records by connection', () => {
    expect(readable(byHandler('src/lambdas/webhook.ts'))).toEqual(expect.arrayContaining(['dynamodb:Query on RunsTable.Arn/index/openByConnection']));
    expect(readable(byHandler('src/lambdas/webhook.ts'))).not.toContain('dynamodb:Query on RunsTable.Arn/index/open');
  });

  it('needs SendTask* only where the code completes waits, on "*" (they take a task token, no resource)', () => {
    const sends = (file: string) => readable(byHandler(file)).filter((p) => p.startsWith('states:'));
    expect(sends('src/lambdas/summarize-syncs.ts')).toEqual([]);
    expect(sends('src/lambdas/start-syncs.ts')).toEqual([]);
    expect(sends('src/lambdas/register-waiter.ts')).toEqual(expect.arrayContaining(['states:SendTaskSuccess on *', 'states:SendTaskFailure on *']));
  });

  it.each([
    ['src/lambdas/start-syncs.ts', 'dynamodb:BatchWriteItem'],
    ['src/lambdas/register-waiter.ts', 'states:SendTaskSuccess'],
    ['src/lambdas/webhook.ts', 'secretsmanager:GetSecretValue'],
    ['src/lambdas/summarize-syncs.ts', 'dynamodb:Query'],
  ])('%s: reports a removed %s grant as missing', (file, action) => {
    const fn = byHandler(file);
    expect(checkLambdaRole(without(fn.roleId, action), fn).missing).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${action} on `))]));
  });

  it('reports a grant the code does not need as extra', () => {
    const fn = byHandler('src/lambdas/summarize-syncs.ts');
    const copy = template();
    const policy = Object.values(copy.Resources).find((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(fn.roleId))!;
    (policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement.push({ Effect: 'Allow', Action: 'dynamodb:DeleteItem', Resource: '*' });
    expect(checkLambdaRole(copy, fn).extra).toEqual(['dynamodb:DeleteItem on *']);
  });
});
