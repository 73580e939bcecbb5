import type { LabelConfig } from '@laoshi/core';
import { sql, type Kysely } from 'kysely';
import { roleAtLeast, scopeAnnotation, scopeTask } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import type { Database, ProjectRow } from '../../db/schema.js';
import { LaoshiError, badRequest, forbidden } from '../../errors.js';
import { preparedQuery } from '../../db/prepared-query.js';
import { findStoredResponse, requestHash, storeResponse, type StoredResponse } from '../../http/idempotency.js';
import { notifyAnnotationEvent } from '../models/model-webhooks.js';
import { emitProjectEvent } from '../webhooks/emit-project-event.js';
import { recordAudit } from '../audit/audit-repository.js';
import { toAnnotationView, type AnnotationView } from '../tasks/task-views.js';
import { checkResult } from './check-result.js';
import { adjustSlots, slotChanges } from '../tasks/task-slots.js';
import { refreshGoldCount } from '../gold/gold-count.js';
import { scoreIfGold } from '../gold/gold-scoring.js';

export interface AnnotationInput {
  result: unknown;
  leadTime?: number;
  draft?: boolean;
}

type Created = StoredResponse<{ id: number; version: number }>;

const insertAnnotation = preparedQuery(
  (db, _dialect, taskId: number, projectId: number, userId: number, result: string, isDraft: number, leadTime: number | null, startedAt: number | null, submittedAt: number | null, now: number) =>
    db
      .insertInto('annotations')
      .values({ task_id: taskId, project_id: projectId, completed_by: userId, result, is_draft: isDraft, version: 1, lead_time: leadTime, source: 'user', started_at: startedAt, submitted_at: submittedAt, created_at: now, updated_at: now })
      .returning(['id', 'version']),
);

const deleteLock = preparedQuery((db, _dialect, taskId: number, userId: number) =>
  db.deleteFrom('task_locks').where('task_id', '=', taskId).where('user_id', '=', userId).returning(['task_id', 'locked_at']),
);

/**
 * PostgreSQL: a plain submit (not a draft, no gold in the project) as one statement, so one round
 * trip instead of seven (begin, five statements, commit): its data-modifying CTEs release the
 * caller's lock, insert the annotation (started when the lock was taken), count it and free the
 * lock's slot on the task, record the audit event and store the idempotent response, atomically.
 * The steps and values are those of createInTransaction.
 */
const submitInOneStatement = preparedQuery(
  (db, _dialect, taskId: number, projectId: number, userId: number, result: string, leadTime: number | null, now: number, organizationId: number, auditData: string, key: string | null, hash: string) =>
    db
      .with('released', (qb) => qb.deleteFrom('task_locks').where('task_id', '=', taskId).where('user_id', '=', userId).returning('locked_at'))
      .with('created', (qb) =>
        qb
          .insertInto('annotations')
          .values({ task_id: taskId, project_id: projectId, completed_by: userId, result, is_draft: 0, version: 1, lead_time: leadTime, source: 'user', started_at: sql<number | null>`(select locked_at from released)`, submitted_at: now, created_at: now, updated_at: now })
          .returning(['id', 'version']),
      )
      .with('counted', (qb) => qb.updateTable('tasks').set(slotChanges(1, sql<number>`-(select count(*) from released)::int`, now)).where('id', '=', taskId))
      .with('audited', (qb) =>
        qb
          .insertInto('audit_events')
          .columns(['organization_id', 'project_id', 'actor_id', 'action', 'object_type', 'object_id', 'data', 'created_at'])
          .expression((eb) => eb.selectFrom('created').select([sql.val(organizationId).as('o'), sql.val(projectId).as('p'), sql.val(userId).as('a'), sql.lit('annotation.submit').as('action'), sql.lit('annotation').as('t'), 'created.id', sql.val(auditData).as('d'), sql.val(now).as('c')])),
      )
      .with('stored', (qb) =>
        qb
          .insertInto('idempotency_keys')
          .columns(['user_id', 'key', 'request_hash', 'status_code', 'response', 'created_at'])
          .expression((eb) =>
            eb
              .selectFrom('created')
              .select([sql.val(userId).as('u'), sql<string>`${key}::text`.as('k'), sql.val(hash).as('h'), sql.lit(201).as('s'), sql<string>`json_build_object('id', created.id, 'version', created.version)::text`.as('r'), sql.val(now).as('c')])
              .where(sql<boolean>`${key}::text is not null`),
          ),
      )
      .selectFrom('created')
      .select(['id', 'version']),
);

/** Releases the annotator's lock on a task they submit; returns how many (0 or 1) and when it was taken. */
async function releaseLock(trx: Kysely<Database>, taskId: number, userId: number): Promise<{ released: number; lockedAt: number | null }> {
  const { rows } = await deleteLock(trx, taskId, userId);
  return { released: rows.length, lockedAt: rows[0]?.locked_at ?? null };
}

