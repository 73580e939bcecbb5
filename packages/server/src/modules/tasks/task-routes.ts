import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { IdParams, JsonObject, Page, PageQuery, Timestamp, errors } from '../../http/schemas.js';
import { AnnotationSchema } from '../annotations/annotation-schemas.js';
import { nextTask } from './task-queue.js';
import { TaskFilterQuery, TaskSortKeys } from './task-filter.js';
import { listTasks } from './task-list.js';
import { listSkips, skipTask } from './task-skip.js';
import { deleteTask, getTask, importTasks } from './task-service.js';
import { ownTaskView } from './task-views.js';

export const TaskSchema = Type.Object({
  id: Type.Integer(),
  projectId: Type.Integer(),
  data: JsonObject,
  meta: JsonObject,
  annotationCount: Type.Integer(),
  isLabeled: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const PredictionSchema = Type.Object({ id: Type.Integer(), result: Type.Array(JsonObject), score: Type.Union([Type.Number(), Type.Null()]), modelVersion: Type.String(), createdAt: Timestamp });

const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const TaskListQuery = Type.Object({
  ...PageQuery.properties,
  ...TaskFilterQuery.properties,
  sort: Type.Optional(Type.Union(TaskSortKeys.map((k) => Type.Literal(k)), { description: 'id, annotations or updated; a leading - sorts descending' })),
});

/** Task import, the data list, one task, and the annotator's queue. */
export function taskRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/projects/:id/tasks',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags: ['tasks'],
        summary: 'Import Label Studio-style tasks {data, meta?, annotations?, predictions?} (managers); all or nothing',
        params: IdParams,
        body: Type.Array(JsonObject, { minItems: 1, maxItems: 100_000 }),
        response: { 201: Type.Object({ created: Type.Integer(), annotations: Type.Integer(), predictions: Type.Integer() }), ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request, reply) => reply.status(201).send(await importTasks(ctx, actorOf(request), request.params.id, request.body)),
  );

  r.get(
    '/api/projects/:id/tasks',
    { schema: { tags: ['tasks'], summary: "The project's tasks, filtered and sorted, by cursor (reviewers and managers)", params: IdParams, querystring: TaskListQuery, response: { 200: Page(TaskSchema), ...errors(400, 401, 403, 404) } } },
    async (request) => listTasks(ctx, actorOf(request), request.params.id, request.query),
  );

  r.post(
    '/api/projects/:id/next',
    {
      schema: {
        tags: ['tasks'],
        summary: 'The next task for you to label: your draft, the task on screen, rework, your assignments, then new tasks (204 when none is left for you). Blind: annotationCount and isLabeled count only your own annotation',
        params: IdParams,
        body: Type.Object(
          { excludeTaskId: Type.Optional(Type.Integer({ minimum: 1, description: 'prefetch: a task besides this one (the one on screen, which stays reserved for you)' })) },
          { additionalProperties: false, description: 'optional: an empty POST (as Label Studio clients send) asks for the next task' },
        ),
        response: { 200: Type.Object({ task: TaskSchema }), 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
      // An empty POST is the common call: it validates as {}.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const next = await nextTask(ctx, actorOf(request), request.params.id, { excludeTaskId: request.body.excludeTaskId });
      return next ? { task: ownTaskView(next.task, next.rework ? 1 : 0) } : reply.status(204).send(null);
    },
  );

  r.post(
    '/api/tasks/:id/skip',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Skip a task with a reason: your reservation and draft are dropped and the queue does not give it to you again',
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await skipTask(ctx, actorOf(request), request.params.id, request.body.reason.trim() || request.body.reason);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/tasks/:id/skips',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Who skipped a task and why (reviewers and managers)',
        params: IdParams,
        response: { 200: Type.Array(Type.Object({ userId: Type.Integer(), reason: Type.String(), createdAt: Timestamp })), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => listSkips(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'A task with the annotations you may see (annotators: your own) and its predictions',
        params: IdParams,
        response: { 200: Type.Intersect([TaskSchema, Type.Object({ annotations: Type.Array(AnnotationSchema), predictions: Type.Array(PredictionSchema) })]), ...errors(400, 401, 404) },
      },
    },
    async (request) => getTask(ctx, actorOf(request), request.params.id),
  );

  r.delete(
    '/api/tasks/:id',
    { schema: { tags: ['tasks'], summary: 'Delete a task and its annotations (managers)', params: IdParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      await deleteTask(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
