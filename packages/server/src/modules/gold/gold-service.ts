import { roleAtLeast, scopeAnnotation, scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { LaoshiError, forbidden, notFound } from '../../errors.js';
import { decodeCursor, encodeCursor } from '../../http/pagination.js';
import { recordAudit } from '../audit/audit-repository.js';
import { refreshGoldCount } from './gold-count.js';
import { storeGoldScore } from './gold-scoring.js';

/**
 * Marks an accepted annotation as its task's gold answer (managers) and scores, at once, every
 * other submitted annotation of the task against it. Later submissions on the task are scored as
 * they arrive; the queue mixes the task into annotators' queues at the project's gold rate.
 */
export async function markGold(ctx: AppContext, actor: Actor, annotationId: number): Promise<{ taskId: number; annotationId: number; scored: number }> {
  const { annotation, project, role } = await scopeAnnotation(ctx, actor, annotationId);
  if (!roleAtLeast(role, 'manager')) throw forbidden('only managers mark gold answers');
  if (annotation.is_draft === 1 || annotation.review_state !== 'accepted') {
    throw new LaoshiError(409, 'LAOSHI_INVALID_TRANSITION', `annotation ${annotationId} is ${annotation.is_draft === 1 ? 'a draft' : annotation.review_state}; only an accepted annotation can be gold`, undefined, { reviewState: annotation.review_state });
  }
  const now = ctx.now();
  return ctx.db.transaction(async (trx) => {
    const existing = await trx.selectFrom('gold_tasks').select('annotation_id').where('task_id', '=', annotation.task_id).executeTakeFirst();
    if (existing) {
      const message = existing.annotation_id === annotationId ? `annotation ${annotationId} is already gold` : `task ${annotation.task_id} already has gold annotation ${existing.annotation_id}; unmark it first`;
      throw new LaoshiError(409, 'LAOSHI_GOLD_EXISTS', message, undefined, { goldAnnotationId: existing.annotation_id });
    }
    await trx.insertInto('gold_tasks').values({ task_id: annotation.task_id, project_id: project.id, annotation_id: annotationId, created_by: actor.id, created_at: now }).execute();
    await refreshGoldCount(trx, project.id);
    const others = await trx
      .selectFrom('annotations')
      .select(['id', 'completed_by', 'result'])
      .where('task_id', '=', annotation.task_id)
      .where('id', '<>', annotationId)
      .where('is_draft', '=', 0)
      .where('completed_by', 'is not', null)
      .execute();
    const gold = { annotationId, result: JSON.parse(annotation.result) as unknown[] };
    for (const other of others) {
      await storeGoldScore(trx, project, gold, { id: other.id, taskId: annotation.task_id, userId: other.completed_by!, result: JSON.parse(other.result) as unknown[] }, now);
    }
    await recordAudit(trx, { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, action: 'gold.mark', objectType: 'annotation', objectId: annotationId, data: { taskId: annotation.task_id, scored: others.length } }, now);
    return { taskId: annotation.task_id, annotationId, scored: others.length };
  });
}

/** Takes the gold mark off an annotation (managers); the scores made against it go too. */
export async function unmarkGold(ctx: AppContext, actor: Actor, annotationId: number): Promise<void> {
  const { annotation, project, role } = await scopeAnnotation(ctx, actor, annotationId);
  if (!roleAtLeast(role, 'manager')) throw forbidden('only managers mark gold answers');
  const now = ctx.now();
  await ctx.db.transaction(async (trx) => {
    const res = await trx.deleteFrom('gold_tasks').where('annotation_id', '=', annotationId).executeTakeFirst();
    if (res.numDeletedRows === 0n) throw notFound('LAOSHI_GOLD_NOT_FOUND', `gold mark on annotation ${annotationId}`);
    await trx.deleteFrom('gold_scores').where('gold_annotation_id', '=', annotationId).execute();
    await refreshGoldCount(trx, project.id);
    await recordAudit(trx, { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, action: 'gold.unmark', objectType: 'annotation', objectId: annotationId, data: { taskId: annotation.task_id } }, now);
  });
}

export interface GoldTaskView {
  taskId: number;
  annotationId: number;
  createdAt: string;
  scored: number;
  meanScore: number | null;
}

/** The project's gold tasks with how their scores went (managers). */
export async function listGold(ctx: AppContext, actor: Actor, projectId: number): Promise<GoldTaskView[]> {
  await scopeProject(ctx, actor, projectId, 'manager');
  const rows = await ctx.db.kysely
    .selectFrom('gold_tasks as g')
    .leftJoin('gold_scores as s', 's.gold_annotation_id', 'g.annotation_id')
    .select((eb) => ['g.task_id', 'g.annotation_id', 'g.created_at', eb.fn.count<number>('s.annotation_id').as('scored'), eb.fn.avg<number>('s.score').as('mean')])
    .where('g.project_id', '=', projectId)
    .groupBy(['g.task_id', 'g.annotation_id', 'g.created_at'])
    .orderBy('g.task_id')
    .execute();
  return rows.map((r) => ({ taskId: r.task_id, annotationId: r.annotation_id, createdAt: new Date(r.created_at).toISOString(), scored: Number(r.scored), meanScore: r.mean === null ? null : Number(r.mean) }));
}

export interface GoldScoreView {
  annotationId: number;
  taskId: number;
  userId: number;
  goldAnnotationId: number;
  score: number | null;
  controls: Record<string, unknown>[];
  scoredAt: string;
}

/** Gold scores of the project by annotation id, optionally of one annotator (managers). */
export async function listGoldScores(ctx: AppContext, actor: Actor, projectId: number, query: { userId?: number; limit?: number; cursor?: string }) {
  await scopeProject(ctx, actor, projectId, 'manager');
  const limit = query.limit ?? 100;
  const rows = await ctx.db.kysely
    .selectFrom('gold_scores')
    .selectAll()
    .where('project_id', '=', projectId)
    .$if(query.userId !== undefined, (q) => q.where('user_id', '=', query.userId!))
    .where('annotation_id', '>', decodeCursor(query.cursor))
    .orderBy('annotation_id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r): GoldScoreView => ({
      annotationId: r.annotation_id,
      taskId: r.task_id,
      userId: r.user_id,
      goldAnnotationId: r.gold_annotation_id,
      score: r.score,
      controls: JSON.parse(r.details) as Record<string, unknown>[],
      scoredAt: new Date(r.scored_at).toISOString(),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.annotation_id) : null,
  };
}
