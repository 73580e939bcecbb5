import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { IdParams, errors } from '../../http/schemas.js';
import { JobSchema } from '../../jobs/job-routes.js';
import { scopeBeforeValidation } from '../quality/scope-before-validation.js';
import { CreateStorageBody, StorageParams, StorageSchema, UpdateStorageBody } from './source-storage-schemas.js';
import { createStorage, deleteStorage, listStorages, startSync, updateStorage } from './source-storage-service.js';

/** S3-compatible buckets as task sources of a project (managers): configure, sync as a job, remove. */
export function sourceStorageRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // Outsiders get 404 and non-managers 403 before the body is looked at.
  const preValidation = scopeBeforeValidation(ctx, 'project', 'manager');
  const tags = ['source storage'];

  r.get(
    '/api/projects/:id/source-storages',
    { preValidation, schema: { tags, summary: "The project's S3 sources, keys never included (managers)", params: IdParams, response: { 200: Type.Array(StorageSchema), ...errors(400, 401, 403, 404) } } },
    async (request) => listStorages(ctx, actorOf(request), request.params.id),
  );

  r.post(
    '/api/projects/:id/source-storages',
    { preValidation, schema: { tags, summary: 'Add an S3-compatible bucket as a task source (managers); keys are sealed at rest', params: IdParams, body: CreateStorageBody, response: { 201: StorageSchema, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => reply.status(201).send(await createStorage(ctx, actorOf(request), request.params.id, request.body)),
  );

  r.patch(
    '/api/projects/:id/source-storages/:storageId',
    { preValidation, schema: { tags, summary: 'Change an S3 source; keys left out stay (managers)', params: StorageParams, body: UpdateStorageBody, response: { 200: StorageSchema, ...errors(400, 401, 403, 404) } } },
    async (request) => updateStorage(ctx, actorOf(request), request.params.id, request.params.storageId, request.body),
  );

  r.delete(
    '/api/projects/:id/source-storages/:storageId',
    { preValidation, schema: { tags, summary: 'Remove an S3 source; the tasks and media it brought stay (managers)', params: StorageParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      await deleteStorage(ctx, actorOf(request), request.params.id, request.params.storageId);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/projects/:id/source-storages/:storageId/sync',
    {
      preValidation,
      schema: {
        tags,
        summary: 'Sync the bucket in a background job: each new image, video or audio object becomes a task, JSON/JSONL objects are read as task files; objects taken before are skipped (managers)',
        params: StorageParams,
        response: { 202: JobSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(202).send(await startSync(ctx, actorOf(request), request.params.id, request.params.storageId)),
  );
}
