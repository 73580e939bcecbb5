import type { LabelConfig } from '@laoshi/core';
import { sql, type Kysely } from 'kysely';
import { roleAtLeast, scopeAnnotation, scopeTask } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { LaoshiError, badRequest, forbidden } from '../../errors.js';
import { preparedQuery } from '../../db/prepared-query.js';
import { findStoredResponse, requestHash, storeResponse, type StoredResponse } from '../../http/idempotency.js';
import { recordAudit } from '../audit/audit-repository.js';
import { toAnnotationView, type AnnotationView } from '../tasks/task-views.js';
import { checkResult } from './check-result.js';
import { adjustSlots } from '../tasks/task-slots.js';

export interface AnnotationInput {
  result: unknown;
  leadTime?: number;
  draft?: boolean;
}

type Created = StoredResponse<{ id: number; version: number }>;

const insertAnnotation = preparedQuery(
  (db, _dialect, taskId: number, projectId: number, userId: number, result: string, isDraft: number, leadTime: number | null, now: number) =>
    db
      .insertInto('annotations')
      .values({ task_id: taskId, project_id: projectId, completed_by: userId, result, is_draft: isDraft, version: 1, lead_time: leadTime, source: 'user', created_at: now, updated_at: now })
      .returning(['id', 'version']),
);

const deleteLock = preparedQuery((db, _dialect, taskId: number, userId: number) =>
  db.deleteFrom('task_locks').where('task_id', '=', taskId).where('user_id', '=', userId).returning('task_id'),
);

/** Counts a newly submitted annotation on its task and releases the annotator's lock. */
async function countSubmission(trx: Kysely<Database>, taskId: number, userId: number, now: number): Promise<void> {
  const { rows: released } = await deleteLock(trx, taskId, userId);
  await adjustSlots(trx, taskId, { annotations: 1, locks: -released.length }, now);
}

/**
 * Creates the caller's annotation on a task (one per annotator per task). With an
 * Idempotency-Key, a repeated request returns the first response and writes nothing.
 */
