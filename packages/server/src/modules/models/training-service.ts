import { MlError, modelToJson, resolveTrainingOptions, splitForValidation, type ClassifierHead, type LabelConfig, type LearningCurvePoint, type TextClassifier, type TrainedModel, type TrainingOptions } from '@laoshi/core';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { ProjectRow } from '../../db/schema.js';
import { badRequest } from '../../errors.js';
import { startJob, type JobHandle } from '../../jobs/job-runner.js';
import { recordAudit } from '../audit/audit-repository.js';
import { predictProjectTasks, type PredictOne } from './builtin-predict.js';
import { insertModelVersion, saveWeights, toModelVersionView, type ModelVersionRow, type ModelVersionView } from './model-version-repository.js';
import { prepareTextTraining } from './text-model.js';
import { prepareImageTraining } from './image-model.js';
import { trainingTarget, type TrainingTarget } from './training-data.js';

export type Hyperparameters = Partial<Pick<TrainingOptions, 'learningRate' | 'epochs' | 'l2' | 'validationSplit' | 'seed' | 'batchSize'>>;

export interface TrainRequest extends Hyperparameters {
  kind: 'text-classifier' | 'image-classifier';
  /** The choices control to learn; default the first on a suitable object. */
  fromName?: string;
  /** The uploaded ONNX model whose output is the image features (image classifier). */
  featureFileId?: number;
  /** Write the new version's predictions back as pre-labels. Default true. */
  writePredictions?: boolean;
}

/** What a kind of built-in model needs to train: examples in task id order and a training run. */
export interface PreparedTraining {
  /** Task ids of the labelled examples, in the order training sees them. */
  taskIds: number[];
  labelsOfExamples: string[];
  /** Extra facts kept in the version's params (e.g. how many images could not be read). */
  notes: Record<string, unknown>;
  /** Trains step by step (a learning-curve point per epoch). */
  train(options: TrainingOptions & { labels: string[] }, job: JobHandle): Generator<LearningCurvePoint, TrainedModel<TextClassifier | ClassifierHead>>;
  /** Predicts a task with the trained model. */
  predictor(model: TextClassifier | ClassifierHead): PredictOne;
  /** Frees what training held (an ONNX session). */
  close?(): Promise<void>;
}

/** Checks hyperparameters with core's rules; 400 naming the bad one. */
function hyperparameters(request: Hyperparameters): TrainingOptions {
  const given = Object.fromEntries(Object.entries({ learningRate: request.learningRate, epochs: request.epochs, l2: request.l2, validationSplit: request.validationSplit, seed: request.seed, batchSize: request.batchSize }).filter(([, v]) => v !== undefined));
  try {
    return resolveTrainingOptions({ ...given, learningCurve: true });
  } catch (err) {
    if (err instanceof MlError) throw badRequest(err.message, err.message.split(' ')[0]);
    throw err;
  }
}

/**
 * Starts training a built-in model on the project's labels (managers): a new model version and a
 * job that reports a learning-curve point per epoch, stores the weights, writes predictions back
 * and returns the curve. Every version is kept.
 */
export async function startTraining(ctx: AppContext, actor: Actor, projectId: number, request: TrainRequest): Promise<{ jobId: number; modelVersion: ModelVersionView }> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const options = hyperparameters(request);
  const config = JSON.parse(project.label_config) as LabelConfig;
  const target = trainingTarget(config, request.fromName, request.kind === 'text-classifier' ? ['text', 'hypertext'] : ['image']);
  // Text examples are read up front so a project without labels gets its 400 at once; image
  // features come from an ONNX model and are computed inside the job.
  const prepare = request.kind === 'text-classifier'
    ? await prepareTextTraining(ctx, project.id, target)
    : await prepareImageTraining(ctx, actor, project, target, request.featureFileId);
  const now = ctx.now();
  const params = { ...options, kind: request.kind, fromName: target.fromName, dataKey: target.dataKey, writePredictions: request.writePredictions ?? true, ...(request.featureFileId !== undefined ? { featureFileId: request.featureFileId } : {}) };
  const version = await insertModelVersion(ctx, {
    organization_id: project.organization_id, project_id: project.id, kind: request.kind, from_name: target.fromName, to_name: target.toName,
    labels: JSON.stringify(target.labels), params: JSON.stringify(params), feature_file_id: request.featureFileId ?? null, created_by: actor.id, created_at: now,
  });
  await ctx.db.transaction((trx) =>
    recordAudit(trx, { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, action: 'model.train', objectType: 'model_version', objectId: version.id, data: params }, now),
  );
  const { id: jobId } = await startJob(ctx, { kind: 'train', organizationId: project.organization_id, projectId: project.id, createdBy: actor.id, params: { modelVersionId: version.id, ...params } }, (job) =>
    runTraining(ctx, job, project, version, target, options, params.writePredictions, prepare),
  );
  const row = await ctx.db.kysely.updateTable('model_versions').set({ job_id: jobId }).where('id', '=', version.id).returningAll().executeTakeFirstOrThrow();
  return { jobId, modelVersion: toModelVersionView(row) };
}

