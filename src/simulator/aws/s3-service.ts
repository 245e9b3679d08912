/**
 * S3 (REST, path style, as `createAwsClient` configures the SDK with an endpoint):
 * `GET|PUT|HEAD|DELETE /<bucket>/<key>` and `GET /<bucket>?list-type=2&prefix=`; XML errors
 * (`NoSuchKey`, `NoSuchBucket`) with the service's statuses; `ETag` is the body's MD5 in quotes.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { CallLog } from './call-log.js';
import { AwsServiceError } from './aws-errors.js';
import { listenOnLoopback, readBody, type Listening } from './http-listen.js';
import { escapeXml, toXml } from './xml.js';

export type StoredObject = { body: Buffer; etag: string; contentType: string; lastModified: Date };

/** Buckets → keys → objects. */
export class ObjectStore {
  readonly buckets = new Map<string, Map<string, StoredObject>>();

  createBucket(bucket: string): void {
    if (!this.buckets.has(bucket)) this.buckets.set(bucket, new Map());
  }

  put(bucket: string, key: string, body: Buffer | string, contentType = 'application/octet-stream'): StoredObject {
    const objects = this.bucket(bucket);
    const data = typeof body === 'string' ? Buffer.from(body) : body;
    const object = { body: data, etag: `"${createHash('md5').update(data).digest('hex')}"`, contentType, lastModified: new Date() };
    objects.set(key, object);
    return object;
  }

  bucket(bucket: string): Map<string, StoredObject> {
    const objects = this.buckets.get(bucket);
    if (!objects) throw new AwsServiceError('NoSuchBucket', 'The specified bucket does not exist', 404);
    return objects;
  }

  get(bucket: string, key: string): StoredObject {
    const object = this.bucket(bucket).get(key);
    if (!object) throw new AwsServiceError('NoSuchKey', 'The specified key does not exist.', 404);
    return object;
  }
}

function sendError(res: ServerResponse, error: AwsServiceError, resource: string, head: boolean): void {
  const requestId = randomUUID();
  res.writeHead(error.status, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
  // A HEAD answer has no body: the SDK names the error from the status (NotFound).
  res.end(head ? undefined : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message><Resource>${escapeXml(resource)}</Resource><RequestId>${requestId}</RequestId></Error>`);
}

const ACTIONS: Record<string, string> = { GET: 'GetObject', PUT: 'PutObject', HEAD: 'HeadObject', DELETE: 'DeleteObject' };

export async function startS3Service(store: ObjectStore, log: CallLog): Promise<Listening> {
  return listenOnLoopback((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const [, bucket = '', ...rest] = url.pathname.split('/');
      const key = rest.map((part) => decodeURIComponent(part)).join('/');
      const method = req.method ?? 'GET';
      const body = (await readBody(req)) ?? Buffer.alloc(0);
      const listing = key === '' && method === 'GET';
      const action = listing ? 'ListObjectsV2' : (ACTIONS[method] ?? method);
      try {
        log.record('s3', action, { Bucket: bucket, ...(listing ? { Prefix: url.searchParams.get('prefix') ?? '' } : { Key: key }) });
        if (listing) return listObjects(res, store, bucket, url.searchParams);
        if (method === 'PUT') {
          const object = store.put(bucket, key, body, String(req.headers['content-type'] ?? 'application/octet-stream'));
          res.writeHead(200, { etag: object.etag });
          return res.end();
        }
        if (method === 'DELETE') {
          store.bucket(bucket).delete(key);
          res.writeHead(204);
          return res.end();
        }
        const object = store.get(bucket, key);
        res.writeHead(200, {
          etag: object.etag,
          'content-type': object.contentType,
          'content-length': String(object.body.length),
          'last-modified': object.lastModified.toUTCString(),
        });
        res.end(method === 'HEAD' ? undefined : object.body);
      } catch (error) {
        const awsError = error instanceof AwsServiceError ? error : new AwsServiceError('InternalError', String(error), 500);
        sendError(res, awsError, `/${bucket}/${key}`, method === 'HEAD');
      }
    })();
  });
}

function listObjects(res: ServerResponse, store: ObjectStore, bucket: string, query: URLSearchParams): void {
  const prefix = query.get('prefix') ?? '';
  const max = Math.min(Number(query.get('max-keys') ?? 1000), 1000);
  const after = query.get('continuation-token') ?? query.get('start-after') ?? '';
  const keys = [...store.bucket(bucket).keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
  const page = keys.slice(0, max);
  const truncated = keys.length > page.length;
  const contents = page
    .map((k) => {
      const object = store.get(bucket, k);
      return `<Contents>${toXml({ Key: k, LastModified: object.lastModified.toISOString(), ETag: object.etag, Size: object.body.length, StorageClass: 'STANDARD' })}</Contents>`;
    })
    .join('');
  res.writeHead(200, { 'content-type': 'application/xml' });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${toXml({ Name: bucket, Prefix: prefix, KeyCount: page.length, MaxKeys: max, IsTruncated: truncated })}${contents}${truncated ? toXml({ NextContinuationToken: page.at(-1) }) : ''}</ListBucketResult>`,
  );
}
