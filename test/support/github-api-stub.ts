/**
 * A loopback stand-in for the GitHub REST API (`GITHUB_API_URL`): it records every request and
 * serves a pull request's issue comments (list, create, update), enough for the Action's comment.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type GitHubRequest = { method: string; path: string; body: Record<string, unknown> | null; authorization: string | undefined };
export type StubComment = { id: number; body: string; issue: number };

export type GitHubApiStub = { url: string; requests: GitHubRequest[]; comments: StubComment[]; close(): Promise<void> };

export async function startGitHubApiStub(): Promise<GitHubApiStub> {
  const requests: GitHubRequest[] = [];
  const comments: StubComment[] = [];
  let nextId = 1000;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      requests.push({ method: req.method ?? '', path: url.pathname, body, authorization: req.headers.authorization });
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      const list = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname);
      const one = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
      if (list && req.method === 'GET') {
        const page = Number(url.searchParams.get('page') ?? '1');
        const perPage = Number(url.searchParams.get('per_page') ?? '30');
        return send(200, comments.filter((c) => c.issue === Number(list[1])).slice((page - 1) * perPage, page * perPage).map((c) => ({ id: c.id, body: c.body })));
      }
      if (list && req.method === 'POST') {
        const comment = { id: nextId++, body: String(body?.body ?? ''), issue: Number(list[1]) };
        comments.push(comment);
        return send(201, { id: comment.id, body: comment.body });
      }
      if (one && req.method === 'PATCH') {
        const comment = comments.find((c) => c.id === Number(one[1]));
        if (!comment) return send(404, { message: 'Not Found' });
        comment.body = String(body?.body ?? '');
        return send(200, { id: comment.id, body: comment.body });
      }
      send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, comments, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