/**
 * Creates the caller's annotation on a task (one per annotator per task). With an
 * Idempotency-Key, a repeated request returns the first response and writes nothing.
 */
export async function createAnnotation(ctx: AppContext, actor: Actor, taskId: number, input: AnnotationInput, idempotencyKey?: string): Promise<Created> {
  const { project } = await scopeTask(ctx, actor, taskId, 'annotator');
  const hash = requestHash(['POST', 'annotations', taskId, input]);
  const db = ctx.db.kysely;
  // A repeated key is not looked up first: the repeat fails on the unique annotation (same task) or
  // on the stored key (another task) and rolls back, and the catch below answers from the stored key.
  const result = checkResult(JSON.parse(project.label_config) as LabelConfig, input.result);
  const draft = input.draft === true;
  const now = ctx.now();
  const write: Write = { taskId, project, userId: actor.id, result, leadTime: input.leadTime ?? null, now, key: idempotencyKey ?? null, hash };
  try {
    const created = draft ? await createInTransaction(ctx, write, true) : ctx.db.dialect === 'postgres' && project.gold_count === 0 ? await submitOnPostgres(db, write) : await createInTransaction(ctx, write, false);
    // After the commit: model backends that learn from annotations hear of it (never blocks nor fails the request).
    // Projects without webhooks or model backends (the common case) skip the event lookups entirely.
    if (!draft && project.listener_count > 0) void notifyAnnotationEvent(ctx, project.id, 'ANNOTATION_CREATED', created.body.id);
    if (!draft && project.listener_count > 0) void emitProjectEvent(ctx, project.id, ['annotation.created', 'annotation.submitted'], { annotationId: created.body.id, taskId });
    return created;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // A repeat of this request (or a concurrent twin that won the race): answer as it did, or say the annotation exists.
    if (idempotencyKey) {
      const stored = await findStoredResponse<Created['body']>(db, actor.id, idempotencyKey, hash);
      if (stored) return stored;
    }
    const existing = await db.selectFrom('annotations').select(['id', 'version']).where('task_id', '=', taskId).where('completed_by', '=', actor.id).executeTakeFirst();
    throw existing ? exists(existing) : err;
  }
}

/** What createAnnotation writes. */
interface Write {
  taskId: number;
  project: ProjectRow;
  userId: number;
  result: unknown[];
  leadTime: number | null;
  now: number;
  key: string | null;
  hash: string;
}

/** The annotation (a draft, or submitted) and everything that goes with it, in one transaction. */
async function createInTransaction(ctx: AppContext, w: Write, draft: boolean): Promise<Created> {
  const { taskId, project, userId, result, now } = w;
  return ctx.db.transaction(async (trx) => {
    // The lock goes first so the annotation records when its annotator got the task (time statistics).
    const lock = draft ? { released: 0, lockedAt: null } : await releaseLock(trx, taskId, userId);
    // A second annotation by the same annotator hits the unique index; createAnnotation's catch answers 409.
    const row = (await insertAnnotation(trx, taskId, project.id, userId, JSON.stringify(result), draft ? 1 : 0, w.leadTime, draft ? now : lock.lockedAt, draft ? null : now, now)).rows[0]!;
    if (!draft) {
      await adjustSlots(trx, taskId, { annotations: 1, locks: -lock.released }, now);
      // Only projects with gold pay for the lookup.
      if (project.gold_count > 0) await scoreIfGold(trx, project, { id: row.id, taskId, userId, result }, now);
    }
    await recordAudit(trx, { organizationId: project.organization_id, projectId: project.id, actorId: userId, action: draft ? 'annotation.draft' : 'annotation.submit', objectType: 'annotation', objectId: row.id, data: { taskId } }, now);
    const response: Created = { statusCode: 201, body: { id: row.id, version: row.version } };
    if (w.key) await storeResponse(trx, userId, w.key, w.hash, response, now);
    return response;
  });
}

