/**
 * `fivetran-dbt webhook ...`: manage the Fivetran group webhook that reports sync ends to the
 * receiver (the stack's HttpApi URL or a self-hosted server). The secret comes from a flag, the
 * environment or Secrets Manager, and is never printed.
 */
import { Command } from 'commander';
import { createAwsClient } from '../aws/clients.js';
import { ConfigError } from '../core/errors.js';
import { parseList } from '../core/options.js';
import { EXIT, type CliIO } from './cli-io.js';

async function readSecret(options: { secret?: string; secretArn?: string }, env: NodeJS.ProcessEnv): Promise<string> {
  if (options.secret && options.secretArn) throw new ConfigError('Pass either --secret or --secret-arn, not both.');
  let value = options.secret ?? env.FIVETRAN_WEBHOOK_SECRET;
  if (options.secretArn) {
    const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    const result = await createAwsClient(SecretsManagerClient, 'secretsManager', env).send(new GetSecretValueCommand({ SecretId: options.secretArn }));
    value = result.SecretString;
  }
  const { parseWebhookSecrets } = await import('../core/webhook/receiver.js');
  const [current] = parseWebhookSecrets(value ?? '');
  if (!current) throw new ConfigError('A webhook secret is required: --secret, --secret-arn or FIVETRAN_WEBHOOK_SECRET.');
  return current;
}

export function webhookCommands(io: CliIO, setExit: (code: number) => void): Command {
  const webhook = new Command('webhook').description('Manage the Fivetran webhook that reports sync ends (uses FIVETRAN_API_KEY/FIVETRAN_API_SECRET).');
  // Loaded when a subcommand runs, not for `--help`.
  const client = async () => (await import('../core/fivetran/client.js')).fivetranClientFromEnv(io.env);

  webhook
    .command('register')
    .description('Create a group webhook for sync_start and sync_end; Fivetran tests the URL before it accepts it.')
    .requiredOption('-g, --group <id>', 'the Fivetran group (destination) id')
    .requiredOption('--url <url>', 'the receiver URL, e.g. the stack\'s WebhookUrl output (HTTPS)')
    .option('--secret <secret>', 'the signing secret (default: $FIVETRAN_WEBHOOK_SECRET)')
    .option('--secret-arn <arn>', 'read the signing secret from this Secrets Manager secret')
    .option('--events <list>', 'events to subscribe to', 'sync_start,sync_end')
    .action(async (options: { group: string; url: string; secret?: string; secretArn?: string; events: string }) => {
      if (!/^https:\/\//i.test(options.url)) io.stderr.write('warning: Fivetran only delivers to HTTPS URLs.\n');
      const secret = await readSecret(options, io.env);
      const created = await (await client()).createGroupWebhook(options.group, { url: options.url, events: parseList([options.events]), secret, active: true });
      io.stdout.write(`Created webhook ${created.id} for group ${options.group}: ${created.events.join(', ')} -> ${created.url}\n`);
      setExit(EXIT.ok);
    });

  webhook
    .command('list')
    .description('List the account\'s webhooks.')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const hooks = await (await client()).listWebhooks();
      if (options.json) io.stdout.write(`${JSON.stringify(hooks, null, 2)}\n`);
      else for (const h of hooks) io.stdout.write(`${h.id}  ${h.type ?? ''}  ${h.group_id ?? '-'}  ${h.active ? 'active' : 'inactive'}  ${h.events.join(',')}  ${h.url}\n`);
      setExit(EXIT.ok);
    });

  webhook
    .command('test')
    .description('Ask Fivetran to send a test event to a webhook.')
    .argument('<id>', 'webhook id')
    .option('--event <name>', 'the event to send', 'sync_end')
    .action(async (id: string, options: { event: string }) => {
      const result = await (await client()).testWebhook(id, options.event);
      io.stdout.write(`${JSON.stringify(result)}\n`);
      setExit(EXIT.ok);
    });

  webhook
    .command('delete')
    .description('Delete a webhook.')
    .argument('<id>', 'webhook id')
    .action(async (id: string) => {
      await (await client()).deleteWebhook(id);
      io.stdout.write(`Deleted webhook ${id}.\n`);
      setExit(EXIT.ok);
    });
  return webhook;
}
