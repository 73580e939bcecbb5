import type { EvaluationKind, LabelConfig } from '@laoshi/core';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { ProjectRow } from '../../db/schema.js';
import { LaoshiError, badRequest } from '../../errors.js';
import { startJob } from '../../jobs/job-runner.js';
import { recordAudit } from '../audit/audit-repository.js';
import type { ModelVersionRow } from '../models/model-version-repository.js';
import { checkPredictionFile, type Upload } from './evaluation-file.js';
import type { PredictionPlan } from './evaluation-predictions.js';
import { fileKey, loadReport, scopeEvaluation, selectRuns, toEvaluationView } from './evaluation-repository.js';
import { runEvaluationJob, type RunPlan } from './evaluation-runner.js';
import { evaluationTargets, resolveTarget } from './evaluation-targets.js';
import type {
  EvaluationOptionsBody, EvaluationOptionsView, EvaluationRunDetail, EvaluationRunView, EvaluationSourceView, NewEvaluationBody,
} from './evaluation-types.js';

const MAX_LISTED_RUNS = 500;
const SLICE_SAMPLE = 200;
/** Meta the imports record per file: a different value on every task, never a slice. */
const PER_TASK_META = new Set(['meta.file_name', 'meta.media_id']);

/** A dotted task-data path: segments of anything but dots, none empty. */
function checkSliceBy(sliceBy: string | undefined): string | null {
  if (sliceBy === undefined || sliceBy === '') return null;
  if (sliceBy.length > 200 || sliceBy.split('.').some((s) => s.trim() === '')) throw badRequest('sliceBy: must be a dotted path into the task data, e.g. "region" or "meta.device"', 'sliceBy');
  return sliceBy;
}

interface Checked {
  project: ProjectRow;
  config: LabelConfig;
  target: ReturnType<typeof resolveTarget>['target'];
  kind: EvaluationKind;
}

function checkOptions(project: ProjectRow, body: EvaluationOptionsBody, fixed?: { fromName: string; kind: EvaluationKind }): Checked {
  const config = JSON.parse(project.label_config) as LabelConfig;
  if (fixed) {
    if (body.fromName !== undefined && body.fromName !== fixed.fromName) throw badRequest(`fromName: the model version predicts "${fixed.fromName}", not "${body.fromName}"`, 'fromName');
    if (body.kind !== undefined && body.kind !== fixed.kind) throw badRequest(`kind: the model version is a classifier; its evaluation is ${fixed.kind}`, 'kind');
  }
  const { target, kind } = resolveTarget(config, fixed?.fromName ?? body.fromName, fixed?.kind ?? body.kind);
  return { project, config, target, kind };
}

/** Records the run, starts its job and answers with its view. */
async function start(ctx: AppContext, actor: Actor, checked: Checked, body: EvaluationOptionsBody, source: EvaluationSourceView, predictions: PredictionPlan, file?: Upload): Promise<EvaluationRunView> {
  const { project, target, kind } = checked;
  const sliceBy = checkSliceBy(body.sliceBy);
  const minSupport = body.minSupport ?? 1;
  const iouType = kind === 'detection' || kind === 'segmentation' ? body.iouType ?? (kind === 'segmentation' ? 'segm' : 'bbox') : undefined;
  const nerMatch = kind === 'ner' ? body.nerMatch ?? 'exact' : undefined;
  const now = ctx.now();
  const name = body.name?.trim() || `${source.label} · ${body.reference}`;
  const row = await ctx.db.transaction(async (trx) => {
    const inserted = await trx
      .insertInto('evaluation_runs')
      .values({
        organization_id: project.organization_id, project_id: project.id, name, kind, reference: body.reference, from_name: target.fromName,
        source: JSON.stringify(source), params: JSON.stringify({ minSupport, ...(iouType ? { iouType } : {}), ...(nerMatch ? { nerMatch } : {}) }),
        slice_by: sliceBy, status: 'queued', job_id: null, error: null, headline: null, items: null, report_key: null, file_key: null, created_by: actor.id, created_at: now, finished_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, action: 'evaluation.create', objectType: 'evaluation_run', objectId: inserted.id, data: { kind, reference: body.reference, fromName: target.fromName, source } }, now);
    return inserted;
  });
  if (file) {
    const key = fileKey(project.id, row.id, file.fileName);
    await ctx.blobs.put(key, file.bytes, { contentType: 'application/octet-stream' });
    await ctx.db.kysely.updateTable('evaluation_runs').set({ file_key: key }).where('id', '=', row.id).execute();
  }
  const plan: RunPlan = { runId: row.id, projectId: project.id, kind, reference: body.reference, target, source, sliceBy, minSupport, ...(iouType ? { iouType } : {}), ...(nerMatch ? { nerMatch } : {}), predictions };
  const { id: jobId } = await startJob(ctx, { kind: 'evaluation', organizationId: project.organization_id, projectId: project.id, createdBy: actor.id, params: { evaluationId: row.id } }, (job) => runEvaluationJob(ctx, job, plan));
  await ctx.db.kysely.updateTable('evaluation_runs').set({ job_id: jobId }).where('id', '=', row.id).execute();
  return getEvaluationView(ctx, row.id);
}

