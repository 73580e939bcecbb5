import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { Id, IdParams, Page, PageQuery, errors } from '../../http/schemas.js';
import { contentDisposition } from '../media/media-types.js';
import { scopeBeforeValidation } from '../quality/scope-before-validation.js';
import type { TaskFilter } from '../tasks/task-filter.js';
import { ComparisonSchema, CreateExportBody, DatasetVersionSchema, DirectExportQuery } from './export-schemas.js';
import { createExport, directExport } from './export-service.js';
import { compareVersions, deleteVersion, failOrphanedVersions, getVersion, listVersions, openVersionFile, scopeVersion } from './version-service.js';

const Binary = Type.String({ description: 'the file' });

/** Scopes a version's `:id` before the rest of the request is validated, so outsiders get 404, not 400. */
function versionBeforeValidation(ctx: AppContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const id = Number((request.params as Record<string, unknown> | undefined)?.id);
    if (Number.isInteger(id) && id >= 1 && id <= 2_147_483_647) await scopeVersion(ctx, actorOf(request), id, 'reviewer');
  };
}

function attachment(reply: FastifyReply, contentType: string, fileName: string): FastifyReply {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', contentDisposition('attachment', fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store');
}

/** Exports, dataset versions (list, details, download, compare, delete) and the direct download of small exports. */
export function exportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // After a crash the job runner fails the jobs it lost; their versions must not stay "running".
  app.addHook('onReady', async () => {
    await failOrphanedVersions(ctx);
  });

  r.post(
    '/api/projects/:id/exports',
    {
      preValidation: scopeBeforeValidation(ctx, 'project', 'manager'),
      schema: {
        tags: ['exports'],
        summary: 'Export the project as a new immutable dataset version, in a background job (managers)',
        params: IdParams,
        body: CreateExportBody,
        response: { 202: Type.Object({ jobId: Type.Integer(), datasetVersionId: Type.Integer() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(202).send(await createExport(ctx, actorOf(request), request.params.id, request.body)),
  );

  r.get(
    '/api/projects/:id/dataset-versions',
    { schema: { tags: ['exports'], summary: "The project's dataset versions, newest first (reviewers and managers)", params: IdParams, querystring: PageQuery, response: { 200: Page(DatasetVersionSchema), ...errors(400, 401, 403, 404) } } },
    async (request) => listVersions(ctx, actorOf(request), request.params.id, request.query.limit ?? 100, request.query.cursor),
  );

  r.get(
    '/api/projects/:id/export',
    {
      preValidation: scopeBeforeValidation(ctx, 'project', 'manager'),
      schema: {
        tags: ['exports'],
        summary: 'Stream a small export straight back, keeping no version (managers; 422 past 20,000 tasks)',
        params: IdParams,
        querystring: DirectExportQuery,
        response: { 200: Binary, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { format, onlyAccepted, latestPerTask, withMedia, maskPii, parquetRows, ...filter } = request.query;
      const out = await directExport(ctx, actorOf(request), request.params.id, { format, onlyAccepted, latestPerTask, withMedia, maskPii, parquetRows }, filter as TaskFilter);
      return attachment(reply, out.contentType, out.fileName).send(out.body);
    },
  );

  r.get(
    '/api/dataset-versions/:id',
    { schema: { tags: ['exports'], summary: 'A dataset version: format, filter, options, counts, checksum, size', params: IdParams, response: { 200: DatasetVersionSchema, ...errors(400, 401, 403, 404) } } },
    async (request) => getVersion(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/dataset-versions/:id/download',
    { schema: { tags: ['exports'], summary: 'The dataset file, as an attachment (409 until the export is done)', params: IdParams, response: { 200: Binary, ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => {
      const { body, row } = await openVersionFile(ctx, actorOf(request), request.params.id);
      return attachment(reply, row.content_type, row.file_name).header('content-length', row.size).header('etag', `"${row.sha256}"`).header('x-laoshi-sha256', row.sha256).send(body);
    },
  );

  r.get(
    '/api/dataset-versions/:id/compare/:otherId',
    {
      preValidation: versionBeforeValidation(ctx),
      schema: {
        tags: ['exports'],
        summary: 'Tasks and labels added, removed and changed from this version to another',
        params: Type.Object({ id: Id, otherId: Id }),
        response: { 200: ComparisonSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => compareVersions(ctx, actorOf(request), request.params.id, request.params.otherId),
  );

  r.delete(
    '/api/dataset-versions/:id',
    { schema: { tags: ['exports'], summary: 'Delete a dataset version and its file (managers; audited)', params: IdParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => {
      await deleteVersion(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
