import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { scopeTask } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { IdParams, errors } from '../../http/schemas.js';
import { AnnotationSchema } from '../annotations/annotation-schemas.js';
import { scopeBeforeValidation } from '../quality/scope-before-validation.js';
import { TaskSchema } from '../tasks/task-routes.js';
import { toAnnotationView, toTaskView } from '../tasks/task-views.js';
import { nextReview } from './review-queue.js';
import { ReviewInput, ReviewOutcome, ReviewSchema } from './review-schemas.js';
import { listReviews, releaseReview, reviewAnnotation } from './review-service.js';

/** The reviewer queue, accept/reject (with edit-and-accept), review locks and review history. */
export function reviewRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/projects/:id/review/next',
    {
      schema: {
        tags: ['reviews'],
        summary: 'The next submitted annotation for you to review, locked for you like a task (204 when none is waiting); reviewers and managers',
        params: IdParams,
        response: { 200: Type.Object({ annotation: AnnotationSchema, task: TaskSchema, reviews: Type.Array(ReviewSchema) }), 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const annotation = await nextReview(ctx, actor, request.params.id);
      if (!annotation) return reply.status(204).send(null);
      const { task } = await scopeTask(ctx, actor, annotation.task_id, 'reviewer');
      return { annotation: toAnnotationView(annotation), task: toTaskView(task), reviews: await listReviews(ctx, actor, annotation.id) };
    },
  );

  r.post(
    '/api/annotations/:id/review',
    {
      bodyLimit: 16 * 1024 * 1024,
      preValidation: scopeBeforeValidation(ctx, 'annotation', 'reviewer'),
      schema: {
        tags: ['reviews'],
        summary: 'Accept or reject a submitted annotation (reason required to reject; comments pinned to region ids; an accept may carry your corrected result)',
        params: IdParams,
        body: ReviewInput,
        response: { 200: ReviewOutcome, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => reviewAnnotation(ctx, actorOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/annotations/:id/review-lock',
    {
      schema: {
        tags: ['reviews'],
        summary: 'Give up your review lock (skip): the annotation goes back to the queue',
        params: IdParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await releaseReview(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/annotations/:id/reviews',
    {
      schema: {
        tags: ['reviews'],
        summary: "An annotation's reviews, oldest first (its annotator sees why it was rejected)",
        params: IdParams,
        response: { 200: Type.Array(ReviewSchema), ...errors(400, 401, 404) },
      },
    },
    async (request) => listReviews(ctx, actorOf(request), request.params.id),
  );
}
