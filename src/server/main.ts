/**
 * The self-hosted receiver's process: `startServer(config)` wires the receiver core to DynamoDB,
 * Step Functions and the secret, listens, and returns a handle whose `close()` drains gracefully
 * (readiness 503, stop accepting, let in-flight deliveries finish, cut what is left at the
 * deadline). Run directly (the Dockerfile's command, the integration test's process), it reads the
 * environment and owns the signals. The CLI's `serve` command calls `startServer`.
 */
import { once } from 'node:events';
import { realpathSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { pino, type Logger } from 'pino';
import { createAwsClient, type AwsService } from '../aws/clients.js';
import type { TaskCompleter } from '../core/completion/completer.js';
import { SfnTaskCompleter } from '../aws/sfn-task-completer.js';
import { ConfigError, messageOf } from '../core/errors.js';
import { DynamoRunStore } from '../aws/dynamodb-run-store.js';
import type { RunStore } from '../core/runs/records.js';
import { createWebhookReceiver } from '../core/webhook/receiver.js';
import { createSecretsManagerSource } from '../aws/webhook-secret-source.js';
import { createApp, pinoReceiverLogger } from './app.js';
import { describeServerConfig, loadServerConfig, type ServerConfig } from './config.js';
import { createServerMetrics } from './metrics.js';

/** Replacements for what `startServer` would build from the config (tests, benchmarks, the local engine). */
export type ServerOverrides = {
  store?: RunStore;
  completer?: TaskCompleter;
  logger?: Logger;
  /** Waits `SHUTDOWN_DELAY_MS`; injected so tests control time. @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
};

export type ServerHandle = {
  /** `http://<host>:<port>` as bound (port resolved when 0 was asked for). */
  url: string;
  port: number;
  server: Server;
  /** True once `close()` was called. */
  readonly shuttingDown: boolean;
  /** Drains and closes; idempotent (every call returns the same promise). */
  close(): Promise<void>;
};

/** Headers and secrets never reach the logs, whatever a caller logs. */
const REDACT = ['req.headers', 'headers', 'secret', 'secrets', '*.secret', '*.secrets'];

/** Log lines are written in batches of about this many bytes, or after `LOG_FLUSH_INTERVAL_MS`. */
const LOG_BATCH_BYTES = 4096;
const LOG_FLUSH_INTERVAL_MS = 1000;

/**
 * A pino logger as the server writes it: JSON lines on stdout, secrets redacted. Lines are batched
 * (one write per ~4 KiB, and at least once a second) so a busy receiver makes one write syscall per
 * dozen deliveries rather than one per line; `flushLogger` before exiting.
 */
export function createServerLogger(level: ServerConfig['logLevel'] = 'info'): Logger {
  const destination = pino.destination({ dest: 1, sync: false, minLength: LOG_BATCH_BYTES });
  const flusher = setInterval(() => {
    try {
      destination.flush();
    } catch {
      clearInterval(flusher); // the destination was closed
    }
  }, LOG_FLUSH_INTERVAL_MS).unref();
  return pino({ level, base: { service: 'fivetran-webhook-receiver' }, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}

/** Writes out what the logger still holds (call before `process.exit`). */
export function flushLogger(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}

/** Starts the receiver on `config.host:config.port`. Always `await handle.close()`. */
export async function startServer(config: ServerConfig, overrides: ServerOverrides = {}): Promise<ServerHandle> {
  const logger = overrides.logger ?? createServerLogger(config.logLevel);
  const metrics = createServerMetrics();
  const sleep = overrides.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const clients: { destroy(): void }[] = [];
  const aws = <T extends { destroy(): void }>(client: T): T => {
    clients.push(client);
    return client;
  };
  // Fivetran waits about 10 s for an answer: fail a stuck call early and answer 5xx instead.
  const requestHandler = { requestTimeout: config.awsCallTimeoutMs, connectionTimeout: Math.min(config.awsCallTimeoutMs, 1000) };
  const client = <C extends object, T extends { destroy(): void }>(Client: new (...c: [] | [C]) => T, service: AwsService): T =>
    aws(createAwsClient(Client, service, config.awsEnv, { requestHandler } as unknown as Partial<C>));

  const store = overrides.store ?? new DynamoRunStore({ tableName: config.runsTableName, client: client(DynamoDBClient, 'dynamodb') });
  const completer = overrides.completer ?? new SfnTaskCompleter({ client: client(SFNClient, 'sfn') });
  const secrets =
    config.secret.kind === 'environment'
      ? config.secret.secrets
      : createSecretsManagerSource({
          secretId: config.secret.secretId,
          maxAgeSeconds: config.secret.maxAgeSeconds,
          client: client(SecretsManagerClient, 'secretsManager'),
        });

  let shuttingDown = false;
  const receiver = createWebhookReceiver({ secrets, store, completer, logger: pinoReceiverLogger(logger), metrics });
  const app = createApp({
    receiver,
    store,
    logger,
    metrics,
    webhookPath: config.webhookPath,
    bodyLimitBytes: config.bodyLimitBytes,
    maxInFlight: config.maxInFlight,
    shedRetryAfterSeconds: config.shedRetryAfterSeconds,
    isShuttingDown: () => shuttingDown,
  });

  const server = app.listen(config.port, config.host);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error as Error))]);
  // Keep-alive sockets must outlive a load balancer's idle timeout (ALB: 60 s) or it sees resets.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`;
  logger.info({ url, config: describeServerConfig(config) }, 'receiver listening');
  logger.flush(); // whoever started the process waits for this line

  let closing: Promise<void> | null = null;
  async function drain(): Promise<void> {
    shuttingDown = true;
    logger.info({ delayMs: config.shutdownDelayMs, timeoutMs: config.shutdownTimeoutMs }, 'shutdown started: readiness 503');
    if (config.shutdownDelayMs > 0) await sleep(config.shutdownDelayMs);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // A connection that finishes its last request becomes idle; close those as they appear.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => {
      logger.warn('shutdown deadline reached: closing the connections still open');
      server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    try {
      await closed;
    } finally {
      clearInterval(sweep);
      clearTimeout(deadline);
      for (const client of clients) client.destroy();
    }
    logger.info('shutdown complete');
  }

  return {
    url,
    port,
    server,
    get shuttingDown() {
      return shuttingDown;
    },
    close() {
      closing ??= drain();
      return closing;
    },
  };
}

