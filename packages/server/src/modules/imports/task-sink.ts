import type { LabelConfig } from '@laoshi/core';
import type { AppContext } from '../../context.js';
import type { ProjectRow } from '../../db/schema.js';
import { LaoshiError } from '../../errors.js';
import { checkResult } from '../annotations/check-result.js';

/** A task as formats produce it (Label Studio's shape). */
export interface IncomingTask {
  data: Record<string, unknown>;
  meta?: Record<string, unknown> | undefined;
  annotations?: readonly Record<string, unknown>[] | undefined;
  predictions?: readonly Record<string, unknown>[] | undefined;
}

interface PendingTask {
  data: string;
  meta: string;
  annotations: { result: string; email: string | null; leadTime: number | null }[];
  predictions: { result: string; score: number | null; modelVersion: string }[];
}

export interface SinkCounts {
  tasks: number;
  annotations: number;
  predictions: number;
}

export interface TaskSinkOptions {
  labelsAs: 'annotations' | 'predictions';
  batchSize?: number;
  signal?: AbortSignal;
  onFlush?: (counts: SinkCounts) => void;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function emailOf(completedBy: unknown): string | null {
  if (typeof completedBy === 'string' && completedBy.includes('@')) return completedBy.toLowerCase();
  if (isObject(completedBy) && typeof completedBy.email === 'string') return completedBy.email.toLowerCase();
  return null;
}

/**
 * Writes imported tasks in batches, one transaction per batch, so memory holds one batch and a
 * failure later in a file keeps every batch already written. Results are checked against the
 * project's label config; `completed_by` e-mails of organization users make the annotation
 * theirs (as the task import of modules/tasks does); labels go to annotations or predictions as
 * the user chose.
 */
export class TaskSink {
  readonly counts: SinkCounts = { tasks: 0, annotations: 0, predictions: 0 };
  private pending: PendingTask[] = [];
  private readonly users = new Map<string, number | null>();
  private readonly batchSize: number;

  constructor(
    private readonly ctx: AppContext,
    private readonly project: ProjectRow,
    private readonly config: LabelConfig,
    private readonly options: TaskSinkOptions,
  ) {
    this.batchSize = options.batchSize ?? 1000;
  }

  /** Tasks checked and waiting for the next batch. */
  get queued(): number {
    return this.pending.length;
  }

  /** Checks and queues one task; `where` names it in errors (`a.jsonl line 7`). */
  async add(task: IncomingTask, where: string): Promise<void> {
    if (!isObject(task.data)) throw new LaoshiError(400, 'LAOSHI_BAD_FILE', `${where}: data must be a JSON object`, 'file');
    const check = (result: unknown, field: string): string => {
      try {
        return JSON.stringify(checkResult(this.config, result ?? [], field));
      } catch (err) {
        if (err instanceof LaoshiError) throw new LaoshiError(400, err.code, `${where}: ${err.message}`, 'file', { file: where });
        throw err;
      }
    };
    const annotations: PendingTask['annotations'] = [];
    const predictions: PendingTask['predictions'] = [];
    const asPrediction = (p: Record<string, unknown>, field: string) => {
      const score = typeof p.score === 'number' && Number.isFinite(p.score) ? p.score : null;
      predictions.push({ result: check(p.result, field), score, modelVersion: typeof p.model_version === 'string' ? p.model_version.slice(0, 200) : 'import' });
    };
    (task.annotations ?? []).forEach((a, i) => {
      if (this.options.labelsAs === 'predictions') asPrediction(a, `annotations[${i}].result`);
      else annotations.push({ result: check(a.result, `annotations[${i}].result`), email: emailOf(a.completed_by), leadTime: typeof a.lead_time === 'number' && a.lead_time >= 0 ? a.lead_time : null });
    });
    (task.predictions ?? []).forEach((p, i) => asPrediction(p, `predictions[${i}].result`));
    this.pending.push({ data: JSON.stringify(task.data), meta: JSON.stringify(task.meta ?? {}), annotations, predictions });
    if (this.pending.length >= this.batchSize) await this.flush();
  }

  /** Writes what is queued. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    if (this.options.signal?.aborted) throw new LaoshiError(409, 'LAOSHI_JOB_FINISHED', 'the import was cancelled');
    const batch = this.pending;
    this.pending = [];
    await this.resolveUsers(batch);
    const { project } = this;
    const now = this.ctx.now();
    const labelled = batch.some((t) => t.annotations.length > 0 || t.predictions.length > 0);
    await this.ctx.db.transaction(async (trx) => {
      const rows = batch.map((t) => ({
        project_id: project.id, data: t.data, meta: t.meta, annotation_count: t.annotations.length, is_labeled: t.annotations.length >= project.overlap ? 1 : 0,
        reserved: 0, is_open: t.annotations.length < project.overlap ? 1 : 0, created_at: now, updated_at: now,
      }));
      if (!labelled) {
        await trx.insertInto('tasks').values(rows).execute();
        return;
      }
      // RETURNING gives rows in insertion order in both SQLite and PostgreSQL for a multi-row VALUES.
      const ids = await trx.insertInto('tasks').values(rows).returning('id').execute();
      const annRows = batch.flatMap((t, i) => {
        const seen = new Set<number>();
        return t.annotations.map((a) => {
          let by = a.email ? (this.users.get(a.email) ?? null) : null;
          // One annotation per annotator per task: a second one by the same user stays anonymous.
          if (by !== null && seen.has(by)) by = null;
          if (by !== null) seen.add(by);
          return { task_id: ids[i]!.id, project_id: project.id, completed_by: by, result: a.result, is_draft: 0, version: 1, lead_time: a.leadTime, source: 'import' as const, created_at: now, updated_at: now };
        });
      });
      const predRows = batch.flatMap((t, i) => t.predictions.map((p) => ({ task_id: ids[i]!.id, project_id: project.id, result: p.result, score: p.score, model_version: p.modelVersion, created_at: now })));
      for (let j = 0; j < annRows.length; j += 500) await trx.insertInto('annotations').values(annRows.slice(j, j + 500)).execute();
      for (let j = 0; j < predRows.length; j += 500) await trx.insertInto('predictions').values(predRows.slice(j, j + 500)).execute();
      this.counts.annotations += annRows.length;
      this.counts.predictions += predRows.length;
    });
    this.counts.tasks += batch.length;
    this.options.onFlush?.({ ...this.counts });
  }

  private async resolveUsers(batch: PendingTask[]): Promise<void> {
    const unknown = [...new Set(batch.flatMap((t) => t.annotations.map((a) => a.email)))].filter((e): e is string => e !== null && !this.users.has(e));
    if (unknown.length === 0) return;
    const found = await this.ctx.db.kysely.selectFrom('users').select(['id', 'email']).where('organization_id', '=', this.project.organization_id).where('email', 'in', unknown).execute();
    for (const email of unknown) this.users.set(email, null);
    for (const u of found) this.users.set(u.email, u.id);
  }
}
