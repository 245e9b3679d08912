"""Moves dbt artifacts to and from S3; the container's entrypoint calls it around every dbt run.

Usage: upload_artifacts.py s3://BUCKET/PREFIX/ FILE [FILE...]
       upload_artifacts.py --fetch s3://BUCKET/KEY DIR

The first form stores each FILE at s3://BUCKET/PREFIX/<file name>; a missing FILE is reported and
skipped. The second downloads one object into DIR/<name of the key> (e.g. the production
manifest, for `--defer --state DIR`). Credentials and region come from boto3's default chain (on
ECS: the task role and AWS_REGION). Exit status: 0 when everything was transferred, 1 when a
transfer failed, 2 on bad usage.
"""

import os
import sys

USAGE = "usage: upload_artifacts.py s3://BUCKET/PREFIX/ FILE [FILE...] | --fetch s3://BUCKET/KEY DIR"


def log(message):
    # Every line names the run (ORCHESTRATOR_RUN_ID), as the entrypoint's do.
    run_id = os.environ.get("ORCHESTRATOR_RUN_ID", "")
    print("upload_artifacts%s: %s" % (" [runId=%s]" % run_id if run_id else "", message), file=sys.stderr, flush=True)


def parse_s3_url(url):
    """Splits s3://bucket/rest into (bucket, rest)."""
    if not url.startswith("s3://"):
        raise ValueError("an S3 location must start with s3://, got " + repr(url))
    bucket, _, rest = url[len("s3://"):].partition("/")
    if not bucket:
        raise ValueError("the S3 location has no bucket: " + repr(url))
    return bucket, rest


def parse_destination(url):
    """Splits s3://bucket/prefix/ into (bucket, prefix), the prefix ending in '/' or empty."""
    bucket, prefix = parse_s3_url(url)
    if prefix and not prefix.endswith("/"):
        prefix += "/"
    return bucket, prefix


def s3_client():
    # Imported here so that usage errors are reported even where boto3 is missing.
    import boto3
    from botocore.config import Config

    return boto3.client("s3", config=Config(retries={"max_attempts": 5, "mode": "standard"}))


def fetch(url, directory):
    """Downloads s3://bucket/key to directory/<basename of key>, replacing it only when complete."""
    bucket, key = parse_s3_url(url)
    if not key or key.endswith("/"):
        raise ValueError("--fetch needs an object key, got " + repr(url))
    os.makedirs(directory, exist_ok=True)
    destination = os.path.join(directory, key.rsplit("/", 1)[-1])
    partial = destination + ".part"
    try:
        s3_client().download_file(bucket, key, partial)
        os.replace(partial, destination)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    log("fetched s3://%s/%s to %s" % (bucket, key, destination))


def main(argv):
    if argv and argv[0] == "--fetch":
        if len(argv) != 3:
            log(USAGE)
            return 2
        try:
            fetch(argv[1], argv[2])
        except ValueError as error:
            log(str(error))
            log(USAGE)
            return 2
        except Exception as error:  # noqa: BLE001 - reported, never raised
            log("failed to fetch %s: %s: %s" % (argv[1], type(error).__name__, error))
            return 1
        return 0
    if len(argv) < 2:
        log(USAGE)
        return 2
    try:
        bucket, prefix = parse_destination(argv[0])
    except ValueError as error:
        log(str(error))
        log(USAGE)
        return 2

    present = []
    for path in argv[1:]:
        if os.path.isfile(path):
            present.append(path)
        else:
            log(path + " not found: skipped")
    if not present:
        return 0

    try:
        client = s3_client()
    except Exception as error:  # noqa: BLE001 - any failure here is reported, never raised
        log("cannot create the S3 client: %s: %s" % (type(error).__name__, error))
        return 1

    failed = 0
    for path in present:
        key = prefix + os.path.basename(path)
        try:
            client.upload_file(path, bucket, key, ExtraArgs={"ContentType": "application/json"})
            log("uploaded %s to s3://%s/%s" % (path, bucket, key))
        except Exception as error:  # noqa: BLE001 - report every file, then fail once
            failed += 1
            log("failed to upload %s to s3://%s/%s: %s: %s" % (path, bucket, key, type(error).__name__, error))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
