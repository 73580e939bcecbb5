import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { Id, IdParams, PageQuery, errors } from '../../http/schemas.js';
import { ReviewStateSchema } from '../annotations/annotation-schemas.js';
import { scopeBeforeValidation } from '../quality/scope-before-validation.js';
import { assignTasks, listAssignments, unassignTasks } from './assignment-service.js';
import { TASK_STATES } from './task-state.js';
import { taskWorkflow, workflowSummary } from './workflow-service.js';

const TaskStateSchema = Type.Union([Type.Literal('to_do'), Type.Literal('in_progress'), Type.Literal('submitted'), Type.Literal('in_review'), Type.Literal('accepted'), Type.Literal('rejected'), Type.Literal('done')], {
  description: 'to_do → in_progress → submitted → in_review → accepted / rejected (rework) → done',
});
const count = Type.Integer({ minimum: 0 });

/** Workflow states of tasks, and explicit assignment of tasks to people. */
export function workflowRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/projects/:id/workflow',
    {
      schema: {
        tags: ['workflow'],
        summary: 'Tasks per workflow state and annotations per review state (reviewers and managers)',
        params: IdParams,
        response: {
          200: Type.Object({
            tasks: Type.Object(Object.fromEntries(TASK_STATES.map((s) => [s, count]))),
            annotations: Type.Object({ draft: count, pending: count, in_review: count, accepted: count, rejected: count }),
            reviewRequired: Type.Boolean(),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => workflowSummary(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/tasks/:id/workflow',
    {
      schema: {
        tags: ['workflow'],
        summary: "A task's workflow state, its annotations' review states and who holds it (reviewers and managers)",
        params: IdParams,
        response: {
          200: Type.Object({
            taskId: Type.Integer(),
            state: TaskStateSchema,
            overlap: Type.Integer(),
            annotations: Type.Array(Type.Object({ id: Type.Integer(), completedBy: Type.Union([Type.Integer(), Type.Null()]), source: Type.String(), draft: Type.Boolean(), reviewState: ReviewStateSchema, version: Type.Integer(), reviews: Type.Integer() })),
            locks: Type.Array(Type.Object({ userId: Type.Integer(), assignment: Type.Boolean(), expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) })),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => taskWorkflow(ctx, actorOf(request), request.params.id),
  );

  r.post(
    '/api/projects/:id/assignments',
    {
      preValidation: scopeBeforeValidation(ctx, 'project', 'manager'),
      schema: {
        tags: ['workflow'],
        summary: "Assign tasks to a project member (managers); their queue hands them out first, and they hold one of each task's overlap slots",
        params: IdParams,
        body: Type.Object({ userId: Id, taskIds: Type.Array(Id, { minItems: 1, maxItems: 5000 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ assigned: Type.Array(Type.Integer()), skipped: Type.Array(Type.Integer(), { description: 'tasks the user already submitted' }) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => assignTasks(ctx, actorOf(request), request.params.id, request.body.userId, request.body.taskIds),
  );

  r.get(
    '/api/projects/:id/assignments',
    {
      schema: {
        tags: ['workflow'],
        summary: 'Open assignments by task (reviewers and managers)',
        params: IdParams,
        querystring: Type.Object({ ...PageQuery.properties, userId: Type.Optional(Id) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ taskId: Type.Integer(), userId: Type.Integer(), opened: Type.Boolean() })), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => listAssignments(ctx, actorOf(request), request.params.id, request.query),
  );

  r.delete(
    '/api/projects/:id/assignments/:userId',
    {
      preValidation: scopeBeforeValidation(ctx, 'project', 'manager'),
      schema: {
        tags: ['workflow'],
        summary: "Remove a member's assignments, all or those of `taskIds` (managers)",
        params: Type.Object({ id: Id, userId: Id }),
        querystring: Type.Object({ taskIds: Type.Optional(Type.String({ pattern: '^\\d+(,\\d+)*$', maxLength: 20_000, description: 'comma-separated task ids' })) }),
        response: { 200: Type.Object({ removed: Type.Integer() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const taskIds = request.query.taskIds?.split(',').map(Number);
      return unassignTasks(ctx, actorOf(request), request.params.id, request.params.userId, taskIds);
    },
  );
}
