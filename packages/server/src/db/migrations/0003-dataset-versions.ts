import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Dialect } from '../database.js';

// WARNING: a migration that has shipped is never edited; add a new file instead.

/** Dataset versions (immutable exports with options, counts and checksum), and the index exports read tasks by. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const s = db.schema;
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  const idCol = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());

  await s.createTable('dataset_versions')
    .addColumn('id', id, idCol)
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    // The export job that writes the file; no foreign key, so pruning old jobs never touches versions.
    .addColumn('job_id', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('filter', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('counts', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('manifest_key', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint')
    .addColumn('sha256', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('completed_at', 'bigint')
    .execute();
  await s.createIndex('dataset_versions_project_idx').on('dataset_versions').columns(['project_id', 'id']).execute();

  // Exports (and the data manager's default sort) page through a project's tasks by id. Without
  // this index SQLite, having no statistics, takes tasks_labeled_idx for "project_id = ?" and sorts
  // the whole project for every page: quadratic over a million tasks.
  await s.createIndex('tasks_project_keyset_idx').on('tasks').columns(['project_id', 'id']).execute();
}
