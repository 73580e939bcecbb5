import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { readIdempotencyKey } from '../../http/idempotency.js';
import { IdParams, errors } from '../../http/schemas.js';
import { AnnotationSchema, LeadTime, ResultInput } from './annotation-schemas.js';
import { createAnnotation, deleteAnnotation, getAnnotation, updateAnnotation } from './annotation-service.js';

const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: 'repeat a request safely: the first response is returned again' })) });

/** Submitting, saving drafts of, reading and deleting annotations. */
export function annotationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/tasks/:id/annotations',
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags: ['annotations'],
        summary: 'Submit your annotation of a task (or save a draft); one per annotator per task',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: Type.Object({ result: ResultInput, leadTime: Type.Optional(LeadTime), draft: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.Integer(), version: Type.Integer() }), ...errors(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const key = readIdempotencyKey(request.headers['idempotency-key']);
      const res = await createAnnotation(ctx, actorOf(request), request.params.id, request.body, key);
      return reply.status(201).send(res.body);
    },
  );

  r.patch(
    '/api/annotations/:id',
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags: ['annotations'],
        summary: 'Update an annotation; `version` must be the one you edited (409 with currentVersion otherwise)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: Type.Object({ result: ResultInput, version: Type.Integer({ minimum: 1 }), leadTime: Type.Optional(LeadTime), draft: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: Type.Object({ version: Type.Integer() }), ...errors(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const key = readIdempotencyKey(request.headers['idempotency-key']);
      const res = await updateAnnotation(ctx, actorOf(request), request.params.id, request.body, key);
      return reply.status(200).send(res.body);
    },
  );

  r.get(
    '/api/annotations/:id',
    { schema: { tags: ['annotations'], summary: 'One annotation (yours, or any if you review or manage the project)', params: IdParams, response: { 200: AnnotationSchema, ...errors(400, 401, 404) } } },
    async (request) => getAnnotation(ctx, actorOf(request), request.params.id),
  );

  r.delete(
    '/api/annotations/:id',
    { schema: { tags: ['annotations'], summary: 'Delete an annotation (its annotator or a manager)', params: IdParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      await deleteAnnotation(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
