import type { Readable } from 'node:stream';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { DatasetVersionRow, DatasetVersionStatus, ProjectRole } from '../../db/schema.js';
import { LaoshiError, notFound } from '../../errors.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { recordAudit } from '../audit/audit-repository.js';
import type { ExportFormat } from './export-options.js';
import type { ExportCounts } from './export-stats.js';
import { compareManifests, type VersionComparison } from './version-compare.js';
import { readManifest } from './version-manifest.js';

// Dataset versions are immutable: once ready, the file, its checksum and its counts never change
// (there is no update route). A manager may delete one; that is audited.

export interface DatasetVersionView {
  id: number;
  projectId: number;
  status: DatasetVersionStatus;
  format: ExportFormat;
  filter: Record<string, unknown>;
  options: Record<string, unknown>;
  counts: ExportCounts | null;
  sha256: string | null;
  size: number | null;
  fileName: string;
  contentType: string;
  jobId: number | null;
  error: string | null;
  createdBy: number;
  createdAt: string;
  completedAt: string | null;
}

export function toVersionView(row: DatasetVersionRow): DatasetVersionView {
  return {
    id: row.id,
    projectId: row.project_id,
    status: row.status,
    format: row.format as ExportFormat,
    filter: JSON.parse(row.filter) as Record<string, unknown>,
    options: JSON.parse(row.options) as Record<string, unknown>,
    counts: row.counts === null ? null : (JSON.parse(row.counts) as ExportCounts),
    sha256: row.sha256,
    size: row.size,
    fileName: row.file_name,
    contentType: row.content_type,
    jobId: row.job_id,
    error: row.error,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    completedAt: row.completed_at === null ? null : new Date(row.completed_at).toISOString(),
  };
}

const missing = () => notFound('LAOSHI_DATASET_VERSION_NOT_FOUND', 'dataset version');

/** Loads a version the actor may act on with at least role `min` in its project; 404 for anyone outside it. */
export async function scopeVersion(ctx: AppContext, actor: Actor, versionId: number, min: ProjectRole): Promise<DatasetVersionRow> {
  const row = await ctx.db.kysely.selectFrom('dataset_versions').selectAll().where('id', '=', versionId).executeTakeFirst();
  if (!row) throw missing();
  try {
    await scopeProject(ctx, actor, row.project_id, min);
  } catch (err) {
    if (err instanceof LaoshiError && err.statusCode === 404) throw missing();
    throw err;
  }
  return row;
}

function ready(row: DatasetVersionRow): DatasetVersionRow & { sha256: string; size: number; counts: string } {
  if (row.status !== 'ready' || row.sha256 === null || row.size === null || row.counts === null) {
    const why = row.status === 'failed' ? `failed: ${row.error ?? 'unknown error'}` : 'is still being written';
    throw new LaoshiError(409, 'LAOSHI_DATASET_VERSION_NOT_READY', `dataset version ${row.id} ${why}`, undefined, { status: row.status });
  }
  return row as DatasetVersionRow & { sha256: string; size: number; counts: string };
}

/**
 * Marks failed the versions whose export job can no longer finish them (it failed or was
 * cancelled without reaching the version, e.g. a crash, after which the job runner fails its
 * jobs at start-up). Returns how many.
 */
export async function failOrphanedVersions(ctx: AppContext): Promise<number> {
  const res = await ctx.db.kysely
    .updateTable('dataset_versions')
    .set({ status: 'failed', error: 'the export was interrupted (the server stopped); export again', completed_at: ctx.now() })
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('job_id', 'is', null), eb('job_id', 'in', eb.selectFrom('jobs').select('jobs.id').where('jobs.status', 'in', ['failed', 'cancelled']))]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** A project's dataset versions, newest first (reviewers and managers). */
export async function listVersions(ctx: AppContext, actor: Actor, projectId: number, limit: number, cursor?: string) {
  await scopeProject(ctx, actor, projectId, 'reviewer');
  const before = decodeCursor(cursor);
  const rows = await ctx.db.kysely
    .selectFrom('dataset_versions')
    .selectAll()
    .where('project_id', '=', projectId)
    .$if(before > 0, (q) => q.where('id', '<', before))
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, toVersionView);
}

export async function getVersion(ctx: AppContext, actor: Actor, versionId: number): Promise<DatasetVersionView> {
  return toVersionView(await scopeVersion(ctx, actor, versionId, 'reviewer'));
}

/** The stored file of a ready version, with what the response headers need. */
export async function openVersionFile(ctx: AppContext, actor: Actor, versionId: number): Promise<{ body: Readable; row: DatasetVersionRow & { sha256: string; size: number } }> {
  const row = ready(await scopeVersion(ctx, actor, versionId, 'reviewer'));
  return { body: await ctx.blobs.get(row.blob_key), row };
}

/** Deletes a finished version and its files (managers); audited. A running one is 409: cancel its job first. */
export async function deleteVersion(ctx: AppContext, actor: Actor, versionId: number): Promise<void> {
  const row = await scopeVersion(ctx, actor, versionId, 'manager');
  if (row.status === 'running') {
    throw new LaoshiError(409, 'LAOSHI_DATASET_VERSION_NOT_READY', `dataset version ${versionId} is still being written; cancel job ${row.job_id ?? '?'} first`, undefined, { status: row.status });
  }
  const now = ctx.now();
  await ctx.db.transaction(async (trx) => {
    await trx.deleteFrom('dataset_versions').where('id', '=', versionId).execute();
    await recordAudit(trx, { organizationId: row.organization_id, projectId: row.project_id, actorId: actor.id, action: 'dataset_version.delete', objectType: 'dataset_version', objectId: versionId, data: { format: row.format, sha256: row.sha256 } }, now);
  });
  // After the row: a crash in between leaves an orphan file, never a version without its file.
  await Promise.all([ctx.blobs.delete(row.blob_key), ctx.blobs.delete(row.manifest_key)]);
}

/** Tasks and labels added, removed and changed from `baseId` to `otherId`, read from their manifests. */
export async function compareVersions(ctx: AppContext, actor: Actor, baseId: number, otherId: number): Promise<VersionComparison & { base: Side; other: Side }> {
  const base = ready(await scopeVersion(ctx, actor, baseId, 'reviewer'));
  const other = ready(await scopeVersion(ctx, actor, otherId, 'reviewer'));
  const diff = await compareManifests(readManifest(ctx.blobs, base.manifest_key), readManifest(ctx.blobs, other.manifest_key));
  return { base: side(base), other: side(other), ...diff };
}

interface Side {
  id: number;
  createdAt: string;
  counts: ExportCounts;
}

const side = (row: DatasetVersionRow & { counts: string }): Side => ({ id: row.id, createdAt: new Date(row.created_at).toISOString(), counts: JSON.parse(row.counts) as ExportCounts });
