import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createFivetranClient } from '../../../../src/core/fivetran/client.js';
import { nodeHttpFetch } from '../../../../src/core/fivetran/node-http-fetch.js';

let server: Server | null = null;

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done) ?? done(undefined));
  server = null;
});

describe('nodeHttpFetch', () => {
  it('sends the method, headers and body and answers status, headers and text', async () => {
    let seen: { method?: string; auth?: string; body?: string } = {};
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen = { method: req.method, auth: req.headers.authorization, body };
        res.writeHead(201, { 'content-type': 'application/json', 'retry-after': '3' }).end('{"ok":true}');
      });
    });
    const res = await nodeHttpFetch(`${url}/x?y=1`, { method: 'POST', headers: { Authorization: 'Basic abc' }, body: '{"force":false}' });
    expect(seen).toEqual({ method: 'POST', auth: 'Basic abc', body: '{"force":false}' });
    expect(res.status).toBe(201);
    expect(res.ok).toBe(true);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.text()).toBe('{"ok":true}');
  });

  it('undoes gzip as fetch does', async () => {
    const url = await serve((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('{"data":{}}')));
    expect(await (await nodeHttpFetch(url)).text()).toBe('{"data":{}}');
  });

  it('rejects with the socket error code when nothing listens', async () => {
    const url = await serve((_req, res) => res.end());
    server!.close();
    await new Promise((done) => setTimeout(done, 10));
    await expect(nodeHttpFetch(url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('rejects with the reason when the signal aborts', async () => {
    const url = await serve(() => undefined); // never answers
    const controller = new AbortController();
    const pending = nodeHttpFetch(url, { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });

  it('is what the client uses by default: a request timeout is reported as such', async () => {
    const url = await serve(() => undefined);
    const client = createFivetranClient({ apiKey: 'k', apiSecret: 's', baseUrl: url, requestTimeoutMs: 50, maxRetries: 0 });
    await expect(client.getGroup('g')).rejects.toMatchObject({ code: 'Timeout' });
  });
});
