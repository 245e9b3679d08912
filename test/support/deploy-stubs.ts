/**
 * A loopback stand-in for the three services a stack deploy talks to, on their real wire
 * protocols so the real SDK clients parse every answer: S3 (REST, path style), CloudFormation
 * and STS (awsQuery: form-encoded POST, XML answers and `<ErrorResponse>` errors). CloudFormation
 * is scripted: a test says what the next change set holds and how its execution ends, and each
 * DescribeStacks, once answered, moves a running operation on by one event.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const STUB_ACCOUNT = '123456789012';
export const STUB_REGION = 'eu-west-1';
const CFN_NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export type StubEvent = { eventId: string; logicalResourceId: string; resourceType: string; status: string; reason?: string; timestamp: Date };

export type StubStack = {
  stackId: string;
  stackName: string;
  status: string;
  statusReason?: string;
  parameters: { key: string; value: string }[];
  outputs: Record<string, string>;
  tags: { key: string; value: string }[];
  /** Oldest first. */
  events: StubEvent[];
  /** Steps still to come for the running operation: each DescribeStacks applies one after answering. */
  pending: Step[];
};

type Step = { logicalResourceId: string; resourceType: string; status: string; reason?: string; stackStatus?: string; outputs?: Record<string, string> };

type StubChangeSet = {
  id: string;
  name: string;
  stackId: string;
  type: string;
  parameters: { key: string; value?: string; usePrevious: boolean }[];
  status: string;
  reason?: string;
  final: { status: string; reason?: string };
  describes: number;
};

/** What the next execution does: succeed (with outputs), or fail on a resource and roll back. */
export type ExecutionScript = { outcome: 'succeed'; outputs?: Record<string, string> } | { outcome: 'fail'; logicalResourceId: string; resourceType: string; reason: string };

/** What the next change set holds: changes, none (FAILED with CloudFormation's "no changes" reason), or a failure. */
export type ChangeSetScript = { outcome: 'changes' } | { outcome: 'empty' } | { outcome: 'failed'; reason: string };

export type StubCall = { service: 's3' | 'cloudformation' | 'sts'; action: string; params: Record<string, string>; path?: string };

export type DeployStubs = {
  endpoint: string;
  /** The env for `deployStack`: every service at the stub, region eu-west-1 (createAwsClient gives dummy credentials). */
  env: NodeJS.ProcessEnv;
  calls: StubCall[];
  /** bucket → key → object. A bucket must be created (the bootstrap bucket) before it can be used. */
  buckets: Map<string, Map<string, { body: Buffer; contentType: string | undefined }>>;
  stacks: Map<string, StubStack>;
  changeSets: Map<string, StubChangeSet>;
  nextChangeSet: ChangeSetScript;
  nextExecution: ExecutionScript;
  /** The next `times` calls of `action` answer `Throttling` (400), as CloudFormation does past its rate. */
  throttle: { action: string; times: number } | undefined;
  /** Events per DescribeStackEvents page (the real service gives up to 100). */
  eventPageSize: number;
  /** A stack as it stands before the deploy. */
  putStack(stack: Omit<Partial<StubStack>, 'events'> & { stackName: string; status: string; events?: Omit<StubEvent, 'eventId' | 'timestamp'>[] }): StubStack;
  /** The stack by name (not deleted ones). */
  stackNamed(name: string): StubStack | undefined;
  cfnCalls(action?: string): StubCall[];
  close(): Promise<void>;
};

const esc = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const el = (name: string, value: string | undefined) => (value === undefined ? '' : `<${name}>${esc(value)}</${name}>`);
const members = (name: string, items: string[]) => `<${name}>${items.map((item) => `<member>${item}</member>`).join('')}</${name}>`;

function listParam(params: Record<string, string>, prefix: string, fields: string[]): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (let i = 1; ; i++) {
    const item: Record<string, string> = {};
    for (const field of fields) {
      const value = params[`${prefix}.member.${i}${field ? `.${field}` : ''}`];
      if (value !== undefined) item[field] = value;
    }
    if (Object.keys(item).length === 0) return out;
    out.push(item);
  }
}

class AwsQueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** Starts the stubs on 127.0.0.1, port 0. Always `await close()`. */
export async function startDeployStubs(): Promise<DeployStubs> {
  const calls: StubCall[] = [];
  const buckets: DeployStubs['buckets'] = new Map();
  const stacks = new Map<string, StubStack>();
  const changeSets = new Map<string, StubChangeSet>();
  let clock = Date.parse('2026-06-01T10:00:00Z');
  const tick = () => new Date((clock += 1000));

  const addEvent = (stack: StubStack, event: Omit<StubEvent, 'eventId' | 'timestamp'>) => {
    stack.events.push({ ...event, eventId: randomUUID(), timestamp: tick() });
  };
  const stackEvent = (stack: StubStack, status: string, reason?: string) =>
    addEvent(stack, { logicalResourceId: stack.stackName, resourceType: 'AWS::CloudFormation::Stack', status, ...(reason ? { reason } : {}) });

  const stubs: DeployStubs = {
    endpoint: '',
    env: {},
    calls,
    buckets,
    stacks,
    changeSets,
    nextChangeSet: { outcome: 'changes' },
    nextExecution: { outcome: 'succeed' },
    throttle: undefined,
    eventPageSize: 100,
    putStack(init) {
      const stackId = `arn:aws:cloudformation:${STUB_REGION}:${STUB_ACCOUNT}:stack/${init.stackName}/${randomUUID()}`;
      const stack: StubStack = { stackId, parameters: [], outputs: {}, tags: [], pending: [], ...init, events: [] };
      for (const event of init.events ?? []) addEvent(stack, event);
      stacks.set(stackId, stack);
      return stack;
    },
    stackNamed(name) {
      return [...stacks.values()].find((s) => s.stackName === name && s.status !== 'DELETE_COMPLETE');
    },
    cfnCalls(action) {
      return calls.filter((c) => c.service === 'cloudformation' && (!action || c.action === action));
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const findStack = (nameOrId: string | undefined): StubStack => {
    const stack = nameOrId?.startsWith('arn:') ? stacks.get(nameOrId) : stubs.stackNamed(nameOrId ?? '');
    if (!stack) throw new AwsQueryError('ValidationError', `Stack with id ${nameOrId} does not exist`);
    return stack;
  };

  const advance = (stack: StubStack) => {
    const step = stack.pending.shift();
    if (!step) return;
    addEvent(stack, { logicalResourceId: step.logicalResourceId, resourceType: step.resourceType, status: step.status, ...(step.reason ? { reason: step.reason } : {}) });
    if (step.stackStatus) {
      stack.status = step.stackStatus;
      if (step.reason && step.resourceType === 'AWS::CloudFormation::Stack') stack.statusReason = step.reason;
    }
    if (step.outputs) stack.outputs = step.outputs;
  };

  const stackStep = (stack: StubStack, status: string, reason?: string): Step => ({
    logicalResourceId: stack.stackName,
    resourceType: 'AWS::CloudFormation::Stack',
    status,
    stackStatus: status,
    ...(reason ? { reason } : {}),
  });

  const RESOURCES = [
    { logicalResourceId: 'RunsTable', resourceType: 'AWS::DynamoDB::Table' },
    { logicalResourceId: 'Pipeline', resourceType: 'AWS::StepFunctions::StateMachine' },
  ];

  function scriptExecution(stack: StubStack, type: string, script: ExecutionScript): Step[] {
    const verb = type === 'CREATE' ? 'CREATE' : 'UPDATE';
    if (script.outcome === 'succeed') {
      return [
        ...RESOURCES.flatMap((r) => [
          { ...r, status: `${verb}_IN_PROGRESS` },
          { ...r, status: `${verb}_COMPLETE` },
        ]),
        { ...stackStep(stack, `${verb}_COMPLETE`), outputs: script.outputs ?? { StateMachineArn: `arn:aws:states:${STUB_REGION}:${STUB_ACCOUNT}:stateMachine:Pipeline` } },
      ];
    }
    const failing = { logicalResourceId: script.logicalResourceId, resourceType: script.resourceType };
    const other = RESOURCES[0] as { logicalResourceId: string; resourceType: string };
    const rollback = verb === 'CREATE' ? 'ROLLBACK' : 'UPDATE_ROLLBACK';
    return [
      { ...other, status: `${verb}_IN_PROGRESS` },
      { ...failing, status: `${verb}_IN_PROGRESS` },
      { ...other, status: `${verb}_COMPLETE` },
      { ...failing, status: `${verb}_FAILED`, reason: script.reason },
      stackStep(stack, `${rollback}_IN_PROGRESS`, `The following resource(s) failed to ${verb.toLowerCase()}: [${script.logicalResourceId}].`),
      { ...other, status: verb === 'CREATE' ? 'DELETE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS' },
      { ...other, status: verb === 'CREATE' ? 'DELETE_COMPLETE' : 'UPDATE_COMPLETE' },
      stackStep(stack, `${rollback}_COMPLETE`),
    ];
  }

  function stackXml(stack: StubStack): string {
    return [
      el('StackId', stack.stackId),
      el('StackName', stack.stackName),
      el('CreationTime', (stack.events[0]?.timestamp ?? new Date(clock)).toISOString()),
      el('StackStatus', stack.status),
      el('StackStatusReason', stack.statusReason),
      members('Parameters', stack.parameters.map((p) => el('ParameterKey', p.key) + el('ParameterValue', p.value))),
      members('Outputs', Object.entries(stack.outputs).map(([k, v]) => el('OutputKey', k) + el('OutputValue', v))),
      members('Tags', stack.tags.map((t) => el('Key', t.key) + el('Value', t.value))),
    ].join('');
  }

  function cloudFormation(action: string, p: Record<string, string>): string | undefined {
    switch (action) {
      case 'DescribeStacks': {
        const stack = findStack(p.StackName);
        const answer = members('Stacks', [stackXml(stack)]);
        advance(stack);
        return answer;
      }
      case 'DescribeStackEvents': {
        const stack = findStack(p.StackName);
        const newestFirst = [...stack.events].reverse();
        const start = Number(p.NextToken ?? 0);
        const page = newestFirst.slice(start, start + stubs.eventPageSize);
        const next = start + stubs.eventPageSize < newestFirst.length ? String(start + stubs.eventPageSize) : undefined;
        const items = page.map(
          (e) =>
            el('StackId', stack.stackId) +
            el('EventId', e.eventId) +
            el('StackName', stack.stackName) +
            el('LogicalResourceId', e.logicalResourceId) +
            el('PhysicalResourceId', e.logicalResourceId) +
            el('ResourceType', e.resourceType) +
            el('Timestamp', e.timestamp.toISOString()) +
            el('ResourceStatus', e.status) +
            el('ResourceStatusReason', e.reason),
        );
        return members('StackEvents', items) + el('NextToken', next);
      }
      case 'CreateChangeSet': {
        const name = p.StackName ?? '';
        const type = p.ChangeSetType ?? 'UPDATE';
        let stack = stubs.stackNamed(name);
        if (type === 'UPDATE' && !stack) throw new AwsQueryError('ValidationError', `Stack [${name}] does not exist`);
        if (type === 'CREATE' && stack && stack.status !== 'REVIEW_IN_PROGRESS') throw new AwsQueryError('ValidationError', `Stack [${name}] already exists and cannot be created again with the changeSet [${p.ChangeSetName}].`);
        if (type === 'UPDATE' && stack && ['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED'].includes(stack.status)) {
          throw new AwsQueryError('ValidationError', `Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
        }
        if (!stack) {
          stack = stubs.putStack({ stackName: name, status: 'REVIEW_IN_PROGRESS' });
          stackEvent(stack, 'REVIEW_IN_PROGRESS', 'User Initiated');
        }
        const id = `arn:aws:cloudformation:${STUB_REGION}:${STUB_ACCOUNT}:changeSet/${p.ChangeSetName}/${randomUUID()}`;
        const script = stubs.nextChangeSet;
        const final =
          script.outcome === 'changes'
            ? { status: 'CREATE_COMPLETE' }
            : script.outcome === 'empty'
              ? { status: 'FAILED', reason: "The submitted information didn't contain changes. Submit different information to create a change set." }
              : { status: 'FAILED', reason: script.reason };
        const parameters = listParam(p, 'Parameters', ['ParameterKey', 'ParameterValue', 'UsePreviousValue']).map((x) => ({
          key: x.ParameterKey ?? '',
          ...(x.ParameterValue !== undefined ? { value: x.ParameterValue } : {}),
          usePrevious: x.UsePreviousValue === 'true',
        }));
        changeSets.set(id, { id, name: p.ChangeSetName ?? '', stackId: stack.stackId, type, parameters, status: 'CREATE_PENDING', final, describes: 0 });
        return el('Id', id) + el('StackId', stack.stackId);
      }
      case 'DescribeChangeSet': {
        const changeSet = changeSets.get(p.ChangeSetName ?? '');
        if (!changeSet) throw new AwsQueryError('ChangeSetNotFound', `ChangeSet [${p.ChangeSetName}] does not exist`, 404);
        changeSet.describes++;
        if (changeSet.describes === 2) changeSet.status = 'CREATE_IN_PROGRESS';
        if (changeSet.describes >= 3) Object.assign(changeSet, { status: changeSet.final.status, ...(changeSet.final.reason ? { reason: changeSet.final.reason } : {}) });
        const stack = stacks.get(changeSet.stackId) as StubStack;
        const changes = changeSet.status === 'CREATE_COMPLETE' ? RESOURCES.map((r) => el('Type', 'Resource') + `<ResourceChange>${el('Action', changeSet.type === 'CREATE' ? 'Add' : 'Modify')}${el('LogicalResourceId', r.logicalResourceId)}${el('ResourceType', r.resourceType)}${changeSet.type === 'CREATE' ? '' : el('Replacement', 'False')}</ResourceChange>`) : [];
        return (
          el('ChangeSetName', changeSet.name) +
          el('ChangeSetId', changeSet.id) +
          el('StackId', stack.stackId) +
          el('StackName', stack.stackName) +
          el('CreationTime', new Date(clock).toISOString()) +
          el('ExecutionStatus', changeSet.status === 'CREATE_COMPLETE' ? 'AVAILABLE' : 'UNAVAILABLE') +
          el('Status', changeSet.status) +
          el('StatusReason', changeSet.reason) +
          members('Changes', changes)
        );
      }
      case 'DeleteChangeSet': {
        if (!changeSets.delete(p.ChangeSetName ?? '')) throw new AwsQueryError('ChangeSetNotFound', `ChangeSet [${p.ChangeSetName}] does not exist`, 404);
        return '';
      }
      case 'ExecuteChangeSet': {
        const changeSet = changeSets.get(p.ChangeSetName ?? '');
        if (!changeSet) throw new AwsQueryError('ChangeSetNotFound', `ChangeSet [${p.ChangeSetName}] does not exist`, 404);
        if (changeSet.status !== 'CREATE_COMPLETE') throw new AwsQueryError('InvalidChangeSetStatus', `ChangeSet [${changeSet.id}] cannot be executed in its current status of [${changeSet.status}]`);
        const stack = stacks.get(changeSet.stackId) as StubStack;
        const verb = changeSet.type === 'CREATE' ? 'CREATE' : 'UPDATE';
        stack.parameters = changeSet.parameters.map((x) => ({ key: x.key, value: x.usePrevious ? (stack.parameters.find((old) => old.key === x.key)?.value ?? '') : (x.value ?? '') }));
        stack.status = `${verb}_IN_PROGRESS`;
        delete stack.statusReason;
        stackEvent(stack, `${verb}_IN_PROGRESS`, 'User Initiated');
        stack.pending = scriptExecution(stack, changeSet.type, stubs.nextExecution);
        changeSets.delete(changeSet.id);
        return '';
      }
      case 'DeleteStack': {
        const stack = stubs.stackNamed(p.StackName ?? '') ?? stacks.get(p.StackName ?? '');
        if (!stack) return undefined;
        stack.status = 'DELETE_IN_PROGRESS';
        stackEvent(stack, 'DELETE_IN_PROGRESS', 'User Initiated');
        stack.pending = [{ logicalResourceId: 'RunsTable', resourceType: 'AWS::DynamoDB::Table', status: 'DELETE_SKIPPED' }, stackStep(stack, 'DELETE_COMPLETE')];
        return undefined;
      }
      default:
        throw new AwsQueryError('InvalidAction', `Could not find operation ${action} for version 2010-05-15`);
    }
  }

  function answerQuery(res: ServerResponse, ns: string, action: string, result: string | undefined, requestId: string) {
    const resultXml = result === undefined ? '' : `<${action}Result>${result}</${action}Result>`;
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(`<${action}Response xmlns="${ns}">${resultXml}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`);
  }

  function s3(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const path = (req.url ?? '/').split('?')[0] as string;
    const [, bucketName = '', ...rest] = path.split('/');
    const key = rest.map(decodeURIComponent).join('/');
    const method = req.method ?? 'GET';
    const action = key ? { HEAD: 'HeadObject', GET: 'GetObject', PUT: 'PutObject' }[method] : { HEAD: 'HeadBucket', PUT: 'CreateBucket' }[method];
    calls.push({ service: 's3', action: action ?? method, params: { Bucket: bucketName, ...(key ? { Key: key } : {}) }, path });
    const error = (status: number, code: string, message: string) => {
      res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': randomUUID() });
      res.end(method === 'HEAD' ? undefined : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${esc(message)}</Message><RequestId>r</RequestId></Error>`);
    };
    const bucket = buckets.get(bucketName);
    if (!bucket) return error(404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (!key) {
      res.writeHead(200, { 'x-amz-bucket-region': STUB_REGION });
      return res.end();
    }
    if (method === 'PUT') {
      bucket.set(key, { body, contentType: req.headers['content-type'] });
      res.writeHead(200, { etag: `"${randomUUID()}"` });
      return res.end();
    }
    const object = bucket.get(key);
    if (!object) return error(404, 'NoSuchKey', 'The specified key does not exist.');
    res.writeHead(200, { 'content-length': String(object.body.length), 'content-type': object.contentType ?? 'application/octet-stream', etag: '"e"' });
    return res.end(method === 'HEAD' ? undefined : object.body);
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const isQuery = req.method === 'POST' && (req.url === '/' || req.url?.startsWith('/?')) && String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded');
      if (!isQuery) return s3(req, res, body);
      const params = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
      const action = params.Action ?? '';
      const isSts = params.Version === '2011-06-15';
      calls.push({ service: isSts ? 'sts' : 'cloudformation', action, params });
      const requestId = randomUUID();
      try {
        if (isSts) {
          if (action !== 'GetCallerIdentity') throw new AwsQueryError('InvalidAction', `Could not find operation ${action}`);
          return answerQuery(res, STS_NS, action, el('Arn', `arn:aws:iam::${STUB_ACCOUNT}:user/deployer`) + el('UserId', 'AIDAEXAMPLE') + el('Account', STUB_ACCOUNT), requestId);
        }
        if (stubs.throttle?.action === action && stubs.throttle.times > 0) {
          stubs.throttle.times--;
          throw new AwsQueryError('Throttling', 'Rate exceeded');
        }
        return answerQuery(res, CFN_NS, action, cloudFormation(action, params), requestId);
      } catch (error) {
        const e = error instanceof AwsQueryError ? error : new AwsQueryError('InternalFailure', String(error), 500);
        res.writeHead(e.status, { 'content-type': 'text/xml' });
        res.end(`<ErrorResponse xmlns="${isSts ? STS_NS : CFN_NS}"><Error><Type>Sender</Type><Code>${e.code}</Code><Message>${esc(e.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stubs.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stubs.env = { AWS_ENDPOINT_URL: stubs.endpoint, AWS_REGION: STUB_REGION };
  return stubs;
}

/** The bootstrap bucket's name for the stub's account and region. */
export const STUB_BOOTSTRAP_BUCKET = `cdk-hnb659fds-assets-${STUB_ACCOUNT}-${STUB_REGION}`;
