import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

// WARNING: every write that adds, removes, switches on or off a webhook or a model backend calls
// this in its transaction. The annotation hot path reads projects.listener_count (already loaded with
// the project) and skips the event machinery entirely when it is 0, so a stale count would silence
// webhooks: keep the two in one place.

/** Recounts the project's active webhooks and model backends into projects.listener_count. */
export async function refreshListenerCount(trx: Kysely<Database>, projectId: number): Promise<void> {
  await trx
    .updateTable('projects')
    .set({
      listener_count: sql<number>`(select count(*) from webhooks w where w.project_id = ${projectId} and w.active = 1) + (select count(*) from model_backends b where b.project_id = ${projectId})`,
    })
    .where('id', '=', projectId)
    .execute();
}
