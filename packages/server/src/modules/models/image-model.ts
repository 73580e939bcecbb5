import { classifierHeadTraining, predictFeatures, type ClassifierHead, type VectorExample } from '@laoshi/core';
import type { Actor, AppContext } from '../../context.js';
import type { ProjectRow } from '../../db/schema.js';
import { LaoshiError, badRequest, notFound } from '../../errors.js';
import type { JobHandle } from '../../jobs/job-runner.js';
import type { PredictOne, TaskInput } from './builtin-predict.js';
import { loadTaskImage } from './image-source.js';
import { modelFileBytes, scopeModelFile, type ModelFileRow } from './model-file-service.js';
import { imageFeatures, openFeatureModel, type FeatureModelMeta } from './onnx-features.js';
import { checkEnoughLabels, dataValue, labeledTasks, type TrainingTarget } from './training-data.js';
import type { PreparedTraining } from './training-service.js';

/** Opens a feature model and returns a function from a task to its image's features (null without a readable image). */
export async function featureReader(ctx: AppContext, file: ModelFileRow, target: Pick<TrainingTarget, 'dataKey'>, signal?: AbortSignal) {
  const session = await openFeatureModel(await modelFileBytes(ctx, file));
  const meta = JSON.parse(file.meta) as FeatureModelMeta;
  const read = async (task: TaskInput): Promise<Float32Array | null> => {
    try {
      const image = await loadTaskImage(ctx, file.project_id, dataValue(task.data, target.dataKey), signal);
      return image ? await imageFeatures(session, meta, image) : null;
    } catch (err) {
      // One unreadable image must not stop the others; a cancel must.
      if (signal?.aborted) throw err;
      if (err instanceof LaoshiError) return null;
      throw err;
    }
  };
  return { read, close: () => session.release() };
}

/** An image classifier's prediction for a task (null without a readable image). */
export function imagePredictor(head: ClassifierHead, read: (task: TaskInput) => Promise<Float32Array | null>): PredictOne {
  return async (task) => {
    const features = await read(task);
    return features ? predictFeatures(head, features) : null;
  };
}

/**
 * Checks the feature model and that the project has labelled images (400 otherwise), and returns
 * what the training job runs: features of every labelled image, then core's classifier head.
 */
export async function prepareImageTraining(ctx: AppContext, actor: Actor, project: ProjectRow, target: TrainingTarget, featureFileId: number | undefined): Promise<(job: JobHandle) => Promise<PreparedTraining>> {
  if (featureFileId === undefined) throw badRequest('featureFileId: an image classifier needs an uploaded ONNX feature model', 'featureFileId');
  const file = await scopeModelFile(ctx, actor, featureFileId, 'manager');
  if (file.project_id !== project.id) throw notFound('LAOSHI_MODEL_FILE_NOT_FOUND', 'model file');
  const labelled = (await labeledTasks(ctx, project.id, target)).filter((t) => typeof dataValue(t.data, target.dataKey) === 'string');
  checkEnoughLabels(labelled);
  return async (job) => {
    const reader = await featureReader(ctx, file, target, job.signal);
    try {
      const examples: (VectorExample & { taskId: number })[] = [];
      let unreadable = 0;
      for (const [i, t] of labelled.entries()) {
        if (job.signal.aborted) throw new Error('cancelled');
        const features = await reader.read({ id: t.taskId, data: t.data, meta: t.meta });
        if (features) examples.push({ taskId: t.taskId, features, label: t.label });
        else unreadable++;
        job.progress(i + 1, labelled.length, `image features: ${i + 1}/${labelled.length}`);
      }
      checkEnoughLabels(examples);
      return {
        taskIds: examples.map((e) => e.taskId),
        labelsOfExamples: examples.map((e) => e.label),
        notes: { examples: examples.length, unreadableImages: unreadable },
        train: (options) => classifierHeadTraining(examples, options),
        predictor: (model) => imagePredictor(model as ClassifierHead, reader.read),
        close: reader.close,
      };
    } catch (err) {
      await reader.close();
      throw err;
    }
  };
}
