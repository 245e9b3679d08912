export const id = 952;
export const ids = [952];
export const modules = {

/***/ 1952:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  bundledAssemblyDir: () => (/* binding */ bundledAssemblyDir),
  deployCommand: () => (/* binding */ deployCommand)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 18 modules
var core = __webpack_require__(6257);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-secrets-manager/dist-cjs/index.js
var dist_cjs = __webpack_require__(2994);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(201);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./node_modules/@aws-lambda-powertools/parameters/lib/esm/secrets/index.js + 17 modules
var secrets = __webpack_require__(3722);
;// CONCATENATED MODULE: ./src/aws/cached-secret.ts
/**
 * Values kept in Secrets Manager, read through Powertools Parameters so warm Lambdas and the
 * self-hosted server do not call Secrets Manager on every use. The webhook secrets and the
 * Fivetran client are both built this way.
 */

/**
 * Returns a function giving the value parsed from the secret. The string is read at most once per
 * `maxAgeSeconds`, parsed again only when it changed, and concurrent misses share one read.
 * Errors (SDK or `parse`) are not kept: the next call tries again.
 */
function cachedSecret(options) {
    const provider = new secrets/* SecretsProvider */.t(options.client ? { awsSdkV3Client: options.client } : {});
    let last = null;
    let pending = null;
    async function read() {
        const stored = await provider.get(options.secretId, { maxAge: options.maxAgeSeconds });
        const text = typeof stored === 'string' ? stored : stored ? Buffer.from(stored).toString('utf8') : '';
        if (last?.text === text)
            return last.value;
        const value = options.parse(text);
        last = { text, value };
        return value;
    }
    return () => {
        pending ??= read().finally(() => {
            pending = null;
        });
        return pending;
    };
}

// EXTERNAL MODULE: ./src/core/webhook/receiver.ts
var receiver = __webpack_require__(3868);
// EXTERNAL MODULE: ./src/core/stack-contract.ts
var stack_contract = __webpack_require__(7982);
;// CONCATENATED MODULE: ./src/aws/webhook-secret-source.ts




/**
 * Returns a `SecretSource` reading `secretId`, cached for `maxAgeSeconds`; concurrent misses share
 * one read. Throws `ConfigError` when the secret holds no usable value; SDK errors pass through.
 */
function createSecretsManagerSource(options) {
    return cachedSecret({
        secretId: options.secretId,
        client: options.client,
        maxAgeSeconds: options.maxAgeSeconds ?? stack_contract/* DEFAULT_WEBHOOK_SECRET_MAX_AGE_SECONDS */.MM,
        parse: (text) => {
            const secrets = (0,receiver/* parseWebhookSecrets */.si)(text);
            if (secrets.length === 0) {
                throw new errors/* ConfigError */.xL(`Secret ${options.secretId} holds no webhook secret: store the plain secret, or {"current": "...", "previous": "..."}.`);
            }
            return secrets;
        },
    });
}

// EXTERNAL MODULE: ./src/core/fivetran/client.ts + 1 modules
var fivetran_client = __webpack_require__(8158);
// EXTERNAL MODULE: ./src/engine/aws/stack-resources.ts
var stack_resources = __webpack_require__(6204);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudformation/dist-cjs/index.js
var client_cloudformation_dist_cjs = __webpack_require__(3805);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var client_s3_dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var client_sts_dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/aws/deploy/cloud-assembly.ts
/**
 * Reads a synthesized CDK cloud assembly (`manifest.json` and the stack's asset manifest) without
 * aws-cdk-lib: the stack's template, tags and template asset, and the file assets to publish,
 * with `${AWS::AccountId}`, `${AWS::Region}` and `${AWS::Partition}` resolved for one environment.
 */



async function readJson(path, what) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (error) {
        throw new errors/* ConfigError */.xL(`Cannot read the ${what} ${path}: ${(0,errors/* messageOf */.bD)(error)} (is the assembly directory right?)`, { cause: error });
    }
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new errors/* ConfigError */.xL(`The ${what} ${path} is not JSON: ${(0,errors/* messageOf */.bD)(error)}`, { cause: error });
    }
}
function partitionOf(region) {
    if (region.startsWith('cn-'))
        return 'aws-cn';
    if (region.startsWith('us-gov-'))
        return 'aws-us-gov';
    return 'aws';
}
/** `text` with the environment placeholders CDK leaves in asset manifests replaced. */
function resolvePlaceholders(text, env) {
    return text
        .replaceAll('${AWS::AccountId}', env.account)
        .replaceAll('${AWS::Region}', env.region)
        .replaceAll('${AWS::Partition}', partitionOf(env.region));
}
function pickStack(artifacts, stackName, dir) {
    const stacks = Object.entries(artifacts).filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack');
    if (stacks.length === 1)
        return stacks[0];
    const named = stacks.find(([id, artifact]) => id === stackName || artifact.properties?.stackName === stackName);
    if (named)
        return named;
    const ids = stacks.map(([id]) => id).join(', ') || 'none';
    throw new errors/* ConfigError */.xL(`The assembly ${dir} has ${stacks.length} stacks (${ids}); none is named "${stackName}".`);
}
/**
 * The stack of the assembly in `dir` (its only stack, or the one named `stackName`), with its
 * assets resolved for `env`. Throws `ConfigError` for an unreadable or unsupported assembly:
 * container image assets, or destinations that need an assumed role (a synthesizer other than
 * `CliCredentialsStackSynthesizer`).
 */
