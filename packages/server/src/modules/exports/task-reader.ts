import SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import { sql, type Compilable, type Kysely } from 'kysely';
import type { Db } from '../../db/database.js';
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

/** How many tasks an export with this filter reads (through `reader` when given). */
export async function countExportTasks(db: Kysely<Database>, projectId: number, filter: TaskFilter, reader?: RowReader): Promise<number> {
  const query = taskQuery(db, projectId, filter).select((eb) => eb.fn.countAll().as('n'));
  if (reader) return Number((await reader.rows(query))[0]?.[0] ?? 0);
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * `countExportTasks` on the export's own connection where there is one: counting a million tasks
 * walks their whole index, which would otherwise fill the server connection's page cache.
 */
export async function countTasksToExport(db: Db, projectId: number, filter: TaskFilter): Promise<number> {
  const reader = await openRowReader(db);
  try {
    return await countExportTasks(db.kysely, projectId, filter, reader);
  } finally {
    reader.close();
  }
}

// The columns each query reads, in this order (rows are read as arrays where the driver can).
const TASK_COLUMNS = ['tasks.id', 'tasks.data', 'tasks.meta', 'tasks.created_at', 'tasks.updated_at'] as const;
const ANNOTATION_COLUMNS = ['a.id', 'a.task_id', 'a.completed_by', 'u.email', 'a.result', 'a.version', 'a.lead_time', 'a.source', 'a.created_at', 'a.updated_at'] as const;
const PREDICTION_COLUMNS = ['id', 'task_id', 'result', 'score', 'model_version', 'created_at'] as const;

// WARNING: the annotation and prediction queries name the batch's task ids but not the project
// (the tasks were already chosen within it). With "project_id = ?" as well, SQLite (no statistics)
// prefers the project index and scans every annotation of the project for every batch.
function annotationQuery(db: Kysely<Database>) {
  return db.selectFrom('annotations as a').leftJoin('users as u', 'u.id', 'a.completed_by').select(ANNOTATION_COLUMNS).where('a.is_draft', '=', 0);
}

/** The tasks' ids as a range when they are dense (one index range scan), else as a list. */
function idsOf(ids: number[]): { first: number; last: number; dense: boolean } {
  const first = ids[0] ?? 0;
  const last = ids[ids.length - 1] ?? 0;
  return { first, last, dense: last - first + 1 <= ids.length * 2 };
}

/** Runs a query and gives its rows as arrays of the selected columns, in select order. */
export interface RowReader {
  rows(query: Compilable): Promise<unknown[][]> | unknown[][];
  close(): void;
}

/** Rows through Kysely (objects, turned into arrays). */
function kyselyRows(db: Kysely<Database>): RowReader {
  return {
    rows: async (query) => (await db.executeQuery(query.compile())).rows.map((row) => Object.values(row as object) as unknown[]),
    close: () => undefined,
  };
}

/**
 * Rows from a read-only connection of the export's own to the same SQLite file: statements
 * prepared once and read as arrays (`raw`), which costs half of what Kysely's row objects cost
 * (the database connection's objects are built by better-sqlite3 column by column), and the
 * export's reads never wait on the server's connection. Undefined for an in-memory database.
 */
async function sqliteRows(db: Db): Promise<RowReader | undefined> {
  const list = await sql<{ name: string; file: string }>`pragma database_list`.execute(db.kysely);
  const file = list.rows.find((r) => r.name === 'main')?.file;
  if (!file) return undefined;
  const conn = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  conn.pragma('busy_timeout = 5000');
  const statements = new Map<string, SqliteDatabase.Statement<unknown[], unknown[]>>();
  return {
    rows: (query) => {
      const compiled = query.compile();
      let statement = statements.get(compiled.sql);
      if (!statement) {
        statement = conn.prepare<unknown[], unknown[]>(compiled.sql).raw(true);
        statements.set(compiled.sql, statement);
      }
      return statement.all(compiled.parameters as unknown[]);
    },
    close: () => conn.close(),
  };
}

/**
 * Rows from a PostgreSQL connection held for the export, asked for as arrays (`rowMode`): the
 * driver then builds no object per row, and Kysely none either.
 */
async function pgRows(pool: pg.Pool): Promise<RowReader> {
  const client = await pool.connect();
  // A held client's errors (the server restarting, say) have no listener of the pool's: without
  // this one they would crash the process. The next read fails instead and the client is dropped.
  let broken: Error | undefined;
  const onError = (err: Error) => (broken = err);
  client.on('error', onError);
  let last: Promise<unknown> = Promise.resolve();
  return {
    rows: (query) => {
      if (broken) return Promise.reject(broken);
      const compiled = query.compile();
      const result = client.query<unknown[]>({ text: compiled.sql, values: compiled.parameters as unknown[], rowMode: 'array' }).then((r) => r.rows);
      last = result.catch(() => undefined);
      return result;
    },
    // Back to the pool once the last query (a prefetch the export no longer wants) has settled.
    close: () => {
      void last.then(() => {
        client.removeListener('error', onError);
        client.release(broken);
      });
    },
  };
}

/**
 * The fastest row reader for `db`: a raw SQLite connection of its own where there is a file, a
 * connection of its own asked for arrays on PostgreSQL, else Kysely. Close it when done.
 */
export async function openRowReader(db: Db): Promise<RowReader> {
  if (db.dialect === 'postgres' && db.pgPool) return pgRows(db.pgPool);
  return (db.dialect === 'sqlite' ? await sqliteRows(db) : undefined) ?? kyselyRows(db.kysely);
}

/**
 * Reads a project's tasks (narrowed by the data-manager filter) with their submitted annotations
 * and, when asked, predictions: `batchSize` tasks per query by keyset on the task id (with
 * `prefetch`, the next batch is fetched while the caller works on this one), so memory holds one
 * or two batches, whatever the project's size. Yields a batch at a time.
 *
 * WARNING: not a snapshot. Each batch is read as it is when its turn comes; a task edited during
 * the export is exported as it was when its batch was read (whole, never half old, half new).
 */
export async function* readExportBatches(db: Kysely<Database>, options: ReadTasksOptions, reader: RowReader = kyselyRows(db)): AsyncGenerator<ExportTask[], void, undefined> {
  const size = options.batchSize ?? 250;
  const fetch = async (after: number) => {
    const rows = await reader.rows(taskQuery(db, options.projectId, options.filter).select(TASK_COLUMNS).where('tasks.id', '>', after).orderBy('tasks.id').limit(size));
    return rows.length === 0 ? [] : attach(db, reader, rows, options);
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
      yield batch;
    } else {
      yield batch;
      pending = next();
    }
  }
}

