import { modelFromJson, type ClassifierHead, type LearningCurvePoint, type TextClassifier } from '@laoshi/core';
import type { Selectable } from 'kysely';
import type { Actor, AppContext } from '../../context.js';
import type { ModelVersionsTable, ProjectRole, ProjectRow } from '../../db/schema.js';
import { LaoshiError } from '../../errors.js';
import { scopeProjectObject } from './model-access.js';

export type ModelVersionRow = Selectable<ModelVersionsTable>;

/** The prefix of a built-in kind's model_version strings ("laoshi-text-classifier:v3"). */
export const versionPrefix = (kind: ModelVersionRow['kind']): string => `laoshi-${kind}:`;

export interface ModelVersionView {
  id: number;
  projectId: number;
  kind: ModelVersionRow['kind'];
  number: number;
  /** The model_version of its predictions. */
  name: string;
  status: ModelVersionRow['status'];
  jobId: number | null;
  fromName: string;
  toName: string;
  labels: string[];
  params: Record<string, unknown>;
  metrics: Record<string, unknown> | null;
  curve: LearningCurvePoint[];
  validationTasks: number;
  featureFileId: number | null;
  error: string | null;
  createdBy: number;
  createdAt: string;
  completedAt: string | null;
}

export function toModelVersionView(row: ModelVersionRow): ModelVersionView {
  return {
    id: row.id, projectId: row.project_id, kind: row.kind, number: row.number, name: row.name, status: row.status, jobId: row.job_id,
    fromName: row.from_name, toName: row.to_name, labels: JSON.parse(row.labels) as string[], params: JSON.parse(row.params) as Record<string, unknown>,
    metrics: row.metrics === null ? null : (JSON.parse(row.metrics) as Record<string, unknown>), curve: JSON.parse(row.curve) as LearningCurvePoint[],
    validationTasks: (JSON.parse(row.validation_task_ids) as number[]).length, featureFileId: row.feature_file_id, error: row.error,
    createdBy: row.created_by, createdAt: new Date(row.created_at).toISOString(), completedAt: row.completed_at === null ? null : new Date(row.completed_at).toISOString(),
  };
}

/** Loads a model version the caller may act on with role `min` in its project (404 otherwise). */
export async function scopeModelVersion(ctx: AppContext, actor: Actor, versionId: number, min: ProjectRole): Promise<{ version: ModelVersionRow; project: ProjectRow }> {
  const version = await ctx.db.kysely.selectFrom('model_versions').selectAll().where('id', '=', versionId).executeTakeFirst();
  const { project } = await scopeProjectObject(ctx, actor, version?.project_id, min, 'LAOSHI_MODEL_VERSION_NOT_FOUND', 'model version');
  return { version: version!, project };
}

const weightsKey = (projectId: number, versionId: number) => `models/${projectId}/${versionId}/model.json`;

/** Stores a trained model's JSON in the blob store; returns its key. */
export async function saveWeights(ctx: AppContext, projectId: number, versionId: number, json: unknown): Promise<string> {
  const key = weightsKey(projectId, versionId);
  await ctx.blobs.put(key, Buffer.from(JSON.stringify(json)), { contentType: 'application/json' });
  return key;
}

/** The trained model of a ready version; 409 while it trains or after it failed. */
export async function loadModel(ctx: AppContext, version: ModelVersionRow): Promise<TextClassifier | ClassifierHead> {
  if (version.status !== 'ready' || version.weights_key === null) {
    throw new LaoshiError(409, 'LAOSHI_MODEL_NOT_READY', `model version ${version.name} is ${version.status === 'ready' ? 'missing its weights' : version.status}`, undefined, { status: version.status });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of await ctx.blobs.get(version.weights_key)) chunks.push(chunk as Buffer);
  return modelFromJson(JSON.parse(Buffer.concat(chunks).toString('utf8')));
}

/** Creates the row of a new version (status training) with the project's next number. */
export async function insertModelVersion(ctx: AppContext, values: Omit<ModelVersionsTable, 'id' | 'number' | 'name' | 'status' | 'job_id' | 'metrics' | 'curve' | 'validation_task_ids' | 'weights_key' | 'error' | 'completed_at'>): Promise<ModelVersionRow> {
  // Two trainings started at once may pick the same number; the unique index makes one retry.
  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.db.transaction(async (trx) => {
        const last = await trx.selectFrom('model_versions').select((eb) => eb.fn.max('number').as('n')).where('project_id', '=', values.project_id).executeTakeFirst();
        const number = Number(last?.n ?? 0) + 1;
        return trx
          .insertInto('model_versions')
          .values({ ...values, number, name: `${versionPrefix(values.kind)}v${number}`, status: 'training', job_id: null, metrics: null, curve: '[]', validation_task_ids: '[]', weights_key: null, error: null, completed_at: null })
          .returningAll()
          .executeTakeFirstOrThrow();
      });
    } catch (err) {
      if (attempt >= 2) throw err;
    }
  }
}
