import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { preparedQuery } from '../db/prepared-query.js';
import type { Database } from '../db/schema.js';
import { LaoshiError, badRequest } from '../errors.js';

export interface StoredResponse<T> {
  statusCode: number;
  body: T;
}

/** Checks an Idempotency-Key header: 1–200 visible ASCII characters. */
export function readIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !/^[\x21-\x7e]{1,200}$/.test(key)) throw badRequest('Idempotency-Key must be 1–200 visible ASCII characters', 'idempotency-key');
  return key;
}

/** A fingerprint of what a request asked for, so a reused key with another request is caught. */
export function requestHash(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * The response stored for (user, key), or undefined. A key first used for a different request
 * is 422 LAOSHI_IDEMPOTENCY_KEY_REUSED.
 */
export async function findStoredResponse<T>(db: Kysely<Database>, userId: number, key: string, hash: string): Promise<StoredResponse<T> | undefined> {
  const row = (await selectStored(db, userId, key)).rows[0];
  if (!row) return undefined;
  if (row.request_hash !== hash) {
    throw new LaoshiError(422, 'LAOSHI_IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request', 'idempotency-key');
  }
  return { statusCode: row.status_code, body: JSON.parse(row.response) as T };
}

/** Stores the response to (user, key); call it in the transaction that made the response. */
export async function storeResponse(db: Kysely<Database>, userId: number, key: string, hash: string, response: StoredResponse<unknown>, now: number): Promise<void> {
  await insertStored(db, userId, key, hash, response.statusCode, JSON.stringify(response.body), now);
}

const selectStored = preparedQuery((db, _dialect, userId: number, key: string) =>
  db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', userId).where('key', '=', key),
);

const insertStored = preparedQuery((db, _dialect, userId: number, key: string, hash: string, statusCode: number, body: string, now: number) =>
  db.insertInto('idempotency_keys').values({ user_id: userId, key, request_hash: hash, status_code: statusCode, response: body, created_at: now }),
);
