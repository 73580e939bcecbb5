import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SECRET_FILE = 'secret.key';

/**
 * The instance secret: LAOSHI_SECRET if set, else the one kept in the data folder, made at random
 * on first boot (mode 0600). It keys the hashes of sessions and API tokens.
 */
export function loadOrCreateSecret(dataDir: string, fromEnv?: string): string {
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('LAOSHI_SECRET must have at least 32 characters');
    return fromEnv;
  }
  const file = path.join(dataDir, SECRET_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    const secret = randomBytes(32).toString('hex');
    // 'wx' fails if the file exists, so two processes starting at once agree on one secret.
    fs.writeFileSync(file, secret + '\n', { flag: 'wx', mode: 0o600 });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} is damaged (too short); delete it to make a new one`);
  return secret;
}

/** A keyed hash (HMAC-SHA256, hex) of a bearer secret such as a session id or API token. */
export function keyedHash(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('hex');
}

/** A random URL-safe token with a readable prefix, e.g. `lsh_…` (256 bits). */
export function randomToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** Constant-time string equality. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