/**
 * The process entry: configuration from `env`, SIGTERM/SIGINT drain then exit 0, a second signal
 * exits at once. A configuration error prints what to fix and exits 2.
 */
export async function runServerProcess(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadServerConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const logger = createServerLogger(config.logLevel);
  let handle: ServerHandle;
  try {
    handle = await startServer(config, { logger });
  } catch (error) {
    logger.fatal({ error: messageOf(error) }, 'receiver failed to start');
    await flushLogger(logger);
    process.exit(1);
  }
  const exit = (code: number) => {
    void flushLogger(logger).finally(() => process.exit(code));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (handle.shuttingDown) {
      logger.warn({ signal }, 'second signal: exiting now');
      exit(1);
      return;
    }
    logger.info({ signal }, 'signal received');
    handle.close().then(
      () => exit(0),
      (error: unknown) => {
        logger.fatal({ error: messageOf(error) }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** True when this file is the process's entry (`node dist/server/main.mjs`), not an import (jest, the CLI). */
function isProcessEntry(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    const self = fileURLToPath(import.meta.url);
    // The name check keeps a bundle that inlines this module (the CLI's) from starting a server.
    return /[\\/]server[\\/]main\.(?:[cm]?js|ts)$/.test(self) && realpathSync(entry) === realpathSync(self);
  } catch {
    return false;
  }
}

if (isProcessEntry()) {
  runServerProcess().catch((error: unknown) => {
    process.stderr.write(`${messageOf(error)}\n`);
    process.exit(1);
  });
}
