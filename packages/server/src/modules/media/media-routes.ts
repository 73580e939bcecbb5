import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { scopeProject } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import type { MediaRow } from '../../db/schema.js';
import { LaoshiError, badRequest } from '../../errors.js';
import { actorOf } from '../../http/authenticate.js';
import { IdParams, JsonObject, Timestamp, errors } from '../../http/schemas.js';
import { recordAudit } from '../audit/audit-repository.js';
import { parseRange, scopeMedia } from './media-access.js';
import { storeMedia, toMediaView } from './media-service.js';
import { contentDisposition, isInlineSafe } from './media-types.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const MediaSchema = Type.Object({
  id: Type.Integer(),
  projectId: Type.Integer(),
  fileName: Type.String(),
  contentType: Type.String({ description: 'sniffed from the bytes, not taken from the upload' }),
  kind: Type.String({ description: 'image, video, audio or other' }),
  size: Type.Integer(),
  sha256: Type.String(),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  duration: Nullable(Type.Number()),
  url: Type.String(),
  thumbnailUrl: Nullable(Type.String()),
  meta: JsonObject,
  createdAt: Timestamp,
});

const Binary = Type.String({ description: 'the bytes' });

/** Upload media into a project, and serve it safely (sniffed type, nosniff, attachments, ranges). */
export function mediaRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/projects/:id/media',
    {
      schema: {
        tags: ['media'],
        summary: 'Upload files (multipart/form-data, one or many) as project media (managers)',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: Type.Object({ items: Type.Array(MediaSchema) }), ...errors(400, 401, 403, 404, 406, 413) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { project } = await scopeProject(ctx, actor, request.params.id, 'manager');
      if (!request.isMultipart()) throw new LaoshiError(406, 'LAOSHI_UNSUPPORTED_MEDIA_TYPE', 'send the files as multipart/form-data');
      const rows: MediaRow[] = [];
      for await (const part of request.files()) {
        rows.push(await storeMedia(ctx, { organizationId: project.organization_id, projectId: project.id, createdBy: actor.id, fileName: part.filename, body: part.file }));
      }
      if (rows.length === 0) throw badRequest('no file in the upload', 'file');
      await recordAudit(ctx.db.kysely, { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, action: 'media.upload', objectType: 'project', objectId: project.id, data: { media: rows.map((m) => m.id) } }, ctx.now());
      return reply.status(201).send({ items: rows.map(toMediaView) });
    },
  );

  r.get(
    '/api/media/:id',
    {
      schema: {
        tags: ['media'],
        summary: 'The file (Range requests answered with 206); anything but safe images, video and audio is an attachment',
        params: IdParams,
        response: { 200: Binary, 206: Binary, ...errors(400, 401, 404, 416) },
      },
    },
    async (request, reply) => {
      const row = await scopeMedia(ctx, actorOf(request), request.params.id, 'annotator');
      return sendBlob(ctx, reply, row.blob_key, row.size, row.content_type, row.file_name, row.sha256, request.headers.range);
    },
  );

  r.get(
    '/api/media/:id/thumbnail',
    { schema: { tags: ['media'], summary: 'A WebP thumbnail (images only)', params: IdParams, response: { 200: Binary, ...errors(400, 401, 404) } } },
    async (request, reply) => {
      const row = await scopeMedia(ctx, actorOf(request), request.params.id, 'annotator');
      if (!row.thumbnail_key) throw new LaoshiError(404, 'LAOSHI_MEDIA_NOT_FOUND', 'this media has no thumbnail');
      const stat = await ctx.blobs.stat(row.thumbnail_key);
      if (!stat) throw new LaoshiError(404, 'LAOSHI_MEDIA_NOT_FOUND', 'thumbnail not found');
      return sendBlob(ctx, reply, row.thumbnail_key, stat.size, 'image/webp', `${row.file_name}.webp`, `${row.sha256}-thumb`, undefined);
    },
  );

  r.get(
    '/api/media/:id/info',
    { schema: { tags: ['media'], summary: 'What is known about the file: type, size, dimensions, duration', params: IdParams, response: { 200: MediaSchema, ...errors(400, 401, 404) } } },
    async (request) => toMediaView(await scopeMedia(ctx, actorOf(request), request.params.id, 'annotator')),
  );
}

async function sendBlob(ctx: AppContext, reply: FastifyReply, key: string, size: number, contentType: string, fileName: string, etag: string, rangeHeader: string | undefined) {
  const range = parseRange(rangeHeader, size);
  if (range === 'unsatisfiable') {
    void reply.header('content-range', `bytes */${size}`);
    throw new LaoshiError(416, 'LAOSHI_RANGE_NOT_SATISFIABLE', `range is outside the ${size} bytes of the file`, 'range');
  }
  const inline = isInlineSafe(contentType);
  void reply
    .header('content-type', contentType)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', fileName))
    // Even if a browser were talked into rendering it, the file runs no script and reaches nothing.
    .header('content-security-policy', "default-src 'none'; media-src 'self'; img-src 'self'; sandbox")
    .header('cross-origin-resource-policy', 'same-origin')
    .header('accept-ranges', 'bytes')
    .header('cache-control', 'private, max-age=3600')
    .header('etag', `"${etag}"`);
  if (range) {
    const body = await ctx.blobs.get(key, range);
    return reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`).header('content-length', range.end - range.start + 1).send(body);
  }
  return reply.header('content-length', size).send(await ctx.blobs.get(key));
}
