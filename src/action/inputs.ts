/**
 * The Action's inputs, read once into a typed object; everything after this takes the object,
 * not `@actions/core`. Every error names the offending input, and every problem is reported at
 * once, so one failed step shows everything to fix.
 */
import * as core from '@actions/core';
import { ConfigError, messageOf } from '../core/errors.js';
import { parseChoice, parseDuration, parseEnvPairs, parseList } from '../core/options.js';
import { NotConnectedPolicy, PausedPolicy, SyncFailurePolicy } from '../core/pipeline/run-request.js';
import { type RunKind, RunKinds } from '../core/stack-contract.js';

export const COMMANDS = ['run', 'deploy', 'deploy-and-run', 'cleanup-pr', 'status'] as const;
export const ENGINES = ['aws', 'local'] as const;
export const ON_CANCEL = ['stop', 'detach'] as const;
/** `run-kind`: which state machine of the stack runs start on; `auto` decides by the event. */
export const RUN_KIND_CHOICES = ['auto', ...RunKinds] as const;

/** The default `timeout-minutes`: under a hosted job's 6-hour limit, with room for the report and the post step. */
export const DEFAULT_TIMEOUT_MINUTES = 340;

export type ActionInputs = {
  command: (typeof COMMANDS)[number];
  engine: (typeof ENGINES)[number];
  stackName: string | undefined;
  stateMachineArn: string | undefined;
  /** `auto`: the CI state machine on pull_request and pull_request_target events, production's otherwise. */
  runKind: (typeof RUN_KIND_CHOICES)[number];
  awsRegion: string | undefined;
  groupId: string | undefined;
  connections: string[];
  /** Undefined: decided by the event (true on pull_request). */
  skipSync: boolean | undefined;
  force: boolean;
  onPaused: PausedPolicy;
  onNotConnected: NotConnectedPolicy;
  onSyncFailure: SyncFailurePolicy;
  syncTimeoutSeconds: number | undefined;
  /** Undefined: `build`, or the slim-CI build on pull_request. */
  dbtArgs: string[] | undefined;
  dbtEnv: Record<string, string>;
  dbtProjectDir: string;
  dbtCommand: string;
  ciTarget: string;
  productionTarget: string;
  publishManifest: boolean;
  prSchemaPrefix: string;
  cleanupOperation: string;
  wait: boolean;
  timeoutMinutes: number;
  onCancel: (typeof ON_CANCEL)[number];
  onTimeout: (typeof ON_CANCEL)[number];
  commentOnPr: boolean;
  githubToken: string | undefined;
  fivetranApiKey: string | undefined;
  fivetranApiSecret: string | undefined;
  roleToAssume: string | undefined;
  roleDurationSeconds: number;
  runId: string | undefined;
  dbtImageContext: string | undefined;
  dbtImageTag: string | undefined;
  stackParameters: Record<string, string>;
  recreateFailedStack: boolean;
  registerWebhook: boolean;
  /** Not advertised: the first pause between polls of a Step Functions run (tests shorten it). */
  pollIntervalMs: number | undefined;
};

const text = (name: string): string | undefined => core.getInput(name).trim() || undefined;

/** A boolean input, or undefined when blank (so the event can decide). */
function optionalBoolean(name: string): boolean | undefined {
  if (!text(name)) return undefined;
  try {
    return core.getBooleanInput(name);
  } catch {
    throw new ConfigError(`Input ${name} must be true or false (got "${core.getInput(name)}").`);
  }
}

const bool = (name: string, fallback: boolean) => optionalBoolean(name) ?? fallback;

/** Splits a command line into words: whitespace separates, single and double quotes group. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = null;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      word ??= '';
    } else if (/\s/.test(char)) {
      if (word !== null) words.push(word);
      word = null;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (quote) throw new ConfigError(`Input dbt-args has an unclosed ${quote} quote.`);
  if (word !== null) words.push(word);
  return words;
}

function positiveNumber(name: string, value: string | undefined, fallback: number, max = Infinity): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || number > max) throw new ConfigError(`Input ${name} must be a number above 0${max < Infinity ? ` and at most ${max}` : ''} (got "${value}").`);
  return number;
}

/** `KEY=VALUE` lines (or comma-free pairs on one line) of an input. */
function pairs(name: string): Record<string, string> {
  return parseEnvPairs(`Input ${name}`, core.getMultilineInput(name).flatMap((line) => splitWords(line)));
}

