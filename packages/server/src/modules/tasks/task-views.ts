import type { AnnotationRow, ReviewState, TaskRow } from '../../db/schema.js';

export interface TaskView {
  id: number;
  projectId: number;
  data: Record<string, unknown>;
  meta: Record<string, unknown>;
  annotationCount: number;
  isLabeled: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toTaskView(row: TaskRow): TaskView {
  return {
    id: row.id,
    projectId: row.project_id,
    data: JSON.parse(row.data) as Record<string, unknown>,
    meta: JSON.parse(row.meta) as Record<string, unknown>,
    annotationCount: row.annotation_count,
    isLabeled: row.is_labeled === 1,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * A task as an annotator may see it (blind labeling, hidden gold): the counts are of the caller's
 * own submitted annotation only, so they reveal neither others' work nor that a task is gold.
 */
export function ownTaskView(row: TaskRow, ownSubmitted: number): TaskView {
  return { ...toTaskView(row), annotationCount: ownSubmitted, isLabeled: ownSubmitted > 0 };
}

export interface AnnotationView {
  id: number;
  taskId: number;
  projectId: number;
  completedBy: number | null;
  result: Record<string, unknown>[];
  draft: boolean;
  version: number;
  leadTime: number | null;
  source: 'user' | 'import' | 'consensus';
  reviewState: ReviewState;
  createdAt: string;
  updatedAt: string;
}

export function toAnnotationView(row: AnnotationRow): AnnotationView {
  return {
    id: row.id,
    taskId: row.task_id,
    projectId: row.project_id,
    completedBy: row.completed_by,
    result: JSON.parse(row.result) as Record<string, unknown>[],
    draft: row.is_draft === 1,
    version: row.version,
    leadTime: row.lead_time,
    source: row.source,
    reviewState: row.review_state,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
