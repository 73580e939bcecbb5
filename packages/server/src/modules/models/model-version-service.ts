import type { ClassifierHead, TextClassifier } from '@laoshi/core';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { LaoshiError, notFound } from '../../errors.js';
import { startJob } from '../../jobs/job-runner.js';
import { recordAudit } from '../audit/audit-repository.js';
import type { TaskFilter } from '../tasks/task-filter.js';
import { predictProjectTasks, type PredictOne } from './builtin-predict.js';
import { featureReader, imagePredictor } from './image-model.js';
import { loadModel, scopeModelVersion, toModelVersionView, type ModelVersionRow, type ModelVersionView } from './model-version-repository.js';
import { textPredictor } from './text-model.js';

/** The project's model versions, newest first (managers). */
export async function listModelVersions(ctx: AppContext, actor: Actor, projectId: number): Promise<ModelVersionView[]> {
  await scopeProject(ctx, actor, projectId, 'manager');
  const rows = await ctx.db.kysely.selectFrom('model_versions').selectAll().where('project_id', '=', projectId).orderBy('number', 'desc').execute();
  return rows.map(toModelVersionView);
}

export async function getModelVersion(ctx: AppContext, actor: Actor, versionId: number): Promise<ModelVersionView> {
  return toModelVersionView((await scopeModelVersion(ctx, actor, versionId, 'manager')).version);
}

/** The data key the version reads (kept in its params). */
export function dataKeyOf(version: ModelVersionRow): string {
  const key = (JSON.parse(version.params) as { dataKey?: unknown }).dataKey;
  if (typeof key !== 'string') throw new LaoshiError(409, 'LAOSHI_MODEL_NOT_READY', `model version ${version.name} does not say which task data it reads`);
  return key;
}

/** A version's trained model as a task predictor, and what to release after. */
export async function versionPredictor(ctx: AppContext, version: ModelVersionRow, signal?: AbortSignal): Promise<{ predict: PredictOne; model: TextClassifier | ClassifierHead; close(): Promise<void> }> {
  const model = await loadModel(ctx, version);
  const target = { dataKey: dataKeyOf(version) };
  if (model.kind === 'text-classifier') return { predict: textPredictor(model, target), model, close: async () => undefined };
  const file = version.feature_file_id === null ? undefined : await ctx.db.kysely.selectFrom('model_files').selectAll().where('id', '=', version.feature_file_id).executeTakeFirst();
  if (!file) throw notFound('LAOSHI_MODEL_FILE_NOT_FOUND', "the version's feature model");
  const reader = await featureReader(ctx, file, target, signal);
  return { predict: imagePredictor(model, reader.read), model, close: reader.close };
}

/** Starts a job writing a ready version's predictions (all tasks or a filtered subset) as pre-labels (managers). */
export async function startVersionPredictions(ctx: AppContext, actor: Actor, versionId: number, filter: TaskFilter = {}): Promise<{ jobId: number }> {
  const { version, project } = await scopeModelVersion(ctx, actor, versionId, 'manager');
  await loadModel(ctx, version);
  const now = ctx.now();
  await ctx.db.transaction((trx) =>
    recordAudit(trx, { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, action: 'model.predict', objectType: 'model_version', objectId: version.id, data: { filter } }, now),
  );
  const { id } = await startJob(ctx, { kind: 'predict', organizationId: project.organization_id, projectId: project.id, createdBy: actor.id, params: { modelVersionId: version.id, filter } }, async (job) => {
    const predictor = await versionPredictor(ctx, version, job.signal);
    try {
      const predictions = await predictProjectTasks(ctx, version, predictor.predict, { filter, signal: job.signal, progress: (done, total) => job.progress(done, total, `${done}/${total} tasks`) });
      return { modelVersionId: version.id, name: version.name, predictions };
    } finally {
      await predictor.close();
    }
  });
  return { jobId: id };
}
