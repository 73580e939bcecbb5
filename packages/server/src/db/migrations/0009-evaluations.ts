import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Dialect } from '../database.js';

// WARNING: a migration that has shipped is never edited; add a new file instead.

/**
 * Evaluation runs (算法测试, modules/evaluations): a model's predictions or an uploaded prediction
 * file against a project's accepted or gold annotations, computed by a job. The report JSON lives
 * in the blob store (`report_key`), the uploaded file too (`file_key`); the row keeps what lists show.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const s = db.schema;
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  const idCol = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());

  await s.createTable('evaluation_runs')
    .addColumn('id', id, idCol)
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('from_name', 'text', (c) => c.notNull())
    // JSON: {kind, label, modelVersionId?, modelVersion?, fileName?}
    .addColumn('source', 'text', (c) => c.notNull())
    // JSON: {minSupport, iouType?, nerMatch?}
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('slice_by', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('job_id', 'integer')
    .addColumn('error', 'text')
    // JSON string[]
    .addColumn('warnings', 'text', (c) => c.notNull().defaultTo('[]'))
    // JSON SliceHeadline, null until done
    .addColumn('headline', 'text')
    .addColumn('items', 'integer')
    .addColumn('report_key', 'text')
    .addColumn('file_key', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await s.createIndex('evaluation_runs_project_idx').on('evaluation_runs').columns(['project_id', 'id']).execute();
}
