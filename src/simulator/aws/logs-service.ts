/**
 * CloudWatch Logs (JSON 1.1, `Logs_20140328.*`): the log events the dbt tasks wrote, read with
 * GetLogEvents, FilterLogEvents and DescribeLogStreams. Tokens are opaque strings, as in the service.
 */
import { AwsServiceError } from './aws-errors.js';
import { requiredString, startJsonService } from './aws-json-server.js';
import type { CallLog } from './call-log.js';
import type { Listening } from './http-listen.js';

export type LogEvent = { timestamp: number; message: string; ingestionTime: number };

/** Log groups → streams → events, in the order written. */
export class LogStore {
  readonly groups = new Map<string, Map<string, LogEvent[]>>();

  createGroup(group: string): void {
    if (!this.groups.has(group)) this.groups.set(group, new Map());
  }

  put(group: string, stream: string, messages: string[], at = Date.now()): void {
    this.createGroup(group);
    const streams = this.groups.get(group) as Map<string, LogEvent[]>;
    const events = streams.get(stream) ?? [];
    streams.set(stream, events);
    for (const message of messages) events.push({ timestamp: at, message, ingestionTime: at });
  }

  stream(group: string, stream: string): LogEvent[] {
    const streams = this.groups.get(group);
    if (!streams) throw new AwsServiceError('ResourceNotFoundException', 'The specified log group does not exist.');
    const events = streams.get(stream);
    if (!events) throw new AwsServiceError('ResourceNotFoundException', 'The specified log stream does not exist.');
    return events;
  }
}

const DEFAULT_LIMIT = 10_000;
const token = (direction: 'f' | 'b', index: number) => `${direction}/${String(index).padStart(56, '0')}`;
const indexOf = (text: unknown): number | undefined => (typeof text === 'string' && /^[fb]\/\d+$/.test(text) ? Number(text.slice(2)) : undefined);

export async function startLogsService(store: LogStore, log: CallLog): Promise<Listening> {
  return startJsonService({
    service: 'logs',
    targetPrefix: 'Logs_20140328',
    jsonVersion: '1.1',
    log,
    actions: {
      GetLogEvents(input) {
        const events = store.stream(requiredString(input, 'logGroupName'), requiredString(input, 'logStreamName'));
        const limit = Math.min(Number(input.limit ?? DEFAULT_LIMIT), DEFAULT_LIMIT);
        const at = indexOf(input.nextToken);
        const backward = String(input.nextToken ?? '').startsWith('b');
        let start: number;
        if (at !== undefined) start = backward ? Math.max(0, at - limit) : at;
        else start = input.startFromHead === true ? 0 : Math.max(0, events.length - limit);
        const end = at !== undefined && backward ? at : Math.min(start + limit, events.length);
        const page = events.slice(start, end);
        return { events: page, nextForwardToken: token('f', start + page.length), nextBackwardToken: token('b', start) };
      },
      FilterLogEvents(input) {
        const group = requiredString(input, 'logGroupName');
        const streams = store.groups.get(group);
        if (!streams) throw new AwsServiceError('ResourceNotFoundException', 'The specified log group does not exist.');
        const names = Array.isArray(input.logStreamNames) ? (input.logStreamNames as string[]) : [...streams.keys()];
        const pattern = typeof input.filterPattern === 'string' ? input.filterPattern.replace(/^"|"$/g, '') : '';
        const events = names.flatMap((name) =>
          (streams.get(name) ?? []).map((e, i) => ({ ...e, logStreamName: name, eventId: `${name}/${i}` })),
        );
        const matching = events.filter((e) => !pattern || e.message.includes(pattern)).filter((e) => (input.startTime === undefined || e.timestamp >= Number(input.startTime)) && (input.endTime === undefined || e.timestamp <= Number(input.endTime)));
        const from = indexOf(input.nextToken) ?? 0;
        const limit = Math.min(Number(input.limit ?? DEFAULT_LIMIT), DEFAULT_LIMIT);
        const page = matching.slice(from, from + limit);
        return { events: page, searchedLogStreams: names.map((logStreamName) => ({ logStreamName, searchedCompletely: true })), ...(from + limit < matching.length ? { nextToken: token('f', from + limit) } : {}) };
      },
      DescribeLogStreams(input) {
        const group = requiredString(input, 'logGroupName');
        const streams = store.groups.get(group);
        if (!streams) throw new AwsServiceError('ResourceNotFoundException', 'The specified log group does not exist.');
        const prefix = typeof input.logStreamNamePrefix === 'string' ? input.logStreamNamePrefix : '';
        const logStreams = [...streams.entries()]
          .filter(([name]) => name.startsWith(prefix))
          .map(([logStreamName, events]) => ({
            logStreamName,
            creationTime: events[0]?.timestamp ?? Date.now(),
            firstEventTimestamp: events[0]?.timestamp,
            lastEventTimestamp: events.at(-1)?.timestamp,
            lastIngestionTime: events.at(-1)?.ingestionTime,
            arn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}:log-stream:${logStreamName}`,
            storedBytes: 0,
          }));
        return { logStreams };
      },
    },
  });
}
