import { sql, type Kysely, type RawBuilder } from 'kysely';
import { preparedQuery } from '../../db/prepared-query.js';
import type { Database } from '../../db/schema.js';

// A task's slots: annotation_count submitted annotations plus `reserved` locks, against the
// project's overlap. Every write that adds or removes an annotation or a lock adjusts the task
// here, in the same transaction, by increments: an increment is computed on the newest row
// version even when two transactions touch the task at once (PostgreSQL re-reads the row after
// waiting for its lock), so the counters never drift.

const overlapOf = sql<number>`(select p.overlap from projects p where p.id = tasks.project_id)`;

/** Adds `annotations` submitted annotations and `locks` reservations (either may be negative) to a task. */
export async function adjustSlots(trx: Kysely<Database>, taskId: number, delta: { annotations?: number; locks?: number }, now: number): Promise<void> {
  const da = delta.annotations ?? 0;
  const dl = delta.locks ?? 0;
  if (da === 0 && dl === 0) return;
  await updateSlots(trx, da, dl, now, taskId);
}

/**
 * The SET of a slot adjustment by `da` annotations and `dl` locks (values or SQL expressions),
 * for an UPDATE of tasks: the counters and the labeled and open flags they decide.
 */
export function slotChanges(da: number | RawBuilder<number>, dl: number | RawBuilder<number>, now: number) {
  return {
    annotation_count: sql<number>`annotation_count + ${da}`,
    reserved: sql<number>`reserved + ${dl}`,
    is_labeled: sql<number>`case when annotation_count + ${da} >= ${overlapOf} then 1 else 0 end`,
    is_open: sql<number>`case when annotation_count + ${da} + reserved + ${dl} < ${overlapOf} then 1 else 0 end`,
    updated_at: now,
  };
}

const updateSlots = preparedQuery((db, _dialect, da: number, dl: number, now: number, taskId: number) => db.updateTable('tasks').set(slotChanges(da, dl, now)).where('id', '=', taskId));

/** Takes back the locks just deleted (their task ids, one per lock) from their tasks' reservations. */
export async function releaseSlots(trx: Kysely<Database>, deletedLockTaskIds: readonly number[], now: number): Promise<void> {
  const perTask = new Map<number, number>();
  for (const id of deletedLockTaskIds) perTask.set(id, (perTask.get(id) ?? 0) + 1);
  for (const [taskId, n] of [...perTask].sort((a, b) => a[0] - b[0])) await adjustSlots(trx, taskId, { locks: -n }, now);
}

const deleteExpiredLocks = preparedQuery((db, _dialect, projectId: number, now: number) =>
  db.deleteFrom('task_locks').where('project_id', '=', projectId).where('expires_at', '<=', now).returning('task_id'),
);

/** Deletes a project's expired locks and frees their slots; returns how many. */
export async function releaseExpiredLocks(trx: Kysely<Database>, projectId: number, now: number): Promise<number> {
  const { rows: deleted } = await deleteExpiredLocks(trx, projectId, now);
  await releaseSlots(trx, deleted.map((l) => l.task_id), now);
  return deleted.length;
}

/**
 * The expiry of an explicit assignment: a lock that never expires, so the assignee's slot is held
 * (other annotators do not get the task past its overlap) and "next" hands it to them.
 */
export const ASSIGNMENT_EXPIRES_AT = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z
