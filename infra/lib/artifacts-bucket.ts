/** The bucket dbt artifacts go to (`runs/<runId>/`, `latest/manifest.json`), when none is given. */
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { acknowledge } from './nag.js';

export type ArtifactsBucketProps = {
  readonly artifactsRetention: Duration;
  readonly artifactsAccessLogsBucket?: IBucket;
  readonly removalPolicy: RemovalPolicy;
};

/** An encrypted, private, SSL-only bucket whose `runs/` objects expire; created in `scope` itself (logical ids unchanged). */
export function createArtifactsBucket(scope: Construct, props: ArtifactsBucketProps): Bucket {
  const bucket = new Bucket(scope, 'ArtifactsBucket', {
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: props.removalPolicy,
    lifecycleRules: [
      { id: 'expire-run-artifacts', prefix: 'runs/', expiration: props.artifactsRetention },
      { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
    ],
    ...(props.artifactsAccessLogsBucket ? { serverAccessLogsBucket: props.artifactsAccessLogsBucket, serverAccessLogsPrefix: 'fivetran-dbt-artifacts/' } : {}),
  });
  if (!props.artifactsAccessLogsBucket) {
    acknowledge(bucket, 'AwsSolutions-S1', 'Holds dbt artifacts only, written by the dbt task role alone; give artifactsAccessLogsBucket for access logs, or audit with CloudTrail data events.');
  }
  return bucket;
}
