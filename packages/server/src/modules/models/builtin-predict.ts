import { randomUUID } from 'node:crypto';
import type { ClassPrediction } from '@laoshi/core';
import type { AppContext } from '../../context.js';
import { applyTaskFilter, type TaskFilter } from '../tasks/task-filter.js';
import type { ModelVersionRow } from './model-version-repository.js';
import { versionPrefix } from './model-version-repository.js';
import { writePredictions, type NewPrediction } from './prediction-writer.js';

/** A task as a built-in model reads it. */
export interface TaskInput {
  id: number;
  data: Record<string, unknown>;
  meta: Record<string, unknown>;
}

/** Predicts one task, or null when the task has nothing the model can read (no text, no image). */
export type PredictOne = (task: TaskInput) => Promise<ClassPrediction | null>;

const BATCH = 200;

/** A choices pre-label for a built-in model's answer. */
export function choicesResult(version: Pick<ModelVersionRow, 'from_name' | 'to_name'>, label: string): unknown[] {
  return [{ id: `m${randomUUID().slice(0, 9)}`, from_name: version.from_name, to_name: version.to_name, type: 'choices', value: { choices: [label] } }];
}

/**
 * Writes a built-in version's predictions (with scores and class probabilities) for the project's
 * tasks, or a filtered subset, in batches; each replaces the task's earlier prediction by a model of
 * the same kind. Returns how many were written.
 */
export async function predictProjectTasks(
  ctx: AppContext,
  version: ModelVersionRow,
  predictOne: PredictOne,
  opts: { filter?: TaskFilter; signal?: AbortSignal; progress?: (done: number, total: number) => void } = {},
): Promise<number> {
  const scoped = () => applyTaskFilter(ctx.db.kysely.selectFrom('tasks').where('tasks.project_id', '=', version.project_id), opts.filter ?? {});
  const total = Number((await scoped().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  let [after, done, written] = [0, 0, 0];
  for (;;) {
    if (opts.signal?.aborted) throw opts.signal.reason instanceof Error ? opts.signal.reason : new Error('cancelled');
    const rows = await scoped().select(['tasks.id', 'tasks.data', 'tasks.meta']).where('tasks.id', '>', after).orderBy('tasks.id').limit(BATCH).execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const batch: NewPrediction[] = [];
    for (const r of rows) {
      const prediction = await predictOne({ id: r.id, data: JSON.parse(r.data) as Record<string, unknown>, meta: JSON.parse(r.meta) as Record<string, unknown> });
      if (!prediction) continue;
      batch.push({
        taskId: r.id, result: choicesResult(version, prediction.label), score: prediction.score, modelVersion: version.name,
        probabilities: { labels: JSON.parse(version.labels) as string[], values: prediction.probabilities },
      });
    }
    written += await writePredictions(ctx, version.project_id, batch, { versionPrefix: versionPrefix(version.kind) });
    done += rows.length;
    opts.progress?.(done, total);
    // Let requests in between batches.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return written;
}
