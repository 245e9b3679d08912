/**
 * An invocation's logging: the run id from the event on every line, nothing left over from the
 * previous invocation of a warm container.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { beginInvocation } from '../../../../src/lambdas/shared/logger.js';
import { captureLogLines } from '../fixtures.js';

const context = (awsRequestId: string) =>
  ({ functionName: 'summarize-syncs', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:summarize-syncs', memoryLimitInMB: '256', awsRequestId }) as Context;

describe('beginInvocation', () => {
  it('appends the event\'s runId to every line, and drops it and other appended keys when the next event has none', async () => {
    const logger = new Logger({ serviceName: 'test' });

    const { lines } = await captureLogLines(async () => {
      beginInvocation(logger, { runId: 'run-a', connectionId: 'c1' }, context('request-1'));
      logger.appendKeys({ apiRequestId: 'api-1' });
      logger.info('first');
      logger.warn('second');
      beginInvocation(logger, { source: 'aws.scheduler' }, context('request-2'));
      logger.info('third');
    });

    expect(lines.map((l) => [l.message, l.runId, l.apiRequestId, l.function_request_id])).toEqual([
      ['first', 'run-a', 'api-1', 'request-1'],
      ['second', 'run-a', 'api-1', 'request-1'],
      ['third', undefined, undefined, 'request-2'],
    ]);
  });

  it.each([null, 'run-a', { runId: 42 }, { runId: '' }])('appends no runId for the event %j', async (event) => {
    const logger = new Logger({ serviceName: 'test' });
    const { lines } = await captureLogLines(async () => {
      beginInvocation(logger, event);
      logger.info('line');
    });
    expect(lines[0]).not.toHaveProperty('runId');
  });
});
