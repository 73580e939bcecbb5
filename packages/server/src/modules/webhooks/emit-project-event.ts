import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { preparedQuery } from '../../db/prepared-query.js';
import { toAnnotationView } from '../tasks/task-views.js';
import { taskIsDone } from './task-completion.js';
import { attemptDelivery } from './webhook-delivery.js';
import { eventsOf, type WebhookEvent } from './webhook-events.js';

const activeHooks = preparedQuery((db, _dialect, projectId: number) =>
  db.selectFrom('webhooks').select(['id', 'events']).where('project_id', '=', projectId).where('active', '=', 1).orderBy('id'),
);

/** Events after which a task may have just become done. */
const COMPLETING: readonly WebhookEvent[] = ['annotation.submitted', 'annotation.reviewed'];

/**
 * Sends an event (or several, in order) to every active webhook of the project subscribed to it:
 * the body `{id, event, createdAt, project: {id}, ...payload}` is stored as one delivery per
 * webhook and attempted at once (failures are retried with backoff by the sweeper). A payload with
 * an `annotationId` gets the annotation itself as `annotation`. After a submission or a review
 * that leaves the task done, `task.completed` follows. Call it after the commit, without
 * awaiting: it never throws, and costs one indexed query when the project has no webhooks.
 * @example void emitProjectEvent(ctx, project.id, ['annotation.created', 'annotation.submitted'], { annotationId, taskId });
 */
export async function emitProjectEvent(ctx: AppContext, projectId: number, events: WebhookEvent | readonly WebhookEvent[], payload: Record<string, unknown>): Promise<void> {
  try {
    const hooks = (await activeHooks(ctx.db.kysely, projectId)).rows.map((h) => ({ id: h.id, events: eventsOf(h) }));
    if (hooks.length === 0) return;
    for (const event of typeof events === 'string' ? [events] : events) await emitOne(ctx, projectId, hooks, event, payload);
  } catch {
    // Webhooks must never disturb the write that triggered them.
  }
}

async function emitOne(ctx: AppContext, projectId: number, hooks: { id: number; events: WebhookEvent[] }[], event: WebhookEvent, payload: Record<string, unknown>): Promise<void> {
  const targets = hooks.filter((h) => h.events.includes(event)).map((h) => h.id);
  if (targets.length > 0) {
    const body = JSON.stringify({ id: randomUUID(), event, createdAt: new Date(ctx.now()).toISOString(), project: { id: projectId }, ...(await withAnnotation(ctx, payload)) });
    const ids = await enqueueDeliveries(ctx, projectId, targets, event, body);
    await Promise.all(ids.map((id) => attemptDelivery(ctx, id)));
  }
  const taskId = payload.taskId;
  if (COMPLETING.includes(event) && typeof taskId === 'number' && hooks.some((h) => h.events.includes('task.completed')) && (await taskIsDone(ctx, taskId))) {
    await emitOne(ctx, projectId, hooks, 'task.completed', { taskId });
  }
}

/** Stores one pending delivery of `body` per webhook; returns their ids. */
export async function enqueueDeliveries(ctx: AppContext, projectId: number, webhookIds: readonly number[], event: string, body: string): Promise<number[]> {
  const now = ctx.now();
  const rows = await ctx.db.kysely
    .insertInto('webhook_deliveries')
    .values(webhookIds.map((webhookId) => ({ webhook_id: webhookId, project_id: projectId, event, body, status: 'pending' as const, attempts: 0, next_attempt_at: now, created_at: now })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

async function withAnnotation(ctx: AppContext, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (typeof payload.annotationId !== 'number') return payload;
  const row = await ctx.db.kysely.selectFrom('annotations').selectAll().where('id', '=', payload.annotationId).executeTakeFirst();
  return row ? { ...payload, annotation: toAnnotationView(row) } : payload;
}
