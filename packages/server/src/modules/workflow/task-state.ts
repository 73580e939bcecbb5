import type { ReviewState } from '../../db/schema.js';

/** Where a task stands in the workflow; see `taskState` for the rules. */
export const TASK_STATES = ['to_do', 'in_progress', 'submitted', 'in_review', 'accepted', 'rejected', 'done'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** What decides a task's state: its submitted annotations by review state, drafts and live locks. */
export interface TaskFacts {
  overlap: number;
  reviewRequired: boolean;
  submitted: Record<ReviewState, number>;
  drafts: number;
  locks: number;
}

export const noSubmissions = (): Record<ReviewState, number> => ({ pending: 0, in_review: 0, accepted: 0, rejected: 0 });

/**
 * The task's workflow state, first rule that holds: `rejected` while any annotation waits for
 * rework; `in_review` while a reviewer holds one; `done` once it has `overlap` submissions and
 * (when review is required) all are accepted; `submitted` when it has them but some wait for
 * review; `accepted` when every submission so far is accepted but more annotators are due;
 * `in_progress` once anyone started (a lock, a draft or a submission); else `to_do`.
 */
export function taskState(facts: TaskFacts): TaskState {
  const { pending, in_review, accepted, rejected } = facts.submitted;
  const total = pending + in_review + accepted + rejected;
  if (rejected > 0) return 'rejected';
  if (in_review > 0) return 'in_review';
  if (total >= facts.overlap) return !facts.reviewRequired || accepted === total ? 'done' : 'submitted';
  if (total > 0 && pending === 0) return 'accepted';
  if (total > 0 || facts.drafts > 0 || facts.locks > 0) return 'in_progress';
  return 'to_do';
}
