import { createHmac, timingSafeEqual } from 'node:crypto';
import { randomToken } from '../../auth/secret.js';

/** The header that carries the signature of a delivery's body. */
export const SIGNATURE_HEADER = 'x-laoshi-signature';

/** A new signing secret (256 bits): shown once, when the webhook is made or the secret rotated. */
export function newWebhookSecret(): string {
  return randomToken('whsec');
}

/**
 * The signature header value of a body: `sha256=<hex HMAC-SHA256 of the raw body bytes>`.
 * @example signBody(secret, '{"event":"task.completed"}') // 'sha256=5f0c…'
 */
export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** True when `header` is the signature of `body` under `secret`, compared in constant time (what a receiver does). */
export function verifySignature(secret: string, body: string | Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
