import { sql, type Kysely } from 'kysely';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { Dialect } from '../../db/database.js';
import { preparedQuery } from '../../db/prepared-query.js';
import type { Database, ProjectRow, TaskRow } from '../../db/schema.js';
import { queueOrderOf } from '../models/queue-order.js';
import { rankedOpenTasks } from '../models/ranked-tasks.js';
import { goldTaskFor } from '../gold/gold-queue.js';
import { qualitySettingsOf } from '../quality/quality-settings.js';
import { releaseExpiredReviewLocks } from '../reviews/review-locks.js';
import { ASSIGNMENT_EXPIRES_AT, adjustSlots, releaseExpiredLocks, slotChanges } from './task-slots.js';

/** A task "next" handed out; `rework` when it is the caller's rejected annotation coming back to them. */
export interface NextTask {
  task: TaskRow;
  rework: boolean;
}

/**
 * Hands the caller the next task of a project, or null when nothing is left for them.
 *
 * A task is handed out while (submitted annotations + live locks) < overlap, never to someone
 * who already annotated it. The caller's own draft or live lock comes back first, so a reload
 * resumes the same task; then an annotation a reviewer rejected (rework), then tasks a manager
 * assigned to the caller (assignments are locks that never expire). With gold in the project, a
 * hidden gold task the caller has not done comes next at the project's gold rate. Locks expire
 * after LAOSHI_TASK_LOCK_TTL_SECONDS and are released here before a task is chosen. SQLite runs one writer at a time; on PostgreSQL the chosen task's row
 * is locked (FOR NO KEY UPDATE SKIP LOCKED) and its open flag re-checked on the newest version,
 * so concurrent callers can never push a task past its overlap.
 */
