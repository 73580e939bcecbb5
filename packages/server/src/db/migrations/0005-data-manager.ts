import type { Kysely } from 'kysely';

/** Indexes for the data manager's sorted, cursor-paginated task list (stays fast at a million tasks). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('tasks_count_sort_idx').on('tasks').columns(['project_id', 'annotation_count', 'id']).execute();
  await db.schema.createIndex('tasks_updated_sort_idx').on('tasks').columns(['project_id', 'updated_at', 'id']).execute();
}
