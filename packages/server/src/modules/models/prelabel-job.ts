import type { LabelConfig } from '@laoshi/core';
import type { Actor, AppContext } from '../../context.js';
import type { ProjectRow } from '../../db/schema.js';
import { LaoshiError } from '../../errors.js';
import { startJob, type JobHandle } from '../../jobs/job-runner.js';
import { checkResult } from '../annotations/check-result.js';
import { recordAudit } from '../audit/audit-repository.js';
import { applyTaskFilter, type TaskFilter } from '../tasks/task-filter.js';
import { callOptions, lsProjectName, scopeBackend, setupBody, targetOf, type BackendRow } from './backend-repository.js';
import { recordBackendStatus } from './backend-service.js';
import { projectLabelConfigXml } from './label-config-xml.js';
import { backendPredict, backendSetup, type BackendPrediction, type PredictTask } from './ml-backend-client.js';
import { probabilitiesFromScore, writePredictions, type NewPrediction } from './prediction-writer.js';

export interface PrelabelRequest {
  filter?: TaskFilter;
  /** Tasks per /predict call. Default 10. */
  batchSize?: number;
}

export interface PrelabelOutcome {
  backendId: number;
  modelVersion: string;
  tasks: number;
  predicted: number;
  /** Tasks whose answer did not fit the label config (first reasons in `errors`). */
  skipped: number;
  /** Tasks of batches the backend failed on twice. */
  failed: number;
  errors: string[];
}

/** After this many failed batches in a row the backend is taken to be down and the job fails. */
const MAX_FAILED_BATCHES_IN_A_ROW = 3;

/** Starts a job that pre-labels the project's tasks (or a filtered subset) with a backend (managers). */
export async function startPrelabel(ctx: AppContext, actor: Actor, backendId: number, request: PrelabelRequest): Promise<{ jobId: number }> {
  const { backend, project } = await scopeBackend(ctx, actor, backendId, 'manager');
  const filter = request.filter ?? {};
  if (filter.ids !== undefined && filter.ids.split(',').length > 1000) throw new LaoshiError(400, 'LAOSHI_VALIDATION', 'filter.ids: at most 1000 ids', 'filter.ids');
  const batchSize = request.batchSize ?? 10;
  const now = ctx.now();
  await ctx.db.transaction((trx) =>
    recordAudit(trx, { organizationId: project.organization_id, projectId: project.id, actorId: actor.id, action: 'model_backend.prelabel', objectType: 'model_backend', objectId: backend.id, data: { filter } }, now),
  );
  const { id } = await startJob(ctx, { kind: 'prelabel', organizationId: project.organization_id, projectId: project.id, createdBy: actor.id, params: { backendId, filter, batchSize } }, (job) =>
    runPrelabel(ctx, job, backend, project, filter, batchSize),
  );
  return { jobId: id };
}

async function runPrelabel(ctx: AppContext, job: JobHandle, backend: BackendRow, project: ProjectRow, filter: TaskFilter, batchSize: number): Promise<PrelabelOutcome> {
  const db = ctx.db.kysely;
  const scoped = () => applyTaskFilter(db.selectFrom('tasks').where('tasks.project_id', '=', project.id), filter);
  const total = Number((await scoped().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  job.progress(0, total, 'asking the backend to set up');
  const target = targetOf(ctx, backend);
  const xml = projectLabelConfigXml(project);
  const config = JSON.parse(project.label_config) as LabelConfig;
  const options = callOptions(ctx, { signal: job.signal });
  let setupVersion: string | null;
  try {
    setupVersion = (await backendSetup(target, setupBody(ctx, backend, project, xml), options)).modelVersion;
  } catch (err) {
    if (err instanceof LaoshiError) await recordBackendStatus(ctx, backend.id, { error: err.message });
    throw err;
  }
  const fallbackVersion = setupVersion ?? backend.model_version ?? `backend-${backend.id}`;
  const outcome: PrelabelOutcome = { backendId: backend.id, modelVersion: fallbackVersion, tasks: total, predicted: 0, skipped: 0, failed: 0, errors: [] };
  const note = (text: string) => {
    if (outcome.errors.length < 20) outcome.errors.push(text);
  };
  let after = 0;
  let failedInARow = 0;
  let done = 0;
  for (;;) {
    if (job.signal.aborted) break;
    const rows = await scoped().select(['tasks.id', 'tasks.data', 'tasks.meta']).where('tasks.id', '>', after).orderBy('tasks.id').limit(batchSize).execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const tasks: PredictTask[] = rows.map((r) => ({ id: r.id, data: JSON.parse(r.data) as Record<string, unknown>, meta: JSON.parse(r.meta) as Record<string, unknown>, project: project.id }));
    const body = { tasks, label_config: xml, project: lsProjectName(project), params: { context: null } };
    let answers: BackendPrediction[] | null = null;
    let lastError: LaoshiError | null = null;
    // One retry: a backend busy with another batch may time out once.
    for (let attempt = 0; attempt < 2 && answers === null && !job.signal.aborted; attempt++) {
      try {
        answers = await backendPredict(target, body, options);
      } catch (err) {
        if (!(err instanceof LaoshiError)) throw err;
        lastError = err;
        if (err.statusCode === 400) break;
      }
    }
    if (job.signal.aborted) break;
    if (answers === null) {
      outcome.failed += rows.length;
      note(`tasks ${rows[0]!.id}–${after}: ${lastError?.message ?? 'failed'}`);
      if (lastError?.statusCode === 400 || ++failedInARow >= MAX_FAILED_BATCHES_IN_A_ROW) {
        await recordBackendStatus(ctx, backend.id, { error: lastError?.message ?? 'failed' });
        throw lastError ?? new LaoshiError(502, 'LAOSHI_MODEL_BACKEND_FAILED', 'the model backend failed');
      }
    } else {
      failedInARow = 0;
      const keep: NewPrediction[] = [];
      answers.forEach((answer, i) => {
        const taskId = rows[i]!.id;
        try {
          const result = checkResult(config, answer.result, `results[${i}].result`);
          const modelVersion = answer.modelVersion ?? fallbackVersion;
          outcome.modelVersion = modelVersion;
          keep.push({ taskId, result, score: answer.score, modelVersion, probabilities: probabilitiesFromScore(answer.score) });
        } catch (err) {
          if (!(err instanceof LaoshiError)) throw err;
          outcome.skipped++;
          note(`task ${taskId}: ${err.message}`);
        }
      });
      outcome.predicted += await writePredictions(ctx, project.id, keep, { sameVersion: true });
    }
    done += rows.length;
    job.progress(done, total, `${outcome.predicted} predicted`);
  }
  await recordBackendStatus(ctx, backend.id, outcome.failed > 0 ? { error: outcome.errors[outcome.errors.length - 1] ?? 'some batches failed' } : { modelVersion: setupVersion });
  return outcome;
}
