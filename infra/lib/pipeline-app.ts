/**
 * The CDK app: one `FivetranDbtStack`, environment-agnostic (no account, region or lookups, so
 * it synthesizes offline without context), checked by cdk-nag's AwsSolutions pack. Used by
 * infra/bin/app.ts (cdk.json), scripts/synth-assembly.ts and the tests, so all three build the same.
 */
import { App, CliCredentialsStackSynthesizer, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { FivetranDbtPipelineProps } from './pipeline-construct.js';
import { FivetranDbtStack } from './pipeline-stack.js';

export const DEFAULT_STACK_NAME = 'FivetranDbt';

export type PipelineAppOptions = {
  /** Where the cloud assembly goes. @default CDK's default (`CDK_OUTDIR` or a temp dir) */
  outdir?: string;
  /**
   * Context values (`cdk -c key=value` or cdk.json): `stackName`, `fivetranSecretArn`,
   * `webhookSecretArn`, `warehouseSecretArn`, `ciWarehouseSecretArn`, `fivetranApiUrl`, `dbtImageUri`, `alarmTopicArn`, `notificationTopicArn`, `removalPolicy`
   * (`retain` | `destroy`), `mapMaxConcurrency`, `dbtEnvironment` and `dbtSecrets` (JSON objects:
   * names to values, and names to Secrets Manager ARNs with an optional `#field`).
   */
  context?: Record<string, unknown>;
  /** Register cdk-nag's AwsSolutions checks (synthesis fails on an unacknowledged finding). @default true */
  nag?: boolean;
  /** CDK's built-in CloudFormation template validation at synthesis (a few seconds). @default true */
  cloudFormationValidation?: boolean;
};

/** A context value that is a JSON object of strings (given as an object or as JSON text). */
function stringMap(app: App, key: string): Record<string, string> | undefined {
  let value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new Error(`Context ${key} must be a JSON object of strings, e.g. {"NAME":"value"}.`);
    }
  }
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value as object).some((v) => typeof v !== 'string')) {
    throw new Error(`Context ${key} must be a JSON object of strings, e.g. {"NAME":"value"}.`);
  }
  return value as Record<string, string>;
}

function text(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

/** The pipeline props the app's context asks for. */
export function pipelinePropsFromContext(app: App): FivetranDbtPipelineProps {
  const removal = text(app, 'removalPolicy');
  if (removal !== undefined && removal !== 'retain' && removal !== 'destroy') {
    throw new Error(`Context removalPolicy must be "retain" or "destroy", got "${removal}".`);
  }
  const concurrency = text(app, 'mapMaxConcurrency');
  const fivetranSecret = text(app, 'fivetranSecretArn');
  const webhookSecret = text(app, 'webhookSecretArn');
  const warehouseSecret = text(app, 'warehouseSecretArn');
  const ciWarehouseSecret = text(app, 'ciWarehouseSecretArn');
  const fivetranApiUrl = text(app, 'fivetranApiUrl');
  const dbtImageUri = text(app, 'dbtImageUri');
  const dbtEnvironment = stringMap(app, 'dbtEnvironment');
  const dbtSecrets = stringMap(app, 'dbtSecrets');
  return {
    ...(fivetranSecret ? { fivetranSecret } : {}),
    ...(webhookSecret ? { webhookSecret } : {}),
    ...(warehouseSecret ? { warehouseSecret } : {}),
    ...(ciWarehouseSecret ? { ciWarehouseSecret } : {}),
    ...(fivetranApiUrl ? { fivetranApiUrl } : {}),
    ...(dbtImageUri ? { dbtImageUri } : {}),
    ...(removal ? { removalPolicy: removal === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN } : {}),
    ...(concurrency ? { mapMaxConcurrency: Number(concurrency) } : {}),
    ...(dbtEnvironment ? { dbtEnvironment } : {}),
    ...(dbtSecrets ? { dbtSecrets } : {}),
  };
}

/** Builds the app and its stack (nothing is synthesized until `app.synth()`). */
export function createPipelineApp(options: PipelineAppOptions = {}): { app: App; stack: FivetranDbtStack } {
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    // No creation stack traces: they hold machine paths (CDK's --debug still turns them on).
    context: { 'aws:cdk:disable-creation-stack-traces': true, ...options.context },
    // Keeps the assembly free of version blobs and machine paths, so re-synthesis is byte-identical.
    analyticsReporting: false,
    stackTraces: false,
    treeMetadata: false,
    builtinCloudFormationValidation: options.cloudFormationValidation ?? true,
  });
  const alarmTopicArn = text(app, 'alarmTopicArn');
  const notificationTopicArn = text(app, 'notificationTopicArn');
  const stack = new FivetranDbtStack(app, text(app, 'stackName') ?? DEFAULT_STACK_NAME, {
    // Deploys with the caller's credentials (e.g. the Action's OIDC role); assets go to the CDK
    // bootstrap bucket `cdk-hnb659fds-assets-<account>-<region>`; no bootstrap roles needed.
    synthesizer: new CliCredentialsStackSynthesizer(),
    pipeline: pipelinePropsFromContext(app),
    ...(alarmTopicArn ? { alarmTopicArn } : {}),
    ...(notificationTopicArn ? { notificationTopicArn } : {}),
  });
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
