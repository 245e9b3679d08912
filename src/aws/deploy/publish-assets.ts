/**
 * Publishes a cloud assembly's file assets to the CDK bootstrap bucket, as `cdk-assets` does:
 * each object is content-addressed (its key is the asset's hash), so one already there is
 * skipped, and a folder is uploaded as a deterministic zip.
 */
import { readFile } from 'node:fs/promises';
import { HeadBucketCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ConfigError, messageOf } from '../../core/errors.js';
import type { FileAsset } from './cloud-assembly.js';
import { zipDirectory } from './zip-directory.js';

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

/**
 * Checks that `bucket` exists and belongs to `account`. Throws `ConfigError` saying what to do
 * when it does not: the bootstrap bucket is made once per account and region by `cdk bootstrap`.
 */
export async function checkBootstrapBucket(s3: S3Client, bucket: string, account: string, region: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner: account }));
  } catch (error) {
    const status = statusOf(error);
    const bootstrap = `Bootstrap the environment once per account and region: \`npx aws-cdk@2 bootstrap aws://${account}/${region}\` (or deploy the bootstrap template from the docs).`;
    if (status === 404) throw new ConfigError(`The CDK bootstrap bucket ${bucket} does not exist in ${region}: account ${account} is not bootstrapped there. ${bootstrap}`, { cause: error });
    if (status === 403) {
      throw new ConfigError(`The CDK bootstrap bucket ${bucket} cannot be read with these credentials (403): it belongs to another account, or the caller lacks s3:ListBucket on it. ${bootstrap}`, { cause: error });
    }
    throw error;
  }
}

async function exists(s3: S3Client, bucket: string, key: string, account: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ExpectedBucketOwner: account }));
    return true;
  } catch (error) {
    // Without s3:ListBucket S3 answers 403, not 404, for a missing key: upload, the key is the content's.
    const status = statusOf(error);
    if (status === 404 || status === 403) return false;
    throw error;
  }
}

const CONTENT_TYPES: Record<string, string> = { '.json': 'application/json', '.zip': 'application/zip', '.yaml': 'application/x-yaml', '.yml': 'application/x-yaml' };

function contentTypeOf(key: string): string {
  const extension = /\.[^./]+$/.exec(key)?.[0]?.toLowerCase() ?? '';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

/** What `publishAssets` did with each destination. */
export type PublishedAsset = { id: string; displayName: string; bucketName: string; objectKey: string; uploaded: boolean };

/** Uploads every asset destination that is not in its bucket yet (HeadObject first), one asset at a time. */
export async function publishAssets(
  s3: S3Client,
  assets: readonly FileAsset[],
  account: string,
  onEvent: (line: string) => void = () => {},
): Promise<PublishedAsset[]> {
  const published: PublishedAsset[] = [];
  for (const asset of assets) {
    let body: Buffer | undefined;
    for (const { bucketName, objectKey } of asset.destinations) {
      if (await exists(s3, bucketName, objectKey, account)) {
        onEvent(`Asset ${asset.displayName}: s3://${bucketName}/${objectKey} already published`);
        published.push({ id: asset.id, displayName: asset.displayName, bucketName, objectKey, uploaded: false });
        continue;
      }
      try {
        body ??= asset.packaging === 'zip' ? await zipDirectory(asset.sourcePath) : await readFile(asset.sourcePath);
      } catch (error) {
        throw new ConfigError(`Cannot read the asset ${asset.displayName} at ${asset.sourcePath}: ${messageOf(error)}`, { cause: error });
      }
      await s3.send(new PutObjectCommand({ Bucket: bucketName, Key: objectKey, Body: body, ContentType: contentTypeOf(objectKey), ExpectedBucketOwner: account }));
      onEvent(`Asset ${asset.displayName}: published s3://${bucketName}/${objectKey} (${body.length} bytes)`);
      published.push({ id: asset.id, displayName: asset.displayName, bucketName, objectKey, uploaded: true });
    }
  }
  return published;
}
