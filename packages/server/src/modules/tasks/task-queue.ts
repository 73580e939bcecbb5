import { sql, type Kysely } from 'kysely';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { Database, TaskRow } from '../../db/schema.js';

// Advisory-lock class for the queue (PostgreSQL); the second key is the project id.
const QUEUE_LOCK_CLASS = 74_105;

/**
 * Hands the caller the next task of a project, or null when nothing is left for them.
 *
 * A task is handed out while (submitted annotations + other annotators' live locks) < overlap,
 * never to someone who already annotated it. The caller's own draft or live lock comes back
 * first, so a reload resumes the same task. Locks expire after LAOSHI_TASK_LOCK_TTL_SECONDS.
 * Calls for one project are serialized (SQLite: one writer; PostgreSQL: an advisory lock), so
 * concurrent callers can never push a task past its overlap.
 */
export async function nextTask(ctx: AppContext, actor: Actor, projectId: number): Promise<TaskRow | null> {
  const { project } = await scopeProject(ctx, actor, projectId, 'annotator');
  const now = ctx.now();
  const expiresAt = now + ctx.config.taskLockTtlMs;
  return ctx.db.transaction(async (trx) => {
    if (ctx.db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${QUEUE_LOCK_CLASS}, ${projectId})`.execute(trx);
    const resumed = await resumable(trx, projectId, actor.id, now);
    const task = resumed ?? (await firstFree(trx, projectId, actor.id, project.overlap, now));
    if (!task) return null;
    await trx
      .insertInto('task_locks')
      .values({ task_id: task.id, user_id: actor.id, project_id: projectId, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['task_id', 'user_id']).doUpdateSet({ expires_at: expiresAt }))
      .execute();
    return task;
  });
}

/** The caller's unfinished task: one with their draft first, else one they hold a live lock on. */
async function resumable(trx: Kysely<Database>, projectId: number, userId: number, now: number): Promise<TaskRow | undefined> {
  const { rows } = await sql<TaskRow>`
    select t.* from tasks t join (
      select a.task_id, 0 as priority from annotations a
       where a.project_id = ${projectId} and a.completed_by = ${userId} and a.is_draft = 1
      union all
      select l.task_id, 1 as priority from task_locks l
       where l.project_id = ${projectId} and l.user_id = ${userId} and l.expires_at > ${now}
         and not exists (select 1 from annotations a2 where a2.task_id = l.task_id and a2.completed_by = ${userId})
    ) mine on mine.task_id = t.id
    order by mine.priority, t.id
    limit 1`.execute(trx);
  return rows[0];
}

/** The first task with a free slot that the caller has not annotated. */
async function firstFree(trx: Kysely<Database>, projectId: number, userId: number, overlap: number, now: number): Promise<TaskRow | undefined> {
  return trx
    .selectFrom('tasks as t')
    .selectAll('t')
    .where('t.project_id', '=', projectId)
    .where('t.is_labeled', '=', 0)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('annotations as a').select('a.id').whereRef('a.task_id', '=', 't.id').where('a.completed_by', '=', userId))))
    .where((eb) =>
      eb(
        eb('t.annotation_count', '+', eb.selectFrom('task_locks as l').select(eb.fn.countAll<number>().as('n')).whereRef('l.task_id', '=', 't.id').where('l.user_id', '!=', userId).where('l.expires_at', '>', now)),
        '<',
        overlap,
      ),
    )
    .orderBy('t.id')
    .limit(1)
    .executeTakeFirst();
}

/** Deletes expired locks (they are already ignored; this only keeps the table small). */
export async function sweepExpiredLocks(ctx: AppContext): Promise<number> {
  const res = await ctx.db.kysely.deleteFrom('task_locks').where('expires_at', '<=', ctx.now()).executeTakeFirst();
  return Number(res.numDeletedRows);
}
