import type { Kysely } from 'kysely';
import { preparedQuery } from '../../db/prepared-query.js';
import type { Database } from '../../db/schema.js';

// A review lock holds an annotation for one reviewer, as task locks hold tasks for annotators.
// The annotation's review_state is 'in_review' exactly while a lock on it is live; expired locks
// are released (state back to 'pending') before the reviewer queue picks, and by the sweeper.

const deleteExpired = preparedQuery((db, _dialect, projectId: number, now: number) =>
  db.deleteFrom('review_locks').where('project_id', '=', projectId).where('expires_at', '<=', now).returning('annotation_id'),
);

/** Releases a project's expired review locks: their annotations go back to pending review. */
export async function releaseExpiredReviewLocks(trx: Kysely<Database>, projectId: number, now: number): Promise<number> {
  const { rows } = await deleteExpired(trx, projectId, now);
  if (rows.length > 0) await backToPending(trx, rows.map((r) => r.annotation_id));
  return rows.length;
}

/** Puts annotations whose review lock went away back in the queue (only those still in review). */
export async function backToPending(trx: Kysely<Database>, annotationIds: readonly number[]): Promise<void> {
  for (let i = 0; i < annotationIds.length; i += 500) {
    await trx.updateTable('annotations').set({ review_state: 'pending' }).where('id', 'in', annotationIds.slice(i, i + 500)).where('review_state', '=', 'in_review').execute();
  }
}

/** The live lock on an annotation, if any. */
export async function liveReviewLock(db: Kysely<Database>, annotationId: number, now: number): Promise<{ reviewer_id: number; expires_at: number } | undefined> {
  return db.selectFrom('review_locks').select(['reviewer_id', 'expires_at']).where('annotation_id', '=', annotationId).where('expires_at', '>', now).executeTakeFirst();
}