async function readStackArtifact(dir, stackName, env) {
    const root = (0,external_node_path_.resolve)(dir);
    const manifest = await readJson((0,external_node_path_.join)(root, 'manifest.json'), 'assembly manifest');
    const artifacts = manifest.artifacts ?? {};
    const [artifactId, stack] = pickStack(artifacts, stackName, root);
    const properties = stack.properties ?? {};
    if (!properties.templateFile)
        throw new errors/* ConfigError */.xL(`The stack ${artifactId} in ${root}/manifest.json names no templateFile.`);
    if (properties.assumeRoleArn) {
        throw new errors/* ConfigError */.xL(`The stack ${artifactId} expects to be deployed through the role ${properties.assumeRoleArn}; only assemblies synthesized with CliCredentialsStackSynthesizer (deployed with the caller's own credentials) are supported.`);
    }
    const templatePath = (0,external_node_path_.join)(root, properties.templateFile);
    const templateText = await (0,promises_.readFile)(templatePath, 'utf8').catch((error) => {
        throw new errors/* ConfigError */.xL(`Cannot read the template ${templatePath}: ${(0,errors/* messageOf */.bD)(error)}`, { cause: error });
    });
    const assets = [];
    for (const dependency of stack.dependencies ?? []) {
        const artifact = artifacts[dependency];
        if (artifact?.type !== 'cdk:asset-manifest' || !artifact.properties?.file)
            continue;
        const file = (0,external_node_path_.join)(root, artifact.properties.file);
        const assetManifest = await readJson(file, 'asset manifest');
        if (Object.keys(assetManifest.dockerImages ?? {}).length > 0) {
            throw new errors/* ConfigError */.xL(`The asset manifest ${file} has container image assets, which this deployer does not publish (the dbt image is pushed separately and named by the DbtImageTag parameter).`);
        }
        for (const [id, asset] of Object.entries(assetManifest.files ?? {})) {
            const packaging = asset.source?.packaging ?? 'file';
            if (!asset.source?.path || (packaging !== 'file' && packaging !== 'zip') || asset.source.executable) {
                throw new errors/* ConfigError */.xL(`The asset ${id} in ${file} is not a file or folder asset this deployer can publish.`);
            }
            const destinations = Object.values(asset.destinations ?? {}).map((destination) => {
                if (destination.assumeRoleArn)
                    throw new errors/* ConfigError */.xL(`The asset ${id} in ${file} is published through the role ${destination.assumeRoleArn}; only CliCredentialsStackSynthesizer assemblies are supported.`);
                if (!destination.bucketName || !destination.objectKey)
                    throw new errors/* ConfigError */.xL(`The asset ${id} in ${file} has a destination without bucketName or objectKey.`);
                return { bucketName: resolvePlaceholders(destination.bucketName, env), objectKey: resolvePlaceholders(destination.objectKey, env) };
            });
            assets.push({ id, displayName: asset.displayName ?? id, sourcePath: (0,external_node_path_.join)(root, asset.source.path), packaging, destinations });
        }
    }
    let templateObject;
    if (properties.stackTemplateAssetObjectUrl) {
        const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(resolvePlaceholders(properties.stackTemplateAssetObjectUrl, env));
        if (!match)
            throw new errors/* ConfigError */.xL(`The stack ${artifactId} has an unreadable stackTemplateAssetObjectUrl: ${properties.stackTemplateAssetObjectUrl}`);
        templateObject = { bucketName: match[1], objectKey: match[2] };
    }
    const tags = Array.isArray(properties.tags) ? properties.tags : Object.entries(properties.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
    return {
        artifactId,
        templateFile: templatePath,
        template: JSON.parse(templateText),
        templateBytes: Buffer.byteLength(templateText),
        tags,
        ...(templateObject ? { templateObject } : {}),
        assets,
    };
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/aws/deploy/zip-directory.ts
/**
 * A small deterministic zip writer for publishing folder assets (Lambda bundles) the way
 * `cdk-assets` does, without its packages: the same folder always gives the same bytes, so a
 * re-run uploads nothing new and a diff of two bundles means their files differ.
 */



// 1980-01-01 00:00:00, the earliest DOS date: entries carry no build time, as with cdk-assets.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;
const VERSION = 20;
const MADE_BY_UNIX = (3 << 8) | VERSION;
const MAX_16 = 0xffff;
const MAX_32 = 0xffffffff;
let crcTable;
/** CRC-32 from a lookup table, for Node releases without `zlib.crc32`. */
function tableCrc32(data) {
    if (!crcTable) {
        crcTable = new Uint32Array(256);
        for (let n = 0; n < 256; n++) {
            let c = n;
            for (let k = 0; k < 8; k++)
                c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
            crcTable[n] = c >>> 0;
        }
    }
    let crc = 0xffffffff;
    for (const byte of data)
        crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
}
/** CRC-32 as zip wants it: node:zlib's (Node 20.15+/22.2+) when there is one, else a table. */
function crc32(data) {
    const native = external_node_zlib_.crc32;
    return typeof native === 'function' ? native(data) >>> 0 : tableCrc32(data);
}
/**
 * A zip of `entries`, in the order given: deflated where that is smaller, stored otherwise, with
 * fixed timestamps and Unix modes 0644 (0755 for executables). Throws past the plain zip limits
 * (65,535 entries, 4 GiB), which Lambda bundles never reach.
 */
function createZip(entries) {
    if (entries.length > MAX_16)
        throw new RangeError(`A zip without Zip64 holds at most ${MAX_16} entries (got ${entries.length}).`);
    const locals = [];
    const centrals = [];
    let offset = 0;
    for (const entry of entries) {
        const name = Buffer.from(entry.name, 'utf8');
        const deflated = external_node_zlib_.deflateRawSync(entry.data, { level: 9 });
        const stored = deflated.length >= entry.data.length;
        const body = stored ? entry.data : deflated;
        if (entry.data.length > MAX_32 || offset > MAX_32)
            throw new RangeError('A zip without Zip64 is limited to 4 GiB.');
        const crc = crc32(entry.data);
        const method = stored ? 0 : 8;
        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0);
        local.writeUInt16LE(VERSION, 4);
        local.writeUInt16LE(UTF8_NAMES, 6);
        local.writeUInt16LE(method, 8);
        local.writeUInt16LE(DOS_TIME, 10);
        local.writeUInt16LE(DOS_DATE, 12);
        local.writeUInt32LE(crc, 14);
        local.writeUInt32LE(body.length, 18);
        local.writeUInt32LE(entry.data.length, 22);
        local.writeUInt16LE(name.length, 26);
        local.writeUInt16LE(0, 28);
        const central = Buffer.alloc(46);
        central.writeUInt32LE(0x02014b50, 0);
        central.writeUInt16LE(MADE_BY_UNIX, 4);
        central.writeUInt16LE(VERSION, 6);
        central.writeUInt16LE(UTF8_NAMES, 8);
        central.writeUInt16LE(method, 10);
        central.writeUInt16LE(DOS_TIME, 12);
        central.writeUInt16LE(DOS_DATE, 14);
        central.writeUInt32LE(crc, 16);
        central.writeUInt32LE(body.length, 20);
        central.writeUInt32LE(entry.data.length, 24);
        central.writeUInt16LE(name.length, 28);
        // extra length, comment length, disk number, internal attributes: all 0
        central.writeUInt32LE((((entry.executable ? 0o100755 : 0o100644) << 16) >>> 0), 38);
        central.writeUInt32LE(offset, 42);
        locals.push(local, name, body);
        centrals.push(central, name);
        offset += local.length + name.length + body.length;
    }
    const directory = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, directory, end]);
}
async function listFiles(root, prefix, into) {
    for (const dirent of await (0,promises_.readdir)((0,external_node_path_.join)(root, prefix), { withFileTypes: true })) {
        const relative = prefix ? `${prefix}/${dirent.name}` : dirent.name;
        const full = (0,external_node_path_.join)(root, relative);
        // Symbolic links are followed, as cdk-assets does: the zip holds what the link points to.
        const info = dirent.isSymbolicLink() ? await (0,promises_.stat)(full) : dirent;
        if (info.isDirectory())
            await listFiles(root, relative, into);
        else if (info.isFile()) {
            const mode = (await (0,promises_.stat)(full)).mode;
            into.push({ name: relative, data: await (0,promises_.readFile)(full), executable: (mode & 0o111) !== 0 });
        }
    }
}
/** The folder `dir` as a deterministic zip: every file by its relative path, sorted; empty folders left out. */
async function zipDirectory(dir) {
    const entries = [];
    await listFiles(dir, '', entries);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return createZip(entries);
}

