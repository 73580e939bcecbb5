import type { ResultItem } from '@laoshi/core';
import type { AppContext } from '../../context.js';

/** A submitted annotation as the quality reports read it. */
export interface SubmittedAnnotation {
  id: number;
  taskId: number;
  userId: number;
  result: ResultItem[];
}

const PAGE = 5000;

/**
 * Every submitted annotation of the project by a known annotator (drafts, consensus and imports
 * without an annotator left out), grouped by task in task id order. Results passed
 * validateResult when saved, so they are read as ResultItems.
 * WARNING: holds the project's annotations in memory; fine for reports on projects of up to a
 * few hundred thousand annotations.
 */
export async function submittedByTask(ctx: AppContext, projectId: number): Promise<Map<number, SubmittedAnnotation[]>> {
  const byTask = new Map<number, SubmittedAnnotation[]>();
  let after = 0;
  for (;;) {
    const rows = await ctx.db.kysely
      .selectFrom('annotations')
      .select(['id', 'task_id', 'completed_by', 'result'])
      .where('project_id', '=', projectId)
      .where('is_draft', '=', 0)
      .where('completed_by', 'is not', null)
      .where('source', '<>', 'consensus')
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const r of rows) {
      const list = byTask.get(r.task_id) ?? [];
      list.push({ id: r.id, taskId: r.task_id, userId: r.completed_by!, result: JSON.parse(r.result) as ResultItem[] });
      byTask.set(r.task_id, list);
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  return new Map([...byTask].sort((a, b) => a[0] - b[0]));
}

export interface PersonView {
  id: number;
  name: string;
  email: string;
}

/** Names and e-mails of the given users. */
export async function peopleOf(ctx: AppContext, ids: readonly number[]): Promise<Map<number, PersonView>> {
  const people = new Map<number, PersonView>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await ctx.db.kysely.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) people.set(r.id, r);
  }
  return people;
}

/**
 * Each task's consensus result: the consensus annotation where one was saved (adjudication or
 * "consensus as annotation"), else the newest consensus prediction.
 */
export async function consensusByTask(ctx: AppContext, projectId: number): Promise<Map<number, ResultItem[]>> {
  const out = new Map<number, ResultItem[]>();
  const predictions = await ctx.db.kysely
    .selectFrom('predictions')
    .select(['task_id', 'result'])
    .where('project_id', '=', projectId)
    .where('model_version', 'like', 'consensus:%')
    .orderBy('id')
    .execute();
  for (const p of predictions) out.set(p.task_id, JSON.parse(p.result) as ResultItem[]);
  const annotations = await ctx.db.kysely.selectFrom('annotations').select(['task_id', 'result']).where('project_id', '=', projectId).where('source', '=', 'consensus').orderBy('id').execute();
  for (const a of annotations) out.set(a.task_id, JSON.parse(a.result) as ResultItem[]);
  return out;
}

