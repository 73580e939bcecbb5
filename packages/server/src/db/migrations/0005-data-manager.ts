import type { Kysely } from 'kysely';

/**
 * Indexes for the data manager's sorted, cursor-paginated task list (stays fast at a million tasks),
 * and skips: an annotator who skips a task (with a reason) is not handed it again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('tasks_count_sort_idx').on('tasks').columns(['project_id', 'annotation_count', 'id']).execute();
  await db.schema.createIndex('tasks_updated_sort_idx').on('tasks').columns(['project_id', 'updated_at', 'id']).execute();
  await db.schema
    .createTable('task_skips')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_skips_pk', ['task_id', 'user_id'])
    .execute();
  await db.schema.alterTable('projects').addColumn('listener_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('projects').addColumn('queue_order', 'text', (c) => c.notNull().defaultTo('sequential')).execute();
  await db.schema.createIndex('task_skips_project_idx').on('task_skips').columns(['project_id', 'created_at']).execute();
}
