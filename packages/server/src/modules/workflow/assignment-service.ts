import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { LaoshiError, badRequest } from '../../errors.js';
import { recordAudit } from '../audit/audit-repository.js';
import { ASSIGNMENT_EXPIRES_AT, adjustSlots, releaseSlots } from '../tasks/task-slots.js';

// An assignment is a task lock that never expires (ASSIGNMENT_EXPIRES_AT): it holds one of the
// task's slots like any lock, so the queue gives the task to others only while slots remain, and
// "next" hands it to its assignee; submitting releases it as it releases any lock.

export interface AssignmentResult {
  assigned: number[];
  /** Tasks left out because the user already submitted an annotation of them. */
  skipped: number[];
}

async function requireMember(ctx: AppContext, projectId: number, userId: number): Promise<void> {
  const member = await ctx.db.kysely.selectFrom('project_members').select('user_id').where('project_id', '=', projectId).where('user_id', '=', userId).executeTakeFirst();
  if (!member) throw new LaoshiError(404, 'LAOSHI_MEMBER_NOT_FOUND', `user ${userId} is not a member of this project`, 'userId');
}

/** Assigns tasks to a project member (managers): their queue hands these out first, after rework. */
export async function assignTasks(ctx: AppContext, actor: Actor, projectId: number, userId: number, taskIds: readonly number[]): Promise<AssignmentResult> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  await requireMember(ctx, projectId, userId);
  const ids = [...new Set(taskIds)].sort((a, b) => a - b);
  const now = ctx.now();
  return ctx.db.transaction(async (trx) => {
    const found = await trx.selectFrom('tasks').select('id').where('project_id', '=', projectId).where('id', 'in', ids).execute();
    if (found.length !== ids.length) {
      const known = new Set(found.map((t) => t.id));
      const missing = ids.find((id) => !known.has(id));
      throw new LaoshiError(404, 'LAOSHI_TASK_NOT_FOUND', `task ${missing} not found in this project`, 'taskIds');
    }
    const done = new Set((await trx.selectFrom('annotations').select('task_id').where('task_id', 'in', ids).where('completed_by', '=', userId).where('is_draft', '=', 0).execute()).map((a) => a.task_id));
    const held = new Set((await trx.selectFrom('task_locks').select('task_id').where('task_id', 'in', ids).where('user_id', '=', userId).execute()).map((l) => l.task_id));
    const assigned: number[] = [];
    for (const taskId of ids) {
      if (done.has(taskId)) continue;
      if (held.has(taskId)) {
        // A lock (live or expired, not yet released) already counts in the task's slots.
        await trx.updateTable('task_locks').set({ expires_at: ASSIGNMENT_EXPIRES_AT }).where('task_id', '=', taskId).where('user_id', '=', userId).execute();
      } else {
        await trx.insertInto('task_locks').values({ task_id: taskId, user_id: userId, project_id: projectId, expires_at: ASSIGNMENT_EXPIRES_AT, locked_at: null }).execute();
        await adjustSlots(trx, taskId, { locks: 1 }, now);
      }
      assigned.push(taskId);
    }
    await recordAudit(trx, { organizationId: project.organization_id, projectId, actorId: actor.id, action: 'tasks.assign', objectType: 'user', objectId: userId, data: { taskIds: assigned } }, now);
    return { assigned, skipped: ids.filter((id) => done.has(id)) };
  });
}

/** Removes a member's assignments (all, or those of the given tasks) and frees their slots (managers). */
export async function unassignTasks(ctx: AppContext, actor: Actor, projectId: number, userId: number, taskIds?: readonly number[]): Promise<{ removed: number }> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  if (taskIds && taskIds.length > 1000) throw badRequest('at most 1000 task ids', 'taskIds');
  const now = ctx.now();
  return ctx.db.transaction(async (trx) => {
    const removed = await trx
      .deleteFrom('task_locks')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .where('expires_at', '>=', ASSIGNMENT_EXPIRES_AT)
      .$if(taskIds !== undefined, (q) => q.where('task_id', 'in', taskIds!.length > 0 ? [...taskIds!] : [0]))
      .returning('task_id')
      .execute();
    await releaseSlots(trx, removed.map((l) => l.task_id), now);
    await recordAudit(trx, { organizationId: project.organization_id, projectId, actorId: actor.id, action: 'tasks.unassign', objectType: 'user', objectId: userId, data: { taskIds: removed.map((l) => l.task_id) } }, now);
    return { removed: removed.length };
  });
}

export interface AssignmentView {
  taskId: number;
  userId: number;
  /** Whether its assignee has opened it through "next". */
  opened: boolean;
}

const encode = (taskId: number, userId: number) => Buffer.from(`a:${taskId}:${userId}`).toString('base64url');

function decode(cursor: string | undefined): [number, number] {
  if (!cursor) return [0, 0];
  const match = /^a:(\d{1,10}):(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badRequest('cursor is not valid', 'cursor');
  return [Number(match[1]), Number(match[2])];
}

/** The project's open assignments by task (reviewers and managers), optionally of one user. */
export async function listAssignments(ctx: AppContext, actor: Actor, projectId: number, query: { userId?: number; limit?: number; cursor?: string }) {
  await scopeProject(ctx, actor, projectId, 'reviewer');
  const limit = query.limit ?? 100;
  const [afterTask, afterUser] = decode(query.cursor);
  const rows = await ctx.db.kysely
    .selectFrom('task_locks')
    .select(['task_id', 'user_id', 'locked_at'])
    .where('project_id', '=', projectId)
    .where('expires_at', '>=', ASSIGNMENT_EXPIRES_AT)
    .$if(query.userId !== undefined, (q) => q.where('user_id', '=', query.userId!))
    .where((eb) => eb(eb.refTuple('task_id', 'user_id'), '>', eb.tuple(afterTask, afterUser)))
    .orderBy('task_id')
    .orderBy('user_id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r): AssignmentView => ({ taskId: r.task_id, userId: r.user_id, opened: r.locked_at !== null })),
    nextCursor: rows.length > limit && last ? encode(last.task_id, last.user_id) : null,
  };
}
