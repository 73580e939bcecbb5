import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Dialect } from '../database.js';

// WARNING: a migration that has shipped is never edited; add a new file instead.

/**
 * The model loop: model backends (Label Studio ML-backend protocol), built-in model versions with
 * their weights in the blob store, uploaded ONNX feature models, each task's latest class
 * probabilities (the active-learning order reads them) and the per-project queue order.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const s = db.schema;
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  const idCol = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());

  await s.createTable('model_backends')
    .addColumn('id', id, idCol)
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    // Secrets are sealed with the instance secret (modules/models/secret-box.ts); null when unset.
    .addColumn('auth_header', 'text')
    .addColumn('access_token', 'text')
    .addColumn('extra_params', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('interactive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('model_version', 'text')
    .addColumn('last_status', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_checked_at', 'bigint')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('model_backends_project_idx').on('model_backends').columns(['project_id', 'id']).execute();

  await s.createTable('model_files')
    .addColumn('id', id, idCol)
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('model_files_project_idx').on('model_files').columns(['project_id', 'id']).execute();

  await s.createTable('model_versions')
    .addColumn('id', id, idCol)
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('job_id', 'integer')
    .addColumn('from_name', 'text', (c) => c.notNull())
    .addColumn('to_name', 'text', (c) => c.notNull())
    .addColumn('labels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('metrics', 'text')
    .addColumn('curve', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('validation_task_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('weights_key', 'text')
    .addColumn('feature_file_id', 'integer')
    .addColumn('error', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('completed_at', 'bigint')
    .execute();
  await s.createIndex('model_versions_number_idx').on('model_versions').columns(['project_id', 'number']).unique().execute();

  // One row per task: the class probabilities of the latest model that predicted it, and the three
  // uncertainty scores precomputed so the queue can order open tasks by an indexed column.
  await s.createTable('task_uncertainty')
    .addColumn('task_id', 'integer', (c) => c.primaryKey().references('tasks.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('probabilities', 'text', (c) => c.notNull())
    .addColumn('least_confidence', 'double precision', (c) => c.notNull())
    .addColumn('margin', 'double precision', (c) => c.notNull())
    .addColumn('entropy', 'double precision', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  for (const column of ['least_confidence', 'margin', 'entropy']) {
    await s.createIndex(`task_uncertainty_${column}_idx`).on('task_uncertainty').columns(['project_id', column]).execute();
  }

  await s.createTable('model_settings')
    .addColumn('project_id', 'integer', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('queue_order', 'text', (c) => c.notNull().defaultTo('sequential'))
    .addColumn('random_seed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}
