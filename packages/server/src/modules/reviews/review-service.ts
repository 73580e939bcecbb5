import type { LabelConfig } from '@laoshi/core';
import { sql, type Selectable } from 'kysely';
import { roleAtLeast, scopeAnnotation } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { ReviewsTable } from '../../db/schema.js';
import { LaoshiError, badRequest, forbidden } from '../../errors.js';
import { checkResult } from '../annotations/check-result.js';
import { recordAudit } from '../audit/audit-repository.js';
import { emitProjectEvent } from '../webhooks/emit-project-event.js';
import { backToPending, liveReviewLock } from './review-locks.js';
import type { ReviewCommentInput } from './review-schemas.js';

export interface ReviewRequest {
  action: 'accept' | 'reject';
  version: number;
  reason?: string;
  comments?: ReviewCommentInput[];
  result?: unknown[];
}

export interface ReviewOutcome {
  reviewId: number;
  reviewState: 'accepted' | 'rejected';
  version: number;
}

/** 409 for a review workflow step the annotation's state does not allow. */
export function invalidTransition(message: string, reviewState: string): LaoshiError {
  return new LaoshiError(409, 'LAOSHI_INVALID_TRANSITION', message, undefined, { reviewState });
}

function checkReviewable(annotationId: number, isDraft: boolean, state: string): void {
  if (isDraft) throw invalidTransition(`annotation ${annotationId} is a draft; only submitted annotations can be reviewed`, 'draft');
  if (state === 'accepted') throw invalidTransition(`annotation ${annotationId} is already accepted`, state);
  if (state === 'rejected') throw invalidTransition(`annotation ${annotationId} was rejected and waits for its annotator's rework; it can be reviewed again once resubmitted`, state);
}

/** Region ids a comment may be pinned to: every result item id of the reviewed (or corrected) result. */
function checkComments(comments: readonly ReviewCommentInput[], ...results: readonly unknown[][]): { regionId: string | null; text: string }[] {
  const ids = new Set(results.flat().map((item) => (item as { id?: unknown }).id).filter((id): id is string => typeof id === 'string'));
  return comments.map((c, i) => {
    const regionId = c.regionId ?? null;
    if (regionId !== null && !ids.has(regionId)) throw badRequest(`comments[${i}].regionId: no region "${regionId}" in the annotation's result`, `comments[${i}].regionId`);
    return { regionId, text: c.text };
  });
}

/**
 * Accepts or rejects a submitted annotation (reviewers and managers; never your own). A
 * rejection needs a reason and sends the annotation back to its annotator's queue (rework); an
 * accept may carry a corrected result, saved as a new version with the original kept on the
 * review (edit-and-accept). `version` must be the one reviewed (409 otherwise), and an
 * annotation another reviewer holds is 409 LAOSHI_REVIEW_LOCKED. Comments may be pinned to
 * regions by result item id.
 */
