import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../db/database.js';
import type { Database } from '../../db/schema.js';

// Advisory-lock class for a project's queue (PostgreSQL); the second key is the project id.
const QUEUE_LOCK_CLASS = 74_105;

/**
 * Serializes the writers that can add reservations to a project's tasks (next, the lock sweeper,
 * overlap changes). SQLite has one writer already; PostgreSQL takes a transaction advisory lock.
 */
export async function lockProjectQueue(trx: Kysely<Database>, dialect: Dialect, projectId: number): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${QUEUE_LOCK_CLASS}, ${projectId})`.execute(trx);
}

// A task's slots: annotation_count submitted annotations plus `reserved` live locks, against the
// project's overlap. These functions keep reserved, is_labeled and is_open in step with the
// task_locks and annotations tables; every write that changes either calls recountTasks().

/** Recomputes reserved, is_labeled and is_open of the given tasks from their locks and counts. */
export async function recountTasks(trx: Kysely<Database>, dialect: Dialect, taskIds: readonly number[], now: number): Promise<void> {
  for (let i = 0; i < taskIds.length; i += 500) await recountChunk(trx, dialect, taskIds.slice(i, i + 500), now);
}

async function recountChunk(trx: Kysely<Database>, dialect: Dialect, taskIds: readonly number[], now: number): Promise<void> {
  // WARNING (PostgreSQL): lock the rows first, so the UPDATE below starts with a snapshot that
  // holds every committed change to these tasks; a subquery in SET would otherwise see the
  // snapshot from before a wait on a concurrent writer and store a stale count. NO KEY UPDATE,
  // because foreign-key checks of concurrent inserts hold KEY SHARE, which FOR UPDATE waits on.
  if (dialect === 'postgres') await trx.selectFrom('tasks').select('id').where('id', 'in', taskIds).orderBy('id').forNoKeyUpdate().execute();
  const locks = sql<number>`(select count(*) from task_locks l where l.task_id = tasks.id)`;
  const overlap = sql<number>`(select p.overlap from projects p where p.id = tasks.project_id)`;
  await trx
    .updateTable('tasks')
    .set({
      reserved: locks,
      is_labeled: sql<number>`case when annotation_count >= ${overlap} then 1 else 0 end`,
      is_open: sql<number>`case when annotation_count + ${locks} < ${overlap} then 1 else 0 end`,
      updated_at: now,
    })
    .where('id', 'in', taskIds)
    .execute();
}

/** Deletes a project's expired locks and recounts their tasks (call under lockProjectQueue); returns how many. */
export async function releaseExpiredLocks(trx: Kysely<Database>, dialect: Dialect, projectId: number, now: number): Promise<number> {
  const expired = await trx.selectFrom('task_locks').select('task_id').where('project_id', '=', projectId).where('expires_at', '<=', now).execute();
  if (expired.length === 0) return 0;
  await trx.deleteFrom('task_locks').where('project_id', '=', projectId).where('expires_at', '<=', now).execute();
  await recountTasks(trx, dialect, [...new Set(expired.map((l) => l.task_id))], now);
  return expired.length;
}
