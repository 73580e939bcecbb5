import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Dialect } from '../../db/database.js';
import type { Database, QueueOrder, TaskRow } from '../../db/schema.js';

// The active-learning order of a project's open tasks. Uncertainty orders read each task's latest
// model probabilities (task_uncertainty, filled when predictions are written): the most uncertain
// open task first, by the indexed score column, then tasks no model has scored yet, in id order.
// The random order is a hash of the task id and the project's seed, computed in SQL the same way
// on both dialects, so it stays put as tasks come and go.

export const QUEUE_ORDERS: readonly QueueOrder[] = ['sequential', 'random', 'least-confidence', 'margin', 'entropy'];

const SCORE_COLUMN = { 'least-confidence': 'least_confidence', margin: 'margin', entropy: 'entropy' } as const;
type UncertaintyOrder = keyof typeof SCORE_COLUMN;

const isUncertainty = (order: QueueOrder): order is UncertaintyOrder => Object.hasOwn(SCORE_COLUMN, order);

const MODULUS = 2_147_483_647; // 2^31 − 1, prime; every product below stays under 2^63.

/** The task's place in the random order, an integer in [0, 2^31 − 1): two rounds of squaring modulo a prime. */
function randomKey(seed: number): RawBuilder<number> {
  const base = sql`((cast(t.id as bigint) * 1103515245 + ${seed} + 12345) % ${sql.lit(MODULUS)})`;
  const once = sql`((${base} * ${base}) % ${sql.lit(MODULUS)})`;
  return sql<number>`(((${once} + 40503) * (${once} + 40503)) % ${sql.lit(MODULUS)})`;
}

export interface RankedTask {
  task: TaskRow;
  /** Uncertainty under the order (higher first), the random draw in [0, 1), or null (sequential, or not yet scored). */
  score: number | null;
  modelVersion: string | null;
  labels: string[] | null;
  probabilities: number[] | null;
}

export interface RankOptions {
  order: QueueOrder;
  seed: number;
  limit: number;
  /** Leave out tasks this user has annotated (the queue); omit for the project's order. */
  userId?: number;
  /** Lock the chosen rows (PostgreSQL, inside the queue's transaction). */
  lock?: boolean;
  /** Leave out this task (the one on the caller's screen, when the client prefetches). */
  excludeTaskId?: number;
}

/** Tasks the queue may hand this user: not annotated or skipped by them, and not the one on their screen (prefetch). */
function eligibleFor(userId: number | undefined, excludeTaskId = 0) {
  if (userId === undefined) return sql<boolean>`t.id <> ${excludeTaskId}`;
  return sql<boolean>`t.id <> ${excludeTaskId}
    and not exists (select 1 from annotations a where a.task_id = t.id and a.completed_by = ${userId})
    and not exists (select 1 from task_skips s where s.task_id = t.id and s.user_id = ${userId})`;
}

/**
 * The project's open tasks in its queue order, first `limit` of them. The queue's next task is
 * `rankedOpenTasks(trx, dialect, projectId, { ...order, limit: 1, userId, lock: true })[0]`.
 */
export async function rankedOpenTasks(db: Kysely<Database>, dialect: Dialect, projectId: number, options: RankOptions): Promise<RankedTask[]> {
  const lock = options.lock === true && dialect === 'postgres';
  const open = db.selectFrom('tasks as t').selectAll('t').where('t.project_id', '=', projectId).where('t.is_open', '=', 1).where(eligibleFor(options.userId, options.excludeTaskId));
  const plain = (task: TaskRow, score: number | null = null): RankedTask => ({ task, score, modelVersion: null, labels: null, probabilities: null });

  if (options.order === 'random') {
    const key = randomKey(options.seed);
    const rows = await open.select(key.as('random_key')).orderBy(key).orderBy('t.id').limit(options.limit).$if(lock, (q) => q.forNoKeyUpdate().skipLocked()).execute();
    return rows.map(({ random_key, ...task }) => plain(task, Number(random_key) / MODULUS));
  }
  if (!isUncertainty(options.order)) {
    const rows = await open.orderBy('t.id').limit(options.limit).$if(lock, (q) => q.forNoKeyUpdate().skipLocked()).execute();
    return rows.map((task) => plain(task));
  }
  const column = SCORE_COLUMN[options.order];
  const scored = await db
    .selectFrom('task_uncertainty as u')
    .innerJoin('tasks as t', 't.id', 'u.task_id')
    .selectAll('t')
    .select(['u.model_version as u_model_version', 'u.labels as u_labels', 'u.probabilities as u_probabilities', `u.${column} as u_score`])
    .where('u.project_id', '=', projectId)
    .where('t.is_open', '=', 1)
    .where(eligibleFor(options.userId, options.excludeTaskId))
    .orderBy(`u.${column}`, 'desc')
    .orderBy('u.task_id')
    .limit(options.limit)
    .$if(lock, (q) => q.forNoKeyUpdate('t').skipLocked())
    .execute();
  const ranked = scored.map(({ u_model_version, u_labels, u_probabilities, u_score, ...task }): RankedTask => ({
    task, score: Number(u_score), modelVersion: u_model_version, labels: JSON.parse(u_labels) as string[], probabilities: JSON.parse(u_probabilities) as number[],
  }));
  if (ranked.length >= options.limit) return ranked;
  const unscored = await open
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('task_uncertainty as v').select('v.task_id').whereRef('v.task_id', '=', 't.id'))))
    .orderBy('t.id')
    .limit(options.limit - ranked.length)
    .$if(lock, (q) => q.forNoKeyUpdate().skipLocked())
    .execute();
  return [...ranked, ...unscored.map((task) => plain(task))];
}

/** The ids of the project's open tasks in its queue order (see rankedOpenTasks). */
export async function rankedOpenTaskIds(db: Kysely<Database>, dialect: Dialect, projectId: number, options: RankOptions): Promise<number[]> {
  return (await rankedOpenTasks(db, dialect, projectId, options)).map((r) => r.task.id);
}
