import { scopeTask } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { recordAudit } from '../audit/audit-repository.js';
import { releaseSlots } from './task-slots.js';

/**
 * The caller skips a task with a reason: their reservation and draft of it are dropped, the reason is
 * kept for managers (and audited), and the queue does not hand the task to them again. Skipping twice
 * keeps the first reason.
 */
export async function skipTask(ctx: AppContext, actor: Actor, taskId: number, reason: string): Promise<void> {
  const { project } = await scopeTask(ctx, actor, taskId, 'annotator');
  const now = ctx.now();
  await ctx.db.transaction(async (trx) => {
    const lock = await trx.deleteFrom('task_locks').where('task_id', '=', taskId).where('user_id', '=', actor.id).returning('task_id').execute();
    await releaseSlots(trx, lock.map((l) => l.task_id), now);
    await trx.deleteFrom('annotations').where('task_id', '=', taskId).where('completed_by', '=', actor.id).where('is_draft', '=', 1).execute();
    await trx
      .insertInto('task_skips')
      .values({ task_id: taskId, user_id: actor.id, project_id: project.id, reason, created_at: now })
      .onConflict((oc) => oc.columns(['task_id', 'user_id']).doNothing())
      .execute();
    await recordAudit(trx, { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, action: 'tasks.skip', objectType: 'task', objectId: taskId, data: { reason } }, now);
  });
}

/** Who skipped a task and why (reviewers and managers). */
export async function listSkips(ctx: AppContext, actor: Actor, taskId: number): Promise<{ userId: number; reason: string; createdAt: string }[]> {
  await scopeTask(ctx, actor, taskId, 'reviewer');
  const rows = await ctx.db.kysely.selectFrom('task_skips').select(['user_id', 'reason', 'created_at']).where('task_id', '=', taskId).orderBy('created_at').execute();
  return rows.map((r) => ({ userId: r.user_id, reason: r.reason, createdAt: new Date(r.created_at).toISOString() }));
}
