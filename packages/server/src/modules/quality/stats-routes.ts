import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { IdParams, errors } from '../../http/schemas.js';
import { annotatorStats } from './annotator-stats.js';
import { statsToCsv } from './stats-csv.js';

const rate = (description: string) => Type.Union([Type.Number(), Type.Null()], { description });

const AnnotatorStatsSchema = Type.Object({
  userId: Type.Integer(),
  name: Type.String(),
  email: Type.String(),
  tasksDone: Type.Integer(),
  timeSpentSeconds: Type.Number({ description: 'lead time sent with each submission, else lock (or first draft) → submit; gaps over 4 h are not counted' }),
  timedTasks: Type.Integer(),
  throughputPerHour: rate('timed tasks per hour spent'),
  reviewed: Type.Integer(),
  rejectionRate: rate('reject reviews / all reviews of their annotations'),
  firstPassAcceptanceRate: rate('annotations accepted at their first review / annotations reviewed'),
  goldScored: Type.Integer(),
  goldAccuracy: rate('mean gold score in [0, 1]'),
  agreement: rate('mean pairwise agreement with the other annotators'),
  agreementMetric: Type.Union([Type.String(), Type.Null()]),
  consensusAgreement: rate('agreement with the consensus on the tasks that have one (same metric)'),
});

/** Per-annotator statistics, as JSON and as CSV (managers). */
export function statsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/projects/:id/annotator-stats',
    {
      schema: {
        tags: ['quality'],
        summary: 'Per annotator: tasks done, time spent, throughput, rejection rate, gold accuracy, agreement with others (managers)',
        params: IdParams,
        response: { 200: Type.Array(AnnotatorStatsSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => annotatorStats(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/projects/:id/annotator-stats.csv',
    {
      schema: {
        tags: ['quality'],
        summary: 'The annotator statistics as a CSV download (formula-like cells neutralised) (managers)',
        params: IdParams,
        response: { 200: Type.String({ description: 'text/csv' }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const csv = statsToCsv(await annotatorStats(ctx, actorOf(request), request.params.id));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="annotator-stats-project-${request.params.id}.csv"`)
        .send(csv);
    },
  );
}
