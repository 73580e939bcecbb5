import type { EvaluationRunReport } from '@laoshi/core';
import type { Selectable } from 'kysely';
import type { Actor, AppContext } from '../../context.js';
import type { EvaluationRunsTable, JobStatus, ProjectRole, ProjectRow } from '../../db/schema.js';
import { scopeProjectObject } from '../models/model-access.js';
import type { EvaluationRunView, EvaluationSourceView, EvaluationStatus } from './evaluation-types.js';

export type EvaluationRunRow = Selectable<EvaluationRunsTable>;
type RunWithJob = EvaluationRunRow & { job_status: JobStatus | null; job_error: string | null };

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * The run as the API shows it. A run whose job ended without it finishing (a restart, a cancel)
 * shows as failed with the job's reason, so no run stays "running" forever.
 */
export function toEvaluationView(row: RunWithJob): EvaluationRunView {
  let status: EvaluationStatus = row.status;
  let error = row.error;
  if ((status === 'queued' || status === 'running') && (row.job_status === 'failed' || row.job_status === 'cancelled' || row.job_status === 'succeeded')) {
    status = 'failed';
    error = row.job_error ?? (row.job_status === 'cancelled' ? 'cancelled' : 'the evaluation stopped before it finished');
  } else if (status === 'queued' && row.job_status === 'running') status = 'running';
  return {
    id: row.id, projectId: row.project_id, name: row.name, kind: row.kind, reference: row.reference, fromName: row.from_name,
    source: JSON.parse(row.source) as EvaluationSourceView, sliceBy: row.slice_by, status, jobId: row.job_id, error,
    warnings: JSON.parse(row.warnings) as string[], headline: row.headline === null ? null : (JSON.parse(row.headline) as EvaluationRunView['headline']),
    items: row.items, createdAt: new Date(row.created_at).toISOString(), createdBy: row.created_by, finishedAt: iso(row.finished_at),
  };
}

/** The query of runs with their job's state. */
export function selectRuns(ctx: AppContext) {
  return ctx.db.kysely
    .selectFrom('evaluation_runs as e')
    .leftJoin('jobs as j', 'j.id', 'e.job_id')
    .selectAll('e')
    .select(['j.status as job_status', 'j.error as job_error']);
}

/** Loads a run the caller may act on with role `min` in its project (404 otherwise, never revealing it exists). */
export async function scopeEvaluation(ctx: AppContext, actor: Actor, runId: number, min: ProjectRole): Promise<{ run: RunWithJob; project: ProjectRow }> {
  const run = await selectRuns(ctx).where('e.id', '=', runId).executeTakeFirst();
  const { project } = await scopeProjectObject(ctx, actor, run?.project_id, min, 'LAOSHI_EVALUATION_NOT_FOUND', 'evaluation');
  return { run: run!, project };
}

export const reportKey = (projectId: number, runId: number): string => `evaluations/${projectId}/${runId}/report.json`;

/** The blob key of an uploaded file: its extension kept (it decides JSON Lines), the name itself not. */
export function fileKey(projectId: number, runId: number, fileName: string): string {
  const ext = /\.(jsonl|ndjson|json)$/i.exec(fileName)?.[1]?.toLowerCase() ?? 'json';
  return `evaluations/${projectId}/${runId}/predictions.${ext}`;
}

/** The stored report of a finished run, or null. */
export async function loadReport(ctx: AppContext, run: Pick<EvaluationRunRow, 'report_key'>): Promise<EvaluationRunReport | null> {
  if (run.report_key === null) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of await ctx.blobs.get(run.report_key)) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as EvaluationRunReport;
}