;// CONCATENATED MODULE: ./src/aws/deploy/publish-assets.ts
/**
 * Publishes a cloud assembly's file assets to the CDK bootstrap bucket, as `cdk-assets` does:
 * each object is content-addressed (its key is the asset's hash), so one already there is
 * skipped, and a folder is uploaded as a deterministic zip.
 */




function statusOf(error) {
    return error?.$metadata?.httpStatusCode;
}
/**
 * Checks that `bucket` exists and belongs to `account`. Throws `ConfigError` saying what to do
 * when it does not: the bootstrap bucket is made once per account and region by `cdk bootstrap`.
 */
async function checkBootstrapBucket(s3, bucket, account, region) {
    try {
        await s3.send(new client_s3_dist_cjs/* HeadBucketCommand */.kuI({ Bucket: bucket, ExpectedBucketOwner: account }));
    }
    catch (error) {
        const status = statusOf(error);
        const bootstrap = `Bootstrap the environment once per account and region: \`npx aws-cdk@2 bootstrap aws://${account}/${region}\` (or deploy the bootstrap template from the docs).`;
        if (status === 404)
            throw new errors/* ConfigError */.xL(`The CDK bootstrap bucket ${bucket} does not exist in ${region}: account ${account} is not bootstrapped there. ${bootstrap}`, { cause: error });
        if (status === 403) {
            throw new errors/* ConfigError */.xL(`The CDK bootstrap bucket ${bucket} cannot be read with these credentials (403): it belongs to another account, or the caller lacks s3:ListBucket on it. ${bootstrap}`, { cause: error });
        }
        throw error;
    }
}
async function exists(s3, bucket, key, account) {
    try {
        await s3.send(new client_s3_dist_cjs/* HeadObjectCommand */.l81({ Bucket: bucket, Key: key, ExpectedBucketOwner: account }));
        return true;
    }
    catch (error) {
        // Without s3:ListBucket S3 answers 403, not 404, for a missing key: upload, the key is the content's.
        const status = statusOf(error);
        if (status === 404 || status === 403)
            return false;
        throw error;
    }
}
const CONTENT_TYPES = { '.json': 'application/json', '.zip': 'application/zip', '.yaml': 'application/x-yaml', '.yml': 'application/x-yaml' };
function contentTypeOf(key) {
    const extension = /\.[^./]+$/.exec(key)?.[0]?.toLowerCase() ?? '';
    return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}
/** Uploads every asset destination that is not in its bucket yet (HeadObject first), one asset at a time. */
async function publishAssets(s3, assets, account, onEvent = () => { }) {
    const published = [];
    for (const asset of assets) {
        let body;
        for (const { bucketName, objectKey } of asset.destinations) {
            if (await exists(s3, bucketName, objectKey, account)) {
                onEvent(`Asset ${asset.displayName}: s3://${bucketName}/${objectKey} already published`);
                published.push({ id: asset.id, displayName: asset.displayName, bucketName, objectKey, uploaded: false });
                continue;
            }
            try {
                body ??= asset.packaging === 'zip' ? await zipDirectory(asset.sourcePath) : await (0,promises_.readFile)(asset.sourcePath);
            }
            catch (error) {
                throw new errors/* ConfigError */.xL(`Cannot read the asset ${asset.displayName} at ${asset.sourcePath}: ${(0,errors/* messageOf */.bD)(error)}`, { cause: error });
            }
            await s3.send(new client_s3_dist_cjs/* PutObjectCommand */.wKZ({ Bucket: bucketName, Key: objectKey, Body: body, ContentType: contentTypeOf(objectKey), ExpectedBucketOwner: account }));
            onEvent(`Asset ${asset.displayName}: published s3://${bucketName}/${objectKey} (${body.length} bytes)`);
            published.push({ id: asset.id, displayName: asset.displayName, bucketName, objectKey, uploaded: true });
        }
    }
    return published;
}