export async function reviewAnnotation(ctx: AppContext, actor: Actor, annotationId: number, input: ReviewRequest): Promise<ReviewOutcome> {
  const { annotation, project, role } = await scopeAnnotation(ctx, actor, annotationId);
  if (!roleAtLeast(role, 'reviewer')) throw forbidden('only reviewers and managers may review annotations');
  if (annotation.completed_by === actor.id) throw forbidden('you may not review your own annotation');
  checkReviewable(annotationId, annotation.is_draft === 1, annotation.review_state);
  const reason = (input.reason ?? '').trim();
  if (input.action === 'reject' && !reason) throw badRequest('reason: say why the annotation is rejected', 'reason');
  if (input.action === 'reject' && input.result !== undefined) throw badRequest('result: only an accept may carry a corrected result (edit-and-accept)', 'result');
  const before = JSON.parse(annotation.result) as unknown[];
  const corrected = input.result === undefined ? null : checkResult(JSON.parse(project.label_config) as LabelConfig, input.result);
  const comments = checkComments(input.comments ?? [], before, corrected ?? []);
  const state = input.action === 'accept' ? 'accepted' : 'rejected';
  const now = ctx.now();
  const outcome = await ctx.db.transaction(async (trx): Promise<ReviewOutcome> => {
    const lock = await liveReviewLock(trx, annotationId, now);
    if (lock && lock.reviewer_id !== actor.id) {
      throw new LaoshiError(409, 'LAOSHI_REVIEW_LOCKED', `annotation ${annotationId} is being reviewed by another reviewer until ${new Date(lock.expires_at).toISOString()}`, undefined, { reviewerId: lock.reviewer_id });
    }
    const res = await trx
      .updateTable('annotations')
      .set({ review_state: state, ...(corrected ? { result: JSON.stringify(corrected), version: sql<number>`version + 1`, updated_at: now } : {}) })
      .where('id', '=', annotationId)
      .where('version', '=', input.version)
      .where('is_draft', '=', 0)
      .where('review_state', 'in', ['pending', 'in_review'])
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) {
      const current = await trx.selectFrom('annotations').select(['version', 'review_state', 'is_draft']).where('id', '=', annotationId).executeTakeFirst();
      if (current && current.version === input.version) checkReviewable(annotationId, current.is_draft === 1, current.review_state);
      throw new LaoshiError(409, 'LAOSHI_VERSION_CONFLICT', `annotation ${annotationId} is at version ${current?.version ?? '?'}, not ${input.version}; reload it and review it again`, 'version', { currentVersion: current?.version ?? null });
    }
    await trx.deleteFrom('review_locks').where('annotation_id', '=', annotationId).execute();
    const review = await trx
      .insertInto('reviews')
      .values({
        annotation_id: annotationId,
        task_id: annotation.task_id,
        project_id: project.id,
        reviewer_id: actor.id,
        action: input.action,
        reason,
        comments: JSON.stringify(comments),
        annotation_version: input.version,
        result_before: corrected ? annotation.result : null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const version = corrected ? input.version + 1 : input.version;
    const audit = { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, objectType: 'annotation', objectId: annotationId };
    if (corrected) await recordAudit(trx, { ...audit, action: 'annotation.review_edit', data: { reviewId: review.id, fromVersion: input.version, toVersion: version } }, now);
    await recordAudit(trx, { ...audit, action: `annotation.${state}`, data: { reviewId: review.id, version: input.version, reason, comments: comments.length } }, now);
    return { reviewId: review.id, reviewState: state, version };
  });
  // After the commit: webhooks hear of it (never blocks nor fails the review).
  if (project.listener_count > 0) void emitProjectEvent(ctx, project.id, 'annotation.reviewed', { annotationId, taskId: annotation.task_id, reviewId: outcome.reviewId, action: input.action, reason, comments });
  return outcome;
}

/** Gives up your review lock on an annotation (skip): it goes back to pending review. */
export async function releaseReview(ctx: AppContext, actor: Actor, annotationId: number): Promise<void> {
  const { role } = await scopeAnnotation(ctx, actor, annotationId);
  if (!roleAtLeast(role, 'reviewer')) throw forbidden('only reviewers and managers review annotations');
  await ctx.db.transaction(async (trx) => {
    const released = await trx.deleteFrom('review_locks').where('annotation_id', '=', annotationId).where('reviewer_id', '=', actor.id).returning('annotation_id').execute();
    if (released.length === 0) throw invalidTransition(`you hold no review lock on annotation ${annotationId}`, 'none');
    await backToPending(trx, [annotationId]);
  });
}

export interface ReviewView {
  id: number;
  annotationId: number;
  taskId: number;
  reviewerId: number;
  action: 'accept' | 'reject';
  reason: string;
  comments: { regionId: string | null; text: string }[];
  annotationVersion: number;
  edited: boolean;
  resultBefore: Record<string, unknown>[] | null;
  createdAt: string;
}

export function toReviewView(row: Selectable<ReviewsTable>): ReviewView {
  return {
    id: row.id,
    annotationId: row.annotation_id,
    taskId: row.task_id,
    reviewerId: row.reviewer_id,
    action: row.action,
    reason: row.reason,
    comments: JSON.parse(row.comments) as ReviewView['comments'],
    annotationVersion: row.annotation_version,
    edited: row.result_before !== null,
    resultBefore: row.result_before === null ? null : (JSON.parse(row.result_before) as Record<string, unknown>[]),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The reviews of an annotation, oldest first: its annotator sees why it was rejected. */
export async function listReviews(ctx: AppContext, actor: Actor, annotationId: number): Promise<ReviewView[]> {
  await scopeAnnotation(ctx, actor, annotationId);
  const rows = await ctx.db.kysely.selectFrom('reviews').selectAll().where('annotation_id', '=', annotationId).orderBy('id').execute();
  return rows.map(toReviewView);
}
