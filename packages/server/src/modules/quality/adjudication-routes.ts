import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { Id, IdParams, JsonObject, errors } from '../../http/schemas.js';
import { adjudicateTask } from './adjudication-service.js';
import { listMyRework } from './rework-list.js';
import { scopeBeforeValidation } from './scope-before-validation.js';

const Comment = Type.Object({ regionId: Type.Union([Type.String(), Type.Null()]), text: Type.String() });

/** The adjudication view's save (one task's final result) and the annotator's rework list. */
export function adjudicationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/tasks/:id/adjudication',
    {
      bodyLimit: 16 * 1024 * 1024,
      preValidation: scopeBeforeValidation(ctx, 'task', 'reviewer'),
      schema: {
        tags: ['quality'],
        summary: "Save the result picked or merged from the task's annotations as its consensus annotation (accepted, replacing any earlier consensus) (reviewers and managers)",
        params: IdParams,
        body: Type.Object(
          {
            result: Type.Array(JsonObject, { maxItems: 100_000, description: 'Label Studio result items' }),
            fromAnnotationIds: Type.Optional(Type.Array(Id, { maxItems: 1000, description: 'the annotations it was picked or merged from (audit trail)' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ taskId: Type.Integer(), annotationId: Type.Integer(), replaced: Type.Integer({ description: 'earlier consensus annotations replaced' }) }), ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request, reply) => reply.status(201).send(await adjudicateTask(ctx, actorOf(request), request.params.id, request.body)),
  );

  r.get(
    '/api/projects/:id/rework',
    {
      schema: {
        tags: ['quality'],
        summary: 'Your rejected annotations waiting for rework, each with the latest rejection: reason and comments pinned to regions',
        params: IdParams,
        response: {
          200: Type.Array(
            Type.Object({
              annotationId: Type.Integer(),
              taskId: Type.Integer(),
              version: Type.Integer(),
              result: Type.Array(JsonObject),
              rejection: Type.Union([
                Type.Object({ reviewId: Type.Integer(), reviewerId: Type.Integer(), reviewerName: Type.String(), reason: Type.String(), comments: Type.Array(Comment), createdAt: Type.String({ format: 'date-time' }) }),
                Type.Null(),
              ]),
            }),
          ),
          ...errors(400, 401, 404),
        },
      },
    },
    async (request) => listMyRework(ctx, actorOf(request), request.params.id),
  );
}
