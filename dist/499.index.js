export const id = 499;
export const ids = [499];
export const modules = {

/***/ 6499:
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
// EXTERNAL MODULE: ../main/node_modules/@actions/core/lib/core.js + 18 modules
var core = __webpack_require__(2561);
// EXTERNAL MODULE: ../main/node_modules/@aws-sdk/client-secrets-manager/dist-cjs/index.js
var dist_cjs = __webpack_require__(1794);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(227);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(7406);
// EXTERNAL MODULE: ../main/node_modules/@aws-lambda-powertools/parameters/lib/esm/secrets/index.js + 17 modules
var secrets = __webpack_require__(2778);
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
var receiver = __webpack_require__(6166);
// EXTERNAL MODULE: ./src/core/stack-contract.ts
var stack_contract = __webpack_require__(840);
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
var fivetran_client = __webpack_require__(7032);
// EXTERNAL MODULE: ./src/engine/aws/stack-resources.ts
var stack_resources = __webpack_require__(5962);
;// CONCATENATED MODULE: ./src/action/deploy-stack-port.ts
/**
 * The one place the Action reaches the deploy path (src/aws/deploy/deploy-stack.ts): publish
 * the assets, create and execute a change set, wait with stack events, emit the outputs.
 */

// Until the deploy path lands in this tree, it is loaded by a specifier the bundler does not
// follow; a build without it says so instead of failing to bundle.
const DEPLOY_MODULE = '../aws/deploy/deploy-stack.js';
async function deployStack(options) {
    let module;
    try {
        module = (await import(/* webpackIgnore: true */ DEPLOY_MODULE));
    }
    catch (error) {
        throw new errors/* ConfigError */.xL('Input command deploy is not available in this build of the Action (the deploy path is not bundled).', { cause: error });
    }
    return module.deployStack(options);
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
var engine_setup = __webpack_require__(4639);
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
    const deploy = async (label) => core/* group */.Os(label, () => deployStack({ assemblyDir: bundledAssemblyDir(), stackName, parameters, env, credentials, recreateFailedStack: inputs.recreateFailedStack, onEvent: (line) => core/* info */.pq(line) }));
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
