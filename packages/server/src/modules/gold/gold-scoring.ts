import { scoreAgainstGold, type GoldScore, type ResultItem } from '@laoshi/core';
import type { Kysely } from 'kysely';
import { preparedQuery } from '../../db/prepared-query.js';
import type { Database, ProjectRow } from '../../db/schema.js';
import { qualitySettingsOf, type QualitySettings } from '../quality/quality-settings.js';

/** A submitted annotation to score against its task's gold answer. */
export interface Scorable {
  id: number;
  taskId: number;
  userId: number;
  result: readonly unknown[];
}

/** core's gold score with the project's thresholds. */
export function goldScore(gold: readonly unknown[], given: readonly unknown[], settings: QualitySettings): GoldScore {
  // Both results passed validateResult when they were saved, so they are ResultItems.
  return scoreAgainstGold(gold as ResultItem[], given as ResultItem[], {
    iouThreshold: settings.goldIoUThreshold,
    spanMatch: settings.goldSpanMatch,
    keypointSigma: settings.goldKeypointSigma,
  });
}

/**
 * If the annotation's task has a gold answer (other than this annotation), scores it at once and
 * stores the score (replacing an earlier one). Call inside the transaction that saved the
 * submission; the annotator is never told (managers read scores through the gold routes).
 */
export async function scoreIfGold(trx: Kysely<Database>, project: ProjectRow, annotation: Scorable, now: number): Promise<void> {
  const gold = (await goldOfTask(trx, annotation.taskId)).rows[0];
  if (!gold || gold.annotation_id === annotation.id) return;
  await storeGoldScore(trx, project, { annotationId: gold.annotation_id, result: JSON.parse(gold.result) as unknown[] }, annotation, now);
}

/** Scores one annotation against a gold answer and upserts the score. */
export async function storeGoldScore(trx: Kysely<Database>, project: ProjectRow, gold: { annotationId: number; result: readonly unknown[] }, annotation: Scorable, now: number): Promise<number | null> {
  const score = goldScore(gold.result, annotation.result, qualitySettingsOf(project));
  const row = {
    annotation_id: annotation.id,
    task_id: annotation.taskId,
    project_id: project.id,
    user_id: annotation.userId,
    gold_annotation_id: gold.annotationId,
    score: score.score,
    details: JSON.stringify(score.controls),
    scored_at: now,
  };
  await trx
    .insertInto('gold_scores')
    .values(row)
    .onConflict((oc) => oc.column('annotation_id').doUpdateSet({ gold_annotation_id: row.gold_annotation_id, score: row.score, details: row.details, scored_at: now }))
    .execute();
  return score.score;
}

const goldOfTask = preparedQuery((db, _dialect, taskId: number) =>
  db.selectFrom('gold_tasks as g').innerJoin('annotations as a', 'a.id', 'g.annotation_id').select(['g.annotation_id', 'a.result']).where('g.task_id', '=', taskId),
);
