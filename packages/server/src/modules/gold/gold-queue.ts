import { sql, type Kysely } from 'kysely';
import { preparedQuery } from '../../db/prepared-query.js';
import type { Database, TaskRow } from '../../db/schema.js';

/**
 * A gold task of the project the annotator has neither annotated nor holds a lock on, or
 * undefined. Gold tasks are usually full (their slots taken), so this ignores is_open: a gold
 * hand-out is an extra annotation, scored against gold on submit.
 */
export async function goldTaskFor(trx: Kysely<Database>, projectId: number, userId: number): Promise<TaskRow | undefined> {
  return (await goldTaskQuery(trx, projectId, userId)).rows[0];
}

const goldTaskQuery = preparedQuery((db, _dialect, projectId: number, userId: number) => {
  const query = sql<TaskRow>`
    select t.* from gold_tasks g join tasks t on t.id = g.task_id
    where g.project_id = ${projectId}
      and not exists (select 1 from annotations a where a.task_id = g.task_id and a.completed_by = ${userId})
      and not exists (select 1 from task_locks l where l.task_id = g.task_id and l.user_id = ${userId})
    order by g.task_id
    limit 1`;
  return { compile: () => query.compile(db) };
});
