import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * Recounts a project's gold tasks into projects.gold_count; call it in the transaction that
 * marks, unmarks or deletes gold (deleting a task or an annotation cascades to its gold row).
 */
export async function refreshGoldCount(trx: Kysely<Database>, projectId: number): Promise<void> {
  await trx
    .updateTable('projects')
    .set((eb) => ({ gold_count: eb.selectFrom('gold_tasks').select(eb.fn.countAll<number>().as('n')).where('gold_tasks.project_id', '=', projectId) }))
    .where('id', '=', projectId)
    .execute();
}
