import { emitProjectEvent } from '../webhooks/emit-project-event.js';
import { Readable } from 'node:stream';
import type { LabelConfig } from '@laoshi/core';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { ProjectRow } from '../../db/schema.js';
import { LaoshiError, badRequest } from '../../errors.js';
import { startJob } from '../../jobs/job-runner.js';
import { recordAudit } from '../audit/audit-repository.js';
import type { TaskFilter } from '../tasks/task-filter.js';
import { FORMATS, type ExportFormat, type ExportOptions, type ExportProject } from './export-options.js';
import type { CreateExportInput } from './export-schemas.js';
import { prepareExport } from './run-export.js';
import { countTasksToExport } from './task-reader.js';
import { ManifestWriter } from './version-manifest.js';

/** The direct download (`GET /api/projects/:id/export`) serves at most this many tasks; larger exports run as jobs. */
export const MAX_DIRECT_EXPORT_TASKS = 20_000;

type OptionInput = Omit<CreateExportInput, 'filter'>;

/** Options with their defaults; 400 naming the option that does not fit the format. */
export function exportOptions(input: OptionInput, filter: TaskFilter): ExportOptions {
  const format = input.format as ExportFormat;
  if (input.withMedia && !FORMATS[format].media) throw badRequest('withMedia: only the yolo and voc archives can carry media files', 'withMedia');
  if (input.parquetRows !== undefined && format !== 'parquet') throw badRequest('parquetRows: only the parquet format has rows', 'parquetRows');
  if (filter.ids !== undefined && filter.ids.split(',').length > 1000) throw badRequest('filter.ids: at most 1000 ids', 'filter.ids');
  return {
    format,
    onlyAccepted: input.onlyAccepted ?? false,
    latestPerTask: input.latestPerTask ?? false,
    withMedia: input.withMedia ?? false,
    maskPii: input.maskPii ?? false,
    parquetRows: input.parquetRows ?? 'region',
    filter,
  };
}

export function exportProject(project: ProjectRow): ExportProject {
  return { id: project.id, title: project.title, labelConfig: JSON.parse(project.label_config) as LabelConfig };
}

/** `project-3-v12.coco.json`: the download's name (and the last segment of its blob key). */
export function exportFileName(projectId: number, format: ExportFormat, versionId?: number): string {
  return `project-${projectId}${versionId === undefined ? '' : `-v${versionId}`}${FORMATS[format].extension}`;
}

/**
 * Starts an export job that writes a new dataset version (managers). The version exists at once
 * with status `running`; the job fills in its file, checksum and counts, or marks it failed.
 */
