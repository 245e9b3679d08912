/**
 * Sending webhook deliveries the way Fivetran does: a JSON POST signed with
 * `X-Fivetran-Signature-256`, a per-attempt timeout, and redelivery with back-off on non-2xx.
 */
import { setMaxListeners } from 'node:events';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { messageOf } from '../core/errors.js';
import { sign } from '../core/webhook/signature.js';

/** The header as Fivetran spells it on the wire (receivers must match it without case). */
const FIVETRAN_SIGNATURE_HEADER = 'X-Fivetran-Signature-256';

export type SignedPost = {
  url: string;
  /** The exact bytes to send and to sign. */
  body: string;
  /** Signs the body with it; without a secret no signature header is sent (as Fivetran does). */
  secret?: string | null;
  /** Sent instead of the computed signature (for tests of bad signatures). */
  signature?: string;
  /** @default 10000 */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Agents to use; by default fresh non-keep-alive connections. */
  agents?: { http: HttpAgent; https: HttpsAgent };
};

/**
 * POSTs one delivery and resolves with the receiver's HTTP status (any status, 2xx or not).
 * Rejects on a network error, on timeout and when `signal` aborts.
 */
function postSigned(post: SignedPost): Promise<number> {
  const url = new URL(post.url);
  const isHttps = url.protocol === 'https:';
  if (!isHttps && url.protocol !== 'http:') return Promise.reject(new Error(`Unsupported webhook URL protocol: ${url.protocol}`));
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(post.body)),
    'User-Agent': 'fivetran-simulator',
  };
  const signature = post.signature ?? (post.secret ? sign(post.secret, post.body) : undefined);
  if (signature !== undefined) headers[FIVETRAN_SIGNATURE_HEADER] = signature;
  const timeoutMs = post.timeoutMs ?? 10_000;
  const agent = isHttps ? post.agents?.https : post.agents?.http;

  return new Promise<number>((resolve, reject) => {
    const send = isHttps ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers, agent, signal: post.signal, timeout: timeoutMs }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      res.once('end', () => resolve(status));
      res.once('error', () => resolve(status));
    });
    req.once('timeout', () => req.destroy(new Error(`Webhook delivery to ${post.url} timed out after ${timeoutMs} ms`)));
    req.once('error', reject);
    req.end(post.body);
  });
}

export type Delivery = {
  url: string;
  body: string;
  secret: string | null;
  /** Wait this long before the first attempt. */
  delayMs: number;
  /** And wait for this to settle first (used to deliver one event after another). */
  after?: Promise<unknown>;
};

export type DeliveryHandle = {
  /** Settles when the first attempt has an answer (or failed), or when the delivery is cancelled. */
  firstAttempt: Promise<void>;
  /** Settles (never rejects) when the delivery succeeded, was given up or the queue closed. */
  done: Promise<void>;
};

export type DeliveryQueueOptions = {
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  onDelivered?: () => void;
  /** Every attempt was answered non-2xx or failed: the delivery is given up. */
  onGaveUp?: (lastProblem: string) => void;
};

export type DeliveryQueue = {
  enqueue(delivery: Delivery): DeliveryHandle;
  /** One attempt, no retries, same agents and timeout; resolves with the status, rejects on network errors. */
  postOnce(post: Omit<SignedPost, 'agents' | 'signal' | 'timeoutMs'>): Promise<number>;
  /** Aborts attempts in flight and drops every pending delivery. */
  close(): void;
};

/**
 * A queue of deliveries with retries. Timers are unref'd and cleared on `close()`, and
 * connections are not kept alive, so nothing here holds the process open afterwards.
 */
export function createDeliveryQueue(options: DeliveryQueueOptions): DeliveryQueue {
  const abort = new AbortController();
  // Every attempt in flight listens on this one signal; hundreds at once is normal here.
  setMaxListeners(0, abort.signal);
  const agents = { http: new HttpAgent({ keepAlive: false }), https: new HttpsAgent({ keepAlive: false }) };
  const sleepers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  let closed = false;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (closed) return resolve();
      const sleeper = {
        timer: setTimeout(() => {
          sleepers.delete(sleeper);
          resolve();
        }, ms),
        wake: resolve,
      };
      sleeper.timer.unref();
      sleepers.add(sleeper);
    });

  const attempt = async (delivery: Delivery): Promise<string | null> => {
    try {
      const status = await postSigned({ ...delivery, timeoutMs: options.timeoutMs, signal: abort.signal, agents });
      return status >= 200 && status < 300 ? null : `the receiver answered ${status}`;
    } catch (error) {
      return messageOf(error);
    }
  };

  const run = async (delivery: Delivery, firstAttemptDone: () => void): Promise<void> => {
    try {
      if (delivery.delayMs > 0) await sleep(delivery.delayMs);
      if (delivery.after) await delivery.after.catch(() => undefined);
      for (let n = 0; !closed; n++) {
        const problem = await attempt(delivery);
        if (n === 0) firstAttemptDone();
        if (closed) return;
        if (problem === null) return options.onDelivered?.();
        const backOff = options.retryDelaysMs[n];
        if (backOff === undefined) return options.onGaveUp?.(problem);
        await sleep(backOff);
      }
    } finally {
      firstAttemptDone();
    }
  };

  return {
    enqueue(delivery) {
      let firstAttemptDone!: () => void;
      const firstAttempt = new Promise<void>((resolve) => (firstAttemptDone = resolve));
      const done = closed ? Promise.resolve() : run(delivery, firstAttemptDone).catch(() => undefined);
      if (closed) firstAttemptDone();
      return { firstAttempt, done };
    },
    postOnce(post) {
      if (closed) return Promise.reject(new Error('The simulator is closed'));
      return postSigned({ ...post, timeoutMs: options.timeoutMs, signal: abort.signal, agents });
    },
    close() {
      if (closed) return;
      closed = true;
      for (const sleeper of sleepers) {
        clearTimeout(sleeper.timer);
        sleeper.wake();
      }
      sleepers.clear();
      abort.abort();
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
