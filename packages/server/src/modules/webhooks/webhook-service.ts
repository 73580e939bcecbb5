import { refreshListenerCount } from '../projects/project-listeners.js';
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { ProjectRow, WebhookDeliveriesTable, WebhooksTable } from '../../db/schema.js';
import { badRequest, notFound } from '../../errors.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { recordAudit } from '../audit/audit-repository.js';
import { sealSecret } from '../models/secret-box.js';
import { enqueueDeliveries } from './emit-project-event.js';
import { attemptDelivery } from './webhook-delivery.js';
import { PING_EVENT, WEBHOOK_EVENTS, eventsOf, type WebhookEvent } from './webhook-events.js';
import { newWebhookSecret } from './webhook-signature.js';
import { checkWebhookUrl } from './webhook-url.js';

type WebhookRow = Selectable<WebhooksTable>;
type DeliveryRow = Selectable<WebhookDeliveriesTable>;

export interface WebhookView {
  id: number;
  projectId: number;
  url: string;
  events: WebhookEvent[];
  description: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryView {
  id: number;
  webhookId: number;
  event: string;
  status: DeliveryRow['status'];
  attempts: number;
  nextAttemptAt: string | null;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface WebhookInput {
  url: string;
  events: string[];
  description?: string;
  active?: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

function toView(row: WebhookRow): WebhookView {
  return { id: row.id, projectId: row.project_id, url: row.url, events: eventsOf(row), description: row.description, active: row.active === 1, createdAt: iso(row.created_at), updatedAt: iso(row.updated_at) };
}

function toDeliveryView(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    responseStatus: row.response_status,
    lastError: row.last_error,
    createdAt: iso(row.created_at),
    finishedAt: row.finished_at === null ? null : iso(row.finished_at),
  };
}

function checkEvents(events: readonly string[]): WebhookEvent[] {
  const unknown = events.find((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (unknown !== undefined) throw badRequest(`events: unknown event "${unknown}"; use ${WEBHOOK_EVENTS.join(', ')}`, 'events');
  return [...new Set(events)] as WebhookEvent[];
}

/** A webhook the actor manages; 404 (never a hint it exists) for anyone else, 403 for a member below manager. */
export async function scopeWebhook(ctx: AppContext, actor: Actor, webhookId: number): Promise<{ row: WebhookRow; project: ProjectRow }> {
  const row = await ctx.db.kysely.selectFrom('webhooks').selectAll().where('id', '=', webhookId).executeTakeFirst();
  if (!row) throw notFound('LAOSHI_WEBHOOK_NOT_FOUND', 'webhook');
  try {
    const { project } = await scopeProject(ctx, actor, row.project_id, 'manager');
    return { row, project };
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) throw notFound('LAOSHI_WEBHOOK_NOT_FOUND', 'webhook');
    throw err;
  }
}

/** The project's webhooks (managers); secrets are never shown again. */
export async function listWebhooks(ctx: AppContext, actor: Actor, projectId: number): Promise<WebhookView[]> {
  await scopeProject(ctx, actor, projectId, 'manager');
  const rows = await ctx.db.kysely.selectFrom('webhooks').selectAll().where('project_id', '=', projectId).orderBy('id').execute();
  return rows.map(toView);
}

/** Adds a webhook (managers); the signing secret is in the answer, and only there. */
export async function createWebhook(ctx: AppContext, actor: Actor, projectId: number, input: WebhookInput): Promise<WebhookView & { secret: string }> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const url = checkWebhookUrl(ctx, input.url);
  const events = checkEvents(input.events);
  const secret = newWebhookSecret();
  const now = ctx.now();
  const row = await ctx.db.transaction(async (trx) => {
    const created = await trx
      .insertInto('webhooks')
      .values({ organization_id: project.organization_id, project_id: projectId, url, events: JSON.stringify(events), description: input.description ?? '', active: input.active === false ? 0 : 1, secret: sealSecret(ctx.secret, secret), created_by: actor.id, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await refreshListenerCount(trx, projectId);
    await recordAudit(trx, { organizationId: project.organization_id, projectId, actorId: actor.id, action: 'webhook.create', objectType: 'webhook', objectId: created.id, data: { url, events } }, now);
    return created;
  });
  return { ...toView(row), secret };
}

/** Changes a webhook (managers); `rotateSecret` makes a new secret, shown in this answer only. */
export async function updateWebhook(ctx: AppContext, actor: Actor, webhookId: number, patch: Partial<WebhookInput> & { rotateSecret?: boolean }): Promise<WebhookView & { secret?: string }> {
  const { row, project } = await scopeWebhook(ctx, actor, webhookId);
  const secret = patch.rotateSecret === true ? newWebhookSecret() : undefined;
  const changes = {
    ...(patch.url !== undefined ? { url: checkWebhookUrl(ctx, patch.url) } : {}),
    ...(patch.events !== undefined ? { events: JSON.stringify(checkEvents(patch.events)) } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
    ...(secret !== undefined ? { secret: sealSecret(ctx.secret, secret) } : {}),
  };
  const now = ctx.now();
  const updated = await ctx.db.transaction(async (trx) => {
    const next = await trx.updateTable('webhooks').set({ ...changes, updated_at: now }).where('id', '=', webhookId).returningAll().executeTakeFirstOrThrow();
    await refreshListenerCount(trx, row.project_id);
    const data = { ...patch, ...(changes.url ? { url: changes.url } : {}) };
    await recordAudit(trx, { organizationId: project.organization_id, projectId: row.project_id, actorId: actor.id, action: 'webhook.update', objectType: 'webhook', objectId: webhookId, data }, now);
    return next;
  });
  return { ...toView(updated), ...(secret !== undefined ? { secret } : {}) };
}

/** Deletes a webhook and its delivery log (managers). */
export async function deleteWebhook(ctx: AppContext, actor: Actor, webhookId: number): Promise<void> {
  const { row, project } = await scopeWebhook(ctx, actor, webhookId);
  const now = ctx.now();
  await ctx.db.transaction(async (trx) => {
    await trx.deleteFrom('webhook_deliveries').where('webhook_id', '=', webhookId).execute();
    await trx.deleteFrom('webhooks').where('id', '=', webhookId).execute();
    await refreshListenerCount(trx, row.project_id);
    await recordAudit(trx, { organizationId: project.organization_id, projectId: row.project_id, actorId: actor.id, action: 'webhook.delete', objectType: 'webhook', objectId: webhookId, data: { url: row.url } }, now);
  });
}

/** A webhook's deliveries, newest first (managers). */
export async function listDeliveries(ctx: AppContext, actor: Actor, webhookId: number, query: { limit?: number; cursor?: string }): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
  await scopeWebhook(ctx, actor, webhookId);
  const limit = query.limit ?? 50;
  const before = decodeCursor(query.cursor);
  const rows = await ctx.db.kysely
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_id', '=', webhookId)
    .$if(before > 0, (q) => q.where('id', '<', before))
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, toDeliveryView);
}

/** Sends a `webhook.ping` to one webhook now and answers with how that first attempt went (managers). */
export async function pingWebhook(ctx: AppContext, actor: Actor, webhookId: number): Promise<DeliveryView> {
  const { row } = await scopeWebhook(ctx, actor, webhookId);
  const body = JSON.stringify({ id: randomUUID(), event: PING_EVENT, createdAt: iso(ctx.now()), project: { id: row.project_id }, webhookId });
  const [id] = await enqueueDeliveries(ctx, row.project_id, [webhookId], PING_EVENT, body);
  await attemptDelivery(ctx, id!);
  return toDeliveryView(await ctx.db.kysely.selectFrom('webhook_deliveries').selectAll().where('id', '=', id!).executeTakeFirstOrThrow());
}