;// CONCATENATED MODULE: ./src/aws/deploy/deploy-stack.ts
/**
 * Deploys the prebuilt cloud assembly (`dist/stack`) the way the CDK CLI does, without the CDK
 * command line or aws-cdk-lib at runtime: publish the file assets to the bootstrap bucket, then a
 * CloudFormation change set from the template asset, executed and followed event by event.
 */







/**
 * The stack did not reach CREATE_COMPLETE/UPDATE_COMPLETE, its change set failed, or it is in a
 * state that cannot be updated. The message names the stack, its status and the first failing
 * event (resource, status, reason). CLI exit 1.
 */
class DeployError extends errors/* OrchestratorError */.jD {
    name = 'DeployError';
    stackName;
    stackStatus;
    firstFailure;
    constructor(message, details) {
        super(message, details.cause === undefined ? undefined : { cause: details.cause });
        this.stackName = details.stackName;
        this.stackStatus = details.stackStatus;
        this.firstFailure = details.firstFailure;
    }
}
/** CloudFormation's limits on a template passed inline and by S3 URL. */
const TEMPLATE_INLINE_LIMIT = 51_200;
const TEMPLATE_URL_LIMIT = 460_800;
const DEFAULT_POLL_INTERVAL_MS = 5_000;
const DEFAULT_TIMEOUT_MS = 60 * 60_000;
const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'];
const SUCCESS = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE']);
const FIRST_CREATE_FAILED = new Set(['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED']);
const NO_CHANGES = /didn't contain changes|No updates are to be performed/i;
const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);
const isInProgress = (status) => status !== undefined && status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS';
/** Polls with a deadline: the longer of wall-clock time and the time asked of `sleep` (so an instant fake sleep still ends). */
class PollClock {
    sleep;
    intervalMs;
    timeoutMs;
    started = Date.now();
    slept = 0;
    constructor(sleep, intervalMs, timeoutMs) {
        this.sleep = sleep;
        this.intervalMs = intervalMs;
        this.timeoutMs = timeoutMs;
    }
    /** Sleeps one interval, or returns false when the deadline has passed. */
    async pause() {
        if (Math.max(Date.now() - this.started, this.slept) >= this.timeoutMs)
            return false;
        await this.sleep(this.intervalMs);
        this.slept += this.intervalMs;
        return true;
    }
}
function isThrottling(error) {
    const e = error;
    return THROTTLING.has(e?.name ?? '') || e?.$retryable?.throttling === true;
}
function describeEvent(event) {
    const time = event.Timestamp ? event.Timestamp.toISOString() : '';
    const reason = event.ResourceStatusReason ? `: ${event.ResourceStatusReason}` : '';
    return `${time} ${event.LogicalResourceId ?? '?'} (${event.ResourceType ?? '?'}) ${event.ResourceStatus ?? '?'}${reason}`;
}
function firstFailureOf(events) {
    const failed = events.find((event) => event.ResourceStatus?.endsWith('_FAILED'));
    if (!failed)
        return undefined;
    return {
        logicalResourceId: failed.LogicalResourceId ?? '?',
        resourceType: failed.ResourceType ?? '?',
        status: failed.ResourceStatus ?? '?',
        reason: failed.ResourceStatusReason ?? '(no reason given)',
    };
}
function failureText(failure) {
    return failure ? ` First failure: ${failure.logicalResourceId} (${failure.resourceType}) ${failure.status}: ${failure.reason}` : ' No resource reported a failure.';
}
/** One CloudFormation conversation about one stack: describe, events, waits. */
class StackSession {
    cfn;
    stackName;
    clock;
    onEvent;
    seen = new Set();
    /** Events of the current operation, oldest first. */
    operationEvents = [];
    constructor(cfn, stackName, clock, onEvent) {
        this.cfn = cfn;
        this.stackName = stackName;
        this.clock = clock;
        this.onEvent = onEvent;
    }
    /** Calls `fn`, pausing and calling again while CloudFormation throttles past the SDK's own retries. */
    async unthrottled(fn) {
        for (;;) {
            try {
                return await fn();
            }
            catch (error) {
                if (!isThrottling(error) || !(await this.clock.pause()))
                    throw error;
            }
        }
    }
    /** The stack (by name or id), or undefined when it does not exist or is deleted. */
    async describe(stackNameOrId) {
        try {
            const { Stacks } = await this.unthrottled(() => this.cfn.send(new client_cloudformation_dist_cjs/* DescribeStacksCommand */.Y47({ StackName: stackNameOrId })));
            const stack = Stacks?.[0];
            return stack?.StackStatus === 'DELETE_COMPLETE' ? undefined : stack;
        }
        catch (error) {
            if (error.name === 'ValidationError' && /does not exist/.test((0,errors/* messageOf */.bD)(error)))
                return undefined;
            throw error;
        }
    }
    /** Events newer than those already seen, oldest first (pages read newest first until a seen one). */
    async newEvents(stackId, maxPages = 20) {
        const fresh = [];
        let token;
        for (let page = 0; page < maxPages; page++) {
            const result = await this.unthrottled(() => this.cfn.send(new client_cloudformation_dist_cjs/* DescribeStackEventsCommand */.Ie9({ StackName: stackId, ...(token ? { NextToken: token } : {}) })));
            const events = result.StackEvents ?? [];
            const stop = events.findIndex((event) => this.seen.has(event.EventId ?? ''));
            fresh.push(...(stop < 0 ? events : events.slice(0, stop)));
            token = result.NextToken;
            if (stop >= 0 || !token)
                break;
        }
        for (const event of fresh)
            this.seen.add(event.EventId ?? '');
        return fresh.reverse();
    }
    /** Starts a new operation: every event so far counts as before it. */
    async beginOperation(stackId) {
        await this.newEvents(stackId, 1);
        this.operationEvents = [];
    }
    /** Prints the operation's new events and keeps them. */
    async followEvents(stackId) {
        for (const event of await this.newEvents(stackId)) {
            this.onEvent(describeEvent(event));
            this.operationEvents.push(event);
        }
    }
    /** The first failure among the stack's events, all of them read afresh (for a stack found already failed). */
    async firstFailureSoFar(stackId, maxPages = 20) {
        const events = [];
        let token;
        for (let page = 0; page < maxPages; page++) {
            const result = await this.unthrottled(() => this.cfn.send(new client_cloudformation_dist_cjs/* DescribeStackEventsCommand */.Ie9({ StackName: stackId, ...(token ? { NextToken: token } : {}) })));
            events.push(...(result.StackEvents ?? []));
            token = result.NextToken;
            if (!token)
                break;
        }
        return firstFailureOf(events.reverse());
    }
    /** Polls until the stack leaves every *_IN_PROGRESS status, printing its events; undefined once deleted. */
    async waitForSettled(stackId, initial) {
        let stack = initial;
        for (;;) {
            await this.followEvents(stackId);
            if (!isInProgress(stack?.StackStatus))
                return stack;
            if (!(await this.clock.pause())) {
                throw new DeployError(`Timed out after ${Math.round(this.clock.timeoutMs / 1000)} s waiting for stack ${this.stackName} (${stack?.StackStatus}); CloudFormation goes on with it.`, { stackName: this.stackName, ...(stack?.StackStatus ? { stackStatus: stack.StackStatus } : {}) });
            }
            stack = await this.describe(stackId);
        }
    }
    firstFailure() {
        return firstFailureOf(this.operationEvents);
    }
}
async function resolveRegion(client) {
    try {
        return await client.config.region();
    }
    catch (error) {
        throw new errors/* ConfigError */.xL('No AWS region: set AWS_REGION (or AWS_DEFAULT_REGION, or a region in the AWS profile).', { cause: error });
    }
}
/** Where CloudFormation fetches the template: the S3 endpoint override (path style) or the bucket's regional virtual-host URL. */
function templateUrlOf(object, region, env) {
    const key = object.objectKey.split('/').map(encodeURIComponent).join('/');
    const endpoint = (0,clients/* endpointFor */.Lo)('s3', env);
    if (endpoint)
        return `${endpoint.replace(/\/+$/, '')}/${object.bucketName}/${key}`;
    const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    return `https://${object.bucketName}.s3.${region}.${domain}/${key}`;
}
function templateSource(artifact, region, env) {
    if (artifact.templateBytes > TEMPLATE_URL_LIMIT) {
        throw new errors/* ConfigError */.xL(`The template ${artifact.templateFile} is ${artifact.templateBytes} bytes, over CloudFormation's ${TEMPLATE_URL_LIMIT}-byte limit.`);
    }
    if (artifact.templateObject)
        return { TemplateURL: templateUrlOf(artifact.templateObject, region, env) };
    if (artifact.templateBytes > TEMPLATE_INLINE_LIMIT) {
        throw new errors/* ConfigError */.xL(`The template ${artifact.templateFile} is ${artifact.templateBytes} bytes, over the ${TEMPLATE_INLINE_LIMIT}-byte inline limit, and the assembly publishes no template asset (stackTemplateAssetObjectUrl).`);
    }
    return { TemplateBody: JSON.stringify(artifact.template) };
}
function changeSetParameters(artifact, given, previous) {
    const declared = Object.keys(artifact.template.Parameters ?? {});
    const unknown = Object.keys(given).filter((key) => !declared.includes(key));
    if (unknown.length > 0) {
        throw new errors/* ConfigError */.xL(`Unknown stack parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: the template declares ${declared.join(', ') || 'none'}.`);
    }
    const before = new Set((previous?.Parameters ?? []).map((parameter) => parameter.ParameterKey));
    return declared.flatMap((key) => {
        if (given[key] !== undefined)
            return [{ ParameterKey: key, ParameterValue: given[key] }];
        return before.has(key) ? [{ ParameterKey: key, UsePreviousValue: true }] : [];
    });
}
function outputsOf(stack) {
    const outputs = {};
    for (const output of stack?.Outputs ?? [])
        if (output.OutputKey)
            outputs[output.OutputKey] = output.OutputValue ?? '';
    return outputs;
}
function describeChanges(result) {
    return (result.Changes ?? []).map(({ ResourceChange: change }) => {
        const replacement = change?.Replacement === 'True' ? ' (replacement)' : change?.Replacement === 'Conditional' ? ' (may replace)' : '';
        return `  ${change?.Action ?? '?'} ${change?.LogicalResourceId ?? '?'} (${change?.ResourceType ?? '?'})${replacement}`;
    });
}
/** Deletes a stack whose first create failed and waits until it is gone. */
async function deleteFailedStack(cfn, session, stack, onEvent) {
    const stackId = stack.StackId ?? session.stackName;
    onEvent(`Stack ${session.stackName} is ${stack.StackStatus}: deleting it to create it again`);
    await session.beginOperation(stackId);
    await session.unthrottled(() => cfn.send(new client_cloudformation_dist_cjs/* DeleteStackCommand */.fAr({ StackName: stackId })));
    const after = await session.waitForSettled(stackId, await session.describe(stackId));
    if (after) {
        throw new DeployError(`Stack ${session.stackName} could not be deleted: ${after.StackStatus}.${failureText(session.firstFailure())}`, {
            stackName: session.stackName,
            ...(after.StackStatus ? { stackStatus: after.StackStatus } : {}),
            ...(session.firstFailure() ? { firstFailure: session.firstFailure() } : {}),
        });
    }
    onEvent(`Stack ${session.stackName} deleted`);
}
/**
 * Deploys the assembly's stack: publishes its file assets to the CDK bootstrap bucket (skipping
 * those already there), creates a change set from the published template (TemplateURL), executes
 * it and follows the stack's events to the end. Resolves to the stack's outputs; an empty change
 * set is `NO_CHANGES`. Throws `ConfigError` for a problem the caller must fix first (no region, an
 * unbootstrapped environment, an unknown parameter, an unreadable assembly) and `DeployError` when
 * CloudFormation fails or the stack is in a state that cannot be updated.
 */
