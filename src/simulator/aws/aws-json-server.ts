/**
 * The AWS JSON protocol (1.0 for Step Functions, 1.1 for ECS, CloudWatch Logs and Secrets
 * Manager): `POST /` with `X-Amz-Target: <prefix>.<Action>` and a JSON body; answers 200 with a
 * JSON body, or an error as `{"__type": "<code>", "message": "..."}` with `x-amzn-errortype`, which
 * is how the SDK names the exception it throws. Every call goes through the shared call log
 * (and its fault injection) first.
 */
import { randomUUID } from 'node:crypto';
import { AwsServiceError } from './aws-errors.js';
import type { CallLog, LocalAwsService } from './call-log.js';
import { listenOnLoopback, readBody, type Listening } from './http-listen.js';

export type JsonAction = (input: Record<string, unknown>) => unknown;

export type JsonServiceOptions = {
  service: LocalAwsService;
  /** `AWSStepFunctions`, `AmazonEC2ContainerServiceV20141113`, `Logs_20140328`, `secretsmanager`. */
  targetPrefix: string;
  /** '1.0' or '1.1'. */
  jsonVersion: '1.0' | '1.1';
  actions: Record<string, JsonAction>;
  log: CallLog;
};

/** Starts the service on loopback. */
export async function startJsonService(options: JsonServiceOptions): Promise<Listening> {
  const contentType = `application/x-amz-json-${options.jsonVersion}`;
  return listenOnLoopback((req, res) => {
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': randomUUID(), ...headers });
      res.end(JSON.stringify(body));
    };
    const fail = (error: AwsServiceError) => answer(error.status, { __type: error.code, message: error.message }, { 'x-amzn-errortype': error.code });
    void (async () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const [prefix, action = ''] = target.split('.');
      const text = (await readBody(req))?.toString('utf8') ?? '';
      let input: Record<string, unknown>;
      try {
        input = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        return fail(new AwsServiceError('SerializationException', 'The request body is not JSON.'));
      }
      const handler = prefix === options.targetPrefix ? options.actions[action] : undefined;
      if (!handler) return fail(new AwsServiceError('UnknownOperationException', `Unknown operation ${target}`));
      try {
        options.log.record(options.service, action, input);
        answer(200, (await handler(input)) ?? {});
      } catch (error) {
        if (error instanceof AwsServiceError) return fail(error);
        fail(new AwsServiceError('InternalFailure', error instanceof Error ? error.message : String(error), 500));
      }
    })();
  });
}

/** A required string field, or `ValidationException` as AWS answers a missing one. */
export function requiredString(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value === '') {
    throw new AwsServiceError('ValidationException', `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

/** Seconds since the epoch, as the JSON protocols carry timestamps. */
export const epochSeconds = (ms: number): number => ms / 1000;
