import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { IdParams, errors } from '../../http/schemas.js';
import { annotatorActivity, type AnnotatorActivity } from './annotator-activity.js';
import { csvCell } from './stats-csv.js';

const rate = (description: string) => Type.Union([Type.Number(), Type.Null()], { description: `${description}; null under a minute of active time` });

const ActivitySchema = Type.Object({
  idleGapSeconds: Type.Number({ description: 'longer stretches without a recorded action are idle and not counted' }),
  annotators: Type.Array(
    Type.Object({
      userId: Type.Integer(),
      name: Type.String(),
      email: Type.String(),
      activeSeconds: Type.Number({ description: "measured from the server's timestamps of hand-outs, autosaved drafts, submissions, updates and skips; idle gaps left out" }),
      sessions: Type.Integer(),
      submitted: Type.Integer(),
      tasksPerHour: rate('submitted annotations per active hour'),
      regions: Type.Integer(),
      regionsPerHour: rate('regions per active hour'),
      labels: Type.Array(Type.Object({ label: Type.String(), regions: Type.Integer(), regionsPerHour: rate('regions with this label per active hour') })),
    }),
  ),
});

const COLUMNS = ['userId', 'name', 'email', 'activeSeconds', 'sessions', 'submitted', 'tasksPerHour', 'regions', 'regionsPerHour'] as const satisfies readonly (keyof AnnotatorActivity)[];

/** Active time (idle gaps excluded), tasks and regions per hour, per annotator and per label (managers). */
export function activityRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/projects/:id/annotator-activity',
    {
      schema: {
        tags: ['quality'],
        summary: 'Per annotator: active time measured on the server (idle gaps excluded), tasks and regions per hour, regions per label (managers)',
        params: IdParams,
        response: { 200: ActivitySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => annotatorActivity(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/projects/:id/annotator-activity.csv',
    {
      schema: {
        tags: ['quality'],
        summary: 'The annotator activity as a CSV download, one row per annotator (for payroll) (managers)',
        params: IdParams,
        response: { 200: Type.String({ description: 'text/csv' }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { annotators } = await annotatorActivity(ctx, actorOf(request), request.params.id);
      const lines = [COLUMNS.join(','), ...annotators.map((a) => COLUMNS.map((c) => csvCell(a[c])).join(','))];
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="annotator-activity-project-${request.params.id}.csv"`)
        .send(`${lines.join('\r\n')}\r\n`);
    },
  );
}
