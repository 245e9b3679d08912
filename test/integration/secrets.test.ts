/**
 * No secret ends up where people or other tools read: recognisable test secrets for the Fivetran
 * API key and secret, the webhook signing secret and a warehouse password go through a run on the
 * local AWS (the synthesized stack, the real Lambdas) and a local run, then every trace is searched:
 * the template and assets, the execution history, input and output, the log groups (each
 * Lambda's and the dbt task's), the local AWS's call log and the CLI's output.
 */
import { spawn } from 'node:child_process';
import { GetExecutionHistoryCommand, DescribeExecutionCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import { DEFAULT_ASSEMBLY_DIR } from '../../scripts/synth-assembly.js';
import { createAwsClient } from '../../src/aws/clients.js';
import { createFivetranClient } from '../../src/core/fivetran/client.js';
import { startLocalAws } from '../../src/simulator/aws/local-aws.js';
import { startSimulator, type Simulator } from '../../src/simulator/simulator.js';
import { filesUnder, findSecrets } from '../support/secret-grep.js';

const SECRETS = {
  fivetranApiKey: 'TESTKEY-f1v3tr4n-k3y-7c1d',
  fivetranApiSecret: 'TESTSECRET-f1v3tr4n-s3cr3t-9a2b',
  webhookSecret: 'TESTWEBHOOK-s1gn1ng-s3cr3t-44e0',
  warehousePassword: 'TESTWAREHOUSE-p4ssw0rd-1f6c',
};
/** The Basic credentials the Fivetran client sends, as one more secret. */
const ALL_SECRETS = { ...SECRETS, fivetranBasicCredentials: `${SECRETS.fivetranApiKey}:${SECRETS.fivetranApiSecret}` };

type Result = { code: number | null; stdout: string; stderr: string };

function cli(args: string[], env: Record<string, string>): Promise<Result> {
  const base = { ...process.env };
  for (const name of ['FIVETRAN_API_KEY', 'FIVETRAN_API_SECRET', 'NODE_OPTIONS', 'AWS_PROFILE']) delete base[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({
    groups: [{ id: 'g', connections: [{ id: 'orders_db', syncDurationMs: 50 }, { id: 'broken_db', outcome: 'failure', failureReason: 'password authentication failed' }] }],
    apiKey: SECRETS.fivetranApiKey,
    apiSecret: SECRETS.fivetranApiSecret,
  });
});
afterAll(async () => {
  await simulator.close();
});

describe('the secret search', () => {
  it('finds a secret written as is or base64-encoded, and names where', () => {
    const logged = JSON.stringify({ level: 'INFO', message: 'Started', headers: { authorization: `Basic ${Buffer.from(ALL_SECRETS.fivetranBasicCredentials).toString('base64')}` } });
    expect(findSecrets({ 'a log line': logged, 'clean output': 'nothing here' }, ALL_SECRETS)).toEqual(['a log line: fivetranBasicCredentials']);
    expect(findSecrets({ stderr: `bad key ${SECRETS.fivetranApiSecret}` }, ALL_SECRETS)).toEqual(['stderr: fivetranApiSecret']);
  });
});

describe('a run on the local AWS', () => {
  it('leaves no secret in the template, the history, the input and output, the logs or the CLI output', async () => {
    const aws = await startLocalAws({ fivetran: simulator, webhookSecret: SECRETS.webhookSecret });
    const sfn = createAwsClient(SFNClient, 'sfn', aws.env);
    try {
      const fivetran = createFivetranClient({ apiKey: simulator.apiKey, apiSecret: simulator.apiSecret, baseUrl: simulator.url });
      await fivetran.createGroupWebhook('g', { url: aws.webhookUrl, events: ['sync_start', 'sync_end'], secret: SECRETS.webhookSecret, active: true });

      const run = await cli(['run', '--engine', 'aws', '--stack', aws.stackName, '--group', 'g', '--run-id', 'secret-run', '--json', '--no-progress'], aws.env);
      const status = await cli(['status', 'secret-run', '--stack', aws.stackName], aws.env);
      // A failed sync under policy fail: the run fails with the connection's reason in its output.
      expect(JSON.parse(run.stdout)).toMatchObject({ runId: 'secret-run', status: 'FAILED' });
      // A warehouse password in the run's dbt environment is refused: the deployed credentials come from the task definition.
      const refused = await cli(['run', '--engine', 'aws', '--stack', aws.stackName, '--group', 'g', '--no-progress', '--dbt-env', `WAREHOUSE_PASSWORD=${SECRETS.warehousePassword}`], aws.env);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('WAREHOUSE_PASSWORD');

      const executions: Record<string, string> = {};
      for (const { executionArn } of aws.executions()) {
        const history: HistoryEvent[] = [];
        let nextToken: string | undefined;
        do {
          const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken }));
          history.push(...(page.events ?? []));
          nextToken = page.nextToken;
        } while (nextToken);
        const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        executions[`execution history of ${executionArn}`] = JSON.stringify(history);
        executions[`execution input and output of ${executionArn}`] = `${execution.input ?? ''}\n${execution.output ?? ''}\n${execution.cause ?? ''}`;
      }
      const logs = aws.logLines();
      // The Lambdas' log lines are there to search (so a logged secret would be found).
      expect(logs.get('/aws/lambda/start-syncs')?.some((line) => line.includes('secret-run'))).toBe(true);
      expect(logs.get('/aws/lambda/fivetran-webhook')?.length).toBeGreaterThan(0);

      const sources: Record<string, string> = {
        ...Object.fromEntries(Object.entries(filesUnder(DEFAULT_ASSEMBLY_DIR)).map(([file, text]) => [`dist/stack/${file}`, text])),
        ...executions,
        ...Object.fromEntries([...logs].map(([group, lines]) => [`log group ${group}`, lines.join('\n')])),
        'local AWS call log': JSON.stringify(aws.calls),
        'CLI run output': run.stdout + run.stderr,
        'CLI status output': status.stdout + status.stderr,
        'CLI refusal': refused.stdout + refused.stderr,
      };
      expect(findSecrets(sources, ALL_SECRETS)).toEqual([]);
    } finally {
      sfn.destroy();
      await aws.close();
    }
  });

  it('writes no secret value into the template: its secrets are created empty or generated, and filled after deploy', () => {
    const template = JSON.parse(filesUnder(DEFAULT_ASSEMBLY_DIR)['FivetranDbt.template.json']!) as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
    const secrets = Object.values(template.Resources).filter((r) => r.Type === 'AWS::SecretsManager::Secret');
    expect(secrets.length).toBeGreaterThan(0);
    // A secret's initial value is at most a template of empty fields, e.g. {"apiKey":"","apiSecret":""}.
    for (const secret of secrets) {
      const initial = secret.Properties?.SecretString;
      if (initial === undefined) continue;
      expect(Object.values(JSON.parse(String(initial)) as Record<string, unknown>).every((v) => v === '')).toBe(true);
    }
  });
});

