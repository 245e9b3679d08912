/**
 * Credentials that last the whole wait. Keys exported by the usual credentials action last one
 * hour and are never refreshed; with `role-to-assume` the Action gets its own from GitHub's OIDC
 * token (`core.getIDToken`, needs `permissions: id-token: write`) and STS
 * AssumeRoleWithWebIdentity, and gets fresh ones, with a fresh token, five minutes before they
 * expire, so runs of several hours (and the post step) keep working.
 */
import type { STSClientConfig } from '@aws-sdk/client-sts';
import { fromWebToken } from '@aws-sdk/credential-providers';
import { endpointFor } from '../aws/clients.js';
import { clean } from '../core/env.js';
import { ConfigError, messageOf } from '../core/errors.js';

type Provider = ReturnType<typeof fromWebToken>;
type Identity = Awaited<ReturnType<Provider>>;

export type OidcCredentialsOptions = {
  roleArn: string;
  durationSeconds: number;
  /** Names the session in CloudTrail (cut to STS's 64 characters). */
  sessionName: string;
  env: NodeJS.ProcessEnv;
  /** GitHub's OIDC token for an audience (`core.getIDToken`). */
  getIdToken: (audience: string) => Promise<string>;
  /** Injected for tests: exchanges the token (default: STS through `fromWebToken`). */
  assume?: (token: string) => Promise<Identity>;
  now?: () => number;
};

export const OIDC_AUDIENCE = 'sts.amazonaws.com';
/** Credentials are renewed this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/** A provider the SDK clients share: one AssumeRoleWithWebIdentity per credential lifetime, whatever the number of clients. */
export function createOidcCredentials(options: OidcCredentialsOptions): Provider {
  const now = options.now ?? Date.now;
  const sessionName = options.sessionName.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  const clientConfig: STSClientConfig = {
    region: clean(options.env.AWS_REGION) ?? clean(options.env.AWS_DEFAULT_REGION) ?? 'us-east-1',
    ...(endpointFor('sts', options.env) ? { endpoint: endpointFor('sts', options.env) } : {}),
  };
  const assume =
    options.assume ??
    ((token: string) => fromWebToken({ roleArn: options.roleArn, webIdentityToken: token, roleSessionName: sessionName, durationSeconds: options.durationSeconds, clientConfig })());
  let cached: Promise<Identity> | null = null;
  let expiresAt = 0;
  return () => {
    if (cached && now() < expiresAt - REFRESH_MARGIN_MS) return cached;
    cached = (async () => {
      let token: string;
      try {
        token = await options.getIdToken(OIDC_AUDIENCE);
      } catch (error) {
        throw new ConfigError(`Input role-to-assume needs GitHub's OIDC token: add \`permissions: id-token: write\` to the job (${messageOf(error)}).`, { cause: error });
      }
      const identity = await assume(token);
      expiresAt = identity.expiration?.getTime() ?? now() + options.durationSeconds * 1000;
      return identity;
    })();
    cached.catch(() => {
      cached = null;
    });
    return cached;
  };
}