async function getEvaluationView(ctx: AppContext, runId: number): Promise<EvaluationRunView> {
  return toEvaluationView(await selectRuns(ctx).where('e.id', '=', runId).executeTakeFirstOrThrow());
}

/** Starts an evaluation of a built-in model version or of stored predictions (managers); 202 with the run. */
export async function createEvaluation(ctx: AppContext, actor: Actor, projectId: number, body: NewEvaluationBody): Promise<EvaluationRunView> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  if (body.source.kind === 'model-version') {
    const versionId = body.source.modelVersionId;
    const version: ModelVersionRow | undefined = await ctx.db.kysely.selectFrom('model_versions').selectAll().where('id', '=', versionId).where('project_id', '=', project.id).executeTakeFirst();
    if (!version) throw badRequest(`source.modelVersionId: the project has no model version ${versionId}`, 'source.modelVersionId');
    const checked = checkOptions(project, body, { fromName: version.from_name, kind: 'classification' });
    const wrote = await ctx.db.kysely.selectFrom('predictions').select('id').where('project_id', '=', project.id).where('model_version', '=', version.name).limit(1).executeTakeFirst();
    if (!wrote && (version.status !== 'ready' || version.weights_key === null)) {
      throw new LaoshiError(409, 'LAOSHI_MODEL_NOT_READY', `model version ${version.name} is ${version.status} and wrote no predictions`, 'source.modelVersionId', { status: version.status });
    }
    const source: EvaluationSourceView = { kind: 'model-version', label: version.name, modelVersionId: version.id, modelVersion: version.name, fileName: null };
    return start(ctx, actor, checked, body, source, { kind: 'builtin', version });
  }
  const modelVersion = body.source.modelVersion;
  const checked = checkOptions(project, body);
  const any = await ctx.db.kysely.selectFrom('predictions').select('id').where('project_id', '=', project.id).where('model_version', '=', modelVersion).limit(1).executeTakeFirst();
  if (!any) throw badRequest(`source.modelVersion: the project has no predictions of model version "${modelVersion}"`, 'source.modelVersion');
  const source: EvaluationSourceView = { kind: 'predictions', label: modelVersion, modelVersionId: null, modelVersion, fileName: null };
  return start(ctx, actor, checked, body, source, { kind: 'stored', modelVersion });
}

/** Starts an evaluation of an uploaded prediction file (managers); the file is checked now (400 naming it) and kept. */
export async function createFileEvaluation(ctx: AppContext, actor: Actor, projectId: number, body: EvaluationOptionsBody, upload: Upload): Promise<EvaluationRunView> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const checked = checkOptions(project, body);
  const file = checkPredictionFile(upload, checked.config, checked.target, checked.kind);
  const source: EvaluationSourceView = { kind: 'file', label: upload.fileName, modelVersionId: null, modelVersion: null, fileName: upload.fileName };
  return start(ctx, actor, checked, body, source, { kind: 'file', file }, upload);
}

/** The project's runs, newest first (managers). */
export async function listEvaluations(ctx: AppContext, actor: Actor, projectId: number): Promise<{ items: EvaluationRunView[] }> {
  await scopeProject(ctx, actor, projectId, 'manager');
  const rows = await selectRuns(ctx).where('e.project_id', '=', projectId).orderBy('e.id', 'desc').limit(MAX_LISTED_RUNS).execute();
  return { items: rows.map(toEvaluationView) };
}

/** A run with its report (null until done) (managers). */
export async function getEvaluation(ctx: AppContext, actor: Actor, runId: number): Promise<EvaluationRunDetail> {
  const { run } = await scopeEvaluation(ctx, actor, runId, 'manager');
  return { ...toEvaluationView(run), report: await loadReport(ctx, run) };
}

