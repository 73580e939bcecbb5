import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Backend credentials (an Authorization header value, an access token) are sealed at rest with a
// key derived from the instance secret, so a copy of the database alone does not leak them.

const PREFIX = 'v1:';

function keyOf(secret: string): Buffer {
  return createHash('sha256').update(`laoshi/model-backend-secret\u0000${secret}`).digest();
}

/** Seals a credential with AES-256-GCM: `v1:<iv>.<tag>.<ciphertext>` (base64url). */
export function sealSecret(secret: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data.toString('base64url')}`;
}

/** Opens a sealed credential; null when it cannot be opened (e.g. the instance secret changed). */
export function openSecret(secret: string, sealed: string): string | null {
  if (!sealed.startsWith(PREFIX)) return null;
  const [iv, tag, data] = sealed.slice(PREFIX.length).split('.');
  if (!iv || !tag || data === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** What a client may see of a credential: that it is set, and its last four characters. */
export function secretHint(plain: string | null): string | null {
  if (plain === null) return null;
  return plain.length <= 8 ? '••••' : `••••${plain.slice(-4)}`;
}