/** `readExportBatches`, a task at a time. */
export async function* readExportTasks(db: Kysely<Database>, options: ReadTasksOptions): AsyncGenerator<ExportTask, void, undefined> {
  for await (const batch of readExportBatches(db, options)) yield* batch;
}

async function attach(db: Kysely<Database>, reader: RowReader, rows: unknown[][], options: ReadTasksOptions): Promise<ExportTask[]> {
  const tasks = rows.map((r) => new ExportTask(r[0] as number, r[1] as string, r[2] as string, r[3] as number, r[4] as number));
  const ids = tasks.map((t) => t.id);
  const { first, last, dense } = idsOf(ids);
  // Both sides are in task id order: walk them together instead of looking each row up.
  const byId = dense ? undefined : new Map(tasks.map((t) => [t.id, t]));
  const taskOf = (() => {
    let i = 0;
    return (taskId: number): ExportTask | undefined => {
      if (byId) return byId.get(taskId);
      while (i < tasks.length && tasks[i]!.id < taskId) i++;
      return tasks[i]?.id === taskId ? tasks[i] : undefined; // in the id range but left out by the filter
    };
  })();

  let aq = annotationQuery(db);
  aq = dense ? aq.where('a.task_id', '>=', first).where('a.task_id', '<=', last) : aq.where('a.task_id', 'in', ids);
  if (options.annotationFilter) aq = options.annotationFilter(aq);
  // By task only: ordering by id too costs SQLite a sort per batch; a task's few annotations are put in id order here.
  for (const a of await reader.rows(aq.orderBy('a.task_id'))) {
    const task = taskOf(a[1] as number);
    if (!task) continue;
    const source = a[7] as ExportAnnotation['source'];
    task.annotations.push(new ExportAnnotation(a[0] as number, a[2] as number | null, a[3] as string | null, a[4] as string, a[5] as number, a[6] as number | null, source, a[8] as number, a[9] as number));
  }
  for (const task of tasks) if (task.annotations.length > 1) task.annotations.sort((x, y) => x.id - y.id);
  if (options.latestOnly || options.latestFirst) {
    for (const task of tasks) {
      if (task.annotations.length < 2) continue;
      const latest = task.annotations.reduce((best, a) => (isLater(a, best) ? a : best));
      task.annotations = options.latestOnly ? [latest] : [latest, ...task.annotations.filter((a) => a !== latest)];
    }
  }

  if (options.withPredictions) {
    let pq = db.selectFrom('predictions').select(PREDICTION_COLUMNS);
    pq = dense ? pq.where('task_id', '>=', first).where('task_id', '<=', last) : pq.where('task_id', 'in', ids);
    const predictionsOf = byId ?? new Map(tasks.map((t) => [t.id, t]));
    for (const p of await reader.rows(pq.orderBy('task_id').orderBy('id'))) {
      const prediction: ExportPrediction = { id: p[0] as number, resultJson: p[2] as string, score: p[3] as number | null, modelVersion: p[4] as string, createdAt: p[5] as number };
      predictionsOf.get(p[1] as number)?.predictions.push(prediction);
    }
  }
  return tasks;
}