/** Reads and checks every input; throws one `ConfigError` listing each problem. */
export function readInputs(): ActionInputs {
  const problems: string[] = [];
  const attempt = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch (error) {
      problems.push(messageOf(error).replace(/^Input required and not supplied: (.*)$/, 'Input required and not supplied: $1.'));
      return fallback;
    }
  };
  const choice = <T extends string>(name: string, fallback: T, choices: readonly T[]) =>
    attempt(() => parseChoice(`Input ${name}`, text(name) ?? fallback, choices), fallback);
  const inputs: ActionInputs = {
    command: choice('command', 'run', COMMANDS),
    engine: choice('engine', 'aws', ENGINES),
    stackName: text('stack-name'),
    stateMachineArn: text('state-machine-arn'),
    runKind: choice('run-kind', 'auto', RUN_KIND_CHOICES),
    awsRegion: text('aws-region'),
    groupId: text('group-id'),
    connections: parseList(core.getMultilineInput('connections')),
    skipSync: attempt(() => optionalBoolean('skip-sync'), undefined),
    force: attempt(() => bool('force', false), false),
    onPaused: choice('on-paused', 'skip', Object.values(PausedPolicy)),
    onNotConnected: choice('on-not-connected', 'fail', Object.values(NotConnectedPolicy)),
    onSyncFailure: choice('on-sync-failure', 'fail', Object.values(SyncFailurePolicy)),
    syncTimeoutSeconds: attempt(() => {
      const value = text('sync-timeout');
      return value ? Math.ceil(parseDuration('Input sync-timeout', value)) : undefined;
    }, undefined),
    dbtArgs: attempt(() => {
      const value = text('dbt-args');
      const words = value ? splitWords(value) : [];
      if (words[0] === 'dbt') words.shift();
      return words.length > 0 ? words : undefined;
    }, undefined),
    dbtEnv: attempt(() => pairs('dbt-env'), {}),
    dbtProjectDir: text('dbt-project-dir') ?? '.',
    dbtCommand: text('dbt-command') ?? 'dbt',
    ciTarget: text('ci-target') ?? 'ci',
    productionTarget: text('production-target') ?? 'prod',
    publishManifest: attempt(() => bool('publish-manifest', false), false),
    prSchemaPrefix: text('pr-schema-prefix') ?? 'dbt_pr_',
    cleanupOperation: text('cleanup-operation') ?? 'drop_pr_schema',
    wait: attempt(() => bool('wait', true), true),
    timeoutMinutes: attempt(() => positiveNumber('timeout-minutes', text('timeout-minutes'), DEFAULT_TIMEOUT_MINUTES, 7 * 24 * 60), DEFAULT_TIMEOUT_MINUTES),
    onCancel: choice('on-cancel', 'stop', ON_CANCEL),
    onTimeout: choice('on-timeout', 'stop', ON_CANCEL),
    commentOnPr: attempt(() => bool('comment-on-pr', true), true),
    githubToken: text('github-token'),
    fivetranApiKey: text('fivetran-api-key'),
    fivetranApiSecret: text('fivetran-api-secret'),
    roleToAssume: text('role-to-assume'),
    roleDurationSeconds: attempt(() => positiveNumber('role-duration-seconds', text('role-duration-seconds'), 3600, 43_200), 3600),
    runId: text('run-id'),
    dbtImageContext: text('dbt-image-context'),
    dbtImageTag: text('dbt-image-tag'),
    stackParameters: attempt(() => pairs('stack-parameters'), {}),
    recreateFailedStack: attempt(() => bool('recreate-failed-stack', false), false),
    registerWebhook: attempt(() => bool('register-webhook', true), true),
    pollIntervalMs: attempt(() => {
      const value = text('poll-interval-ms');
      return value === undefined ? undefined : positiveNumber('poll-interval-ms', value, 2000);
    }, undefined),
  };
  if (inputs.fivetranApiKey) core.setSecret(inputs.fivetranApiKey);
  if (inputs.fivetranApiSecret) core.setSecret(inputs.fivetranApiSecret);
  if (inputs.githubToken) core.setSecret(inputs.githubToken);
  problems.push(...crossCheck(inputs));
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return inputs;
}

/** Rules between inputs. */
function crossCheck(inputs: ActionInputs): string[] {
  const problems: string[] = [];
  const aws = inputs.engine === 'aws' || inputs.command !== 'run';
  if (aws && inputs.command !== 'deploy' && inputs.command !== 'deploy-and-run' && !inputs.stackName && !inputs.stateMachineArn) {
    problems.push(`Input stack-name (or state-machine-arn) is required with engine aws and command ${inputs.command}: the deployed pipeline to run.`);
  }
  if ((inputs.command === 'deploy' || inputs.command === 'deploy-and-run') && !inputs.stackName) {
    problems.push(`Input stack-name is required with command ${inputs.command}: the stack to create or update.`);
  }
  if (inputs.command === 'status' && !inputs.runId) problems.push('Input run-id is required with command status: the run to follow.');
  if (Boolean(inputs.fivetranApiKey) !== Boolean(inputs.fivetranApiSecret)) {
    problems.push(`Input ${inputs.fivetranApiKey ? 'fivetran-api-secret' : 'fivetran-api-key'} is required with ${inputs.fivetranApiKey ? 'fivetran-api-key' : 'fivetran-api-secret'}.`);
  }
  if (inputs.engine === 'local' && inputs.fivetranApiKey && !inputs.groupId && inputs.skipSync !== true) {
    problems.push('Input group-id is required with engine local and Fivetran credentials: the group whose connections to sync (or set skip-sync: true).');
  }
  if (inputs.dbtImageTag && !inputs.dbtImageContext) problems.push('Input dbt-image-context is required with dbt-image-tag: the folder to build the dbt image from.');
  if (inputs.runId !== undefined && !/^[A-Za-z0-9_-]{1,80}$/.test(inputs.runId) && !inputs.runId.startsWith('arn:')) {
    problems.push(`Input run-id must be 1-80 characters of A-Z, a-z, 0-9, - and _ (got "${inputs.runId}").`);
  }
  return problems;
}

/** The environment AWS clients read: the process's, with `aws-region` applied. */
export function awsEnv(inputs: ActionInputs, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return inputs.awsRegion ? { ...env, AWS_REGION: inputs.awsRegion, AWS_DEFAULT_REGION: inputs.awsRegion } : env;
}

/** The events whose runs are pull-request (CI) runs by default. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** The state machine a step's runs use: `run-kind`, or by default the CI one on pull-request events. */
export function runKindOf(inputs: Pick<ActionInputs, 'runKind'>, eventName: string): RunKind {
  if (inputs.runKind !== 'auto') return inputs.runKind;
  return PULL_REQUEST_EVENTS.has(eventName) ? 'ci' : 'production';
}
