/**
 * Settings the project's AWS SDK clients start from. `cacheMiddleware` resolves a command's
 * middleware stack once per command type instead of on every call, about a tenth of each call's
 * CPU. Safe here: no command instance carries middleware of its own. Not for clients wrapped in
 * `DynamoDBDocumentClient`, which refuses it (the run store's DynamoDB client).
 */
export const SDK_CLIENT_DEFAULTS = { cacheMiddleware: true } as const;
