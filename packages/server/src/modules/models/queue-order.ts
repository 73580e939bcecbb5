import type { Kysely } from 'kysely';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { preparedQuery } from '../../db/prepared-query.js';
import type { Database, QueueOrder } from '../../db/schema.js';
import { recordAudit } from '../audit/audit-repository.js';
import { rankedOpenTasks } from './ranked-tasks.js';

export interface QueueOrderSetting {
  order: QueueOrder;
  /** Seed of the random order. */
  seed: number;
}

const DEFAULT_ORDER: QueueOrderSetting = { order: 'sequential', seed: 0 };

const settingOf = preparedQuery((db, _dialect, projectId: number) => db.selectFrom('model_settings').select(['queue_order', 'random_seed']).where('project_id', '=', projectId));

/** A project's queue order ('sequential' unless a manager chose another). */
export async function queueOrderOf(db: Kysely<Database>, projectId: number): Promise<QueueOrderSetting> {
  const row = (await settingOf(db, projectId)).rows[0];
  return row ? { order: row.queue_order, seed: row.random_seed } : DEFAULT_ORDER;
}

export async function getQueueOrder(ctx: AppContext, actor: Actor, projectId: number): Promise<QueueOrderSetting> {
  await scopeProject(ctx, actor, projectId, 'reviewer');
  return queueOrderOf(ctx.db.kysely, projectId);
}

/** Sets the order in which the queue hands out new tasks (managers). */
export async function setQueueOrder(ctx: AppContext, actor: Actor, projectId: number, input: { order: QueueOrder; seed?: number }): Promise<QueueOrderSetting> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const now = ctx.now();
  const current = await queueOrderOf(ctx.db.kysely, projectId);
  const next = { order: input.order, seed: input.seed ?? current.seed };
  await ctx.db.transaction(async (trx) => {
    await trx
      .insertInto('model_settings')
      .values({ project_id: projectId, queue_order: next.order, random_seed: next.seed, updated_by: actor.id, updated_at: now })
      .onConflict((oc) => oc.column('project_id').doUpdateSet({ queue_order: next.order, random_seed: next.seed, updated_by: actor.id, updated_at: now }))
      .execute();
    // The project row carries the order too, so the queue's hot path reads it for free (scopeProject loads the row).
    await trx.updateTable('projects').set({ queue_order: next.order }).where('id', '=', projectId).execute();
    await recordAudit(trx, { organizationId: project.organization_id, projectId, actorId: actor.id, action: 'project.queue_order', objectType: 'project', objectId: projectId, data: { ...next } }, now);
  });
  return next;
}

export interface PreviewItem {
  taskId: number;
  score: number | null;
  modelVersion: string | null;
  /** The latest model's most probable label and its probability, when a model scored the task. */
  label: string | null;
  probability: number | null;
  data: Record<string, unknown>;
}

/** The next open tasks in the project's queue order (or another order, to compare), for managers. */
export async function previewQueue(ctx: AppContext, actor: Actor, projectId: number, query: { limit?: number; order?: QueueOrder }): Promise<QueueOrderSetting & { items: PreviewItem[] }> {
  await scopeProject(ctx, actor, projectId, 'manager');
  const setting = await queueOrderOf(ctx.db.kysely, projectId);
  const order = query.order ?? setting.order;
  const ranked = await rankedOpenTasks(ctx.db.kysely, ctx.db.dialect, projectId, { order, seed: setting.seed, limit: query.limit ?? 20 });
  return {
    order, seed: setting.seed,
    items: ranked.map((r) => {
      const best = r.probabilities ? r.probabilities.indexOf(Math.max(...r.probabilities)) : -1;
      return {
        taskId: r.task.id, score: r.score, modelVersion: r.modelVersion,
        label: best >= 0 ? (r.labels?.[best] ?? null) : null, probability: best >= 0 ? (r.probabilities?.[best] ?? null) : null,
        data: JSON.parse(r.task.data) as Record<string, unknown>,
      };
    }),
  };
}
