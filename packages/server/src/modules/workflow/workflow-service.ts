import { scopeProject, scopeTask } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { ReviewState } from '../../db/schema.js';
import { qualitySettingsOf } from '../quality/quality-settings.js';
import { ASSIGNMENT_EXPIRES_AT } from '../tasks/task-slots.js';
import { TASK_STATES, noSubmissions, taskState, type TaskFacts, type TaskState } from './task-state.js';

export interface WorkflowSummary {
  tasks: Record<TaskState, number>;
  annotations: Record<ReviewState | 'draft', number>;
  reviewRequired: boolean;
}

/** How many tasks are in each workflow state, and annotations in each review state (reviewers and managers). */
export async function workflowSummary(ctx: AppContext, actor: Actor, projectId: number): Promise<WorkflowSummary> {
  const { project } = await scopeProject(ctx, actor, projectId, 'reviewer');
  const { reviewRequired } = qualitySettingsOf(project);
  const db = ctx.db.kysely;
  const now = ctx.now();
  const [taskCount, grouped, locked] = await Promise.all([
    db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow(),
    db
      .selectFrom('annotations')
      .select((eb) => ['task_id', 'review_state', 'is_draft', eb.fn.countAll<number>().as('n')])
      .where('project_id', '=', projectId)
      .where('source', '<>', 'consensus')
      .groupBy(['task_id', 'review_state', 'is_draft'])
      .execute(),
    db.selectFrom('task_locks').select('task_id').distinct().where('project_id', '=', projectId).where('expires_at', '>', now).execute(),
  ]);
  const facts = new Map<number, TaskFacts>();
  const factsOf = (taskId: number) => {
    let f = facts.get(taskId);
    if (!f) facts.set(taskId, (f = { overlap: project.overlap, reviewRequired, submitted: noSubmissions(), drafts: 0, locks: 0 }));
    return f;
  };
  const annotations: WorkflowSummary['annotations'] = { draft: 0, ...noSubmissions() };
  for (const row of grouped) {
    const n = Number(row.n);
    const f = factsOf(row.task_id);
    if (row.is_draft === 1) {
      f.drafts += n;
      annotations.draft += n;
    } else {
      f.submitted[row.review_state] += n;
      annotations[row.review_state] += n;
    }
  }
  for (const { task_id } of locked) factsOf(task_id).locks += 1;
  const tasks = Object.fromEntries(TASK_STATES.map((s) => [s, 0])) as Record<TaskState, number>;
  for (const f of facts.values()) tasks[taskState(f)] += 1;
  tasks.to_do += Number(taskCount.n) - facts.size;
  return { tasks, annotations, reviewRequired };
}

export interface TaskWorkflow {
  taskId: number;
  state: TaskState;
  overlap: number;
  annotations: { id: number; completedBy: number | null; source: string; draft: boolean; reviewState: ReviewState; version: number; reviews: number }[];
  locks: { userId: number; assignment: boolean; expiresAt: string | null }[];
}

/** One task's workflow state with its annotations' review states and who holds it (reviewers and managers). */
export async function taskWorkflow(ctx: AppContext, actor: Actor, taskId: number): Promise<TaskWorkflow> {
  const { project } = await scopeTask(ctx, actor, taskId, 'reviewer');
  const db = ctx.db.kysely;
  const now = ctx.now();
  const [annotations, locks] = await Promise.all([
    db
      .selectFrom('annotations as a')
      .select((eb) => ['a.id', 'a.completed_by', 'a.source', 'a.is_draft', 'a.review_state', 'a.version', eb.selectFrom('reviews as r').select(eb.fn.countAll<number>().as('n')).whereRef('r.annotation_id', '=', 'a.id').as('reviews')])
      .where('a.task_id', '=', taskId)
      .orderBy('a.id')
      .execute(),
    db.selectFrom('task_locks').select(['user_id', 'expires_at']).where('task_id', '=', taskId).where('expires_at', '>', now).orderBy('user_id').execute(),
  ]);
  const facts: TaskFacts = { overlap: project.overlap, reviewRequired: qualitySettingsOf(project).reviewRequired, submitted: noSubmissions(), drafts: 0, locks: locks.length };
  for (const a of annotations) {
    if (a.source === 'consensus') continue;
    if (a.is_draft === 1) facts.drafts += 1;
    else facts.submitted[a.review_state] += 1;
  }
  return {
    taskId,
    state: taskState(facts),
    overlap: project.overlap,
    annotations: annotations.map((a) => ({ id: a.id, completedBy: a.completed_by, source: a.source, draft: a.is_draft === 1, reviewState: a.review_state, version: a.version, reviews: Number(a.reviews ?? 0) })),
    locks: locks.map((l) => {
      const assignment = l.expires_at >= ASSIGNMENT_EXPIRES_AT;
      return { userId: l.user_id, assignment, expiresAt: assignment ? null : new Date(l.expires_at).toISOString() };
    }),
  };
}
