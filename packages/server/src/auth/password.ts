import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

/** scrypt cost parameters; N=2^15, r=8 uses 32 MiB per hash (memory-hard, ~60 ms here). */
export interface PasswordCost {
  logN: number;
  r: number;
  p: number;
}

export const DEFAULT_PASSWORD_COST: PasswordCost = { logN: 15, r: 8, p: 1 };

const KEY_LENGTH = 32;

const options = (cost: PasswordCost): ScryptOptions => ({
  N: 2 ** cost.logN,
  r: cost.r,
  p: cost.p,
  maxmem: 2 ** cost.logN * cost.r * 256,
});

/** Hashes a password as `scrypt$logN$r$p$salt$key` (base64), so the cost can rise later. */
export async function hashPassword(password: string, cost: PasswordCost = DEFAULT_PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options(cost));
  return ['scrypt', cost.logN, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Checks a password against a stored hash in constant time; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const cost = { logN: Number(logN), r: Number(r), p: Number(p) };
  if (![cost.logN, cost.r, cost.p].every(Number.isInteger) || cost.logN < 1 || cost.logN > 22) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, options(cost));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Password rules, checked where a password is set. Returns a message or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'password must have at least 8 characters';
  if (password.length > 256) return 'password must have at most 256 characters';
  return null;
}