async function deployStack(options) {
    const { env, stackName } = options;
    const onEvent = options.onEvent ?? (() => { });
    const clock = new PollClock(options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))), options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const extra = { maxAttempts: 5, ...(options.credentials ? { credentials: options.credentials } : {}) };
    const sts = (0,clients/* createAwsClient */.nV)(client_sts_dist_cjs/* STSClient */.iM, 'sts', env, extra);
    const s3 = (0,clients/* createAwsClient */.nV)(client_s3_dist_cjs/* S3Client */.YxF, 's3', env, extra);
    const cfn = (0,clients/* createAwsClient */.nV)(client_cloudformation_dist_cjs/* CloudFormationClient */.m1N, 'cloudformation', env, extra);
    try {
        const region = await resolveRegion(cfn);
        const { Account: account } = await sts.send(new client_sts_dist_cjs/* GetCallerIdentityCommand */.zI({}));
        if (!account)
            throw new errors/* ConfigError */.xL('STS GetCallerIdentity named no account.');
        const artifact = await readStackArtifact(options.assemblyDir, stackName, { account, region });
        const given = options.parameters ?? {};
        changeSetParameters(artifact, given, undefined); // reject unknown parameters before anything is uploaded
        const template = templateSource(artifact, region, env);
        const buckets = new Set([...artifact.assets.flatMap((asset) => asset.destinations.map((d) => d.bucketName)), ...(artifact.templateObject ? [artifact.templateObject.bucketName] : [])]);
        for (const bucket of buckets)
            await checkBootstrapBucket(s3, bucket, account, region);
        const published = await publishAssets(s3, artifact.assets, account, onEvent);
        onEvent(`Assets: ${published.filter((p) => p.uploaded).length} published, ${published.filter((p) => !p.uploaded).length} already there`);
        const session = new StackSession(cfn, stackName, clock, onEvent);
        let stack = await session.describe(stackName);
        if (stack && isInProgress(stack.StackStatus)) {
            onEvent(`Stack ${stackName} is ${stack.StackStatus}: waiting for it to finish first`);
            await session.beginOperation(stack.StackId ?? stackName);
            stack = await session.waitForSettled(stack.StackId ?? stackName, stack);
        }
        if (stack && FIRST_CREATE_FAILED.has(stack.StackStatus ?? '')) {
            if (!options.recreateFailedStack) {
                const firstFailure = await session.firstFailureSoFar(stack.StackId ?? stackName);
                throw new DeployError(`Stack ${stackName} is ${stack.StackStatus}: its first create failed and was rolled back, and CloudFormation cannot update such a stack. Delete it (aws cloudformation delete-stack --stack-name ${stackName}) or deploy with --recreate-failed-stack (recreateFailedStack) to delete and create it again.${failureText(firstFailure)}`, { stackName, ...(stack.StackStatus ? { stackStatus: stack.StackStatus } : {}), ...(firstFailure ? { firstFailure } : {}) });
            }
            await deleteFailedStack(cfn, session, stack, onEvent);
            stack = undefined;
        }
        if (stack?.StackStatus === 'UPDATE_ROLLBACK_FAILED') {
            throw new DeployError(`Stack ${stackName} is UPDATE_ROLLBACK_FAILED: finish its rollback first (aws cloudformation continue-update-rollback --stack-name ${stackName}), then deploy again.`, {
                stackName,
                stackStatus: 'UPDATE_ROLLBACK_FAILED',
            });
        }
        const type = !stack || stack.StackStatus === 'REVIEW_IN_PROGRESS' ? 'CREATE' : 'UPDATE';
        const changeSetName = `fivetran-dbt-deploy-${Date.now()}`;
        const created = await session.unthrottled(() => cfn.send(new client_cloudformation_dist_cjs/* CreateChangeSetCommand */.YDU({
            StackName: stackName,
            ChangeSetName: changeSetName,
            ChangeSetType: type,
            ...template,
            Parameters: changeSetParameters(artifact, given, type === 'UPDATE' ? stack : undefined),
            Capabilities: [...CAPABILITIES],
            Tags: artifact.tags,
            Description: 'fivetran-dbt deploy',
        })));
        const changeSetId = created.Id ?? changeSetName;
        const stackId = created.StackId ?? stackName;
        onEvent(`Change set ${changeSetName} (${type}) created for stack ${stackName}`);
        let described;
        for (;;) {
            described = await session.unthrottled(() => cfn.send(new client_cloudformation_dist_cjs/* DescribeChangeSetCommand */.TTT({ ChangeSetName: changeSetId, StackName: stackId })));
            if (described.Status === 'CREATE_COMPLETE' || described.Status === 'FAILED' || described.Status?.startsWith('DELETE_'))
                break;
            if (!(await clock.pause()))
                throw new DeployError(`Timed out waiting for change set ${changeSetName} of stack ${stackName} (${described.Status}).`, { stackName, ...(stack?.StackStatus ? { stackStatus: stack.StackStatus } : {}) });
        }
        if (described.Status !== 'CREATE_COMPLETE') {
            const reason = described.StatusReason ?? '(no reason given)';
            if (described.Status === 'FAILED' && NO_CHANGES.test(reason)) {
                await session.unthrottled(() => cfn.send(new client_cloudformation_dist_cjs/* DeleteChangeSetCommand */.$GE({ ChangeSetName: changeSetId, StackName: stackId })));
                onEvent(`Stack ${stackName}: no changes`);
                return { status: 'NO_CHANGES', outputs: outputsOf(await session.describe(stackId)) };
            }
            throw new DeployError(`The change set for stack ${stackName} is ${described.Status}: ${reason}`, { stackName, ...(stack?.StackStatus ? { stackStatus: stack.StackStatus } : {}) });
        }
        for (const line of describeChanges(described))
            onEvent(line);
        await session.beginOperation(stackId);
        await session.unthrottled(() => cfn.send(new client_cloudformation_dist_cjs/* ExecuteChangeSetCommand */.PB_({ ChangeSetName: changeSetId, StackName: stackId })));
        onEvent(`Executing change set ${changeSetName}`);
        const final = await session.waitForSettled(stackId, await session.describe(stackId));
        const status = final?.StackStatus ?? 'DELETE_COMPLETE';
        if (!SUCCESS.has(status)) {
            const firstFailure = session.firstFailure();
            const why = final?.StackStatusReason ? ` (${final.StackStatusReason})` : '';
            throw new DeployError(`Stack ${stackName} failed to ${type === 'CREATE' ? 'create' : 'update'}: ${status}${why}.${failureText(firstFailure)}`, {
                stackName,
                stackStatus: status,
                ...(firstFailure ? { firstFailure } : {}),
            });
        }
        onEvent(`Stack ${stackName}: ${status}`);
        return { status: type === 'CREATE' ? 'CREATED' : 'UPDATED', outputs: outputsOf(final), changeSetId };
    }
    finally {
        sts.destroy();
        s3.destroy();
        cfn.destroy();
    }
}