/** A finished run's view and report; 409 while it runs or after it failed. */
export async function finishedEvaluation(ctx: AppContext, actor: Actor, runId: number, projectId?: number): Promise<EvaluationRunDetail & { report: NonNullable<EvaluationRunDetail['report']> }> {
  const { run } = await scopeEvaluation(ctx, actor, runId, 'manager');
  if (projectId !== undefined && run.project_id !== projectId) throw new LaoshiError(404, 'LAOSHI_EVALUATION_NOT_FOUND', `evaluation ${runId} not found in this project`, 'ids');
  const view = toEvaluationView(run);
  const report = view.status === 'done' ? await loadReport(ctx, run) : null;
  if (!report) throw new LaoshiError(409, 'LAOSHI_EVALUATION_NOT_READY', `evaluation ${runId} is ${view.status}${view.error ? `: ${view.error}` : ''}`, undefined, { status: view.status });
  return { ...view, report };
}

/** Deletes a run, its report and its file; a running job is cancelled first (managers). */
export async function deleteEvaluation(ctx: AppContext, actor: Actor, runId: number): Promise<void> {
  const { run, project } = await scopeEvaluation(ctx, actor, runId, 'manager');
  if (run.job_id !== null) await ctx.jobs.cancel(run.job_id);
  const now = ctx.now();
  await ctx.db.transaction(async (trx) => {
    await trx.deleteFrom('evaluation_runs').where('id', '=', runId).execute();
    await recordAudit(trx, { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, action: 'evaluation.delete', objectType: 'evaluation_run', objectId: runId, data: { name: run.name } }, now);
  });
  for (const key of [run.report_key, run.file_key]) if (key) await ctx.blobs.delete(key);
}

/** Scalar keys of an object as dotted paths, one level of nesting deep. */
function scalarPaths(value: Record<string, unknown>, prefix: string, out: Set<string>, depth = 0): void {
  for (const [key, v] of Object.entries(value)) {
    if (key.includes('.') || key === '') continue;
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out.add(`${prefix}${key}`);
    else if (depth === 0 && typeof v === 'object' && !Array.isArray(v)) scalarPaths(v as Record<string, unknown>, `${prefix}${key}.`, out, 1);
  }
}

/** What the "new evaluation" form offers: evaluable controls, prediction sources and slice fields (managers). */
export async function evaluationOptions(ctx: AppContext, actor: Actor, projectId: number): Promise<EvaluationOptionsView> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const targets = evaluationTargets(JSON.parse(project.label_config) as LabelConfig);
  const db = ctx.db.kysely;
  const versions = await db
    .selectFrom('predictions')
    .select((eb) => ['model_version', eb.fn.countAll<number>().as('n'), eb.fn.max('created_at').as('latest')])
    .where('project_id', '=', projectId)
    .groupBy('model_version')
    .orderBy('latest', 'desc')
    .limit(200)
    .execute();
  const builtins = await db.selectFrom('model_versions').select(['id', 'name', 'from_name']).where('project_id', '=', projectId).where('status', '=', 'ready').orderBy('number', 'desc').execute();
  const sample = await db.selectFrom('tasks').select(['data', 'meta']).where('project_id', '=', projectId).orderBy('id').limit(SLICE_SAMPLE).execute();
  // The keys the label config shows (the image, the text) are the data, not a slice of it.
  const shown = new Set(targets.map((t) => t.dataKey));
  const [fromData, fromMeta] = [new Set<string>(), new Set<string>()];
  for (const task of sample) {
    scalarPaths(JSON.parse(task.data) as Record<string, unknown>, '', fromData);
    scalarPaths(JSON.parse(task.meta) as Record<string, unknown>, 'meta.', fromMeta);
  }
  const sliceFields = [...[...fromData].filter((k) => !shown.has(k)).sort(), ...[...fromMeta].filter((k) => !fromData.has(k) && !PER_TASK_META.has(k)).sort()];
  return {
    controls: targets.map((t) => ({ fromName: t.fromName, type: t.type, kinds: t.kinds })),
    modelVersions: versions.map((v) => ({ modelVersion: v.model_version, predictions: Number(v.n) })),
    builtinVersions: builtins.map((b) => ({ id: b.id, name: b.name, fromName: b.from_name })),
    sliceFields,
  };
}