export async function nextTask(ctx: AppContext, actor: Actor, projectId: number, opts: { excludeTaskId?: number } = {}): Promise<NextTask | null> {
  // Prefetch: the client asks for a task besides the one on screen (which it keeps). Ids start at 1, so 0 excludes nothing.
  const { project } = await scopeProject(ctx, actor, projectId, 'annotator');
  // Drawn before the transaction; only projects with gold pay for the settings.
  const wantsGold = project.gold_count > 0 && Math.random() < qualitySettingsOf(project).goldRate;
  const now = ctx.now();
  const expiresAt = now + ctx.config.taskLockTtlMs;
  return ctx.db.transaction(async (trx) => {
    // Two tabs of one annotator asking at once get the same task, not one each.
    if (ctx.db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${projectId}::int, ${actor.id}::int)`.execute(trx);
    await releaseExpiredLocks(trx, projectId, now);
    const excludeId = opts.excludeTaskId ?? 0;
    const resumed = await resumable(trx, projectId, actor.id, now, excludeId);
    // Gold hand-outs skip tasks the caller holds a lock on, so the excluded task (locked) is skipped there too.
    const task = resumed?.task ?? (wantsGold ? await goldTaskFor(trx, projectId, actor.id) : undefined) ?? (await newTask(trx, ctx.db.dialect, project, actor.id, excludeId));
    if (!task) return null;
    if (resumed?.locked) {
      await extendLock(trx, expiresAt, now, task.id, actor.id);
    } else if (!resumed?.rework) {
      // Rework needs no lock: the rejected annotation still holds its slot on the task.
      if (ctx.db.dialect === 'postgres') {
        await lockAndReserve(trx, task.id, actor.id, projectId, expiresAt, now);
      } else {
        await insertLock(trx, task.id, actor.id, projectId, expiresAt, now);
        await adjustSlots(trx, task.id, { locks: 1 }, now);
      }
    }
    return { task, rework: resumed?.rework ?? false };
  });
}

// An assignment's lock keeps its far expiry; its start is the first time "next" hands it out.
const extendLock = preparedQuery((db, _dialect, expiresAt: number, now: number, taskId: number, userId: number) =>
  db
    .updateTable('task_locks')
    .set({ expires_at: sql<number>`case when expires_at > ${expiresAt} then expires_at else ${expiresAt} end`, locked_at: sql<number>`coalesce(locked_at, ${now})` })
    .where('task_id', '=', taskId)
    .where('user_id', '=', userId),
);

const insertLock = preparedQuery((db, _dialect, taskId: number, userId: number, projectId: number, expiresAt: number, now: number) =>
  db.insertInto('task_locks').values({ task_id: taskId, user_id: userId, project_id: projectId, expires_at: expiresAt, locked_at: now }),
);

/** PostgreSQL: insertLock and the slot it takes (adjustSlots) in one statement, one round trip less. */
const lockAndReserve = preparedQuery((db, _dialect, taskId: number, userId: number, projectId: number, expiresAt: number, now: number) =>
  db
    .with('locked', (qb) => qb.insertInto('task_locks').values({ task_id: taskId, user_id: userId, project_id: projectId, expires_at: expiresAt, locked_at: now }))
    .updateTable('tasks')
    .set(slotChanges(0, 1, now))
    .where('id', '=', taskId),
);

/**
 * The caller's unfinished task, by priority: their draft, a live lock (the task on screen), an
 * annotation returned for rework, then an assignment.
 */
async function resumable(trx: Kysely<Database>, projectId: number, userId: number, now: number, excludeId: number): Promise<{ task: TaskRow; locked: boolean; rework: boolean } | undefined> {
  const row = (await resumableQuery(trx, userId, projectId, now, excludeId)).rows[0];
  if (!row) return undefined;
  const { locked, priority, ...task } = row;
  return { task, locked: Boolean(locked), rework: Number(priority) === 2 };
}

const resumableQuery = preparedQuery((db, _dialect, userId: number, projectId: number, now: number, excludeId: number) => {
  // The literal review_state and the constant expiry let the planners use the partial and lock indexes.
  const query = sql<TaskRow & { locked: number | boolean; priority: number }>`
    select t.*, exists (select 1 from task_locks k where k.task_id = t.id and k.user_id = ${userId}) as locked, mine.priority
    from tasks t join (
      select a.task_id, 0 as priority from annotations a
       where a.project_id = ${projectId} and a.completed_by = ${userId} and a.is_draft = 1
      union all
      select l.task_id, case when l.expires_at >= ${sql.lit(ASSIGNMENT_EXPIRES_AT)} then 3 else 1 end as priority from task_locks l
       where l.project_id = ${projectId} and l.user_id = ${userId} and l.expires_at > ${now}
         and not exists (select 1 from annotations a2 where a2.task_id = l.task_id and a2.completed_by = ${userId})
      union all
      select r.task_id, 2 as priority from annotations r
       where r.project_id = ${projectId} and r.completed_by = ${userId} and r.review_state = 'rejected'
    ) mine on mine.task_id = t.id
    where t.id <> ${excludeId}
    order by mine.priority, t.id
    limit 1`;
  return { compile: () => query.compile(db) };
});

/** The next new task in the project's queue order: by id, or by the active-learning order a manager chose. */
async function newTask(trx: Kysely<Database>, dialect: Dialect, project: ProjectRow, userId: number, excludeId: number): Promise<TaskRow | undefined> {
  if (project.queue_order === 'sequential') return firstOpen(trx, dialect, project.id, userId, excludeId);
  const order = await queueOrderOf(trx, project.id);
  return (await rankedOpenTasks(trx, dialect, project.id, { ...order, limit: 1, userId, lock: true, excludeTaskId: excludeId }))[0]?.task;
}

/**
 * The first open task the caller has neither annotated nor skipped. Expired locks were just released and the
 * caller holds no live lock on an unfinished task (else it was resumed), so is_open is exact.
 */
async function firstOpen(trx: Kysely<Database>, dialect: Dialect, projectId: number, userId: number, excludeId: number): Promise<TaskRow | undefined> {
  return (await firstOpenQuery(trx, projectId, userId, excludeId)).rows[0];
}

// WARNING (PostgreSQL): written as `is_open >= 1 order by is_open, id` on purpose. With `is_open = 1
// order by id` the planner may walk the primary key and filter, trusting statistics that spread
// open tasks evenly, while they sit after every labelled one: each call then reads all the
// labelled tasks first (bench/load, five minutes: next p95 143 ms that way, 23 ms this way). Only
// tasks_queue_idx (project_id, is_open, id) gives the order asked for here, so it is the one used.
export const firstOpenSelect = (db: Kysely<Database>, dialect: Dialect, projectId: number, userId: number, excludeId: number) =>
  db
    .selectFrom('tasks as t')
    .selectAll('t')
    .where('t.project_id', '=', projectId)
    .$if(dialect === 'postgres', (q) => q.where('t.is_open', '>=', 1).orderBy('t.is_open'))
    .$if(dialect !== 'postgres', (q) => q.where('t.is_open', '=', 1))
    .where('t.id', '<>', excludeId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('annotations as a').select('a.id').whereRef('a.task_id', '=', 't.id').where('a.completed_by', '=', userId))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('task_skips as s').select('s.task_id').whereRef('s.task_id', '=', 't.id').where('s.user_id', '=', userId))))
    .orderBy('t.id')
    // A literal: SQLite walks the index far longer for `limit ?` (8× here) than for `limit 1`.
    .limit(sql.lit(1))
    .$if(dialect === 'postgres', (q) => q.forNoKeyUpdate().skipLocked());
const firstOpenQuery = preparedQuery(firstOpenSelect);

/** Releases expired task and review locks in every project (each project's next and review/next also do it for itself). */
export async function sweepExpiredLocks(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const projects = await ctx.db.kysely.selectFrom('task_locks').select('project_id').distinct().where('expires_at', '<=', now).execute();
  let released = 0;
  for (const { project_id } of projects) released += await ctx.db.transaction((trx) => releaseExpiredLocks(trx, project_id, now));
  const reviewed = await ctx.db.kysely.selectFrom('review_locks').select('project_id').distinct().where('expires_at', '<=', now).execute();
  for (const { project_id } of reviewed) released += await ctx.db.transaction((trx) => releaseExpiredReviewLocks(trx, project_id, now));
  return released;
}
