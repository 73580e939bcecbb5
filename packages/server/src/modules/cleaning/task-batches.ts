import type { AppContext } from '../../context.js';
import { LaoshiError } from '../../errors.js';
import type { Json } from './task-content.js';

export interface TaskBatchRow {
  id: number;
  data: Record<string, Json>;
}

/** Thrown when a cleaning job sees its cancel signal between two batches. */
export const cancelled = (what: string): LaoshiError => new LaoshiError(409, 'LAOSHI_JOB_FINISHED', `${what} was cancelled`);

/**
 * A project's tasks in id order, a batch at a time (keyset pagination on (project_id, id)), so a
 * million tasks cost the memory of one batch. Stops with 409 when `signal` aborts.
 */
export async function* taskBatches(ctx: AppContext, projectId: number, opts: { batchSize?: number; signal?: AbortSignal; what?: string } = {}): AsyncGenerator<TaskBatchRow[]> {
  const size = opts.batchSize ?? 500;
  let after = 0;
  for (;;) {
    if (opts.signal?.aborted) throw cancelled(opts.what ?? 'the job');
    const rows = await ctx.db.kysely
      .selectFrom('tasks')
      .select(['id', 'data'])
      .where('project_id', '=', projectId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(size)
      .execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    yield rows.map((r) => ({ id: r.id, data: JSON.parse(r.data) as Record<string, Json> }));
    if (rows.length < size) return;
  }
}

/** How many tasks the project has (the total of a job's progress). */
export async function countTasks(ctx: AppContext, projectId: number): Promise<number> {
  const row = await ctx.db.kysely.selectFrom('tasks').select((eb) => eb.fn.countAll<number | string>().as('n')).where('project_id', '=', projectId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Runs `fn` on `items` with at most `limit` at once, keeping their order in the answer. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
