import type { LabelConfig } from '@laoshi/core';
import { scopeProject, scopeTask, roleAtLeast } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { badRequest } from '../../errors.js';
import { checkResult } from '../annotations/check-result.js';
import { recordAudit } from '../audit/audit-repository.js';
import { refreshGoldCount } from '../gold/gold-count.js';
import { isConsensusModel } from '../quality/consensus-marker.js';
import { ownTaskView, toAnnotationView, toTaskView, type AnnotationView, type TaskView } from './task-views.js';

/** A task as Label Studio writes it: `{data, meta?, annotations?, predictions?}`, or bare data. */
export type ImportedTask = Record<string, unknown>;

interface ParsedTask {
  data: Record<string, unknown>;
  meta: Record<string, unknown>;
  annotations: { result: unknown[]; completedByEmail: string | null; leadTime: number | null }[];
  predictions: { result: unknown[]; score: number | null; modelVersion: string }[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function emailOf(completedBy: unknown): string | null {
  if (typeof completedBy === 'string' && completedBy.includes('@')) return completedBy.toLowerCase();
  if (isObject(completedBy) && typeof completedBy.email === 'string') return completedBy.email.toLowerCase();
  return null;
}

function parseTask(item: unknown, index: number, config: LabelConfig): ParsedTask {
  const at = `[${index}]`;
  if (!isObject(item)) throw badRequest(`${at}: a task must be a JSON object`, at);
  const data = 'data' in item ? item.data : item;
  if (!isObject(data)) throw badRequest(`${at}.data must be a JSON object`, `${at}.data`);
  if (item.meta !== undefined && !isObject(item.meta)) throw badRequest(`${at}.meta must be a JSON object`, `${at}.meta`);
  const list = (key: 'annotations' | 'predictions'): unknown[] => {
    const value = 'data' in item ? item[key] : undefined;
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw badRequest(`${at}.${key} must be an array`, `${at}.${key}`);
    return value;
  };
  const annotations = list('annotations').map((a, i) => {
    const field = `${at}.annotations[${i}]`;
    if (!isObject(a)) throw badRequest(`${field} must be an object`, field);
    const leadTime = typeof a.lead_time === 'number' && a.lead_time >= 0 ? a.lead_time : null;
    return { result: checkResult(config, a.result, `${field}.result`), completedByEmail: emailOf(a.completed_by), leadTime };
  });
  const predictions = list('predictions').map((p, i) => {
    const field = `${at}.predictions[${i}]`;
    if (!isObject(p)) throw badRequest(`${field} must be an object`, field);
    if (p.score !== undefined && (typeof p.score !== 'number' || !Number.isFinite(p.score))) throw badRequest(`${field}.score must be a number`, `${field}.score`);
    const modelVersion = typeof p.model_version === 'string' ? p.model_version : '';
    return { result: checkResult(config, p.result, `${field}.result`), score: (p.score as number | undefined) ?? null, modelVersion };
  });
  return { data, meta: (item.meta as Record<string, unknown> | undefined) ?? {}, annotations, predictions };
}

const CHUNK = 500;

/**
 * Imports Label Studio-style tasks in one transaction (all or nothing). Annotations whose
 * `completed_by` e-mail belongs to a user of the organization are theirs; others are kept as
 * imported annotations with no annotator.
 */
export async function importTasks(ctx: AppContext, actor: Actor, projectId: number, items: unknown[]) {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const config = JSON.parse(project.label_config) as LabelConfig;
  const parsed = items.map((item, i) => parseTask(item, i, config));
  const emails = [...new Set(parsed.flatMap((t) => t.annotations.map((a) => a.completedByEmail)).filter((e): e is string => e !== null))];
  const now = ctx.now();
  return ctx.db.transaction(async (trx) => {
    const users = emails.length
      ? await trx.selectFrom('users').select(['id', 'email']).where('organization_id', '=', project.organization_id).where('email', 'in', emails).execute()
      : [];
    const userByEmail = new Map(users.map((u) => [u.email, u.id]));
    let annotations = 0;
    let predictions = 0;
    for (let start = 0; start < parsed.length; start += CHUNK) {
      const chunk = parsed.slice(start, start + CHUNK);
      const ids = await trx
        .insertInto('tasks')
        .values(
          chunk.map((t) => ({
            project_id: projectId,
            data: JSON.stringify(t.data),
            meta: JSON.stringify(t.meta),
            annotation_count: t.annotations.length,
            is_labeled: t.annotations.length >= project.overlap ? 1 : 0,
            reserved: 0,
            is_open: t.annotations.length < project.overlap ? 1 : 0,
            created_at: now,
            updated_at: now,
          })),
        )
        .returning('id')
        .execute();
      // RETURNING gives rows in insertion order in both SQLite and PostgreSQL for a multi-row VALUES.
      const annRows = chunk.flatMap((t, i) => {
        const seen = new Set<number>();
        return t.annotations.map((a) => {
          let by = a.completedByEmail ? (userByEmail.get(a.completedByEmail) ?? null) : null;
          // One annotation per annotator per task: a second one by the same user stays anonymous.
          if (by !== null && seen.has(by)) by = null;
          if (by !== null) seen.add(by);
          return { task_id: ids[i]!.id, project_id: projectId, completed_by: by, result: JSON.stringify(a.result), is_draft: 0, version: 1, lead_time: a.leadTime, source: 'import' as const, created_at: now, updated_at: now };
        });
      });
      const predRows = chunk.flatMap((t, i) =>
        t.predictions.map((p) => ({ task_id: ids[i]!.id, project_id: projectId, result: JSON.stringify(p.result), score: p.score, model_version: p.modelVersion, created_at: now })),
      );
      for (let j = 0; j < annRows.length; j += CHUNK) await trx.insertInto('annotations').values(annRows.slice(j, j + CHUNK)).execute();
      for (let j = 0; j < predRows.length; j += CHUNK) await trx.insertInto('predictions').values(predRows.slice(j, j + CHUNK)).execute();
      annotations += annRows.length;
      predictions += predRows.length;
    }
    await recordAudit(trx, { organizationId: project.organization_id, projectId, actorId: actor.id, action: 'tasks.import', objectType: 'project', objectId: projectId, data: { tasks: parsed.length, annotations, predictions } }, now);
    return { created: parsed.length, annotations, predictions };
  });
}

/** A page of the project's tasks by id (reviewers and managers). */
export interface PredictionView {
  id: number;
  result: Record<string, unknown>[];
  score: number | null;
  modelVersion: string;
  createdAt: string;
}

/**
 * A task with the annotations the caller may see and its predictions. Annotators see only their own
 * annotation, counts of their own work (ownTaskView) and no consensus predictions (blind labeling).
 */
export async function getTask(ctx: AppContext, actor: Actor, taskId: number): Promise<TaskView & { annotations: AnnotationView[]; predictions: PredictionView[] }> {
  const { task, role } = await scopeTask(ctx, actor, taskId, 'annotator');
  const annotations = await ctx.db.kysely
    .selectFrom('annotations')
    .selectAll()
    .where('task_id', '=', taskId)
    .$if(!roleAtLeast(role, 'reviewer'), (q) => q.where('completed_by', '=', actor.id))
    .orderBy('id')
    .execute();
  const blind = !roleAtLeast(role, 'reviewer');
  const predictions = (await ctx.db.kysely.selectFrom('predictions').selectAll().where('task_id', '=', taskId).orderBy('id').execute()).filter((p) => !blind || !isConsensusModel(p.model_version));
  return {
    ...(blind ? ownTaskView(task, annotations.filter((a) => a.is_draft === 0).length) : toTaskView(task)),
    annotations: annotations.map(toAnnotationView),
    predictions: predictions.map((p) => ({ id: p.id, result: JSON.parse(p.result) as Record<string, unknown>[], score: p.score, modelVersion: p.model_version, createdAt: new Date(p.created_at).toISOString() })),
  };
}

/** Deletes a task with its annotations (managers). */
export async function deleteTask(ctx: AppContext, actor: Actor, taskId: number): Promise<void> {
  const { task, project } = await scopeTask(ctx, actor, taskId, 'manager');
  const now = ctx.now();
  await ctx.db.transaction(async (trx) => {
    await trx.deleteFrom('tasks').where('id', '=', taskId).execute();
    if (project.gold_count > 0) await refreshGoldCount(trx, project.id);
    await recordAudit(trx, { organizationId: project.organization_id, projectId: task.project_id, actorId: actor.id, action: 'task.delete', objectType: 'task', objectId: taskId }, now);
  });
}