/** PostgreSQL, a submit in a project without gold: the same writes as createInTransaction, in one statement. */
async function submitOnPostgres(db: Kysely<Database>, w: Write): Promise<Created> {
  const { rows } = await submitInOneStatement(db, w.taskId, w.project.id, w.userId, JSON.stringify(w.result), w.leadTime, w.now, w.project.organization_id, JSON.stringify({ taskId: w.taskId }), w.key, w.hash);
  const row = rows[0]!;
  return { statusCode: 201, body: { id: row.id, version: row.version } };
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
 * Review workflow: an accepted annotation is closed to its annotator (409 unless they manage the
 * project); a rejected one is rework — its annotator saves it with `draft: true` while working and
 * resubmits it (back to pending review) with anything else.
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
  const own = annotation.completed_by === actor.id;
  // Its annotator may no longer change an accepted annotation (a manager may, e.g. to fix gold).
  const closedToCaller = own && !roleAtLeast(role, 'manager');
  if (closedToCaller && annotation.review_state === 'accepted') throw acceptedIsClosed(annotationId);
  const rework = own && annotation.review_state === 'rejected';
  const wasDraft = annotation.is_draft === 1;
  const wantsDraft = patch.draft ?? wasDraft;
  if (wantsDraft && !wasDraft && !rework) throw badRequest('a submitted annotation cannot become a draft again', 'draft');
  const draft = wasDraft && wantsDraft;
  const submitsDraft = wasDraft && !draft;
  const resubmits = rework && patch.draft !== true;
  const now = ctx.now();
  const updated = await ctx.db.transaction(async (trx) => {
    const res = await trx
      .updateTable('annotations')
      .set({
        result: JSON.stringify(result),
        version: sql<number>`version + 1`,
        is_draft: draft ? 1 : 0,
        lead_time: patch.leadTime ?? annotation.lead_time,
        updated_at: now,
        ...(submitsDraft ? { submitted_at: now } : {}),
        ...(resubmits ? { review_state: 'pending' as const } : {}),
      })
      .where('id', '=', annotationId)
      .where('version', '=', patch.version)
      // The review state read above must still hold: a reviewer may have acted in between.
      .$if(closedToCaller, (q) => q.where('review_state', '<>', 'accepted'))
      .$if(resubmits, (q) => q.where('review_state', '=', 'rejected'))
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) {
      const current = await trx.selectFrom('annotations').select(['version', 'review_state']).where('id', '=', annotationId).executeTakeFirst();
      if (current && current.version === patch.version) throw acceptedIsClosed(annotationId, current.review_state);
      throw new LaoshiError(409, 'LAOSHI_VERSION_CONFLICT', `annotation ${annotationId} is at version ${current?.version ?? '?'}, not ${patch.version}; reload it and apply your change again`, 'version', {
        currentVersion: current?.version ?? null,
      });
    }
    if (submitsDraft) {
      const lock = await releaseLock(trx, annotation.task_id, annotation.completed_by ?? actor.id);
      await adjustSlots(trx, annotation.task_id, { annotations: 1, locks: -lock.released }, now);
    }
    if (!draft && project.gold_count > 0 && annotation.completed_by !== null) {
      await scoreIfGold(trx, project, { id: annotationId, taskId: annotation.task_id, userId: annotation.completed_by, result }, now);
    }
    const action = submitsDraft ? 'annotation.submit' : resubmits ? 'annotation.resubmit' : 'annotation.update';
    await recordAudit(trx, { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, action, objectType: 'annotation', objectId: annotationId, data: { version: patch.version + 1 } }, now);
    const response: Updated = { statusCode: 200, body: { version: patch.version + 1 } };
    if (idempotencyKey) await storeResponse(trx, actor.id, idempotencyKey, hash, response, now);
    return response;
  });
  if (!draft && project.listener_count > 0) void notifyAnnotationEvent(ctx, project.id, submitsDraft ? 'ANNOTATION_CREATED' : 'ANNOTATION_UPDATED', annotationId);
  if (!draft && project.listener_count > 0) void emitProjectEvent(ctx, project.id, [submitsDraft ? 'annotation.created' : 'annotation.updated', ...(submitsDraft || resubmits ? ['annotation.submitted' as const] : [])], { annotationId, taskId: annotation.task_id });
  return updated;
}

function acceptedIsClosed(annotationId: number, state = 'accepted'): LaoshiError {
  return new LaoshiError(409, 'LAOSHI_INVALID_TRANSITION', `annotation ${annotationId} is ${state}; its annotator can no longer change it`, undefined, { reviewState: state });
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
  if (!roleAtLeast(role, 'manager') && annotation.review_state === 'accepted') throw acceptedIsClosed(annotationId);
  const now = ctx.now();
  await ctx.db.transaction(async (trx) => {
    await trx.deleteFrom('annotations').where('id', '=', annotationId).execute();
    // A consensus annotation never took a slot of the task.
    if (annotation.is_draft === 0 && annotation.source !== 'consensus') {
      await adjustSlots(trx, annotation.task_id, { annotations: -1 }, now);
    }
    if (project.gold_count > 0) await refreshGoldCount(trx, project.id);
    await recordAudit(trx, { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, action: 'annotation.delete', objectType: 'annotation', objectId: annotationId, data: { taskId: annotation.task_id } }, now);
  });
  if (project.listener_count > 0) void notifyAnnotationEvent(ctx, project.id, 'ANNOTATION_DELETED', annotationId, annotation);
}
