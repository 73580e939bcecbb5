import { scopeProject } from '../access/scope.js';
import type { Actor, AppContext } from '../context.js';
import type { JobRow, JobStatus } from '../db/schema.js';
import { LaoshiError, forbidden, notFound } from '../errors.js';
import { decodeCursor, toPage } from '../http/pagination.js';
import { FINISHED } from './job-runner.js';

export interface JobView {
  id: number;
  projectId: number | null;
  kind: string;
  status: JobStatus;
  progress: { done: number; total: number | null };
  message: string | null;
  params: unknown;
  result: unknown;
  error: string | null;
  createdBy: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function toJobView(row: JobRow): JobView {
  return {
    id: row.id,
    projectId: row.project_id,
    kind: row.kind,
    status: row.status,
    progress: { done: row.progress_done, total: row.progress_total },
    message: row.message,
    params: JSON.parse(row.params) as unknown,
    result: row.result === null ? null : (JSON.parse(row.result) as unknown),
    error: row.error,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

/**
 * Loads a job the actor may see: a project's job needs membership of the project (`min` role);
 * a job outside any project is its creator's and the organization admins'. Otherwise 404.
 */
export async function scopeJob(ctx: AppContext, actor: Actor, jobId: number, min: 'annotator' | 'manager'): Promise<JobRow> {
  const row = await ctx.jobs.get(jobId);
  const missing = () => notFound('LAOSHI_JOB_NOT_FOUND', 'job');
  if (!row || row.organization_id !== actor.organizationId) throw missing();
  if (row.project_id === null) {
    if (row.created_by !== actor.id && actor.orgRole !== 'admin') throw missing();
    return row;
  }
  try {
    await scopeProject(ctx, actor, row.project_id, min);
  } catch (err) {
    if (err instanceof LaoshiError && err.statusCode === 404) throw missing();
    throw err;
  }
  return row;
}

/** A page of a project's jobs, newest first (members of the project). */
export async function listProjectJobs(ctx: AppContext, actor: Actor, projectId: number, limit: number, cursor?: string) {
  await scopeProject(ctx, actor, projectId, 'annotator');
  const before = decodeCursor(cursor);
  const rows = await ctx.db.kysely
    .selectFrom('jobs')
    .selectAll()
    .where('project_id', '=', projectId)
    .$if(before > 0, (q) => q.where('id', '<', before))
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, toJobView);
}

/** Cancels a job (project managers; the creator or an admin for a job outside projects). */
export async function cancelJob(ctx: AppContext, actor: Actor, jobId: number): Promise<JobView> {
  const row = await scopeJob(ctx, actor, jobId, 'manager');
  if (row.project_id === null && row.created_by !== actor.id && actor.orgRole !== 'admin') throw forbidden();
  if (FINISHED.includes(row.status)) throw new LaoshiError(409, 'LAOSHI_JOB_FINISHED', `job ${jobId} has already ${row.status === 'cancelled' ? 'been cancelled' : row.status}`, undefined, { status: row.status });
  await ctx.jobs.cancel(jobId);
  const after = await ctx.jobs.get(jobId);
  return toJobView(after ?? row);
}
