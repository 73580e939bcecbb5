import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { IdParams, errors } from '../../http/schemas.js';
import { contentDisposition } from '../media/media-types.js';
import { scopeBeforeValidation } from '../quality/scope-before-validation.js';
import { AudioExportQuery, VideoExportQuery } from './media-export-schemas.js';
import { audioExport, videoExport, type MediaExport } from './media-export-service.js';

const Binary = Type.String({ description: 'the file' });

function send(reply: FastifyReply, out: MediaExport) {
  return reply
    .header('content-type', out.contentType)
    .header('content-disposition', contentDisposition('attachment', out.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(out.body);
}

/** Video and audio exports of a project, streamed straight back (managers; the data manager's filter applies). */
export function mediaExportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/projects/:id/export/video',
    {
      preValidation: scopeBeforeValidation(ctx, 'project', 'manager'),
      schema: {
        tags: ['exports'],
        summary: 'Export video tracks: per-frame COCO or YOLO (interpolated), MOT ground truth, or Label Studio JSON (keyframes only) (managers)',
        params: IdParams,
        querystring: VideoExportQuery,
        response: { 200: Binary, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => send(reply, await videoExport(ctx, actorOf(request), request.params.id, request.query)),
  );
  r.get(
    '/api/projects/:id/export/audio',
    {
      preValidation: scopeBeforeValidation(ctx, 'project', 'manager'),
      schema: {
        tags: ['exports'],
        summary: 'Export audio segments as JSON Lines, or transcribed segments as an ASR manifest (audio_filepath, offset, duration, text) (managers)',
        params: IdParams,
        querystring: AudioExportQuery,
        response: { 200: Binary, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => send(reply, await audioExport(ctx, actorOf(request), request.params.id, request.query)),
  );
}
