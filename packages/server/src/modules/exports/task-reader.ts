import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { applyTaskFilter, type TaskFilter } from '../tasks/task-filter.js';
import { ExportAnnotation, ExportTask, isLater, type ExportPrediction } from './export-task.js';

export interface ReadTasksOptions {
  projectId: number;
  filter: TaskFilter;
  /** Keep only the latest annotation of each task. */
  latestOnly: boolean;
  /** Put the latest annotation first (formats that take one annotation per task read the first). */
  latestFirst: boolean;
  withPredictions: boolean;
  /** Annotation ids to keep (e.g. accepted ones), as a subquery filter; all submitted ones when absent. */
  annotationFilter?: AnnotationFilter;
  /** Tasks per query; default 250. */
  batchSize?: number;
  /** Fetch the next batch while this one is worked on (worth it when the database is across a network). */
  prefetch?: boolean;
  signal?: AbortSignal;
}

type AnnotationQuery = ReturnType<typeof annotationQuery>;
/** Narrows the annotations query (joined as `a`), e.g. to accepted annotations. */
export type AnnotationFilter = (query: AnnotationQuery) => AnnotationQuery;

function taskQuery(db: Kysely<Database>, projectId: number, filter: TaskFilter) {
  return applyTaskFilter(db.selectFrom('tasks').where('tasks.project_id', '=', projectId), filter);
}

/** How many tasks an export with this filter reads. */
export async function countExportTasks(db: Kysely<Database>, projectId: number, filter: TaskFilter): Promise<number> {
  const row = await taskQuery(db, projectId, filter).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

// WARNING: the annotation and prediction queries name the batch's task ids but not the project
// (the tasks were already chosen within it). With "project_id = ?" as well, SQLite (no statistics)
// prefers the project index and scans every annotation of the project for every batch.
function annotationQuery(db: Kysely<Database>) {
  return db
    .selectFrom('annotations as a')
    .leftJoin('users as u', 'u.id', 'a.completed_by')
    .select(['a.id', 'a.task_id', 'a.completed_by', 'u.email', 'a.result', 'a.version', 'a.lead_time', 'a.source', 'a.created_at', 'a.updated_at'])
    .where('a.is_draft', '=', 0);
}

/** The tasks' ids as a range when they are dense (one index range scan), else as a list. */
function idsOf(ids: number[]): { first: number; last: number; dense: boolean } {
  const first = ids[0] ?? 0;
  const last = ids[ids.length - 1] ?? 0;
  return { first, last, dense: last - first + 1 <= ids.length * 2 };
}

/**
 * Reads a project's tasks (narrowed by the data-manager filter) with their submitted annotations
 * and, when asked, predictions: `batchSize` tasks per query by keyset on the task id (with
 * `prefetch`, the next batch is fetched while the caller works on this one), so memory holds one
 * or two batches, whatever the project's size.
 *
 * WARNING: not a snapshot. Each batch is read as it is when its turn comes; a task edited during
 * the export is exported as it was when its batch was read (whole, never half old, half new).
 */
export async function* readExportTasks(db: Kysely<Database>, options: ReadTasksOptions): AsyncGenerator<ExportTask, void, undefined> {
  const size = options.batchSize ?? 250;
  const fetch = async (after: number) => {
    const rows = await taskQuery(db, options.projectId, options.filter)
      .select(['tasks.id', 'tasks.data', 'tasks.meta', 'tasks.created_at', 'tasks.updated_at'])
      .where('tasks.id', '>', after)
      .orderBy('tasks.id')
      .limit(size)
      .execute();
    return rows.length === 0 ? [] : attach(db, rows, options);
  };
  let pending = fetch(0);
  for (;;) {
    const batch = await pending;
    if (batch.length === 0) return;
    options.signal?.throwIfAborted();
    const last = batch[batch.length - 1]!.id;
    const next = () => (batch.length < size ? Promise.resolve([]) : fetch(last));
    if (options.prefetch) {
      pending = next();
      // A failed prefetch is reported when awaited; until then keep Node from calling it unhandled.
      pending.catch(() => undefined);
      yield* batch;
    } else {
      yield* batch;
      pending = next();
    }
  }
}

type TaskRowPart = { id: number; data: string; meta: string; created_at: number; updated_at: number };

async function attach(db: Kysely<Database>, rows: TaskRowPart[], options: ReadTasksOptions): Promise<ExportTask[]> {
  const tasks = rows.map((r) => new ExportTask(r.id, r.data, r.meta, r.created_at, r.updated_at));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const ids = tasks.map((t) => t.id);
  const { first, last, dense } = idsOf(ids);

  let aq = annotationQuery(db);
  aq = dense ? aq.where('a.task_id', '>=', first).where('a.task_id', '<=', last) : aq.where('a.task_id', 'in', ids);
  if (options.annotationFilter) aq = options.annotationFilter(aq);
  for (const a of await aq.orderBy('a.task_id').orderBy('a.id').execute()) {
    const task = byId.get(a.task_id);
    if (!task) continue; // in the id range but left out by the filter
    task.annotations.push(new ExportAnnotation(a.id, a.completed_by, a.email, a.result, a.version, a.lead_time, a.source, a.created_at, a.updated_at));
  }
  if (options.latestOnly || options.latestFirst) {
    for (const task of tasks) {
      if (task.annotations.length < 2) continue;
      const latest = task.annotations.reduce((best, a) => (isLater(a, best) ? a : best));
      task.annotations = options.latestOnly ? [latest] : [latest, ...task.annotations.filter((a) => a !== latest)];
    }
  }

  if (options.withPredictions) {
    let pq = db.selectFrom('predictions').select(['id', 'task_id', 'result', 'score', 'model_version', 'created_at']);
    pq = dense ? pq.where('task_id', '>=', first).where('task_id', '<=', last) : pq.where('task_id', 'in', ids);
    for (const p of await pq.orderBy('task_id').orderBy('id').execute()) {
      const prediction: ExportPrediction = { id: p.id, resultJson: p.result, score: p.score, modelVersion: p.model_version, createdAt: p.created_at };
      byId.get(p.task_id)?.predictions.push(prediction);
    }
  }
  return tasks;
}