export async function createAnnotation(ctx: AppContext, actor: Actor, taskId: number, input: AnnotationInput, idempotencyKey?: string): Promise<Created> {
  const { task, project } = await scopeTask(ctx, actor, taskId, 'annotator');
  const hash = requestHash(['POST', 'annotations', taskId, input]);
  const db = ctx.db.kysely;
  if (idempotencyKey) {
    const stored = await findStoredResponse<Created['body']>(db, actor.id, idempotencyKey, hash);
    if (stored) return stored;
  }
  const result = checkResult(JSON.parse(project.label_config) as LabelConfig, input.result);
  const draft = input.draft === true;
  const now = ctx.now();
  try {
    return await ctx.db.transaction(async (trx) => {
      // A second annotation by the same annotator hits the unique index; the catch below answers 409.
      const row = (await insertAnnotation(trx, taskId, task.project_id, actor.id, JSON.stringify(result), draft ? 1 : 0, input.leadTime ?? null, now)).rows[0]!;
      if (!draft) await countSubmission(trx, taskId, actor.id, now);
      await recordAudit(trx, { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, action: draft ? 'annotation.draft' : 'annotation.submit', objectType: 'annotation', objectId: row.id, data: { taskId } }, now);
      const response: Created = { statusCode: 201, body: { id: row.id, version: row.version } };
      if (idempotencyKey) await storeResponse(trx, actor.id, idempotencyKey, hash, response, now);
      return response;
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // A concurrent twin of this request won the race: answer as it did, or say the annotation exists.
    if (idempotencyKey) {
      const stored = await findStoredResponse<Created['body']>(db, actor.id, idempotencyKey, hash);
      if (stored) return stored;
    }
    const existing = await db.selectFrom('annotations').select(['id', 'version']).where('task_id', '=', taskId).where('completed_by', '=', actor.id).executeTakeFirst();
    throw existing ? exists(existing) : err;
  }
}

function exists(existing: { id: number; version: number }): LaoshiError {
  return new LaoshiError(409, 'LAOSHI_ANNOTATION_EXISTS', `you already have annotation ${existing.id} on this task; update it with PATCH /api/annotations/${existing.id}`, undefined, {
    annotationId: existing.id,
    currentVersion: existing.version,
  });
}

export interface AnnotationPatch {
  result: unknown;
  version: number;
  leadTime?: number;
  draft?: boolean;
}

type Updated = StoredResponse<{ version: number }>;

/**
 * Updates an annotation if `version` is the current one (else 409 LAOSHI_VERSION_CONFLICT with
 * currentVersion). Its annotator, reviewers and managers may edit it; submitting a draft counts it.
 */
export async function updateAnnotation(ctx: AppContext, actor: Actor, annotationId: number, patch: AnnotationPatch, idempotencyKey?: string): Promise<Updated> {
  const { annotation, project, role } = await scopeAnnotation(ctx, actor, annotationId);
  if (annotation.completed_by !== actor.id && !roleAtLeast(role, 'reviewer')) throw forbidden('only its annotator, a reviewer or a manager may edit an annotation');
  const db = ctx.db.kysely;
  const hash = requestHash(['PATCH', 'annotations', annotationId, patch]);
  if (idempotencyKey) {
    const stored = await findStoredResponse<Updated['body']>(db, actor.id, idempotencyKey, hash);
    if (stored) return stored;
  }
  const result = checkResult(JSON.parse(project.label_config) as LabelConfig, patch.result);
  const wasDraft = annotation.is_draft === 1;
  const draft = patch.draft ?? wasDraft;
  if (draft && !wasDraft) throw badRequest('a submitted annotation cannot become a draft again', 'draft');
  const now = ctx.now();
  return ctx.db.transaction(async (trx) => {
    const res = await trx
      .updateTable('annotations')
      .set({ result: JSON.stringify(result), version: sql<number>`version + 1`, is_draft: draft ? 1 : 0, lead_time: patch.leadTime ?? annotation.lead_time, updated_at: now })
      .where('id', '=', annotationId)
      .where('version', '=', patch.version)
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) {
      const current = await trx.selectFrom('annotations').select('version').where('id', '=', annotationId).executeTakeFirst();
      throw new LaoshiError(409, 'LAOSHI_VERSION_CONFLICT', `annotation ${annotationId} is at version ${current?.version ?? '?'}, not ${patch.version}; reload it and apply your change again`, 'version', {
        currentVersion: current?.version ?? null,
      });
    }
    if (wasDraft && !draft) await countSubmission(trx, annotation.task_id, annotation.completed_by ?? actor.id, now);
    await recordAudit(trx, { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, action: wasDraft && !draft ? 'annotation.submit' : 'annotation.update', objectType: 'annotation', objectId: annotationId, data: { version: patch.version + 1 } }, now);
    const response: Updated = { statusCode: 200, body: { version: patch.version + 1 } };
    if (idempotencyKey) await storeResponse(trx, actor.id, idempotencyKey, hash, response, now);
    return response;
  });
}

/** One annotation, if the caller may see it. */
export async function getAnnotation(ctx: AppContext, actor: Actor, annotationId: number): Promise<AnnotationView> {
  const { annotation } = await scopeAnnotation(ctx, actor, annotationId);
  return toAnnotationView(annotation);
}

/** Deletes an annotation (its annotator, or a manager); the task counts it no more. */
export async function deleteAnnotation(ctx: AppContext, actor: Actor, annotationId: number): Promise<void> {
  const { annotation, project, role } = await scopeAnnotation(ctx, actor, annotationId);
  if (annotation.completed_by !== actor.id && !roleAtLeast(role, 'manager')) throw forbidden('only its annotator or a manager may delete an annotation');
  const now = ctx.now();
  await ctx.db.transaction(async (trx) => {
    await trx.deleteFrom('annotations').where('id', '=', annotationId).execute();
    if (annotation.is_draft === 0) {
      await adjustSlots(trx, annotation.task_id, { annotations: -1 }, now);
    }
    await recordAudit(trx, { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, action: 'annotation.delete', objectType: 'annotation', objectId: annotationId, data: { taskId: annotation.task_id } }, now);
  });
}
