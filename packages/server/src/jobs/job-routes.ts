import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/authenticate.js';
import { IdParams, Page, PageQuery, Timestamp, errors } from '../http/schemas.js';
import { streamJobEvents } from './job-events.js';
import { cancelJob, listProjectJobs, scopeJob, toJobView } from './job-service.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const JobSchema = Type.Object({
  id: Type.Integer(),
  projectId: Nullable(Type.Integer()),
  kind: Type.String({ description: 'import, export, …' }),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('cancelled')]),
  progress: Type.Object({ done: Type.Number(), total: Nullable(Type.Number()) }),
  message: Nullable(Type.String()),
  params: Type.Unknown(),
  result: Type.Unknown({ description: 'what the job produced, once it succeeded' }),
  error: Nullable(Type.String({ description: 'why it failed' })),
  createdBy: Type.Integer(),
  createdAt: Timestamp,
  startedAt: Nullable(Timestamp),
  finishedAt: Nullable(Timestamp),
});

/** Job status, a project's jobs, cancel, and progress as Server-Sent Events. */
export function jobRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/jobs/:id',
    { schema: { tags: ['jobs'], summary: 'A job with its status and progress', params: IdParams, response: { 200: JobSchema, ...errors(400, 401, 404) } } },
    async (request) => toJobView(await scopeJob(ctx, actorOf(request), request.params.id, 'annotator')),
  );

  r.get(
    '/api/projects/:id/jobs',
    { schema: { tags: ['jobs'], summary: "The project's jobs, newest first", params: IdParams, querystring: PageQuery, response: { 200: Page(JobSchema), ...errors(400, 401, 403, 404) } } },
    async (request) => listProjectJobs(ctx, actorOf(request), request.params.id, request.query.limit ?? 100, request.query.cursor),
  );

  r.post(
    '/api/jobs/:id/cancel',
    { schema: { tags: ['jobs'], summary: 'Cancel a queued or running job (project managers)', params: IdParams, response: { 200: JobSchema, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => cancelJob(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/jobs/:id/events',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Progress as Server-Sent Events: `progress` events with the job, then one `end` event when it finishes',
        params: IdParams,
        response: { 200: Type.String({ description: 'text/event-stream' }), ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const row = await scopeJob(ctx, actorOf(request), request.params.id, 'annotator');
      await streamJobEvents(ctx, row.id, request, reply);
    },
  );
}
