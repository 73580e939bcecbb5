import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { IdParams, Page, errors } from '../../http/schemas.js';
import { JobSchema } from '../../jobs/job-routes.js';
import { scopeBeforeValidation } from '../quality/scope-before-validation.js';
import { DuplicateGroupSchema, DuplicateScanBody, DuplicatesQuery, GroupParams, KeepBody, KeepResultSchema, PiiRedactBody, PiiScanBody } from './cleaning-schemas.js';
import { startDuplicateScan, startPiiRedact, startPiiScan } from './cleaning-service.js';
import { keepOne, listGroups } from './duplicate-store.js';

/** Cleaning (managers): duplicate scans and their groups with "keep one", PII scans and in-place redaction. */
export function cleaningRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // Outsiders get 404 and annotators 403 before the body is looked at.
  const preValidation = scopeBeforeValidation(ctx, 'project', 'manager');

  r.post(
    '/api/projects/:id/duplicates/scan',
    {
      preValidation,
      schema: {
        tags: ['cleaning'],
        summary: 'Find exact and near-duplicate tasks (texts by MinHash/LSH, images by dHash) in a background job; the groups replace the last scan\'s (managers)',
        params: IdParams,
        body: DuplicateScanBody,
        response: { 202: JobSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(202).send(await startDuplicateScan(ctx, actorOf(request), request.params.id, request.body)),
  );

  r.get(
    '/api/projects/:id/duplicates',
    {
      preValidation,
      schema: { tags: ['cleaning'], summary: 'The duplicate groups of the last scan that still have two or more tasks, with previews (managers)', params: IdParams, querystring: DuplicatesQuery, response: { 200: Page(DuplicateGroupSchema), ...errors(400, 401, 403, 404) } },
    },
    async (request) => listGroups(ctx, actorOf(request), request.params.id, { limit: request.query.limit ?? 20, cursor: request.query.cursor, kind: request.query.kind }),
  );

  r.post(
    '/api/projects/:id/duplicates/:groupId/keep',
    {
      preValidation,
      schema: {
        tags: ['cleaning'],
        summary: 'Keep one task of a duplicate group and delete the others; tasks with annotations stay unless force (managers; audited)',
        params: GroupParams,
        body: KeepBody,
        response: { 200: KeepResultSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => keepOne(ctx, actorOf(request), request.params.id, request.params.groupId, request.body.taskId, request.body.force ?? false),
  );

  r.post(
    '/api/projects/:id/pii/scan',
    {
      preValidation,
      schema: {
        tags: ['cleaning'],
        summary: 'Look for personal data in the task data (counts per kind, masked examples) in a background job; changes nothing (managers)',
        params: IdParams,
        body: PiiScanBody,
        response: { 202: JobSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(202).send(await startPiiScan(ctx, actorOf(request), request.params.id, request.body)),
  );

  r.post(
    '/api/projects/:id/pii/redact',
    {
      preValidation,
      schema: {
        tags: ['cleaning'],
        summary: 'Redact personal data in place in a background job; the old text is not kept (managers; audited)',
        params: IdParams,
        body: PiiRedactBody,
        response: { 202: JobSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(202).send(await startPiiRedact(ctx, actorOf(request), request.params.id, request.body)),
  );
}
