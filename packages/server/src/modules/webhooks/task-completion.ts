import type { AppContext } from '../../context.js';
import { qualitySettingsOf } from '../quality/quality-settings.js';
import { noSubmissions, taskState, type TaskFacts } from '../workflow/task-state.js';

/** True when the task's workflow state is `done` (see workflow/task-state.ts). */
export async function taskIsDone(ctx: AppContext, taskId: number): Promise<boolean> {
  const db = ctx.db.kysely;
  const task = await db
    .selectFrom('tasks as t')
    .innerJoin('projects as p', 'p.id', 't.project_id')
    .select(['p.overlap', 'p.quality_settings'])
    .where('t.id', '=', taskId)
    .executeTakeFirst();
  if (!task) return false;
  const [annotations, locks] = await Promise.all([
    db.selectFrom('annotations').select(['is_draft', 'review_state']).where('task_id', '=', taskId).where('source', '<>', 'consensus').execute(),
    db.selectFrom('task_locks').select('user_id').where('task_id', '=', taskId).where('expires_at', '>', ctx.now()).execute(),
  ]);
  const facts: TaskFacts = { overlap: task.overlap, reviewRequired: qualitySettingsOf(task).reviewRequired, submitted: noSubmissions(), drafts: 0, locks: locks.length };
  for (const a of annotations) {
    if (a.is_draft === 1) facts.drafts += 1;
    else facts.submitted[a.review_state] += 1;
  }
  return taskState(facts) === 'done';
}