export async function createExport(ctx: AppContext, actor: Actor, projectId: number, input: CreateExportInput): Promise<{ jobId: number; datasetVersionId: number }> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const options = exportOptions(input, input.filter ?? {});
  const now = ctx.now();
  const info = FORMATS[options.format];
  const { filter, ...rest } = options;
  const versionId = await ctx.db.transaction(async (trx) => {
    const row = await trx
      .insertInto('dataset_versions')
      .values({
        organization_id: project.organization_id, project_id: projectId, job_id: null, status: 'running', format: options.format, filter: JSON.stringify(filter),
        options: JSON.stringify(rest), counts: null, file_name: '', content_type: info.contentType, blob_key: '', manifest_key: '', size: null, sha256: null, error: null,
        created_by: actor.id, created_at: now, completed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const fileName = exportFileName(projectId, options.format, row.id);
    const dir = `projects/${projectId}/dataset-versions/${row.id}`;
    await trx.updateTable('dataset_versions').set({ file_name: fileName, blob_key: `${dir}/${fileName}`, manifest_key: `${dir}/manifest.jsonl.gz` }).where('id', '=', row.id).execute();
    await recordAudit(trx, { organizationId: project.organization_id, projectId, actorId: actor.id, action: 'dataset_version.create', objectType: 'dataset_version', objectId: row.id, data: { format: options.format } }, now);
    return row.id;
  });
  const job = await startJob(ctx, { kind: 'export', organizationId: project.organization_id, projectId, createdBy: actor.id, params: { datasetVersionId: versionId, ...options } }, (handle) =>
    writeVersion(ctx, versionId, exportProject(project), options, now, handle),
  );
  await ctx.db.kysely.updateTable('dataset_versions').set({ job_id: job.id }).where('id', '=', versionId).execute();
  return { jobId: job.id, datasetVersionId: versionId };
}

interface JobLike {
  progress(done: number, total?: number | null, message?: string): void;
  signal: AbortSignal;
}

/** The export job's work: the file and its manifest into the blob store, then the version marked ready (or failed). */
export async function writeVersion(ctx: AppContext, versionId: number, project: ExportProject, options: ExportOptions, exportedAt: number, job: JobLike) {
  const version = await ctx.db.kysely.selectFrom('dataset_versions').select(['blob_key', 'manifest_key', 'content_type']).where('id', '=', versionId).executeTakeFirstOrThrow();
  const total = await countTasksToExport(ctx.db, project.id, options.filter);
  job.progress(0, total, `exporting ${total} tasks as ${options.format}`);
  const manifest = new ManifestWriter(ctx.blobs, version.manifest_key);
  // The blob store hashes what it stores: its checksum is the one of the bytes kept.
  const run = prepareExport(ctx, project, options, exportedAt, { manifest, signal: job.signal, progress: (done) => job.progress(done, total), checksum: false });
  try {
    const stored = await ctx.blobs.put(version.blob_key, Readable.from(run.body, { objectMode: false }), { contentType: version.content_type });
    await manifest.close();
    const out = { ...run.result(), ...stored };
    await ctx.db.kysely
      .updateTable('dataset_versions')
      .set({ status: 'ready', size: out.size, sha256: out.sha256, counts: JSON.stringify(out.counts), completed_at: ctx.now() })
      .where('id', '=', versionId)
      .execute();
    void emitProjectEvent(ctx, project.id, 'export.ready', { datasetVersionId: versionId, format: options.format, size: out.size, sha256: out.sha256, counts: out.counts });
    return { datasetVersionId: versionId, size: out.size, sha256: out.sha256, counts: out.counts };
  } catch (err) {
    await manifest.abort();
    await Promise.all([ctx.blobs.delete(version.blob_key), ctx.blobs.delete(version.manifest_key)]).catch(() => undefined);
    const message = job.signal.aborted ? 'the export was cancelled' : err instanceof LaoshiError || (err instanceof Error && err.name === 'FormatError') ? err.message : 'the export failed; see the server log';
    await ctx.db.kysely.updateTable('dataset_versions').set({ status: 'failed', error: message, completed_at: ctx.now() }).where('id', '=', versionId).execute();
    throw err;
  }
}

/**
 * A small export streamed straight to the caller, no version kept (managers). More than
 * MAX_DIRECT_EXPORT_TASKS tasks is 422 LAOSHI_EXPORT_TOO_LARGE: run those as a job.
 */
export async function directExport(ctx: AppContext, actor: Actor, projectId: number, input: OptionInput, filter: TaskFilter) {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const options = exportOptions(input, filter);
  const total = await countTasksToExport(ctx.db, projectId, filter);
  if (total > MAX_DIRECT_EXPORT_TASKS) {
    throw new LaoshiError(422, 'LAOSHI_EXPORT_TOO_LARGE', `${total} tasks are more than the ${MAX_DIRECT_EXPORT_TASKS} a direct export serves; create a dataset version with POST /api/projects/${projectId}/exports`, undefined, { tasks: total });
  }
  const run = prepareExport(ctx, exportProject(project), options, ctx.now());
  return { body: Readable.from(run.body, { objectMode: false }), fileName: exportFileName(projectId, options.format), contentType: FORMATS[options.format].contentType };
}

/**
 * An export for a local caller who may read everything (the CLI): no actor, no version kept.
 * `progress` gets tasks written so far and the total.
 */
export async function localExport(ctx: AppContext, projectId: number, input: OptionInput & { filter?: TaskFilter }, progress?: (done: number, total: number) => void) {
  const project = await ctx.db.kysely.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirst();
  if (!project) throw new LaoshiError(404, 'LAOSHI_PROJECT_NOT_FOUND', `project ${projectId} not found`);
  const options = exportOptions(input, input.filter ?? {});
  const total = await countTasksToExport(ctx.db, projectId, options.filter);
  const run = prepareExport(ctx, exportProject(project), options, ctx.now(), { progress: (done) => progress?.(done, total) });
  return { ...run, total, fileName: exportFileName(projectId, options.format) };
}
