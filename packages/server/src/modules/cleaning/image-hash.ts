import type { Readable } from 'node:stream';
import { DHASH_HEIGHT, DHASH_WIDTH, dHash } from '@laoshi/core';
import { loadSharp } from '../../lazy/load-sharp.js';
import type { AppContext } from '../../context.js';
import { safeFetch } from '../../net/safe-fetch.js';
import { MAX_IMAGE_PIXELS } from '../media/probe-media.js';
import { mediaIdOf } from './task-content.js';

/** Largest remote image fetched for hashing. */
export const MAX_HASHED_IMAGE_BYTES = 30 * 1024 * 1024;
/** Largest stored image read whole when it has no thumbnail (sharp made none: e.g. BMP, which it cannot decode either). */
const MAX_STORED_IMAGE_BYTES = 200 * 1024 * 1024;

/** What the hasher needs of a stored media row of the project. */
export interface HashableMedia {
  blob_key: string;
  thumbnail_key: string | null;
  kind: string;
}

async function bytesOf(stream: Readable, max: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > max) throw new Error(`the image is larger than ${max} bytes`);
    parts.push(chunk as Buffer);
  }
  return Buffer.concat(parts);
}

/** The dHash of image bytes: sharp decodes (refusing absurd sizes unread), greys and shrinks to 9×8; core hashes. */
export async function dHashOfImage(bytes: Buffer): Promise<bigint> {
  const pixels = await (await loadSharp())(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, pages: 1 })
    .autoOrient()
    .grayscale()
    .resize(DHASH_WIDTH, DHASH_HEIGHT, { fit: 'fill' })
    .raw()
    .toBuffer();
  return dHash(pixels, DHASH_WIDTH, DHASH_HEIGHT);
}

/**
 * The perceptual hash of the image a task points at: stored media of the same project (its
 * thumbnail when there is one — 256 px is plenty for a 9×8 hash and much cheaper to read), or an
 * http(s) URL fetched through safeFetch (the outbound-address rules apply). Null when the value
 * is no image reference we can read; throws when reading or decoding fails.
 */
export async function imageHashOf(ctx: AppContext, ref: unknown, media: ReadonlyMap<number, HashableMedia>, signal: AbortSignal): Promise<bigint | null> {
  const mediaId = mediaIdOf(ref);
  if (mediaId !== null) {
    const row = media.get(mediaId);
    if (!row || row.kind !== 'image') return null;
    return dHashOfImage(await bytesOf(await ctx.blobs.get(row.thumbnail_key ?? row.blob_key), MAX_STORED_IMAGE_BYTES));
  }
  if (typeof ref !== 'string' || !/^https?:\/\//i.test(ref)) return null;
  const res = await safeFetch(ref, { allow: ctx.config.outboundAllow, maxBytes: MAX_HASHED_IMAGE_BYTES, timeoutMs: 30_000, signal });
  return dHashOfImage(await bytesOf(res.body, MAX_HASHED_IMAGE_BYTES));
}
