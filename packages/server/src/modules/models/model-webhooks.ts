import type { AppContext } from '../../context.js';
import { preparedQuery } from '../../db/prepared-query.js';
import { LaoshiError } from '../../errors.js';
import { targetOf, type BackendRow } from './backend-repository.js';
import { recordBackendStatus } from './backend-service.js';
import { projectLabelConfigXml } from './label-config-xml.js';
import { backendWebhook } from './ml-backend-client.js';

/** Label Studio's webhook actions that ML backends listen to. */
export type ModelWebhookEvent = 'ANNOTATION_CREATED' | 'ANNOTATION_UPDATED' | 'ANNOTATION_DELETED' | 'START_TRAINING';

const WEBHOOK_TIMEOUT_MS = 10_000;
/** Waits before the 2nd and 3rd attempts. */
const RETRY_DELAYS_MS = [500, 2000];

const backendsOf = preparedQuery((db, _dialect, projectId: number) => db.selectFrom('model_backends').selectAll().where('project_id', '=', projectId).orderBy('id'));

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

async function deliver(ctx: AppContext, backend: BackendRow, body: Record<string, unknown>, delays: readonly number[]): Promise<void> {
  const target = targetOf(ctx, backend);
  for (let attempt = 0; ; attempt++) {
    try {
      await backendWebhook(target, body, { allow: ctx.config.outboundAllow, timeoutMs: WEBHOOK_TIMEOUT_MS });
      return;
    } catch (err) {
      // A refused address will not become reachable by retrying.
      const final = attempt >= delays.length || (err instanceof LaoshiError && err.statusCode === 400);
      if (final) {
        await recordBackendStatus(ctx, backend.id, { error: `webhook ${String(body.action)}: ${err instanceof LaoshiError ? err.message : 'failed'}` }).catch(() => undefined);
        return;
      }
      await sleep(delays[attempt] as number);
    }
  }
}

/**
 * Tells every model backend of a project about an event, as Label Studio's webhooks do:
 * POST /webhook `{action, project: {id, title, label_config}, ...payload}` (payload: `annotation`
 * and `task` for annotation events). Fire-and-forget: never throws; a failed delivery is retried
 * twice and then noted on the backend (lastError). Resolves when every delivery has settled.
 * @example void notifyModelBackends(ctx, projectId, 'ANNOTATION_CREATED', { annotation, task });
 */
export async function notifyModelBackends(ctx: AppContext, projectId: number, event: ModelWebhookEvent, payload: Record<string, unknown>, options: { retryDelaysMs?: readonly number[] } = {}): Promise<void> {
  try {
    const backends = (await backendsOf(ctx.db.kysely, projectId)).rows;
    if (backends.length === 0) return;
    const project = await ctx.db.kysely.selectFrom('projects').select(['id', 'title', 'label_config', 'label_config_xml']).where('id', '=', projectId).executeTakeFirst();
    if (!project) return;
    const body = { action: event, project: { id: project.id, title: project.title, label_config: projectLabelConfigXml(project) }, ...payload };
    await Promise.all(backends.map((b) => deliver(ctx, b, body, options.retryDelaysMs ?? RETRY_DELAYS_MS)));
  } catch {
    // Webhooks must never disturb the write that triggered them (e.g. the database closing in a test).
  }
}

/**
 * The one-line hook for the annotation service: loads the annotation and its task and sends
 * Label Studio's annotation payload. Call it after the transaction commits, without awaiting.
 * @example void notifyAnnotationEvent(ctx, project.id, 'ANNOTATION_CREATED', row.id);
 */
export async function notifyAnnotationEvent(ctx: AppContext, projectId: number, event: ModelWebhookEvent, annotationId: number, deleted?: { id: number; task_id: number; result: string; completed_by: number | null }): Promise<void> {
  try {
    const backends = (await backendsOf(ctx.db.kysely, projectId)).rows;
    if (backends.length === 0) return;
    const row = deleted ?? (await ctx.db.kysely.selectFrom('annotations').selectAll().where('id', '=', annotationId).executeTakeFirst());
    if (!row) return;
    const task = await ctx.db.kysely.selectFrom('tasks').select(['id', 'data', 'meta']).where('id', '=', row.task_id).executeTakeFirst();
    const full = row as Partial<{ version: number; created_at: number; updated_at: number; lead_time: number | null }>;
    const annotation = {
      id: row.id, task: row.task_id, project: projectId, result: JSON.parse(row.result) as unknown, completed_by: row.completed_by, was_cancelled: false, ground_truth: false,
      ...(full.version !== undefined ? { version: full.version } : {}),
      ...(full.lead_time !== undefined ? { lead_time: full.lead_time } : {}),
      ...(full.created_at !== undefined ? { created_at: new Date(full.created_at).toISOString() } : {}),
      ...(full.updated_at !== undefined ? { updated_at: new Date(full.updated_at).toISOString() } : {}),
    };
    const taskBody = task ? { id: task.id, data: JSON.parse(task.data) as unknown, meta: JSON.parse(task.meta) as unknown, project: projectId } : { id: row.task_id, project: projectId };
    await notifyModelBackends(ctx, projectId, event, { annotation, task: taskBody });
  } catch {
    // As above: never disturb the caller.
  }
}
