import { predictText, textClassifierTraining, type TextClassifier } from '@laoshi/core';
import type { AppContext } from '../../context.js';
import type { JobHandle } from '../../jobs/job-runner.js';
import type { PredictOne } from './builtin-predict.js';
import { checkEnoughLabels, dataValue, labeledTasks, type TrainingTarget } from './training-data.js';
import type { PreparedTraining } from './training-service.js';

/** The text a task shows on the target object, or null when it has none. */
export function textOf(data: Record<string, unknown>, target: Pick<TrainingTarget, 'dataKey'>): string | null {
  const value = dataValue(data, target.dataKey);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** A text classifier's prediction for a task (null without text). */
export function textPredictor(model: TextClassifier, target: Pick<TrainingTarget, 'dataKey'>): PredictOne {
  return async (task) => {
    const text = textOf(task.data, target);
    return text === null ? null : predictText(model, text);
  };
}

/**
 * Reads the project's labelled texts now (400 when there are too few) and returns what the
 * training job runs: hashed n-gram features and logistic regression from core.
 */
export async function prepareTextTraining(ctx: AppContext, projectId: number, target: TrainingTarget): Promise<(job: JobHandle) => Promise<PreparedTraining>> {
  const examples = (await labeledTasks(ctx, projectId, target)).flatMap((t) => {
    const text = textOf(t.data, target);
    return text === null ? [] : [{ taskId: t.taskId, text, label: t.label }];
  });
  checkEnoughLabels(examples);
  return async () => ({
    taskIds: examples.map((e) => e.taskId),
    labelsOfExamples: examples.map((e) => e.label),
    notes: { examples: examples.length },
    train: (options) => textClassifierTraining(examples, options),
    predictor: (model) => textPredictor(model as TextClassifier, target),
  });
}
