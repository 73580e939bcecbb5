import type { Annotation, ResultItem, Task } from '../api/api-types.js';

// The shapes of the quality API (see /api/openapi.json, tags reviews, gold, quality, webhooks).

export type ReviewState = 'pending' | 'in_review' | 'accepted' | 'rejected';

/** An annotation as the quality screens read it (the API sends its review state too). */
export interface ReviewedAnnotation extends Annotation {
  reviewState: ReviewState;
}

export interface ReviewComment {
  regionId: string | null;
  text: string;
}

export interface Review {
  id: number;
  annotationId: number;
  taskId: number;
  reviewerId: number;
  action: 'accept' | 'reject';
  reason: string;
  comments: ReviewComment[];
  annotationVersion: number;
  edited: boolean;
  resultBefore: ResultItem[] | null;
  createdAt: string;
}

export interface ReviewItem {
  annotation: ReviewedAnnotation;
  task: Task;
  reviews: Review[];
}

export interface ReviewOutcome {
  reviewId: number;
  reviewState: 'accepted' | 'rejected';
  version: number;
}

export interface AgreementReport {
  metric: string;
  level: string | null;
  weights: string | null;
  fromName: string;
  threshold: number | null;
  spanMatch: string | null;
  value: number | null;
  items: number;
  raters: number;
  pairable: number;
  aggregate: string;
  note: string | null;
  perLabel: { label: string | number; value: number | null; support: number }[];
  pairs: { annotators: [number, number]; value: number | null; items: number }[];
  matrix: { annotators: { id: number; name: string; email: string }[]; values: (number | null)[][] };
  disagreements: { taskId: number; annotationIds: number[]; annotators: number[]; disagreement: number }[];
}

export interface AnnotatorStats {
  userId: number;
  name: string;
  email: string;
  tasksDone: number;
  timeSpentSeconds: number;
  timedTasks: number;
  throughputPerHour: number | null;
  reviewed: number;
  rejectionRate: number | null;
  firstPassAcceptanceRate: number | null;
  goldScored: number;
  goldAccuracy: number | null;
  agreement: number | null;
  agreementMetric: string | null;
  consensusAgreement: number | null;
}

export interface AnnotatorActivity {
  userId: number;
  name: string;
  email: string;
  activeSeconds: number;
  sessions: number;
  submitted: number;
  tasksPerHour: number | null;
  regions: number;
  regionsPerHour: number | null;
  labels: { label: string; regions: number; regionsPerHour: number | null }[];
}

export interface GoldTask {
  taskId: number;
  annotationId: number;
  createdAt: string;
  scored: number;
  meanScore: number | null;
}

export interface GoldScore {
  annotationId: number;
  taskId: number;
  userId: number;
  goldAnnotationId: number;
  score: number | null;
  controls: Record<string, unknown>[];
  scoredAt: string;
}

export interface TaskWorkflow {
  taskId: number;
  state: string;
  overlap: number;
  annotations: { id: number; completedBy: number | null; source: string; draft: boolean; reviewState: ReviewState; version: number; reviews: number }[];
  locks: { userId: number; assignment: boolean; expiresAt: string | null }[];
}

export interface ReworkItem {
  annotationId: number;
  taskId: number;
  version: number;
  result: ResultItem[];
  rejection: { reviewId: number; reviewerId: number; reviewerName: string; reason: string; comments: ReviewComment[]; createdAt: string } | null;
}

export const WEBHOOK_EVENTS = ['annotation.created', 'annotation.updated', 'annotation.submitted', 'annotation.reviewed', 'task.completed', 'export.ready'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface Webhook {
  id: number;
  projectId: number;
  url: string;
  events: WebhookEvent[];
  description: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  /** Only in the answer that created the webhook or rotated its secret. */
  secret?: string;
}

export interface WebhookDelivery {
  id: number;
  webhookId: number;
  event: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}
