import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { badRequest } from '../../errors.js';
import { applyTaskFilter, type TaskFilter, type TaskSort } from './task-filter.js';
import { toTaskView, type TaskView } from './task-views.js';

// The data manager's list: filters, a sort, and a keyset cursor (sort value + id), so page 10,000 of a
// million-task project costs what page 1 costs (indexes tasks_*_sort_idx cover every sort).

const COLUMN = { id: 'tasks.id', annotations: 'tasks.annotation_count', updated: 'tasks.updated_at' } as const;

interface Keyset {
  value: number;
  id: number;
}

function encodeKeyset(sort: TaskSort, k: Keyset): string {
  return Buffer.from(`${sort}:${k.value}:${k.id}`).toString('base64url');
}

function decodeKeyset(sort: TaskSort, cursor: string | undefined): Keyset | null {
  if (!cursor) return null;
  const match = /^(-?[a-z]+):(\d{1,16}):(\d{1,12})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match || match[1] !== sort) throw badRequest('cursor is not valid for this sort', 'cursor');
  return { value: Number(match[2]), id: Number(match[3]) };
}

export interface TaskListQuery extends TaskFilter {
  limit?: number;
  cursor?: string;
  sort?: TaskSort;
}

/** One page of a project's tasks for reviewers and managers, filtered and sorted. */
export async function listTasks(ctx: AppContext, actor: Actor, projectId: number, query: TaskListQuery): Promise<{ items: TaskView[]; nextCursor: string | null }> {
  await scopeProject(ctx, actor, projectId, 'reviewer');
  const sort = query.sort ?? 'id';
  const limit = query.limit ?? 100;
  const desc = sort.startsWith('-');
  const column = COLUMN[(desc ? sort.slice(1) : sort) as keyof typeof COLUMN];
  const after = decodeKeyset(sort, query.cursor);
  const dir = desc ? 'desc' : 'asc';

  let q = applyTaskFilter(ctx.db.kysely.selectFrom('tasks').selectAll('tasks').where('tasks.project_id', '=', projectId), query);
  if (after) {
    const op = desc ? '<' : '>';
    q = column === 'tasks.id' ? q.where('tasks.id', op, after.id) : q.where((eb) => eb(eb.refTuple(column, 'tasks.id'), op, eb.tuple(after.value, after.id)));
  }
  if (column !== 'tasks.id') q = q.orderBy(column, dir);
  const rows = await q.orderBy('tasks.id', dir).limit(limit + 1).execute();

  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  const value = (row: (typeof rows)[number]) => (column === 'tasks.annotation_count' ? row.annotation_count : column === 'tasks.updated_at' ? row.updated_at : row.id);
  return { items: page.map(toTaskView), nextCursor: more && last ? encodeKeyset(sort, { value: value(last), id: last.id }) : null };
}
