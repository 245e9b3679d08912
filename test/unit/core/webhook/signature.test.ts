/** Webhook signatures: uppercase-hex HMAC-SHA256 over the raw bytes, verified case-insensitively against current and previous secrets. */
import { describe, expect, it } from '@jest/globals';
import { SIGNATURE_HEADER, sign, verifySignature } from '../../../../src/core/webhook/signature.js';
import { OTHER_SECRET, Payloads, PREVIOUS_SECRET, SECRET } from '../../../support/webhook-cases.js';

/** The FACTS.md success payload, byte for byte as Fivetran sends it. */
const FACTS_PAYLOAD = Payloads.success;
/** `printf '%s' "$FACTS_PAYLOAD" | openssl dgst -sha256 -hmac current-webhook-secret`, uppercased. */
const FACTS_SIGNATURE = '9BDA027FF77DD67C64345E5AD240B2036D1F15DE0DE2F3A97BC9D0986DF3C25A';

describe('SIGNATURE_HEADER', () => {
  it('is the lower-cased name Fivetran sends the signature in', () => {
    expect(SIGNATURE_HEADER).toBe('x-fivetran-signature-256');
  });
});

describe('sign', () => {
  it('gives the known HMAC-SHA256 test vector in uppercase hex', () => {
    expect(sign('key', 'The quick brown fox jumps over the lazy dog')).toBe(
      'F7BC83F430538424B13298E6AA6FB143EF4D59A14946175997479DBC2D1A3CD8',
    );
  });

  it('signs the documented payload as openssl does', () => {
    expect(sign(SECRET, FACTS_PAYLOAD)).toBe(FACTS_SIGNATURE);
  });

  it('gives the same signature for a string and for its UTF-8 bytes', () => {
    const body = '{"event":"sync_end","connector_name":"caf\u00e9 \u2603"}';
    expect(sign(SECRET, Buffer.from(body, 'utf8'))).toBe(sign(SECRET, body));
    expect(sign(SECRET, new Uint8Array(Buffer.from(body, 'utf8')))).toBe(sign(SECRET, body));
  });

  it('signs the exact bytes, so re-serialised JSON has another signature', () => {
    const reserialised = JSON.stringify(JSON.parse(FACTS_PAYLOAD), null, 1);
    expect(sign(SECRET, reserialised)).not.toBe(FACTS_SIGNATURE);
  });
});

describe('verifySignature', () => {
  it('accepts the uppercase signature Fivetran sends for the documented payload', () => {
    expect(verifySignature([SECRET], FACTS_PAYLOAD, FACTS_SIGNATURE)).toBe(true);
  });

  it('accepts lowercase and mixed-case hex', () => {
    expect(verifySignature([SECRET], FACTS_PAYLOAD, FACTS_SIGNATURE.toLowerCase())).toBe(true);
    const mixed = [...FACTS_SIGNATURE].map((ch, i) => (i % 2 ? ch.toLowerCase() : ch)).join('');
    expect(verifySignature([SECRET], FACTS_PAYLOAD, mixed)).toBe(true);
  });

  it('accepts a "sha256=" prefix (either case) and surrounding whitespace', () => {
    expect(verifySignature([SECRET], FACTS_PAYLOAD, `sha256=${FACTS_SIGNATURE}`)).toBe(true);
    expect(verifySignature([SECRET], FACTS_PAYLOAD, `SHA256=${FACTS_SIGNATURE.toLowerCase()}`)).toBe(true);
    expect(verifySignature([SECRET], FACTS_PAYLOAD, `  ${FACTS_SIGNATURE}\n`)).toBe(true);
  });

  it('accepts Buffer and Uint8Array bodies holding the signed bytes', () => {
    const bytes = Buffer.from(FACTS_PAYLOAD, 'utf8');
    expect(verifySignature([SECRET], bytes, FACTS_SIGNATURE)).toBe(true);
    expect(verifySignature([SECRET], new Uint8Array(bytes), FACTS_SIGNATURE)).toBe(true);
  });

  it('accepts a signature made with the current or the previous secret, so secrets rotate without dropped deliveries', () => {
    expect(verifySignature([SECRET, PREVIOUS_SECRET], FACTS_PAYLOAD, sign(SECRET, FACTS_PAYLOAD))).toBe(true);
    expect(verifySignature([SECRET, PREVIOUS_SECRET], FACTS_PAYLOAD, sign(PREVIOUS_SECRET, FACTS_PAYLOAD))).toBe(true);
  });

  it('rejects a tampered body', () => {
    const tampered = FACTS_PAYLOAD.replace('SUCCESSFUL', 'FAILURE');
    expect(verifySignature([SECRET], tampered, FACTS_SIGNATURE)).toBe(false);
    expect(verifySignature([SECRET], `${FACTS_PAYLOAD} `, FACTS_SIGNATURE)).toBe(false);
  });

  it('rejects a signature made with another secret', () => {
    expect(verifySignature([SECRET, PREVIOUS_SECRET], FACTS_PAYLOAD, sign(OTHER_SECRET, FACTS_PAYLOAD))).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['only the prefix', 'sha256='],
    ['one hex digit short', FACTS_SIGNATURE.slice(0, 63)],
    ['one hex digit long', `${FACTS_SIGNATURE}0`],
    ['half the digits', FACTS_SIGNATURE.slice(0, 32)],
    ['not hex', `${FACTS_SIGNATURE.slice(0, 63)}Z`],
    ['base64 instead of hex', Buffer.from(FACTS_SIGNATURE, 'hex').toString('base64')],
  ])('rejects a signature header that is %s, without throwing', (_label, header) => {
    expect(verifySignature([SECRET], FACTS_PAYLOAD, header)).toBe(false);
  });

  it('rejects everything when no secret is configured', () => {
    expect(verifySignature([], FACTS_PAYLOAD, FACTS_SIGNATURE)).toBe(false);
  });

  it('ignores empty secrets rather than accepting a signature made with an empty key', () => {
    const emptyKeySignature = sign('', FACTS_PAYLOAD);
    expect(verifySignature([''], FACTS_PAYLOAD, emptyKeySignature)).toBe(false);
    expect(verifySignature(['', SECRET], FACTS_PAYLOAD, emptyKeySignature)).toBe(false);
    expect(verifySignature(['', SECRET], FACTS_PAYLOAD, FACTS_SIGNATURE)).toBe(true);
  });
});
