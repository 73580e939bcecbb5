import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Dialect } from '../database.js';

// WARNING: a migration that has shipped is never edited; add a new file instead.

/**
 * Cleaning and source storage: the duplicate groups the last scan of a project found (members
 * vanish with their tasks), and S3-compatible buckets synced as task sources, with the objects
 * each sync has seen so that a re-sync imports only new ones.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const s = db.schema;
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  const idCol = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());

  await s.createTable('duplicate_groups')
    .addColumn('id', id, idCol)
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('job_id', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('similarity', 'real', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('duplicate_groups_project_idx').on('duplicate_groups').columns(['project_id', 'id']).execute();

  await s.createTable('duplicate_group_tasks')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('duplicate_groups.id').onDelete('cascade'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('duplicate_group_tasks_pk', ['group_id', 'task_id'])
    .execute();
  // Deleting a task cascades here: without this index every deleted task would scan the table.
  await s.createIndex('duplicate_group_tasks_task_idx').on('duplicate_group_tasks').column('task_id').execute();

  await s.createTable('source_storages')
    .addColumn('id', id, idCol)
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('endpoint', 'text')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('force_path_style', 'integer', (c) => c.notNull().defaultTo(0))
    // Sealed with the instance secret (modules/models/secret-box.ts); null when unset.
    .addColumn('access_key_id', 'text')
    .addColumn('secret_access_key', 'text')
    .addColumn('last_sync_job_id', 'integer')
    .addColumn('last_synced_at', 'bigint')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('source_storages_project_idx').on('source_storages').columns(['project_id', 'id']).execute();

  await s.createTable('source_storage_objects')
    .addColumn('storage_id', 'integer', (c) => c.notNull().references('source_storages.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('etag', 'text')
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('tasks', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('source_storage_objects_pk', ['storage_id', 'key'])
    .execute();
}
