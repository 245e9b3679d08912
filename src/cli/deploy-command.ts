/**
 * `fivetran-dbt deploy`: deploy the prebuilt stack (the committed cloud assembly, `dist/stack`)
 * into the account and region of the current AWS credentials, without the CDK command line.
 * Progress goes to stderr; the stack's outputs to stdout. Exit 1 when CloudFormation fails.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { parseDuration, parseEnvPairs } from '../core/options.js';
import { EXIT, type CliIO } from './cli-io.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

type DeployCommandOptions = { stackName: string; assembly?: string; parameter?: string[]; recreateFailedStack?: boolean; json?: boolean; pollInterval?: string; timeout?: string };

/** `--assembly`, else `dist/stack` in the current directory, else the one shipped with this package (src/cli and lib/cli both sit two levels down). */
function assemblyDirOf(option: string | undefined, cwd: string): string {
  if (option) return resolve(cwd, option);
  const local = resolve(cwd, 'dist/stack');
  if (existsSync(join(local, 'manifest.json'))) return local;
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'stack');
}

export function deployCommand(io: CliIO, setExit: (code: number) => void): Command {
  return new Command('deploy')
    .description('Deploy the prebuilt stack (publish its assets to the CDK bootstrap bucket, then a CloudFormation change set) with the current AWS credentials. Needs `cdk bootstrap` once per account and region.')
    .option('--stack-name <name>', 'the CloudFormation stack to create or update', 'FivetranDbt')
    .option('--assembly <dir>', 'the cloud assembly (default: ./dist/stack, else the one shipped with this package)')
    .option('--parameter <KEY=VALUE>', 'a stack parameter, e.g. DbtImageTag=abc123 (repeat; parameters not given keep their previous value)', collect)
    .option('--recreate-failed-stack', 'a stack whose first create failed (ROLLBACK_COMPLETE): delete it and create it again')
    .option('--poll-interval <duration>', 'how often CloudFormation is polled (default 5s)')
    .option('--timeout <duration>', 'stop waiting for CloudFormation after this long (default 60m; the operation goes on)')
    .option('--json', 'print the result as JSON on stdout')
    .action(async (options: DeployCommandOptions) => {
      const pollIntervalMs = options.pollInterval ? parseDuration('--poll-interval', options.pollInterval) * 1000 : undefined;
      const timeoutMs = options.timeout ? parseDuration('--timeout', options.timeout) * 1000 : undefined;
      // Loaded here, not at the top: the CloudFormation and S3 clients are most of `--help`'s start-up otherwise.
      const { deployStack, DeployError } = await import('../aws/deploy/deploy-stack.js');
      try {
        const result = await deployStack({
          assemblyDir: assemblyDirOf(options.assembly, io.cwd),
          stackName: options.stackName,
          parameters: parseEnvPairs('--parameter', options.parameter ?? []),
          env: io.env,
          recreateFailedStack: options.recreateFailedStack === true,
          onEvent: (line) => io.stderr.write(`${line}\n`),
          ...(pollIntervalMs ? { pollIntervalMs } : {}),
          ...(timeoutMs ? { timeoutMs } : {}),
        });
        if (options.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else {
          io.stderr.write(`Stack ${options.stackName}: ${result.status}\n`);
          for (const [key, value] of Object.entries(result.outputs)) io.stdout.write(`${key} = ${value}\n`);
        }
        setExit(EXIT.ok);
      } catch (error) {
        // A ConfigError goes on to main(), which prints it and exits with EXIT.usage.
        if (!(error instanceof DeployError)) throw error;
        io.stderr.write(`error: ${error.message}\n`);
        setExit(EXIT.failed);
      }
    });
}
