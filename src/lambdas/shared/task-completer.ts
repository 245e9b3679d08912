/** The Step Functions task completer of the Lambdas that end waits (RegisterWaiter, Reconcile, the webhook). */
import { SFNClient } from '@aws-sdk/client-sfn';
import { createAwsClient } from '../../aws/clients.js';
import { SfnTaskCompleter } from '../../aws/sfn-task-completer.js';
import type { TaskCompleter } from '../../core/completion/completer.js';

/** SendTaskSuccess/Failure/Heartbeat with a client built from `env` (region, `AWS_ENDPOINT_URL_SFN`). */
export function createTaskCompleter(env: NodeJS.ProcessEnv = process.env): TaskCompleter {
  return new SfnTaskCompleter({ client: createAwsClient(SFNClient, 'sfn', env) });
}
