/**
 * CloudFormation (the awsQuery protocol: a form-encoded POST with `Action` and `Version`, XML
 * answers `<XResponse><XResult>...</XResult><ResponseMetadata>`). The deployed stack is there from
 * the start; DescribeStacks answers for it. New actions go in `ACTIONS`.
 */
import { randomUUID } from 'node:crypto';
import { AwsServiceError } from './aws-errors.js';
import type { CallLog } from './call-log.js';
import { listenOnLoopback, readBody, type Listening } from './http-listen.js';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './stack-assembly.js';
import { escapeXml, toXml, type XmlValue } from './xml.js';

const NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

export type DeployedStack = {
  stackName: string;
  stackId: string;
  status: string;
  createdAt: Date;
  outputs: Record<string, string>;
  descriptions: Record<string, string>;
  tags: Record<string, string>;
};

export function deployedStack(stackName: string, outputs: Record<string, string>, descriptions: Record<string, string> = {}, tags: Record<string, string> = {}): DeployedStack {
  return {
    stackName,
    stackId: `arn:aws:cloudformation:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:stack/${stackName}/${randomUUID()}`,
    status: 'CREATE_COMPLETE',
    createdAt: new Date(),
    outputs,
    descriptions,
    tags,
  };
}

type QueryAction = (params: URLSearchParams, stacks: DeployedStack[]) => XmlValue;

function findStack(stacks: DeployedStack[], nameOrId: string): DeployedStack {
  const stack = stacks.find((s) => s.stackName === nameOrId || s.stackId === nameOrId);
  if (!stack) throw new AwsServiceError('ValidationError', `Stack with id ${nameOrId} does not exist`);
  return stack;
}

const ACTIONS: Record<string, QueryAction> = {
  DescribeStacks(params, stacks) {
    const name = params.get('StackName');
    const selected = name ? [findStack(stacks, name)] : stacks;
    return {
      Stacks: selected.map((s) => ({
        StackId: s.stackId,
        StackName: s.stackName,
        CreationTime: s.createdAt.toISOString(),
        StackStatus: s.status,
        DisableRollback: false,
        Outputs: Object.entries(s.outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue, Description: s.descriptions[OutputKey] })),
        Tags: Object.entries(s.tags).map(([Key, Value]) => ({ Key, Value })),
        Capabilities: ['CAPABILITY_IAM'],
        DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
      })),
    };
  },
};

export async function startCloudFormationService(stacks: DeployedStack[], log: CallLog): Promise<Listening> {
  return listenOnLoopback((req, res) => {
    void (async () => {
      const params = new URLSearchParams((await readBody(req))?.toString('utf8') ?? '');
      const action = params.get('Action') ?? '';
      const requestId = randomUUID();
      try {
        const input = Object.fromEntries([...params].filter(([k]) => k !== 'Action' && k !== 'Version'));
        log.record('cloudformation', action, input);
        const handler = ACTIONS[action];
        if (!handler) throw new AwsServiceError('InvalidAction', `Could not find operation ${action} for version 2010-05-15`);
        const result = toXml(handler(params, stacks));
        res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
        res.end(`<${action}Response xmlns="${NAMESPACE}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`);
      } catch (error) {
        const awsError = error instanceof AwsServiceError ? error : new AwsServiceError('InternalFailure', String(error), 500);
        res.writeHead(awsError.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
        res.end(
          `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${awsError.status < 500 ? 'Sender' : 'Receiver'}</Type><Code>${awsError.code}</Code><Message>${escapeXml(awsError.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
        );
      }
    })();
  });
}
