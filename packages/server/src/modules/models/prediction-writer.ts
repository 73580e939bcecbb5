import { entropy, leastConfidence, marginUncertainty } from '@laoshi/core';
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';

/** A prediction to store on a task. */
export interface NewPrediction {
  taskId: number;
  result: unknown[];
  score: number | null;
  modelVersion: string;
  /**
   * The class probabilities behind it, for the active-learning order. A backend that gives only a
   * score gets [score, 1 − score]: its least confidence is exact, margin and entropy are those of
   * a two-way choice.
   */
  probabilities?: { labels: string[]; values: number[] } | null;
}

/** Which earlier predictions of the same tasks a new one replaces. */
export type ReplacePolicy = { sameVersion: true } | { versionPrefix: string };

/** Probabilities from a bare score, when a backend gives nothing else. */
export function probabilitiesFromScore(score: number | null): NewPrediction['probabilities'] {
  if (score === null || !(score >= 0 && score <= 1)) return null;
  return { labels: ['predicted', 'other'], values: [score, 1 - score] };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Stores predictions in one transaction (call it per batch), replacing the tasks' earlier
 * predictions of the same model version (or version prefix), and records each task's class
 * probabilities and uncertainty scores for the queue order. Returns how many were written.
 */
export async function writePredictions(ctx: AppContext, projectId: number, predictions: readonly NewPrediction[], replace: ReplacePolicy): Promise<number> {
  if (predictions.length === 0) return 0;
  const now = ctx.now();
  await ctx.db.transaction(async (trx) => {
    const taskIds = [...new Set(predictions.map((p) => p.taskId))];
    if ('sameVersion' in replace) {
      for (const version of new Set(predictions.map((p) => p.modelVersion))) {
        await trx.deleteFrom('predictions').where('task_id', 'in', taskIds).where('model_version', '=', version).execute();
      }
    } else {
      await trx.deleteFrom('predictions').where('task_id', 'in', taskIds).where(sql<boolean>`model_version like ${`${escapeLike(replace.versionPrefix)}%`} escape '\\'`).execute();
    }
    await trx
      .insertInto('predictions')
      .values(predictions.map((p) => ({ task_id: p.taskId, project_id: projectId, result: JSON.stringify(p.result), score: p.score, model_version: p.modelVersion, created_at: now })))
      .execute();
    await recordUncertainty(trx, projectId, predictions, now);
  });
  return predictions.length;
}

async function recordUncertainty(trx: Kysely<Database>, projectId: number, predictions: readonly NewPrediction[], now: number): Promise<void> {
  const latest = new Map<number, NewPrediction>();
  for (const p of predictions) if (p.probabilities && p.probabilities.values.length > 0) latest.set(p.taskId, p);
  if (latest.size === 0) return;
  const rows = [...latest.values()].map((p) => {
    const values = p.probabilities!.values;
    return {
      task_id: p.taskId, project_id: projectId, model_version: p.modelVersion,
      labels: JSON.stringify(p.probabilities!.labels), probabilities: JSON.stringify(values),
      least_confidence: leastConfidence(values), margin: marginUncertainty(values), entropy: entropy(values), updated_at: now,
    };
  });
  await trx
    .insertInto('task_uncertainty')
    .values(rows)
    .onConflict((oc) => oc.column('task_id').doUpdateSet((eb) => ({
      model_version: eb.ref('excluded.model_version'), labels: eb.ref('excluded.labels'), probabilities: eb.ref('excluded.probabilities'),
      least_confidence: eb.ref('excluded.least_confidence'), margin: eb.ref('excluded.margin'), entropy: eb.ref('excluded.entropy'), updated_at: eb.ref('excluded.updated_at'),
    })))
    .execute();
}
