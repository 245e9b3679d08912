/**
 * The `fetch` subset the Fivetran client uses (method, headers, a string body, a signal; the
 * answer's status, headers and text), over node:http/node:https with keep-alive agents. The
 * global fetch costs about twice the CPU per request (WHATWG streams and headers around undici;
 * bench/fivetran-client.ts measures both), a large part of the orchestrator's own CPU when it
 * triggers thousands of syncs. Like fetch it
 * asks for and undoes gzip, deflate and br, and rejects with the socket's error (its `code`, e.g.
 * ECONNREFUSED) or, when the signal aborts, with the signal's reason.
 */
import http from 'node:http';
import https from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/** Statuses whose Response may not have a body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

function decode(body: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'br':
      return brotliDecompressSync(body);
    default:
      return body;
  }
}

export const nodeHttpFetch = ((input: string | URL, init: RequestInit = {}): Promise<Response> => {
  const url = typeof input === 'string' ? new URL(input) : input;
  const lib = url.protocol === 'https:' ? https : http;
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
  const signal = init.signal ?? undefined;
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br', ...(init.headers as Record<string, string> | undefined) };
  const body = typeof init.body === 'string' ? Buffer.from(init.body, 'utf8') : undefined;
  if (body) headers['content-length'] = String(body.length);
  return new Promise<Response>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const req = lib.request(url, { method: init.method ?? 'GET', headers, agent });
    const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted', { cause: signal?.reason }));
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    req.once('error', (error) => {
      done();
      reject(signal?.aborted ? signal.reason : error);
    });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', (error) => {
        done();
        reject(signal?.aborted ? signal.reason : error);
      });
      res.once('end', () => {
        done();
        try {
          const status = res.statusCode ?? 0;
          const answerHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (Array.isArray(value)) for (const v of value) answerHeaders.append(name, v);
            else if (value !== undefined) answerHeaders.set(name, value);
          }
          const text = NULL_BODY.has(status) ? null : decode(Buffer.concat(chunks), res.headers['content-encoding']).toString('utf8');
          answerHeaders.delete('content-encoding');
          answerHeaders.delete('content-length');
          resolve(new Response(text, { status, statusText: res.statusMessage ?? '', headers: answerHeaders }));
        } catch (error) {
          reject(error);
        }
      });
    });
    req.end(body);
  });
}) as typeof fetch;
