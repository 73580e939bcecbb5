import type { Readable } from 'node:stream';
import type { AppContext } from '../../context.js';
import { LaoshiError } from '../../errors.js';
import { safeFetch } from '../../net/safe-fetch.js';

const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

async function readCapped(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_IMAGE_BYTES) throw new LaoshiError(413, 'LAOSHI_PAYLOAD_TOO_LARGE', 'the image is larger than 64 MiB', 'image');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The bytes of the image a task points at: project media (`/api/media/<id>`, only of the same
 * project), a data: URL, or an http(s) URL fetched through safeFetch. Null when the value is none
 * of these.
 */
export async function loadTaskImage(ctx: AppContext, projectId: number, value: unknown, signal?: AbortSignal): Promise<Buffer | null> {
  if (typeof value !== 'string' || value === '') return null;
  const media = /^(?:https?:\/\/[^/]+)?\/api\/media\/(\d{1,10})(?:[/?#].*)?$/.exec(value);
  if (media && !/^https?:/.test(value)) {
    const row = await ctx.db.kysely.selectFrom('media').select(['blob_key', 'project_id']).where('id', '=', Number(media[1])).executeTakeFirst();
    if (!row || row.project_id !== projectId) return null;
    return readCapped(await ctx.blobs.get(row.blob_key));
  }
  const data = /^data:image\/[a-z0-9.+-]+;base64,([A-Za-z0-9+/=\s]+)$/i.exec(value);
  if (data) return Buffer.from(data[1]!, 'base64');
  if (/^https?:\/\//i.test(value)) {
    const res = await safeFetch(value, { allow: ctx.config.outboundAllow, maxBytes: MAX_IMAGE_BYTES, timeoutMs: ctx.config.modelTimeoutMs, signal });
    return readCapped(res.body);
  }
  return null;
}
