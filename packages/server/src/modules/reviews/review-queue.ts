import { sql, type Kysely } from 'kysely';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { Dialect } from '../../db/database.js';
import type { AnnotationRow, Database } from '../../db/schema.js';
import { releaseExpiredReviewLocks } from './review-locks.js';

/**
 * Hands a reviewer the next submitted annotation to review, locked for them (review_state
 * 'in_review') until the lock TTL, or null when none is left. Their own live lock comes back
 * first, so a reload resumes the same annotation. Reviewers never get their own annotations
 * (consensus annotations are stored accepted, so they never wait here). Two reviewers never get
 * the same annotation: SQLite runs one writer at a time; on PostgreSQL the candidate row is
 * locked (SKIP LOCKED) and its state re-checked on the newest version, which the winner has
 * already moved to 'in_review'.
 */
export async function nextReview(ctx: AppContext, actor: Actor, projectId: number): Promise<AnnotationRow | null> {
  await scopeProject(ctx, actor, projectId, 'reviewer');
  const now = ctx.now();
  const expiresAt = now + ctx.config.taskLockTtlMs;
  return ctx.db.transaction(async (trx) => {
    // Two tabs of one reviewer asking at once get the same annotation (negative key: not the task queue's).
    if (ctx.db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${projectId}::int, ${-actor.id}::int)`.execute(trx);
    await releaseExpiredReviewLocks(trx, projectId, now);
    const held = await trx
      .selectFrom('review_locks as l')
      .innerJoin('annotations as a', 'a.id', 'l.annotation_id')
      .selectAll('a')
      .where('l.project_id', '=', projectId)
      .where('l.reviewer_id', '=', actor.id)
      .orderBy('a.id')
      .limit(1)
      .executeTakeFirst();
    if (held) {
      await trx.updateTable('review_locks').set({ expires_at: expiresAt }).where('annotation_id', '=', held.id).execute();
      return held;
    }
    const candidate = await firstPending(trx, ctx.db.dialect, projectId, actor.id);
    if (!candidate) return null;
    await trx.updateTable('annotations').set({ review_state: 'in_review' }).where('id', '=', candidate.id).execute();
    await trx.insertInto('review_locks').values({ annotation_id: candidate.id, reviewer_id: actor.id, project_id: projectId, expires_at: expiresAt }).execute();
    return { ...candidate, review_state: 'in_review' };
  });
}

/** The oldest submitted annotation waiting for review that the reviewer did not make. */
async function firstPending(trx: Kysely<Database>, dialect: Dialect, projectId: number, reviewerId: number): Promise<AnnotationRow | undefined> {
  // The literal predicates match the partial index annotations_review_queue_idx.
  return trx
    .selectFrom('annotations as a')
    .selectAll('a')
    .where('a.project_id', '=', projectId)
    .where(sql<boolean>`a.review_state = 'pending' and a.is_draft = 0`)
    .where((eb) => eb.or([eb('a.completed_by', 'is', null), eb('a.completed_by', '<>', reviewerId)]))
    .orderBy('a.id')
    .limit(1)
    .$if(dialect === 'postgres', (q) => q.forNoKeyUpdate().skipLocked())
    .executeTakeFirst();
}
