import { sql } from 'kysely';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { peopleOf } from './analysis-data.js';

export interface ReworkItem {
  annotationId: number;
  taskId: number;
  version: number;
  /** The annotation's result, so pinned comments can name their regions. */
  result: Record<string, unknown>[];
  rejection: { reviewId: number; reviewerId: number; reviewerName: string; reason: string; comments: { regionId: string | null; text: string }[]; createdAt: string } | null;
}

/**
 * The caller's own annotations in the project that a reviewer rejected and that wait for their
 * rework, oldest first, each with the latest rejection (reason and comments pinned to regions).
 */
export async function listMyRework(ctx: AppContext, actor: Actor, projectId: number): Promise<ReworkItem[]> {
  await scopeProject(ctx, actor, projectId, 'annotator');
  const db = ctx.db.kysely;
  // The literal predicate matches the partial index annotations_rework_idx.
  const rows = await db
    .selectFrom('annotations')
    .select(['id', 'task_id', 'version', 'result'])
    .where('project_id', '=', projectId)
    .where('completed_by', '=', actor.id)
    .where(sql<boolean>`review_state = 'rejected'`)
    .orderBy('id')
    .limit(500)
    .execute();
  if (rows.length === 0) return [];
  const reviews = await db
    .selectFrom('reviews')
    .select(['id', 'annotation_id', 'reviewer_id', 'reason', 'comments', 'created_at'])
    .where('annotation_id', 'in', rows.map((r) => r.id))
    .where('action', '=', 'reject')
    .orderBy('id')
    .execute();
  const latest = new Map(reviews.map((r) => [r.annotation_id, r]));
  const people = await peopleOf(ctx, [...new Set(reviews.map((r) => r.reviewer_id))]);
  return rows.map((r) => {
    const review = latest.get(r.id);
    return {
      annotationId: r.id,
      taskId: r.task_id,
      version: r.version,
      result: JSON.parse(r.result) as Record<string, unknown>[],
      rejection: review
        ? {
            reviewId: review.id,
            reviewerId: review.reviewer_id,
            reviewerName: people.get(review.reviewer_id)?.name ?? '',
            reason: review.reason,
            comments: JSON.parse(review.comments) as { regionId: string | null; text: string }[],
            createdAt: new Date(review.created_at).toISOString(),
          }
        : null,
    };
  });
}
