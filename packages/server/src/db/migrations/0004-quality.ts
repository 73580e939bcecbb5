import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

// WARNING: a migration that has shipped is never edited; add a new file instead.

/**
 * The quality workflow: review states and timing on annotations, quality settings and a gold
 * counter on projects, lock start times, reviews with their locks, gold answers and gold scores.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const s = db.schema;
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  const idCol = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());

  // JSON text, read with defaults by modules/quality/quality-settings.ts.
  await s.alterTable('projects').addColumn('quality_settings', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  // Gold tasks in the project: the queue and the submit path look for gold only when it is > 0.
  await s.alterTable('projects').addColumn('gold_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  // pending → in_review → accepted | rejected (rework) → pending …; drafts stay pending.
  await s.alterTable('annotations').addColumn('review_state', 'text', (c) => c.notNull().defaultTo('pending')).execute();
  await s.alterTable('annotations').addColumn('started_at', 'bigint').execute();
  await s.alterTable('annotations').addColumn('submitted_at', 'bigint').execute();
  await sql`update annotations set submitted_at = created_at where is_draft = 0`.execute(db);
  // Partial indexes hold only the rows the queues look for, so they stay small and exact.
  await s.createIndex('annotations_rework_idx').on('annotations').columns(['project_id', 'completed_by']).where(sql<boolean>`review_state = 'rejected'`).execute();
  await s.createIndex('annotations_review_queue_idx').on('annotations').columns(['project_id', 'id']).where(sql<boolean>`review_state = 'pending' and is_draft = 0`).execute();

  // When the lock was first handed out (null for an assignment until its annotator opens it).
  await s.alterTable('task_locks').addColumn('locked_at', 'bigint').execute();

  await s.createTable('reviews')
    .addColumn('id', id, idCol)
    .addColumn('annotation_id', 'integer', (c) => c.notNull().references('annotations.id').onDelete('cascade'))
    .addColumn('task_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('comments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('annotation_version', 'integer', (c) => c.notNull())
    .addColumn('result_before', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('reviews_annotation_idx').on('reviews').columns(['annotation_id', 'id']).execute();
  await s.createIndex('reviews_project_idx').on('reviews').columns(['project_id', 'id']).execute();

  await s.createTable('review_locks')
    .addColumn('annotation_id', 'integer', (c) => c.primaryKey().references('annotations.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('review_locks_reviewer_idx').on('review_locks').columns(['project_id', 'reviewer_id']).execute();
  await s.createIndex('review_locks_expiry_idx').on('review_locks').columns(['project_id', 'expires_at']).execute();

  await s.createTable('gold_tasks')
    .addColumn('task_id', 'integer', (c) => c.primaryKey().references('tasks.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('annotation_id', 'integer', (c) => c.notNull().unique().references('annotations.id').onDelete('cascade'))
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('gold_tasks_project_idx').on('gold_tasks').columns(['project_id', 'task_id']).execute();

  await s.createTable('gold_scores')
    .addColumn('annotation_id', 'integer', (c) => c.primaryKey().references('annotations.id').onDelete('cascade'))
    .addColumn('task_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('gold_annotation_id', 'integer', (c) => c.notNull().references('annotations.id').onDelete('cascade'))
    .addColumn('score', 'double precision')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('scored_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('gold_scores_user_idx').on('gold_scores').columns(['project_id', 'user_id']).execute();
  await s.createIndex('gold_scores_gold_idx').on('gold_scores').column('gold_annotation_id').execute();
}
