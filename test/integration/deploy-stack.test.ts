/**
 * deployStack with the committed dist/stack against loopback S3, CloudFormation and STS stubs
 * speaking the real wire protocols: assets published (and skipped once there), the template by
 * TemplateURL, change sets created and executed, failures reported by their first failing event.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigError } from '../../src/core/errors.js';
import { deployStack, DeployError, templateUrlOf, type DeployOptions } from '../../src/aws/deploy/deploy-stack.js';
import { startDeployStubs, STUB_ACCOUNT, STUB_BOOTSTRAP_BUCKET, STUB_REGION, type DeployStubs } from '../support/deploy-stubs.js';
import { readZip } from '../support/read-zip.js';

const ASSEMBLY = 'dist/stack';
type AssetManifest = { files: Record<string, { source: { path: string; packaging: string }; destinations: Record<string, { bucketName: string; objectKey: string }> }> };
const assetManifest = JSON.parse(readFileSync(join(ASSEMBLY, 'FivetranDbt.assets.json'), 'utf8')) as AssetManifest;
const manifestKeys = Object.values(assetManifest.files).flatMap((f) => Object.values(f.destinations).map((d) => d.objectKey));
const templateKey = /\/([^/]+)$/.exec((JSON.parse(readFileSync(join(ASSEMBLY, 'manifest.json'), 'utf8')) as { artifacts: { FivetranDbt: { properties: { stackTemplateAssetObjectUrl: string } } } }).artifacts.FivetranDbt.properties.stackTemplateAssetObjectUrl)?.[1] as string;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => relative(dir, join(dir, name)).split('\\').join('/'))
    .sort();
}

let stubs: DeployStubs;
let lines: string[];
let sleeps: number[];

const deploy = (extra: Partial<DeployOptions> = {}) =>
  deployStack({
    assemblyDir: ASSEMBLY,
    stackName: 'FivetranDbt',
    env: stubs.env,
    onEvent: (line) => lines.push(line),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    pollIntervalMs: 1000,
    ...extra,
  });

beforeEach(async () => {
  stubs = await startDeployStubs();
  stubs.buckets.set(STUB_BOOTSTRAP_BUCKET, new Map());
  lines = [];
  sleeps = [];
});
afterEach(() => stubs.close());

describe('deployStack: a new stack', () => {
  it('publishes every asset under the manifest\'s keys, zips that unzip to the folders\' files, and the template', async () => {
    await deploy({ parameters: { DbtImageTag: 'abc123' } });
    const bucket = stubs.buckets.get(STUB_BOOTSTRAP_BUCKET) as Map<string, { body: Buffer; contentType: string | undefined }>;
    expect([...bucket.keys()].sort()).toEqual([...manifestKeys].sort());
    for (const file of Object.values(assetManifest.files)) {
      const { objectKey } = Object.values(file.destinations)[0] as { objectKey: string };
      const object = bucket.get(objectKey) as { body: Buffer; contentType: string | undefined };
      const source = join(ASSEMBLY, file.source.path);
      if (file.source.packaging === 'zip') {
        expect(object.contentType).toBe('application/zip');
        const entries = readZip(object.body);
        expect(entries.map((e) => e.name)).toEqual(filesUnder(source));
        for (const entry of entries) expect(entry.data.equals(readFileSync(join(source, entry.name)))).toBe(true);
      } else {
        expect(object.body.equals(readFileSync(source))).toBe(true);
      }
    }
    expect(bucket.get(templateKey)?.body.equals(readFileSync(join(ASSEMBLY, 'FivetranDbt.template.json')))).toBe(true);
  });

  it('creates a CREATE change set from the TemplateURL, with capabilities, parameters and tags, executes it and returns the outputs', async () => {
    const result = await deploy({ parameters: { DbtImageTag: 'abc123' } });
    expect(result).toEqual({ status: 'CREATED', outputs: { StateMachineArn: `arn:aws:states:${STUB_REGION}:${STUB_ACCOUNT}:stateMachine:Pipeline` }, changeSetId: expect.stringContaining(':changeSet/') });

    const [create] = stubs.cfnCalls('CreateChangeSet');
    expect(create?.params).toMatchObject({
      StackName: 'FivetranDbt',
      ChangeSetType: 'CREATE',
      TemplateURL: `${stubs.endpoint}/${STUB_BOOTSTRAP_BUCKET}/${templateKey}`,
      'Capabilities.member.1': 'CAPABILITY_IAM',
      'Capabilities.member.2': 'CAPABILITY_NAMED_IAM',
      'Capabilities.member.3': 'CAPABILITY_AUTO_EXPAND',
      'Parameters.member.1.ParameterKey': 'DbtImageTag',
      'Parameters.member.1.ParameterValue': 'abc123',
      'Tags.member.1.Key': 'project',
      'Tags.member.1.Value': 'fivetran-dbt-orchestrator',
    });
    expect(create?.params.TemplateBody).toBeUndefined();
    expect(stubs.cfnCalls('ExecuteChangeSet')).toEqual([expect.objectContaining({ params: expect.objectContaining({ ChangeSetName: result.changeSetId }) })]);
    expect(stubs.stackNamed('FivetranDbt')?.status).toBe('CREATE_COMPLETE');
    expect(sleeps.every((ms) => ms === 1000)).toBe(true);
  });

  it('prints each new stack event once, oldest first, across event pages', async () => {
    stubs.eventPageSize = 2;
    await deploy();
    const eventLines = lines.filter((l) => /^\d{4}-\d\d-\d\dT/.test(l));
    expect(eventLines.map((l) => /^\S+ (\S+) \(\S+\) ([A-Z_]+)/.exec(l)?.slice(1).join(' '))).toEqual([
      'FivetranDbt CREATE_IN_PROGRESS',
      'RunsTable CREATE_IN_PROGRESS',
      'RunsTable CREATE_COMPLETE',
      'Pipeline CREATE_IN_PROGRESS',
      'Pipeline CREATE_COMPLETE',
      'FivetranDbt CREATE_COMPLETE',
    ]);
    expect(lines).toContain('  Add RunsTable (AWS::DynamoDB::Table)');
    expect(lines.some((l) => l.startsWith('Assets: 8 published, 0 already there'))).toBe(true);
  });

  it('creates when the stack is REVIEW_IN_PROGRESS (an earlier change set never executed)', async () => {
    stubs.putStack({ stackName: 'FivetranDbt', status: 'REVIEW_IN_PROGRESS' });
    await expect(deploy()).resolves.toMatchObject({ status: 'CREATED' });
    expect(stubs.cfnCalls('CreateChangeSet')[0]?.params.ChangeSetType).toBe('CREATE');
  });

  it('deploys under another stack name', async () => {
    await expect(deploy({ stackName: 'Analytics-Prod' })).resolves.toMatchObject({ status: 'CREATED' });
    expect(stubs.stackNamed('Analytics-Prod')?.status).toBe('CREATE_COMPLETE');
  });

  it('passes the given credentials to every client', async () => {
    const seen: string[] = [];
    const credentials = async () => {
      seen.push('asked');
      return { accessKeyId: 'AKIDPROVIDED', secretAccessKey: 'secret' };
    };
    await deploy({ credentials });
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });
});

describe('deployStack: an existing stack', () => {
  beforeEach(async () => {
    await deploy({ parameters: { DbtImageTag: 'v1' } });
    stubs.calls.length = 0;
    lines = [];
  });

  it('skips the assets already published and updates, keeping parameters not given (UsePreviousValue)', async () => {
    const result = await deploy();
    expect(result.status).toBe('UPDATED');
    expect(stubs.calls.filter((c) => c.action === 'PutObject')).toEqual([]);
    expect(stubs.calls.filter((c) => c.action === 'HeadObject')).toHaveLength(manifestKeys.length);
    expect(lines.some((l) => l.startsWith('Assets: 0 published, 8 already there'))).toBe(true);
    expect(stubs.cfnCalls('CreateChangeSet')[0]?.params).toMatchObject({ ChangeSetType: 'UPDATE', 'Parameters.member.1.ParameterKey': 'DbtImageTag', 'Parameters.member.1.UsePreviousValue': 'true' });
    expect(stubs.stackNamed('FivetranDbt')?.parameters).toEqual([{ key: 'DbtImageTag', value: 'v1' }]);
  });

  it('passes an empty change set as NO_CHANGES, deletes it, executes nothing and returns the outputs', async () => {
    stubs.nextChangeSet = { outcome: 'empty' };
    const result = await deploy({ parameters: { DbtImageTag: 'v1' } });
    expect(result).toEqual({ status: 'NO_CHANGES', outputs: { StateMachineArn: expect.stringContaining('stateMachine:Pipeline') } });
    expect(stubs.cfnCalls('DeleteChangeSet')).toHaveLength(1);
    expect(stubs.cfnCalls('ExecuteChangeSet')).toEqual([]);
    expect(stubs.changeSets.size).toBe(0);
  });

  it('reports a failed update with the first failing event of this operation, not an older one', async () => {
    const stack = stubs.stackNamed('FivetranDbt');
    stack?.events.push({ eventId: 'old', logicalResourceId: 'OldThing', resourceType: 'AWS::SQS::Queue', status: 'UPDATE_FAILED', reason: 'from a previous deploy', timestamp: new Date('2026-01-01T00:00:00Z') });
    stubs.nextExecution = { outcome: 'fail', logicalResourceId: 'Pipeline', resourceType: 'AWS::StepFunctions::StateMachine', reason: 'Invalid State Machine Definition: SCHEMA_VALIDATION_FAILED' };
    const error = (await deploy({ parameters: { DbtImageTag: 'v2' } }).catch((e: unknown) => e)) as DeployError;
    expect(error).toBeInstanceOf(DeployError);
    expect(error.name).toBe('DeployError');
    expect(error.stackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(error.firstFailure).toEqual({ logicalResourceId: 'Pipeline', resourceType: 'AWS::StepFunctions::StateMachine', status: 'UPDATE_FAILED', reason: 'Invalid State Machine Definition: SCHEMA_VALIDATION_FAILED' });
    expect(error.message).toBe(
      'Stack FivetranDbt failed to update: UPDATE_ROLLBACK_COMPLETE (The following resource(s) failed to update: [Pipeline].). First failure: Pipeline (AWS::StepFunctions::StateMachine) UPDATE_FAILED: Invalid State Machine Definition: SCHEMA_VALIDATION_FAILED',
    );
  });

  it('reports a change set that fails for another reason', async () => {
    stubs.nextChangeSet = { outcome: 'failed', reason: 'Template format error: Unresolved resource dependencies [Foo]' };
    await expect(deploy()).rejects.toMatchObject({ name: 'DeployError', message: 'The change set for stack FivetranDbt is FAILED: Template format error: Unresolved resource dependencies [Foo]', stackStatus: 'CREATE_COMPLETE' });
    expect(stubs.cfnCalls('ExecuteChangeSet')).toEqual([]);
  });

  it('waits for an operation in progress to finish, then updates', async () => {
    const stack = stubs.stackNamed('FivetranDbt') as NonNullable<ReturnType<DeployStubs['stackNamed']>>;
    stack.status = 'UPDATE_IN_PROGRESS';
    stack.pending = [{ logicalResourceId: 'FivetranDbt', resourceType: 'AWS::CloudFormation::Stack', status: 'UPDATE_COMPLETE', stackStatus: 'UPDATE_COMPLETE' } as never];
    await expect(deploy()).resolves.toMatchObject({ status: 'UPDATED' });
    expect(lines[lines.findIndex((l) => l.includes('waiting for it to finish'))]).toBe('Stack FivetranDbt is UPDATE_IN_PROGRESS: waiting for it to finish first');
  });

  it('outlasts throttling: the SDK retries five times, then the poll pauses and asks again', async () => {
    stubs.throttle = { action: 'DescribeStacks', times: 6 };
    await expect(deploy()).resolves.toMatchObject({ status: 'UPDATED' });
    expect(stubs.throttle.times).toBe(0);
  });

  it('says so when CloudFormation does not finish in time', async () => {
    stubs.nextExecution = { outcome: 'succeed' };
    await expect(deploy({ timeoutMs: 2000 })).rejects.toMatchObject({ name: 'DeployError', message: expect.stringMatching(/^Timed out after 2 s waiting for stack FivetranDbt \(UPDATE_IN_PROGRESS\)/) });
  });
});

describe('deployStack: a stack whose first create failed', () => {
  beforeEach(async () => {
    stubs.nextExecution = { outcome: 'fail', logicalResourceId: 'RunsTable', resourceType: 'AWS::DynamoDB::Table', reason: 'Resource handler returned message: "Access denied for dynamodb:CreateTable"' };
    await deploy().catch(() => undefined);
    stubs.nextExecution = { outcome: 'succeed' };
    stubs.calls.length = 0;
    lines = [];
  });

  it('reports the failed create itself with its first failing event', async () => {
    stubs.nextExecution = { outcome: 'fail', logicalResourceId: 'Pipeline', resourceType: 'AWS::StepFunctions::StateMachine', reason: 'boom' };
    stubs.stacks.clear();
    await expect(deploy()).rejects.toMatchObject({ name: 'DeployError', stackStatus: 'ROLLBACK_COMPLETE', firstFailure: { logicalResourceId: 'Pipeline', status: 'CREATE_FAILED', reason: 'boom' } });
  });

  it('explains ROLLBACK_COMPLETE and changes nothing', async () => {
    expect(stubs.stackNamed('FivetranDbt')?.status).toBe('ROLLBACK_COMPLETE');
    const error = (await deploy().catch((e: unknown) => e)) as DeployError;
    expect(error).toBeInstanceOf(DeployError);
    expect(error.stackStatus).toBe('ROLLBACK_COMPLETE');
    expect(error.message).toMatch(/^Stack FivetranDbt is ROLLBACK_COMPLETE: its first create failed and was rolled back, and CloudFormation cannot update such a stack\. Delete it \(aws cloudformation delete-stack --stack-name FivetranDbt\) or deploy with --recreate-failed-stack/);
    expect(error.message).toMatch(/First failure: RunsTable \(AWS::DynamoDB::Table\) CREATE_FAILED: Resource handler returned message: "Access denied for dynamodb:CreateTable"$/);
    expect(stubs.cfnCalls('CreateChangeSet')).toEqual([]);
    expect(stubs.cfnCalls('DeleteStack')).toEqual([]);
  });

  it('with recreateFailedStack deletes it, waits for DELETE_COMPLETE and creates it again', async () => {
    const old = stubs.stackNamed('FivetranDbt');
    const result = await deploy({ recreateFailedStack: true });
    expect(result.status).toBe('CREATED');
    expect(stubs.cfnCalls('DeleteStack')).toEqual([expect.objectContaining({ params: expect.objectContaining({ StackName: old?.stackId }) })]);
    expect(old?.status).toBe('DELETE_COMPLETE');
    expect(stubs.cfnCalls('CreateChangeSet')[0]?.params.ChangeSetType).toBe('CREATE');
    expect(stubs.stackNamed('FivetranDbt')?.stackId).not.toBe(old?.stackId);
    expect(lines).toContain('Stack FivetranDbt deleted');
  });
});

describe('deployStack: preconditions', () => {
  it('explains a missing bootstrap bucket and uploads nothing', async () => {
    stubs.buckets.clear();
    const error = (await deploy().catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      `The CDK bootstrap bucket ${STUB_BOOTSTRAP_BUCKET} does not exist in ${STUB_REGION}: account ${STUB_ACCOUNT} is not bootstrapped there. Bootstrap the environment once per account and region: \`npx aws-cdk@2 bootstrap aws://${STUB_ACCOUNT}/${STUB_REGION}\` (or deploy the bootstrap template from the docs).`,
    );
    expect(stubs.calls.filter((c) => c.action === 'PutObject' || c.service === 'cloudformation')).toEqual([]);
  });

  it('rejects a parameter the template does not declare, before anything is uploaded', async () => {
    await expect(deploy({ parameters: { DbtImageTags: 'x' } })).rejects.toThrow(new ConfigError('Unknown stack parameter DbtImageTags: the template declares DbtImageTag.'));
    expect(stubs.calls.filter((c) => c.action === 'PutObject')).toEqual([]);
  });

  it('names an unreadable assembly directory', async () => {
    await expect(deploy({ assemblyDir: 'no/such/dir' })).rejects.toThrow(ConfigError);
  });
});

describe('templateUrlOf', () => {
  const object = { bucketName: 'cdk-hnb659fds-assets-1-eu-west-1', objectKey: 'abc.json' };
  it('is the bucket\'s regional virtual-host URL on AWS', () => {
    expect(templateUrlOf(object, 'eu-west-1', {})).toBe('https://cdk-hnb659fds-assets-1-eu-west-1.s3.eu-west-1.amazonaws.com/abc.json');
    expect(templateUrlOf(object, 'cn-north-1', {})).toBe('https://cdk-hnb659fds-assets-1-eu-west-1.s3.cn-north-1.amazonaws.com.cn/abc.json');
  });
  it('is path style under an S3 endpoint override', () => {
    expect(templateUrlOf(object, 'eu-west-1', { AWS_ENDPOINT_URL_S3: 'http://localhost:4566/' })).toBe('http://localhost:4566/cdk-hnb659fds-assets-1-eu-west-1/abc.json');
  });
});
