import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { IdParams, errors } from '../../http/schemas.js';
import { runConsensus } from './consensus-service.js';
import { scopeBeforeValidation } from './scope-before-validation.js';

/** Consensus: one merged result per task from its annotators' work. */
export function consensusRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/projects/:id/consensus',
    {
      preValidation: scopeBeforeValidation(ctx, 'project', 'manager'),
      schema: {
        tags: ['quality'],
        summary: "Merge each task's annotations into a consensus result, stored as a prediction or as an accepted annotation of source 'consensus' (managers)",
        params: IdParams,
        body: Type.Object(
          {
            method: Type.Union([Type.Literal('majority'), Type.Literal('dawid-skene')], { description: 'for classification controls; regions always cluster by IoU with a label vote' }),
            storeAs: Type.Union([Type.Literal('prediction'), Type.Literal('annotation')]),
            tie: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('lowest-label')], { description: 'a tied vote gives no label (default) or the first label in order' })),
            threshold: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'least IoU between regions of one cluster (default 0.5)' })),
            minAnnotations: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'tasks with fewer submitted annotations are left alone (default 2)' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            method: Type.String(),
            storeAs: Type.String(),
            tasks: Type.Integer(),
            stored: Type.Array(Type.Object({ taskId: Type.Integer(), id: Type.Integer({ description: 'the prediction or annotation id' }) })),
            skipped: Type.Array(Type.Object({ taskId: Type.Integer(), reason: Type.String() }), { description: 'at most 100' }),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => runConsensus(ctx, actorOf(request), request.params.id, request.body),
  );
}