describe('a local run', () => {
  it('leaves no secret in the CLI output, whether dbt gets the warehouse password from the environment or --dbt-env', async () => {
    const env = { FIVETRAN_API_KEY: SECRETS.fivetranApiKey, FIVETRAN_API_SECRET: SECRETS.fivetranApiSecret, FIVETRAN_API_URL: simulator.url, DBT_ENV_SECRET_WAREHOUSE_PASSWORD: SECRETS.warehousePassword };
    const dbt = ['--dbt', process.execPath, '--json', '--', '--version'];
    const fromEnvironment = await cli(['run', '--group', 'g', '--poll-interval', '100ms', '--on-sync-failure', 'continue', ...dbt], env);
    const fromFlag = await cli(['run', '--group', 'g', '--poll-interval', '100ms', '--on-sync-failure', 'continue', '--dbt-env', `WAREHOUSE_PASSWORD=${SECRETS.warehousePassword}`, ...dbt], env);
    expect(JSON.parse(fromEnvironment.stdout)).toMatchObject({ status: 'SUCCEEDED' });
    expect(JSON.parse(fromFlag.stdout)).toMatchObject({ status: 'SUCCEEDED' });

    expect(findSecrets({ 'CLI output (environment)': fromEnvironment.stdout + fromEnvironment.stderr, 'CLI output (--dbt-env)': fromFlag.stdout + fromFlag.stderr }, ALL_SECRETS)).toEqual([]);
  });
});
