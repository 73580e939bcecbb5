import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { Id, IdParams, JsonObject, Page, PageQuery, Timestamp, errors } from '../../http/schemas.js';
import { listGold, listGoldScores, markGold, unmarkGold } from './gold-service.js';

const GoldScoreSchema = Type.Object({
  annotationId: Type.Integer(),
  taskId: Type.Integer(),
  userId: Type.Integer(),
  goldAnnotationId: Type.Integer(),
  score: Type.Union([Type.Number(), Type.Null()], { description: 'mean of the control scores in [0, 1]; null when nothing could be scored' }),
  controls: Type.Array(JsonObject, { description: 'per control: fromName, type, metric (exact, region-f1, span-f1, keypoint-oks, cer), score, details' }),
  scoredAt: Timestamp,
});

/** Gold answers: marking, listing and the scores of submissions against them (managers only). */
export function goldRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/annotations/:id/gold',
    {
      schema: {
        tags: ['gold'],
        summary: "Mark an accepted annotation as its task's gold answer; the task's other submissions are scored against it at once (managers)",
        params: IdParams,
        response: { 201: Type.Object({ taskId: Type.Integer(), annotationId: Type.Integer(), scored: Type.Integer() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await markGold(ctx, actorOf(request), request.params.id)),
  );

  r.delete(
    '/api/annotations/:id/gold',
    { schema: { tags: ['gold'], summary: 'Remove the gold mark and the scores made against it (managers)', params: IdParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      await unmarkGold(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/projects/:id/gold',
    {
      schema: {
        tags: ['gold'],
        summary: "The project's gold tasks with their scored submissions (managers)",
        params: IdParams,
        response: { 200: Type.Array(Type.Object({ taskId: Type.Integer(), annotationId: Type.Integer(), createdAt: Timestamp, scored: Type.Integer(), meanScore: Type.Union([Type.Number(), Type.Null()]) })), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => listGold(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/projects/:id/gold/scores',
    {
      schema: {
        tags: ['gold'],
        summary: 'Scores of submissions against gold, by annotation id (managers)',
        params: IdParams,
        querystring: Type.Object({ ...PageQuery.properties, userId: Type.Optional(Id) }),
        response: { 200: Page(GoldScoreSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => listGoldScores(ctx, actorOf(request), request.params.id, request.query),
  );
}
