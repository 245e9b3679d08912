/** Secrets Manager (JSON 1.1, `secretsmanager.*`): GetSecretValue over the stack's secrets. */
import { randomUUID } from 'node:crypto';
import { AwsServiceError } from './aws-errors.js';
import { epochSeconds, requiredString, startJsonService } from './aws-json-server.js';
import type { CallLog } from './call-log.js';
import type { Listening } from './http-listen.js';

export type SecretsStore = Map<string, string>;

/** Finds a secret by ARN, or by name (the ARN's name part with or without its random suffix), as the service does. */
function find(secrets: SecretsStore, id: string): [string, string] | undefined {
  for (const [arn, value] of secrets) {
    const name = arn.split(':secret:')[1] ?? arn;
    if (id === arn || id === name || id === name.replace(/-[A-Za-z0-9]{6}$/, '')) return [arn, value];
  }
  return undefined;
}

export async function startSecretsService(secrets: SecretsStore, log: CallLog): Promise<Listening> {
  const versions = new Map<string, string>();
  return startJsonService({
    service: 'secretsmanager',
    targetPrefix: 'secretsmanager',
    jsonVersion: '1.1',
    log,
    actions: {
      GetSecretValue(input) {
        const id = requiredString(input, 'SecretId');
        const found = find(secrets, id);
        if (!found) throw new AwsServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
        const [arn, value] = found;
        if (!versions.has(arn)) versions.set(arn, randomUUID());
        return {
          ARN: arn,
          Name: (arn.split(':secret:')[1] ?? arn).replace(/-[A-Za-z0-9]{6}$/, ''),
          SecretString: value,
          VersionId: versions.get(arn),
          VersionStages: ['AWSCURRENT'],
          CreatedDate: epochSeconds(Date.now()),
        };
      },
    },
  });
}