;// CONCATENATED MODULE: ./src/action/deploy-stack-port.ts
/**
 * The one place the Action reaches the deploy path (src/aws/deploy/deploy-stack.ts): publish
 * the assets, create and execute a change set, wait with stack events (an empty change set is
 * success), report ROLLBACK_COMPLETE clearly or re-create the stack, return the outputs.
 */


/** Deploys; a `DeployError` becomes a message that names the stack, its status and the first failing event, and the input that re-creates a failed stack. */
async function deploy_stack_port_deployStack(options) {
    try {
        return await deployStack(options);
    }
    catch (error) {
        if (error instanceof DeployError && /ROLLBACK_(COMPLETE|FAILED)/.test(error.stackStatus ?? '') && !options.recreateFailedStack) {
            throw new errors/* ConfigError */.xL(`${error.message} Set input recreate-failed-stack: true to delete it and create it again.`, { cause: error });
        }
        throw error;
    }
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/action/docker-image.ts
/**
 * Builds the dbt image from the user's repository and pushes it to the stack's ECR repository
 * with `docker buildx build --push` on the runner; ECR's login comes from `aws ecr
 * get-login-password`-style credentials the workflow sets up (or `docker login` beforehand).
 */


/** The arguments of the build. linux/amd64, the platform of the ECS task definition. */
function buildxArgs(build) {
    return ['buildx', 'build', '--platform', 'linux/amd64', '--tag', build.image, '--push', build.context];
}
/** Runs the build; rejects with a `ConfigError` naming dbt-image-context when docker fails or is missing. */
function buildAndPushImage(build) {
    const docker = build.docker ?? 'docker';
    return new Promise((resolvePromise, reject) => {
        const child = (0,external_node_child_process_.spawn)(docker, buildxArgs(build), { env: build.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
        let tail = [];
        const onData = (chunk) => {
            for (const line of chunk.toString('utf8').split(/\r?\n/)) {
                if (!line)
                    continue;
                build.onLine?.(line);
                tail = [...tail.slice(-9), line];
            }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('error', (error) => reject(new errors/* ConfigError */.xL(`Input dbt-image-context: could not run ${docker} (${error.message}); the runner needs Docker with buildx.`, { cause: error })));
        child.on('close', (code) => {
            if (code === 0)
                resolvePromise();
            else
                reject(new errors/* ConfigError */.xL(`Input dbt-image-context: docker buildx build of ${build.context} failed with exit code ${code}:\n${tail.join('\n')}`));
        });
    });
}
/** The image reference from the stack's repository URI and `dbt-image-tag` (a full reference is used as it is). */
function imageReference(repositoryUri, tag, sha) {
    const chosen = tag ?? sha?.slice(0, 12) ?? 'latest';
    if (chosen.includes('/'))
        return chosen;
    if (!repositoryUri)
        throw new errors/* ConfigError */.xL('Input dbt-image-context: the stack has no DbtRepositoryUri output to push the image to; set dbt-image-tag to a full image reference.');
    return `${repositoryUri}:${chosen}`;
}

// EXTERNAL MODULE: ./src/action/engine-setup.ts + 10 modules
var engine_setup = __webpack_require__(6138);
;// CONCATENATED MODULE: ./src/action/webhook-registration.ts
const WEBHOOK_EVENTS = ['sync_start', 'sync_end'];
/** Creates or updates the group webhook that delivers to `url`, signed with `secret`. */
async function registerGroupWebhook(fivetran, groupId, url, secret) {
    const webhooks = await fivetran.listWebhooks();
    const ours = webhooks.find((w) => w.group_id === groupId && w.url === url);
    if (ours) {
        await fivetran.updateWebhook(ours.id, { url, events: WEBHOOK_EVENTS, secret, active: true });
        return { action: 'updated', webhookId: ours.id };
    }
    const created = await fivetran.createGroupWebhook(groupId, { url, events: WEBHOOK_EVENTS, secret, active: true });
    return { action: 'created', webhookId: created.id };
}

;// CONCATENATED MODULE: ./src/action/deploy-command.ts
/**
 * `command: deploy` (and the first half of deploy-and-run): optionally build and push the dbt
 * image from the user's repository, deploy the bundled stack (assets, change set, events; an
 * empty change set is success), register or update the Fivetran group webhook to the stack's URL
 * and secret, and set every stack output as a step output.
 */















/** The CDK assembly shipped with the Action: next to the bundle (dist/stack), or dist/stack from the sources. */
function bundledAssemblyDir() {
    const here = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
    const candidates = [here, (0,external_node_path_.resolve)(here, '..', '..', 'dist')].map((dir) => (0,external_node_path_.join)(dir, 'stack'));
    const found = candidates.find((dir) => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, 'manifest.json')));
    if (!found)
        throw new errors/* ConfigError */.xL(`The Action's stack assembly was not found (looked in ${candidates.join(', ')}).`);
    return found;
}
/** Deploys; returns the stack's outputs. */
async function deployCommand(inputs, context, env) {
    const stackName = inputs.stackName;
    const credentials = (0,engine_setup/* awsCredentials */.c)(inputs, env, `fivetran-dbt-deploy-${context.runId}`);
    const parameters = { ...inputs.stackParameters };
    let pushed = null;
    const deploy = async (label) => core/* group */.Os(label, () => deploy_stack_port_deployStack({ assemblyDir: bundledAssemblyDir(), stackName, parameters, env, ...(credentials ? { credentials } : {}), recreateFailedStack: inputs.recreateFailedStack, ...(inputs.pollIntervalMs ? { pollIntervalMs: inputs.pollIntervalMs } : {}), onEvent: (line) => core/* info */.pq(line) }));
    const push = async (repositoryUri) => {
        const image = imageReference(repositoryUri, inputs.dbtImageTag, context.sha);
        await core/* group */.Os(`Build and push ${image}`, () => buildAndPushImage({ context: (0,external_node_path_.resolve)(inputs.dbtImageContext), image, onLine: (line) => core/* info */.pq(line) }));
        pushed = image;
        parameters.DbtImageTag = image.slice(image.lastIndexOf(':') + 1);
    };
    let result;
    if (inputs.dbtImageContext) {
        // The repository is the stack's: an existing stack names it; a new one is deployed first.
        const existing = await (0,stack_resources/* readStackOutputs */.Fx)(stackName, env).catch(() => null);
        if (existing?.[stack_contract/* StackOutputs */.rC.repositoryUri]) {
            await push(existing[stack_contract/* StackOutputs */.rC.repositoryUri]);
            result = await deploy(`Deploy ${stackName}`);
        }
        else {
            const first = await deploy(`Deploy ${stackName} (creates the image repository)`);
            await push(first.outputs[stack_contract/* StackOutputs */.rC.repositoryUri]);
            result = await deploy(`Deploy ${stackName} with image tag ${parameters.DbtImageTag}`);
        }
    }
    else {
        result = await deploy(`Deploy ${stackName}`);
    }
    core/* info */.pq(`Stack ${stackName}: ${result.status === 'NO_CHANGES' ? 'no changes' : result.status.toLowerCase()}${pushed ? `, dbt image ${pushed}` : ''}.`);
    for (const [name, value] of Object.entries(result.outputs))
        core/* setOutput */.uH(name, value);
    core/* setOutput */.uH('webhook-url', result.outputs[stack_contract/* StackOutputs */.rC.webhookUrl] ?? '');
    core/* setOutput */.uH('state-machine-arn', result.outputs[stack_contract/* StackOutputs */.rC.stateMachineArn] ?? '');
    await registerWebhook(inputs, env, credentials, result.outputs);
    return result.outputs;
}
async function registerWebhook(inputs, env, credentials, outputs) {
    if (!inputs.registerWebhook)
        return;
    if (!inputs.fivetranApiKey || !inputs.fivetranApiSecret || !inputs.groupId) {
        core/* info */.pq('Webhook not registered: set fivetran-api-key, fivetran-api-secret and group-id to register the group webhook to the stack (or register-webhook: false).');
        return;
    }
    const url = outputs[stack_contract/* StackOutputs */.rC.webhookUrl];
    const secretArn = outputs[stack_contract/* StackOutputs */.rC.webhookSecretArn];
    if (!url || !secretArn)
        throw new errors/* ConfigError */.xL(`The stack has no ${stack_contract/* StackOutputs */.rC.webhookUrl} or ${stack_contract/* StackOutputs */.rC.webhookSecretArn} output: cannot register the webhook.`);
    const client = (0,clients/* createAwsClient */.nV)(dist_cjs/* SecretsManagerClient */._H, 'secretsManager', env, credentials ? { credentials } : {});
    try {
        const [secret] = await createSecretsManagerSource({ secretId: secretArn, client, maxAgeSeconds: 0 })();
        if (!secret)
            throw new errors/* ConfigError */.xL(`${secretArn} holds no webhook secret.`);
        core/* setSecret */.Pq(secret);
        const fivetran = (0,fivetran_client/* fivetranClientFromEnv */.G$)(env, { apiKey: inputs.fivetranApiKey, apiSecret: inputs.fivetranApiSecret });
        const done = await registerGroupWebhook(fivetran, inputs.groupId, url, secret);
        core/* info */.pq(`Fivetran webhook ${done.webhookId} of group ${inputs.groupId} ${done.action}: ${url}`);
    }
    catch (error) {
        throw new errors/* ConfigError */.xL(`Registering the Fivetran webhook of group-id ${inputs.groupId} failed: ${(0,errors/* messageOf */.bD)(error)}`, { cause: error });
    }
    finally {
        client.destroy();
    }
}


/***/ })

};
