import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Dialect } from '../database.js';

// WARNING: a migration that has shipped is never edited; add a new file instead.

/** The first schema: organizations, users, auth, projects, tasks, annotations, predictions, audit. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const s = db.schema;
  // One auto-increment id column type per dialect; everything else is portable.
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  const idCol = (c: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement();

  await s.createTable('organizations')
    .addColumn('id', id, idCol)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await s.createTable('users')
    .addColumn('id', id, idCol)
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('org_role', 'text', (c) => c.notNull())
    .addColumn('is_superuser', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_login_at', 'bigint')
    .execute();
  await s.createIndex('users_org_idx').on('users').columns(['organization_id', 'id']).execute();

  await s.createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await s.createTable('api_tokens')
    .addColumn('id', id, idCol)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();
  await s.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();

  await s.createTable('projects')
    .addColumn('id', id, idCol)
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('label_config', 'text', (c) => c.notNull())
    .addColumn('label_config_xml', 'text')
    .addColumn('overlap', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('projects_org_idx').on('projects').columns(['organization_id', 'id']).execute();

  await s.createTable('project_members')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_members_pk', ['project_id', 'user_id'])
    .execute();
  await s.createIndex('project_members_user_idx').on('project_members').column('user_id').execute();

  await s.createTable('tasks')
    .addColumn('id', id, idCol)
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('annotation_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_labeled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // The queue scans the open tasks of one project in id order; counts use is_labeled.
  await s.createIndex('tasks_queue_idx').on('tasks').columns(['project_id', 'is_open', 'id']).execute();
  await s.createIndex('tasks_labeled_idx').on('tasks').columns(['project_id', 'is_labeled']).execute();

  await s.createTable('task_locks')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_locks_pk', ['task_id', 'user_id'])
    .execute();
  await s.createIndex('task_locks_user_idx').on('task_locks').columns(['project_id', 'user_id']).execute();
  await s.createIndex('task_locks_expiry_idx').on('task_locks').columns(['project_id', 'expires_at']).execute();

  await s.createTable('annotations')
    .addColumn('id', id, idCol)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('completed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('is_draft', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('lead_time', 'real')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('user'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // One annotation per annotator per task (NULL annotators — imports — are distinct in both dialects).
  await s.createIndex('annotations_task_user_uq').on('annotations').columns(['task_id', 'completed_by']).unique().execute();
  await s.createIndex('annotations_user_idx').on('annotations').columns(['project_id', 'completed_by', 'is_draft']).execute();

  await s.createTable('predictions')
    .addColumn('id', id, idCol)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('score', 'real')
    .addColumn('model_version', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('predictions_task_idx').on('predictions').column('task_id').execute();

  await s.createTable('audit_events')
    .addColumn('id', id, idCol)
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer')
    .addColumn('actor_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'integer')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('audit_org_idx').on('audit_events').columns(['organization_id', 'id']).execute();
  await s.createIndex('audit_project_idx').on('audit_events').columns(['project_id', 'id']).execute();

  await s.createTable('idempotency_keys')
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute();
  await s.createIndex('idempotency_created_idx').on('idempotency_keys').column('created_at').execute();
}
