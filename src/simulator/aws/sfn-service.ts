/**
 * Step Functions (JSON 1.0, `AWSStepFunctions.*`) over the local executions: the actions the
 * project's callers use, with the service's request and answer shapes (timestamps as epoch
 * seconds) and its error codes.
 */
import { AwsServiceError } from './aws-errors.js';
import { epochSeconds, requiredString, startJsonService } from './aws-json-server.js';
import type { CallLog } from './call-log.js';
import type { Listening } from './http-listen.js';
import type { ExecutionView, Executions } from './sfn-executions.js';
import type { TaskTokens } from './sfn-task-tokens.js';

export type StateMachineInfo = {
  arn: string;
  name: string;
  definitionText: string;
  roleArn: string;
  createdAt: Date;
  tags: Record<string, string>;
};

/** A state machine the service serves, with its executions. */
export type LocalStateMachine = { info: StateMachineInfo; executions: Executions };

const MAX_RESULTS = 1000;

/** A page of `items` after `nextToken` (an offset we issued). */
function page<T>(items: T[], input: Record<string, unknown>, fallback: number): { items: T[]; nextToken?: string } {
  const max = input.maxResults === undefined || input.maxResults === 0 ? fallback : Number(input.maxResults);
  if (!Number.isInteger(max) || max < 0 || max > MAX_RESULTS) throw new AwsServiceError('ValidationException', `maxResults must be between 0 and ${MAX_RESULTS}.`);
  let from = 0;
  if (input.nextToken !== undefined) {
    from = Number(Buffer.from(String(input.nextToken), 'base64url').toString('utf8').replace(/^offset:/, ''));
    if (!Number.isInteger(from) || from < 0) throw new AwsServiceError('InvalidToken', 'Invalid Token');
  }
  const slice = items.slice(from, from + max);
  return from + max < items.length ? { items: slice, nextToken: Buffer.from(`offset:${from + max}`).toString('base64url') } : { items: slice };
}

const dates = (view: ExecutionView) => ({ startDate: epochSeconds(view.startDate.getTime()), ...(view.stopDate ? { stopDate: epochSeconds(view.stopDate.getTime()) } : {}) });

function withoutData(details: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...details };
  for (const field of ['input', 'output', 'parameters']) delete copy[field];
  return copy;
}

export async function startSfnService(options: { machines: LocalStateMachine[]; tokens: TaskTokens; log: CallLog }): Promise<Listening> {
  const { machines, tokens } = options;
  const machineOf = (arn: string): LocalStateMachine => {
    const found = machines.find((m) => m.info.arn === arn);
    if (!found) throw new AwsServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return found;
  };
  /** The executions of the machine an execution ARN names (`…:execution:<machine>:<name>`); an unknown one is looked up, and refused, on the first. */
  const executionsOf = (executionArn: string): Executions =>
    (machines.find((m) => executionArn.startsWith(`${m.info.arn.replace(':stateMachine:', ':execution:')}:`)) ?? (machines[0] as LocalStateMachine)).executions;
  return startJsonService({
    service: 'sfn',
    targetPrefix: 'AWSStepFunctions',
    jsonVersion: '1.0',
    log: options.log,
    actions: {
      StartExecution(input) {
        const { executions } = machineOf(requiredString(input, 'stateMachineArn'));
        const name = typeof input.name === 'string' ? input.name : crypto.randomUUID();
        const view = executions.start(name, typeof input.input === 'string' ? input.input : undefined);
        return { executionArn: view.executionArn, startDate: epochSeconds(view.startDate.getTime()) };
      },
      DescribeExecution(input) {
        const executionArn = requiredString(input, 'executionArn');
        const { view } = executionsOf(executionArn).get(executionArn);
        return {
          executionArn: view.executionArn,
          stateMachineArn: view.stateMachineArn,
          name: view.name,
          status: view.status,
          ...dates(view),
          input: view.input,
          inputDetails: { included: true },
          ...(view.output !== undefined ? { output: view.output, outputDetails: { included: true } } : {}),
          ...(view.error !== undefined ? { error: view.error } : {}),
          ...(view.cause !== undefined ? { cause: view.cause } : {}),
        };
      },
      StopExecution(input) {
        const executionArn = requiredString(input, 'executionArn');
        const view = executionsOf(executionArn).stop(
          executionArn,
          typeof input.error === 'string' ? input.error : undefined,
          typeof input.cause === 'string' ? input.cause : undefined,
        );
        return { stopDate: epochSeconds((view.stopDate ?? new Date()).getTime()) };
      },
      GetExecutionHistory(input) {
        const executionArn = requiredString(input, 'executionArn');
        const { history } = executionsOf(executionArn).get(executionArn);
        const includeData = input.includeExecutionData !== false;
        let events = history.events.map((event) =>
          Object.fromEntries(
            Object.entries(event).map(([key, value]) => [
              key,
              key === 'timestamp' ? epochSeconds(value as number) : key.endsWith('EventDetails') && !includeData ? withoutData(value as Record<string, unknown>) : value,
            ]),
          ),
        );
        if (input.reverseOrder === true) events = events.reverse();
        const { items, nextToken } = page(events, input, 100);
        return { events: items, ...(nextToken ? { nextToken } : {}) };
      },
      ListExecutions(input) {
        const { executions } = machineOf(requiredString(input, 'stateMachineArn'));
        const status = typeof input.statusFilter === 'string' ? input.statusFilter : undefined;
        const views = executions
          .list()
          .filter((v) => !status || v.status === status)
          .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
        const { items, nextToken } = page(views, input, 100);
        return {
          executions: items.map((v) => ({ executionArn: v.executionArn, stateMachineArn: v.stateMachineArn, name: v.name, status: v.status, ...dates(v) })),
          ...(nextToken ? { nextToken } : {}),
        };
      },
      SendTaskSuccess(input) {
        tokens.succeed(requiredString(input, 'taskToken'), requiredString(input, 'output'));
        return {};
      },
      SendTaskFailure(input) {
        tokens.fail(requiredString(input, 'taskToken'), input.error as string | undefined, input.cause as string | undefined);
        return {};
      },
      SendTaskHeartbeat(input) {
        tokens.heartbeat(requiredString(input, 'taskToken'));
        return {};
      },
      DescribeStateMachine(input) {
        const machine = machineOf(requiredString(input, 'stateMachineArn')).info;
        return {
          stateMachineArn: machine.arn,
          name: machine.name,
          status: 'ACTIVE',
          definition: machine.definitionText,
          roleArn: machine.roleArn,
          type: 'STANDARD',
          creationDate: epochSeconds(machine.createdAt.getTime()),
          loggingConfiguration: { level: 'ALL', includeExecutionData: true },
          tracingConfiguration: { enabled: true },
        };
      },
      ListTagsForResource(input) {
        const machine = machineOf(requiredString(input, 'resourceArn')).info;
        return { tags: Object.entries(machine.tags).map(([key, value]) => ({ key, value })) };
      },
    },
  });
}
