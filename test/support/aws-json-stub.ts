/**
 * A loopback stand-in for AWS JSON-protocol services (Step Functions `AWSStepFunctions.*`, Secrets
 * Manager `secretsmanager.*`), so the real SDK clients run against it through `endpoint`. It
 * records every call and answers through a handler the test controls, including AWS errors
 * (`{"__type": "TaskTimedOut"}`) and answers it holds back (a request in flight).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';

/** One call as the stub received it: `target` is the `X-Amz-Target` header, `input` the JSON body. */
export type AwsCall = { target: string; input: Record<string, unknown> };

/** A stub answer: a JSON body (200), or an AWS error by type name. */
export type AwsReply = { body: Record<string, unknown> } | { error: string; message?: string; status?: number };

/** Returns the answer, or `undefined` for the default one. */
export type AwsReplyHandler = (call: AwsCall) => AwsReply | undefined | Promise<AwsReply | undefined>;

export type AwsJsonStub = {
  endpoint: string;
  /** Every call received, in order. */
  readonly calls: AwsCall[];
  /** Replaces the handler; its `undefined` means the default: `{}` for Step Functions, `secrets` for GetSecretValue. */
  setHandler(handler: AwsReplyHandler): void;
  /** Secret strings by id, for the default GetSecretValue answer. */
  readonly secrets: Map<string, string>;
  /** An SFN client (dummy credentials, one attempt) pointed at the stub. */
  sfnClient(): SFNClient;
  /** A Secrets Manager client (dummy credentials, one attempt) pointed at the stub. */
  secretsClient(): SecretsManagerClient;
  /** Calls to Step Functions only, as `SendTaskSuccess` etc. with their input. */
  sfnCalls(): { action: string; input: Record<string, unknown> }[];
  close(): Promise<void>;
};

const SFN_PREFIX = 'AWSStepFunctions.';

/** Starts the stub on 127.0.0.1, port 0. Always `await close()`. */
export async function startAwsJsonStub(): Promise<AwsJsonStub> {
  const calls: AwsCall[] = [];
  const secrets = new Map<string, string>();
  const clients: { destroy(): void }[] = [];
  const defaultHandler = (call: AwsCall): AwsReply => {
    if (call.target === 'secretsmanager.GetSecretValue') {
      const id = String(call.input.SecretId);
      const value = secrets.get(id);
      if (value === undefined) return { error: 'ResourceNotFoundException', message: `Secrets Manager can't find the specified secret: ${id}` };
      return { body: { ARN: id, Name: id, SecretString: value, VersionId: 'v1', VersionStages: ['AWSCURRENT'] } };
    }
    return { body: {} };
  };
  let handler: AwsReplyHandler = defaultHandler;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const text = Buffer.concat(chunks).toString('utf8');
      const call: AwsCall = { target, input: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      calls.push(call);
      Promise.resolve(handler(call)).then(
        (answer) => {
          const reply = answer ?? defaultHandler(call);
          const contentType = target.startsWith(SFN_PREFIX) ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
          if ('error' in reply) {
            res.writeHead(reply.status ?? 400, { 'content-type': contentType, 'x-amzn-errortype': reply.error });
            res.end(JSON.stringify({ __type: reply.error, message: reply.message ?? reply.error }));
            return;
          }
          res.writeHead(200, { 'content-type': contentType });
          res.end(JSON.stringify(reply.body));
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
          res.end(JSON.stringify({ __type: 'InternalFailure', message: String(error) }));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientConfig = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };

  return {
    endpoint,
    calls,
    secrets,
    setHandler(next) {
      handler = next;
    },
    sfnClient() {
      const client = new SFNClient(clientConfig);
      clients.push(client);
      return client;
    },
    secretsClient() {
      const client = new SecretsManagerClient(clientConfig);
      clients.push(client);
      return client;
    },
    sfnCalls() {
      return calls.filter((c) => c.target.startsWith(SFN_PREFIX)).map((c) => ({ action: c.target.slice(SFN_PREFIX.length), input: c.input }));
    },
    async close() {
      for (const client of clients) client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Holds every call until `release()`, then gives the default answer: a call kept in flight. `reached` settles when the first arrives. */
export function holdCalls(): {
  handler: AwsReplyHandler;
  reached: Promise<AwsCall>;
  release(): void;
} {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let reach!: (call: AwsCall) => void;
  const reached = new Promise<AwsCall>((resolve) => (reach = resolve));
  return {
    handler: async (call) => {
      reach(call);
      await released;
      return undefined;
    },
    reached,
    release,
  };
}
