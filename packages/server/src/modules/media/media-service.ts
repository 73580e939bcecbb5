import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import type { AppContext } from '../../context.js';
import type { MediaRow } from '../../db/schema.js';
import { LaoshiError } from '../../errors.js';
import { hashingCounter } from '../../storage/local-blob-store.js';
import { mediaKindOf } from './media-types.js';
import { probeAudioVideo, probeImage, MAX_IMAGE_PIXELS } from './probe-media.js';

export interface StoreMediaInput {
  organizationId: number;
  projectId: number;
  createdBy: number;
  /** The name the file had (shown and used for downloads; never part of a storage key). */
  fileName: string;
  body: Readable;
  /** Largest file accepted, in bytes. */
  maxBytes?: number;
  maxPixels?: number;
  ffprobe?: string;
}

export const MAX_MEDIA_BYTES = 2 * 1024 * 1024 * 1024;

/** A temp file in the data folder (same disk as local blobs: no copy across file systems). */
export async function tempFile(ctx: AppContext, suffix = ''): Promise<string> {
  const dir = path.join(ctx.config.dataDir, 'tmp');
  await fsp.mkdir(dir, { recursive: true });
  return path.join(dir, `${randomBytes(8).toString('hex')}${suffix}`);
}

/** Passes bytes through until more than `max` have passed, then fails with 413 naming the file. */
export function byteLimit(max: number, fileName: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, next) {
      seen += chunk.length;
      if (seen > max) next(new LaoshiError(413, 'LAOSHI_PAYLOAD_TOO_LARGE', `${fileName}: larger than the ${max} bytes allowed`, 'file'));
      else next(null, chunk);
    },
  });
}

const EXT = /\.([a-z0-9]{1,8})$/i;

/**
 * Stores an uploaded or imported file as project media: spools it (hashing as it goes),
 * sniffs its real type from its bytes (never trusting the name), reads image size and makes a
 * thumbnail (refusing absurd dimensions before decoding) or probes audio/video, then puts it in
 * the blob store under a key made of the project and the content hash. Throws LAOSHI_BAD_FILE
 * naming the file when it cannot be taken.
 */
export async function storeMedia(ctx: AppContext, input: StoreMediaInput): Promise<MediaRow> {
  const temp = await tempFile(ctx);
  try {
    const counter = hashingCounter();
    const max = input.maxBytes ?? MAX_MEDIA_BYTES;
    await pipeline(input.body, byteLimit(max, input.fileName), counter.stream, fs.createWriteStream(temp));
    if ((input.body as { truncated?: boolean }).truncated) throw new LaoshiError(413, 'LAOSHI_PAYLOAD_TOO_LARGE', `${input.fileName}: the file is larger than the upload limit`, 'file');
    const { size, sha256 } = counter.result();
    if (size === 0) throw new LaoshiError(400, 'LAOSHI_BAD_FILE', `${input.fileName}: the file is empty`, 'file');
    const sniffed = await fileTypeFromFile(temp);
    const contentType = sniffed?.mime ?? 'application/octet-stream';
    const kind = mediaKindOf(contentType);
    let width: number | null = null;
    let height: number | null = null;
    let duration: number | null = null;
    let thumbnail: Buffer | null = null;
    const meta: Record<string, unknown> = {};
    if (kind === 'image') ({ width, height, thumbnail } = await probeImage(temp, contentType, input.fileName, input.maxPixels ?? MAX_IMAGE_PIXELS));
    else if (kind === 'video' || kind === 'audio') {
      const facts = await probeAudioVideo(temp, input.ffprobe);
      ({ width, height, duration } = facts);
      if (facts.probeError) meta.probeError = facts.probeError;
      if (facts.frameRate !== undefined) meta.frameRate = facts.frameRate;
      if (facts.frameCount !== undefined) meta.frameCount = facts.frameCount;
    }
    const ext = sniffed?.ext ?? (EXT.exec(input.fileName)?.[1]?.toLowerCase() ?? 'bin');
    const base = `projects/${input.projectId}/media/${sha256}`;
    const blobKey = `${base}.${/^[a-z0-9]+$/.test(ext) ? ext : 'bin'}`;
    // Same bytes in the same project: one blob, however often it is uploaded.
    if (!(await ctx.blobs.stat(blobKey))) await ctx.blobs.put(blobKey, fs.createReadStream(temp), { contentType });
    let thumbnailKey: string | null = null;
    if (thumbnail) {
      thumbnailKey = `projects/${input.projectId}/thumbnails/${sha256}.webp`;
      await ctx.blobs.put(thumbnailKey, thumbnail, { contentType: 'image/webp' });
    }
    const fileName = input.fileName.slice(0, 500) || 'file';
    return await ctx.db.kysely
      .insertInto('media')
      .values({
        organization_id: input.organizationId, project_id: input.projectId, blob_key: blobKey, file_name: fileName, content_type: contentType, kind, size, sha256,
        width, height, duration, thumbnail_key: thumbnailKey, meta: JSON.stringify(meta), created_by: input.createdBy, created_at: ctx.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } finally {
    await fsp.rm(temp, { force: true });
  }
}

export interface MediaView {
  id: number;
  projectId: number;
  fileName: string;
  contentType: string;
  kind: string;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  duration: number | null;
  url: string;
  thumbnailUrl: string | null;
  meta: Record<string, unknown>;
  createdAt: string;
}

/** The URL tasks use to point at stored media. */
export const mediaUrl = (id: number): string => `/api/media/${id}`;

export function toMediaView(row: MediaRow): MediaView {
  return {
    id: row.id,
    projectId: row.project_id,
    fileName: row.file_name,
    contentType: row.content_type,
    kind: row.kind,
    size: row.size,
    sha256: row.sha256,
    width: row.width,
    height: row.height,
    duration: row.duration,
    url: mediaUrl(row.id),
    thumbnailUrl: row.thumbnail_key ? `${mediaUrl(row.id)}/thumbnail` : null,
    meta: JSON.parse(row.meta) as Record<string, unknown>,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