async function runTraining(
  ctx: AppContext, job: JobHandle, project: ProjectRow, version: ModelVersionRow, target: TrainingTarget, options: TrainingOptions, writeBack: boolean,
  prepare: (job: JobHandle) => Promise<PreparedTraining>,
) {
  let prepared: PreparedTraining | undefined;
  try {
    job.progress(0, options.epochs, 'reading the training data');
    const data = await prepare(job);
    prepared = data;
    // The same split core makes inside training (same labels, order, fraction and seed), to evaluate on later.
    const indexed = data.labelsOfExamples.map((label, i) => ({ y: target.labels.indexOf(label), taskId: data.taskIds[i]! }));
    const validationTaskIds = splitForValidation(indexed, options.validationSplit, options.seed).validation.map((e) => e.taskId);
    const training = data.train({ ...options, labels: target.labels }, job);
    let trained: TrainedModel<TextClassifier | ClassifierHead>;
    const points: LearningCurvePoint[] = [];
    let shownAt = 0;
    for (;;) {
      const step = training.next();
      if (step.done) {
        trained = step.value;
        break;
      }
      const p = step.value;
      points.push(p);
      // The curve so far, for the UI's live chart; at most a few writes a second.
      if (Date.now() - shownAt >= 250) {
        shownAt = Date.now();
        await ctx.db.kysely.updateTable('model_versions').set({ curve: JSON.stringify(points) }).where('id', '=', version.id).execute();
      }
      job.progress(p.epoch, options.epochs, `epoch ${p.epoch}/${options.epochs}${p.validationAccuracy === null ? '' : `: validation accuracy ${p.validationAccuracy.toFixed(3)}`}`);
      // Between epochs other requests get their turn, and a cancel is noticed.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (job.signal.aborted) throw new Error('cancelled');
    }
    const weightsKey = await saveWeights(ctx, project.id, version.id, modelToJson(trained.model));
    const session = trained.model.history[trained.model.history.length - 1];
    const metrics = { final: session?.final ?? null, trainExamples: session?.trainExamples ?? 0, validationExamples: session?.validationExamples ?? 0, ...data.notes };
    const ready = await ctx.db.kysely
      .updateTable('model_versions')
      .set({
        status: 'ready', labels: JSON.stringify(trained.model.linear.labels), curve: JSON.stringify(trained.curve), metrics: JSON.stringify(metrics),
        validation_task_ids: JSON.stringify(validationTaskIds), weights_key: weightsKey, completed_at: ctx.now(),
      })
      .where('id', '=', version.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    let predictions = 0;
    if (writeBack) {
      const predict = data.predictor(trained.model);
      predictions = await predictProjectTasks(ctx, ready, predict, { signal: job.signal, progress: (done, total) => job.progress(done, total, `writing predictions: ${done}/${total} tasks`) });
    }
    return { modelVersionId: version.id, name: version.name, curve: trained.curve, final: metrics.final, trainExamples: metrics.trainExamples, validationExamples: metrics.validationExamples, predictions };
  } catch (err) {
    const message = err instanceof Error && (err.name === 'LaoshiError' || err.name === 'MlError' || err.name === 'JobError') ? err.message : job.signal.aborted ? 'cancelled' : 'training failed; see the server log';
    await ctx.db.kysely.updateTable('model_versions').set({ status: 'failed', error: message, completed_at: ctx.now() }).where('id', '=', version.id).where('status', '=', 'training').execute();
    throw err;
  } finally {
    await prepared?.close?.();
  }
}
