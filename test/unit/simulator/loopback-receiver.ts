/**
 * Test helpers for the simulator specs: a loopback webhook receiver that records every delivery,
 * and a tiny authenticated client for the simulator's API.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Simulator } from '../../../src/simulator/simulator.js';

export type Delivery = { headers: IncomingHttpHeaders; body: string; json: Record<string, unknown> };

export type Receiver = {
  url: string;
  received: Delivery[];
  /** Resolves with `received` once `predicate(received)` holds (checked on every delivery). */
  waitFor(predicate: (received: Delivery[]) => boolean): Promise<Delivery[]>;
  close(): Promise<void>;
};

/** A receiver on 127.0.0.1; `respond` picks the status for each delivery (default 200). */
export async function startReceiver(respond: (delivery: Delivery, index: number) => number = () => 200): Promise<Receiver> {
  const received: Delivery[] = [];
  let waiters: { predicate: (r: Delivery[]) => boolean; resolve: (r: Delivery[]) => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const delivery = { headers: req.headers, body, json: JSON.parse(body) as Record<string, unknown> };
      const status = respond(delivery, received.length);
      received.push(delivery);
      res.writeHead(status).end();
      waiters = waiters.filter((w) => (w.predicate(received) ? (w.resolve(received), false) : true));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    waitFor: (predicate) =>
      predicate(received) ? Promise.resolve(received) : new Promise((resolve) => waiters.push({ predicate, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// `data` is loose on purpose: specs assert on its shape with expect(), which is the real check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiReply = { status: number; headers: Headers; json: Record<string, unknown> & { data?: any } };

/** Calls the simulator's API with its credentials (or `auth` instead). */
export async function api(sim: Simulator, method: string, path: string, body?: unknown, auth?: string): Promise<ApiReply> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      Authorization: auth ?? `Basic ${Buffer.from(`${sim.apiKey}:${sim.apiSecret}`).toString('base64')}`,
      Accept: 'application/json;version=2',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as ApiReply['json'] };
}

/** Registers a group webhook for `events` pointing at `receiver`; fails the test if it is refused. */
export async function registerWebhook(sim: Simulator, groupId: string, receiver: Receiver, secret = 'hook-secret', events = ['*']): Promise<string> {
  const reply = await api(sim, 'POST', `/webhooks/group/${groupId}`, { url: receiver.url, events, active: true, secret });
  if (reply.status !== 200) throw new Error(`webhook registration failed: ${JSON.stringify(reply.json)}`);
  return reply.json.data.id as string;
}

/** The deliveries of one event type, in arrival order (the creation test payload excluded). */
export const eventsOf = (received: Delivery[], event: string): Delivery[] => received.filter((d) => d.json.event === event);
