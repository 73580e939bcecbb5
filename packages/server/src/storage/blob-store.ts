import type { Readable } from 'node:stream';
import { LaoshiError } from '../errors.js';

/** Where media, thumbnails and exports live: a local folder or an S3-compatible bucket. */
export interface BlobStore {
  /** Stores `body` under `key` (replacing what was there); resolves once it is durable. */
  put(key: string, body: Buffer | Readable, opts?: { contentType?: string }): Promise<{ size: number; sha256: string }>;
  /** The bytes under `key`, or the inclusive byte range `start`…`end` of them; 404 when missing. */
  get(key: string, range?: { start: number; end?: number }): Promise<Readable>;
  /** Size and content type, or null when nothing is stored under `key`. */
  stat(key: string): Promise<{ size: number; contentType?: string } | null>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Every key starting with `prefix`, in key order. */
  list(prefix: string): AsyncIterable<{ key: string; size: number }>;
}

// No segment starts with a dot: the local store keeps its own files (temp, content types) under such names.
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * Checks a blob key: slash-separated segments of letters, digits, `.`, `_` and `-`, no empty
 * segment, none starting with `.` (so no `..`), no leading slash. Keys are made by Laoshi, never taken from a client
 * as they are, but the check keeps a bug from ever reaching outside the store.
 */
export function checkBlobKey(key: string): string {
  const segments = key.split('/');
  const bad = key.length === 0 || key.length > 1024 || segments.some((s) => !SEGMENT.test(s));
  if (bad) throw new LaoshiError(400, 'LAOSHI_VALIDATION', `blob key "${key.slice(0, 100)}" is not valid`, 'key');
  return key;
}

/** A prefix for list(): a key, or a key followed by `/`, or empty for everything. */
export function checkBlobPrefix(prefix: string): string {
  if (prefix === '') return prefix;
  checkBlobKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
  return prefix;
}

export const blobNotFound = (key: string): LaoshiError => new LaoshiError(404, 'LAOSHI_BLOB_NOT_FOUND', `blob ${key} not found`);

/** A range the store cannot serve (start past the end, end before start). */
export const badRange = (size: number): LaoshiError =>
  new LaoshiError(416, 'LAOSHI_RANGE_NOT_SATISFIABLE', `range is outside the ${size} bytes stored`, 'range', { size });
