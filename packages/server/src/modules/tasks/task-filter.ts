import { Type, type Static } from 'typebox';
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import { badRequest } from '../../errors.js';

/** The data manager's filters, shared by the task list and by exports of a filtered subset. */
export const TaskFilterQuery = Type.Object({
  labeled: Type.Optional(Type.Boolean({ description: 'only tasks that reached (true) or did not reach (false) the overlap' })),
  annotator: Type.Optional(Type.Integer({ minimum: 1, description: 'only tasks this user submitted an annotation for' })),
  minAnnotations: Type.Optional(Type.Integer({ minimum: 0 })),
  maxAnnotations: Type.Optional(Type.Integer({ minimum: 0 })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'substring of the task data' })),
  ids: Type.Optional(Type.String({ maxLength: 10_000, pattern: '^\\d+(,\\d+)*$', description: 'comma-separated task ids' })),
  reviewState: Type.Optional(
    Type.Union([Type.Literal('pending'), Type.Literal('in_review'), Type.Literal('accepted'), Type.Literal('rejected')], { description: 'only tasks with a submitted annotation in this review state (e.g. rejected: rework outstanding)' }),
  ),
});
export type TaskFilter = Static<typeof TaskFilterQuery>;

export const TaskSortKeys = ['id', '-id', 'annotations', '-annotations', 'updated', '-updated'] as const;
export type TaskSort = (typeof TaskSortKeys)[number];

type TaskQuery = SelectQueryBuilder<Database, 'tasks', object>;

/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Narrows a query over `tasks` (already limited to one project) by the data-manager filter. */
export function applyTaskFilter<Q extends TaskQuery>(query: Q, filter: TaskFilter): Q {
  let q = query as TaskQuery;
  if (filter.labeled !== undefined) q = q.where('tasks.is_labeled', '=', filter.labeled ? 1 : 0);
  if (filter.minAnnotations !== undefined) q = q.where('tasks.annotation_count', '>=', filter.minAnnotations);
  if (filter.maxAnnotations !== undefined) q = q.where('tasks.annotation_count', '<=', filter.maxAnnotations);
  // Case-insensitive on both dialects (SQLite's LIKE is, PostgreSQL's is not); ESCAPE makes \% and \_ literal.
  if (filter.q !== undefined) q = q.where(sql<boolean>`lower(tasks.data) like lower(${likePattern(filter.q)}) escape '\\'`);
  if (filter.annotator !== undefined) {
    const userId = filter.annotator;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('annotations').select('annotations.id').whereRef('annotations.task_id', '=', 'tasks.id').where('annotations.completed_by', '=', userId).where('annotations.is_draft', '=', 0)),
    );
  }
  if (filter.reviewState !== undefined) {
    const state = filter.reviewState;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('annotations').select('annotations.id').whereRef('annotations.task_id', '=', 'tasks.id').where('annotations.review_state', '=', state).where('annotations.is_draft', '=', 0)),
    );
  }
  if (filter.ids !== undefined) {
    const ids = filter.ids.split(',').map(Number);
    if (ids.length > 1000) throw badRequest('at most 1000 ids', 'ids');
    q = q.where('tasks.id', 'in', ids);
  }
  return q as Q;
}
