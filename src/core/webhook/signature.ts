/**
 * Fivetran webhook signatures: `X-Fivetran-Signature-256` is the hex HMAC-SHA256 of the raw
 * request body keyed with the webhook secret. Fivetran sends uppercase hex; compare without case,
 * in constant time, over the exact bytes received (never over re-serialised JSON).
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-fivetran-signature-256';

/** Signs `rawBody` the way Fivetran does: uppercase hex HMAC-SHA256. */
export function sign(secret: string, rawBody: string | Uint8Array): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex').toUpperCase();
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * The hex digits of a well-formed signature header (64 hex digits, surrounding whitespace and an
 * optional `sha256=` prefix allowed), or `null` when it is not one.
 */
export function signatureHex(signature: string): string | null {
  const candidate = signature.trim().replace(/^sha256=/i, '');
  return HEX_SHA256.test(candidate) ? candidate : null;
}

/** Secrets as HMAC keys, made once: a string key is converted again on every `createHmac`. */
const keys = new Map<string, KeyObject>();
const MAX_CACHED_KEYS = 16;

function hmacKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

/**
 * True when `signature` is the HMAC of `rawBody` under any of `secrets` (current and previous,
 * so a secret can be rotated without dropping deliveries). Never throws on malformed input.
 */
export function verifySignature(
  secrets: readonly string[],
  rawBody: string | Uint8Array,
  signature: string | undefined,
): boolean {
  const candidate = signature ? signatureHex(signature) : null;
  return candidate !== null && matchesHex(secrets, rawBody, candidate);
}

/** True when the hex digits `hex` (from `signatureHex`) are the HMAC of `rawBody` under any of `secrets`. */
export function matchesHex(secrets: readonly string[], rawBody: string | Uint8Array, hex: string): boolean {
  const received = Buffer.from(hex, 'hex');
  let matched = false;
  // Check every secret so timing does not reveal which one matched.
  for (const secret of secrets) {
    if (!secret) continue;
    const expected = createHmac('sha256', hmacKey(secret)).update(rawBody).digest();
    if (expected.length === received.length && timingSafeEqual(expected, received)) matched = true;
  }
  return matched;
}
